#include "services/booking/domain/ics.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace sisl::booking {
namespace {

constexpr size_t kMaxOctets = 75;

std::string UtcStamp(absl::Time t) {
  return absl::FormatTime("%Y%m%dT%H%M%SZ", t, absl::UTCTimeZone());
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// A URI value is not TEXT: it is written as is, minus control characters.
std::string CleanUri(absl::string_view uri) {
  std::string out;
  for (char c : uri) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7F) out.push_back(c);
  }
  return out;
}

}  // namespace

std::string EscapeIcsText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        if (i + 1 >= text.size() || text[i + 1] != '\n') out += "\\n";  // CRLF counts once
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out.push_back(c);
        break;  // other control characters are dropped
    }
  }
  return out;
}

std::string FoldIcsLine(absl::string_view line) {
  std::string out;
  size_t limit = kMaxOctets;  // the first physical line has no leading space
  while (line.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && IsContinuationByte(line[cut])) --cut;  // never split a UTF-8 sequence
    if (cut == 0) cut = limit;  // malformed input: a run of continuation bytes
    absl::StrAppend(&out, line.substr(0, cut), "\r\n ");
    line.remove_prefix(cut);
    limit = kMaxOctets - 1;  // continuation lines start with one space
  }
  absl::StrAppend(&out, line, "\r\n");
  return out;
}

std::string BuildIcs(const IcsEvent& event) {
  std::string out;
  auto add = [&out](absl::string_view name, absl::string_view value) {
    out += FoldIcsLine(absl::StrCat(name, ":", value));
  };
  add("BEGIN", "VCALENDAR");
  add("VERSION", "2.0");
  add("PRODID", "-//Regione Piemonte//SISL//IT");
  add("CALSCALE", "GREGORIAN");
  add("METHOD", event.cancelled ? "CANCEL" : "REQUEST");
  add("BEGIN", "VEVENT");
  add("UID", EscapeIcsText(event.uid));
  add("SEQUENCE", absl::StrCat(std::max(event.sequence, 0)));
  add("DTSTAMP", UtcStamp(event.stamp));
  add("DTSTART", UtcStamp(event.start));
  add("DTEND", UtcStamp(event.end));
  add("SUMMARY", EscapeIcsText(event.summary));
  if (!event.description.empty()) add("DESCRIPTION", EscapeIcsText(event.description));
  if (!event.location.empty()) add("LOCATION", EscapeIcsText(event.location));
  if (const std::string url = CleanUri(event.url); !url.empty()) add("URL", url);
  add("STATUS", event.cancelled ? "CANCELLED" : "CONFIRMED");
  add("END", "VEVENT");
  add("END", "VCALENDAR");
  return out;
}

}  // namespace sisl::booking
