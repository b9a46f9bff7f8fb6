// RFC 5545 iCalendar for one appointment: structure, CRLF, escaping, folding, updates, CANCEL.

#include "services/booking/domain/ics.h"

#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sisl::booking {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

absl::Time Utc(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, 0), absl::UTCTimeZone());
}

IcsEvent Appointment() {
  IcsEvent e;
  e.uid = "apt-42@sisl.regione.piemonte.it";
  e.sequence = 3;
  e.start = Utc(2026, 3, 24, 8, 30);
  e.end = Utc(2026, 3, 24, 9, 0);
  e.stamp = Utc(2026, 3, 1, 10, 15);
  e.summary = "Primo colloquio DID";
  e.description = "Portare un documento d'identità";
  e.location = "CPI Torino";
  return e;
}

// The content lines, unfolded, without line breaks.
std::vector<std::string> ContentLines(const std::string& ics) {
  const std::string unfolded = absl::StrReplaceAll(ics, {{"\r\n ", ""}});
  std::vector<std::string> lines = absl::StrSplit(unfolded, "\r\n");
  EXPECT_EQ(lines.back(), "") << "the last line must end with CRLF";
  lines.pop_back();
  return lines;
}

// True when `s` is well-formed UTF-8 (no split or stray sequences).
bool ValidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80           ? 1
                     : (c >> 5) == 0x6  ? 2
                     : (c >> 4) == 0xE  ? 3
                     : (c >> 3) == 0x1E ? 4
                                        : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST(IcsTest, BuildsTheWholeCalendar) {
  EXPECT_EQ(BuildIcs(Appointment()),
            "BEGIN:VCALENDAR\r\n"
            "VERSION:2.0\r\n"
            "PRODID:-//Regione Piemonte//SISL//IT\r\n"
            "CALSCALE:GREGORIAN\r\n"
            "METHOD:REQUEST\r\n"
            "BEGIN:VEVENT\r\n"
            "UID:apt-42@sisl.regione.piemonte.it\r\n"
            "SEQUENCE:3\r\n"
            "DTSTAMP:20260301T101500Z\r\n"
            "DTSTART:20260324T083000Z\r\n"
            "DTEND:20260324T090000Z\r\n"
            "SUMMARY:Primo colloquio DID\r\n"
            "DESCRIPTION:Portare un documento d'identità\r\n"
            "LOCATION:CPI Torino\r\n"
            "STATUS:CONFIRMED\r\n"
            "END:VEVENT\r\n"
            "END:VCALENDAR\r\n");
}

TEST(IcsTest, EveryLineEndsWithCrlf) {
  IcsEvent e = Appointment();
  e.description = std::string(300, 'x') + "\nriga due";
  const std::string ics = BuildIcs(e);
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') {
      ASSERT_GT(i, 0u);
      EXPECT_EQ(ics[i - 1], '\r') << "bare LF at octet " << i;
    }
    if (ics[i] == '\r') {
      ASSERT_LT(i + 1, ics.size());
      EXPECT_EQ(ics[i + 1], '\n') << "bare CR at octet " << i;
    }
  }
  EXPECT_TRUE(ics.ends_with("END:VCALENDAR\r\n"));
}

TEST(IcsTest, EscapesText) {
  EXPECT_EQ(EscapeIcsText("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
  EXPECT_EQ(EscapeIcsText("uno\r\ndue\rtre"), "uno\\ndue\\ntre");
  EXPECT_EQ(EscapeIcsText("bell\x07"
                          "x\ttab"),
            "bellxtab");
  EXPECT_EQ(EscapeIcsText("Via Roma: 10 è ok"), "Via Roma: 10 è ok");

  IcsEvent e = Appointment();
  e.summary = "Colloquio; GOL, fase 1\\2";
  e.location = "Corso Savona 10/D, Moncalieri\nSecondo piano";
  e.uid = "apt;1,2";
  const std::vector<std::string> lines = ContentLines(BuildIcs(e));
  EXPECT_THAT(lines, Contains("SUMMARY:Colloquio\\; GOL\\, fase 1\\\\2"));
  EXPECT_THAT(lines, Contains("LOCATION:Corso Savona 10/D\\, Moncalieri\\nSecondo piano"));
  EXPECT_THAT(lines, Contains("UID:apt\\;1\\,2"));
}

TEST(IcsTest, FoldsAt75OctetsWithoutSplittingUtf8) {
  EXPECT_EQ(FoldIcsLine(std::string(75, 'a')), std::string(75, 'a') + "\r\n");
  EXPECT_EQ(FoldIcsLine(std::string(76, 'a')), std::string(75, 'a') + "\r\n a\r\n");
  // "è" is two octets: the one that would straddle octet 75 moves to the next line.
  EXPECT_EQ(FoldIcsLine(std::string(74, 'a') + "è"), std::string(74, 'a') + "\r\n è\r\n");

  IcsEvent e = Appointment();
  e.description.clear();
  for (int i = 0; i < 40; ++i) e.description += "è€😀a";  // 2, 3, 4 and 1 octets
  const std::string ics = BuildIcs(e);
  std::vector<std::string> physical = absl::StrSplit(ics, "\r\n");
  physical.pop_back();
  int continuations = 0;
  for (const std::string& line : physical) {
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_TRUE(ValidUtf8(line)) << "split UTF-8 sequence in: " << line;
    if (line.starts_with(" ")) ++continuations;
  }
  EXPECT_GE(continuations, 5);
  EXPECT_THAT(ContentLines(ics), Contains("DESCRIPTION:" + e.description));
}

TEST(IcsTest, UrlOnlyWhenSetAndNotEscaped) {
  EXPECT_THAT(BuildIcs(Appointment()), Not(HasSubstr("URL:")));
  IcsEvent e = Appointment();
  e.url = "https://meet.example.it/room?id=1;x=2,3\n";
  EXPECT_THAT(ContentLines(BuildIcs(e)), Contains("URL:https://meet.example.it/room?id=1;x=2,3"));
  e = Appointment();
  e.description.clear();
  e.location.clear();
  const std::string ics = BuildIcs(e);
  EXPECT_THAT(ics, Not(HasSubstr("DESCRIPTION")));
  EXPECT_THAT(ics, Not(HasSubstr("LOCATION")));
}

TEST(IcsTest, UpdatesKeepTheUidAndCarryTheSequence) {
  IcsEvent e = Appointment();
  e.sequence = 7;
  e.start = Utc(2026, 10, 26, 8, 0);  // moved, now at +01:00
  e.end = Utc(2026, 10, 26, 8, 45);
  const std::vector<std::string> lines = ContentLines(BuildIcs(e));
  EXPECT_THAT(lines, Contains("UID:apt-42@sisl.regione.piemonte.it"));
  EXPECT_THAT(lines, Contains("SEQUENCE:7"));
  EXPECT_THAT(lines, Contains("DTSTART:20261026T080000Z"));
  EXPECT_THAT(lines, Contains("DTEND:20261026T084500Z"));
  e.sequence = -2;
  EXPECT_THAT(ContentLines(BuildIcs(e)), Contains("SEQUENCE:0"));
}

TEST(IcsTest, CancelledEventUsesCancelMethodAndStatus) {
  IcsEvent e = Appointment();
  e.cancelled = true;
  e.sequence = 4;
  const std::vector<std::string> lines = ContentLines(BuildIcs(e));
  EXPECT_THAT(lines, Contains("METHOD:CANCEL"));
  EXPECT_THAT(lines, Contains("STATUS:CANCELLED"));
  EXPECT_THAT(lines, Contains("SEQUENCE:4"));
  EXPECT_THAT(lines, Contains("UID:apt-42@sisl.regione.piemonte.it"));
  EXPECT_THAT(lines, Not(Contains("METHOD:REQUEST")));
  EXPECT_THAT(lines, Not(Contains("STATUS:CONFIRMED")));
}

}  // namespace
}  // namespace sisl::booking
