#ifndef SISL_BOOKING_DOMAIN_ICS_H_
#define SISL_BOOKING_DOMAIN_ICS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sisl::booking {

// One appointment as an iCalendar event. `uid` stays the same for the life of the appointment
// and `sequence` grows with each change, so calendar clients update the event they already have.
struct IcsEvent {
  std::string uid;
  int sequence = 0;
  absl::Time start;
  absl::Time end;
  absl::Time stamp;  // when this version of the event was produced
  std::string summary;
  std::string description;
  std::string location;
  std::string url;  // optional, e.g. the video meeting link
  bool cancelled = false;
};

// An RFC 5545 VCALENDAR (VERSION 2.0, PRODID -//Regione Piemonte//SISL//IT, CALSCALE GREGORIAN,
// METHOD REQUEST, or CANCEL when cancelled) holding one VEVENT with UID, SEQUENCE, DTSTAMP,
// DTSTART, DTEND (UTC, YYYYMMDDTHHMMSSZ), SUMMARY, DESCRIPTION and LOCATION (when not empty),
// URL (when set) and STATUS CONFIRMED or CANCELLED. Lines end with CRLF and are folded at 75
// octets without splitting a UTF-8 sequence; TEXT values escape backslash, semicolon, comma and
// newlines, and drop other control characters.
std::string BuildIcs(const IcsEvent& event);

// The TEXT escaping of RFC 5545 section 3.3.11 (exposed for tests and other producers).
std::string EscapeIcsText(absl::string_view text);

// Folds one content line (without its line break) into CRLF-terminated physical lines of at most
// 75 octets each, continuation lines starting with a space (RFC 5545 section 3.1).
std::string FoldIcsLine(absl::string_view line);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_DOMAIN_ICS_H_
