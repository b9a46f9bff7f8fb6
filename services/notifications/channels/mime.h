// The e-mail message itself (RFC 5322 + MIME), built by us rather than by the transport:
//   multipart/mixed                      only when there is an attachment
//     multipart/alternative
//       text/plain; charset=UTF-8        quoted-printable
//       text/html; charset=UTF-8         quoted-printable (left out when the html is empty)
//     <attachment>                       base64, Content-Disposition: attachment; filename=...
// Headers: From, To, Subject (RFC 2047 encoded words when not plain ASCII), Date, Message-ID
// (derived from the idempotency key, so a resend carries the same id), MIME-Version,
// Auto-Submitted and X-SISL-Idempotency-Key. No header value may hold CR, LF or NUL: such an
// e-mail is refused (INVALID_ARGUMENT HEADER_INJECTION), never folded into new headers.
#ifndef SISL_SERVICES_NOTIFICATIONS_CHANNELS_MIME_H_
#define SISL_SERVICES_NOTIFICATIONS_CHANNELS_MIME_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/notifications/domain/catalogue.h"

namespace sisl::notifications {

// An address with an optional display name (any UTF-8).
struct Mailbox {
  std::string address;       // "mario.rossi@example.it": ASCII, no spaces, one '@'
  std::string display_name;  // "Mario Rossi", "Regione Piemonte - SISL"; may be empty
};

struct Attachment {
  std::string filename;      // ASCII file name, e.g. "appuntamento.ics"
  std::string content_type;  // e.g. "text/calendar; method=REQUEST; charset=UTF-8"
  std::string content;       // the bytes, sent base64
};

inline constexpr char kCalendarContentType[] = "text/calendar; method=REQUEST; charset=UTF-8";

// The .ics of an appointment (booking's calendar file) as an attachment.
Attachment CalendarAttachment(std::string ics, std::string filename = "appuntamento.ics");

struct Email {
  Mailbox to;
  std::string subject;  // one line
  std::string text;     // the text/plain part (required)
  std::string html;     // the text/html part (may be empty)
  std::optional<Attachment> attachment;
  std::string idempotency_key;  // schedule.h's keys; required, becomes X-SISL-Idempotency-Key
};

// An e-mail of a rendered message (catalogue.h): its subject, text and html.
Email EmailFromRendered(const RenderedMessage& message, Mailbox to, std::string idempotency_key);

// The whole message, CRLF line endings, ready for SMTP DATA. `date` is the Date header.
// INVALID_ARGUMENT with reason HEADER_INJECTION (CR/LF/NUL in a header value, metadata `field`),
// INVALID_ADDRESS (from or to not a plain address), INVALID_EMAIL (no text, no key, an attachment
// without a name or content type, a file name that is not plain ASCII).
absl::StatusOr<std::string> BuildMimeMessage(const Email& email, const Mailbox& from,
                                             absl::Time date);

// The Message-ID of an e-mail: "<32 hex digits of SHA-256(key)@domain of from>".
std::string MessageIdFor(absl::string_view idempotency_key, absl::string_view from_address);

// The building blocks, exposed for tests.
// "user@domain": ASCII graphic characters, one '@', no specials, at most 254 characters.
absl::Status ValidateAddress(absl::string_view address, absl::string_view field);
// An unstructured header value (Subject): as it is when printable ASCII and short, otherwise
// RFC 2047 "=?UTF-8?B?...?=" words of at most 75 characters, folded with CRLF SP, never
// splitting a UTF-8 character.
std::string EncodeHeaderText(absl::string_view value);
// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: line breaks become CRLF, lines at most 76
// characters, '=' and non-ASCII as =XX, trailing spaces and a leading '.' encoded.
std::string QuotedPrintable(absl::string_view text);
// Base64 in lines of 76 characters, each ending in CRLF.
std::string Base64Lines(absl::string_view bytes);

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_CHANNELS_MIME_H_
