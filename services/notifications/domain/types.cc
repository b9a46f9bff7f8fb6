#include "services/notifications/domain/types.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace sisl::notifications {

absl::string_view MessageTypeName(MessageType type) {
  switch (type) {
    case MessageType::kAppointmentConfirmation:
      return "appointment_confirmation";
    case MessageType::kAppointmentMoved:
      return "appointment_moved";
    case MessageType::kAppointmentCancelled:
      return "appointment_cancelled";
    case MessageType::kAppointmentReminder:
      return "appointment_reminder";
    case MessageType::kProposalReceived:
      return "proposal_received";
    case MessageType::kProfileExpiring:
      return "profile_expiring";
    case MessageType::kCommunicationReceipt:
      return "communication_receipt";
  }
  return "unknown";
}

std::optional<MessageType> MessageTypeFromName(absl::string_view name) {
  for (MessageType type : kAllMessageTypes) {
    if (MessageTypeName(type) == name) return type;
  }
  return std::nullopt;
}

absl::string_view ChannelName(Channel channel) {
  switch (channel) {
    case Channel::kEmail:
      return "email";
    case Channel::kSms:
      return "sms";
    case Channel::kAppIo:
      return "app_io";
  }
  return "unknown";
}

std::optional<Channel> ChannelFromName(absl::string_view name) {
  for (Channel channel : kAllChannels) {
    if (ChannelName(channel) == name) return channel;
  }
  return std::nullopt;
}

absl::string_view LanguageCode(Language language) {
  switch (language) {
    case Language::kItalian:
      return "it";
    case Language::kEnglish:
      return "en";
    case Language::kFrench:
      return "fr";
    case Language::kArabic:
      return "ar";
  }
  return "it";
}

Language LanguageFromTag(absl::string_view tag) {
  // The primary subtag of a BCP 47 tag (or a POSIX locale name), case-insensitively.
  absl::string_view primary = tag.substr(0, tag.find_first_of("-_"));
  std::string code = absl::AsciiStrToLower(absl::StripAsciiWhitespace(primary));
  for (Language language : kAllLanguages) {
    if (LanguageCode(language) == code) return language;
  }
  return Language::kItalian;
}

bool IsRightToLeft(Language language) { return language == Language::kArabic; }

absl::string_view PartSuffix(Part part) {
  switch (part) {
    case Part::kSubject:
      return "subject";
    case Part::kText:
      return "txt";
    case Part::kHtml:
      return "html";
    case Part::kSms:
      return "sms";
    case Part::kMarkdown:
      return "md";
  }
  return "txt";
}

std::optional<Part> PartFromSuffix(absl::string_view suffix) {
  for (Part part : kAllParts) {
    if (PartSuffix(part) == suffix) return part;
  }
  return std::nullopt;
}

}  // namespace sisl::notifications
