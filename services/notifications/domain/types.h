// The vocabulary of notifications: what is sent (message types), how (channels) and in which
// language. Pure names and parsing; the templates live in services/notifications/templates/.
#ifndef SISL_SERVICES_NOTIFICATIONS_DOMAIN_TYPES_H_
#define SISL_SERVICES_NOTIFICATIONS_DOMAIN_TYPES_H_

#include <array>
#include <optional>

#include "absl/strings/string_view.h"

namespace sisl::notifications {

enum class MessageType {
  kAppointmentConfirmation,
  kAppointmentMoved,
  kAppointmentCancelled,
  kAppointmentReminder,
  kProposalReceived,
  kProfileExpiring,
  kCommunicationReceipt,
};
inline constexpr std::array<MessageType, 7> kAllMessageTypes = {
    MessageType::kAppointmentConfirmation, MessageType::kAppointmentMoved,
    MessageType::kAppointmentCancelled,    MessageType::kAppointmentReminder,
    MessageType::kProposalReceived,        MessageType::kProfileExpiring,
    MessageType::kCommunicationReceipt,
};

enum class Channel { kEmail, kSms, kAppIo };
inline constexpr std::array<Channel, 3> kAllChannels = {Channel::kEmail, Channel::kSms,
                                                        Channel::kAppIo};

enum class Language { kItalian, kEnglish, kFrench, kArabic };
inline constexpr std::array<Language, 4> kAllLanguages = {Language::kItalian, Language::kEnglish,
                                                          Language::kFrench, Language::kArabic};

// The parts of a message, one template file each: `<type>.<language>.<part>`.
enum class Part { kSubject, kText, kHtml, kSms, kMarkdown };
inline constexpr std::array<Part, 5> kAllParts = {Part::kSubject, Part::kText, Part::kHtml,
                                                  Part::kSms, Part::kMarkdown};

// "appointment_confirmation", ... (the template files' prefix and the idempotency keys' word).
absl::string_view MessageTypeName(MessageType type);
std::optional<MessageType> MessageTypeFromName(absl::string_view name);

// "email", "sms", "app_io".
absl::string_view ChannelName(Channel channel);
std::optional<Channel> ChannelFromName(absl::string_view name);

// ISO 639-1: "it", "en", "fr", "ar".
absl::string_view LanguageCode(Language language);
// Any spelling of a supported language ("EN", "en-GB", "fr_FR", "ar-MA") is that language;
// anything else, the empty string included, is Italian.
Language LanguageFromTag(absl::string_view tag);
// Right-to-left script (Arabic).
bool IsRightToLeft(Language language);

// "subject", "txt", "html", "sms", "md": the template files' suffix.
absl::string_view PartSuffix(Part part);
std::optional<Part> PartFromSuffix(absl::string_view suffix);

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_DOMAIN_TYPES_H_
