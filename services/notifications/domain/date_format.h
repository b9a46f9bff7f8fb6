// Dates and times as people read them in each language, in the zone the caller gives (the
// module passes Europe/Rome): "lunedì 14 dicembre 2026, 10:30", "Monday 14 December 2026, 10:30",
// "lundi 14 décembre 2026 à 10:30", "الاثنين 14 ديسمبر 2026، 10:30" (Western digits), and the
// short forms for SMS, "14/12/2026 10:30", the same in every language.
#ifndef SISL_SERVICES_NOTIFICATIONS_DOMAIN_DATE_FORMAT_H_
#define SISL_SERVICES_NOTIFICATIONS_DOMAIN_DATE_FORMAT_H_

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/notifications/domain/types.h"

namespace sisl::notifications {

// The weekday, day, month and year: "lunedì 14 dicembre 2026".
std::string FormatLongDate(absl::CivilDay day, Language language);
// The long date and the time of day: "lunedì 14 dicembre 2026, 10:30".
std::string FormatLongDateTime(absl::Time time, absl::TimeZone zone, Language language);
// "10:30" (24-hour clock).
std::string FormatTimeOfDay(absl::Time time, absl::TimeZone zone);
// "14/12/2026".
std::string FormatShortDate(absl::CivilDay day);
// "14/12/2026 10:30".
std::string FormatShortDateTime(absl::Time time, absl::TimeZone zone);

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_DOMAIN_DATE_FORMAT_H_
