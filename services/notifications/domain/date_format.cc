#include "services/notifications/domain/date_format.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace sisl::notifications {
namespace {

// Monday first, as absl::Weekday.
constexpr const char* kWeekdays[4][7] = {
    {"lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"},
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
    {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
    {"الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"},
};

constexpr const char* kMonths[4][12] = {
    {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
     "ottobre", "novembre", "dicembre"},
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"},
    {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
     "octobre", "novembre", "décembre"},
    {"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
     "نوفمبر", "ديسمبر"},
};

int Index(Language language) {
  switch (language) {
    case Language::kItalian:
      return 0;
    case Language::kEnglish:
      return 1;
    case Language::kFrench:
      return 2;
    case Language::kArabic:
      return 3;
  }
  return 0;
}

}  // namespace

std::string FormatLongDate(absl::CivilDay day, Language language) {
  int l = Index(language);
  const char* weekday = kWeekdays[l][static_cast<int>(absl::GetWeekday(day))];
  const char* month = kMonths[l][day.month() - 1];
  // French writes the first of the month as an ordinal: "mardi 1er décembre 2026".
  std::string number = (language == Language::kFrench && day.day() == 1) ? std::string("1er")
                                                                         : absl::StrCat(day.day());
  return absl::StrCat(weekday, " ", number, " ", month, " ", day.year());
}

std::string FormatTimeOfDay(absl::Time time, absl::TimeZone zone) {
  absl::CivilMinute m = absl::ToCivilMinute(time, zone);
  return absl::StrFormat("%02d:%02d", m.hour(), m.minute());
}

std::string FormatLongDateTime(absl::Time time, absl::TimeZone zone, Language language) {
  std::string date = FormatLongDate(absl::ToCivilDay(time, zone), language);
  std::string clock = FormatTimeOfDay(time, zone);
  switch (language) {
    case Language::kFrench:
      return absl::StrCat(date, " à ", clock);
    case Language::kArabic:
      return absl::StrCat(date, "، ", clock);  // the Arabic comma
    default:
      return absl::StrCat(date, ", ", clock);
  }
}

std::string FormatShortDate(absl::CivilDay day) {
  return absl::StrFormat("%02d/%02d/%04d", day.day(), day.month(), day.year());
}

std::string FormatShortDateTime(absl::Time time, absl::TimeZone zone) {
  return absl::StrCat(FormatShortDate(absl::ToCivilDay(time, zone)), " ",
                      FormatTimeOfDay(time, zone));
}

}  // namespace sisl::notifications
