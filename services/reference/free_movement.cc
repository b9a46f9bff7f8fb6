// Who works in Italy without a residence permit: the free movement of workers of the EU, the
// EEA agreement (Iceland, Liechtenstein, Norway) and the EU-Switzerland agreement.
#include <optional>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/reference/code_lists.h"

namespace sisl::reference {
namespace {

struct Membership {
  absl::string_view citizenship;  // CO citizenship code
  absl::CivilDay from;
  std::optional<absl::CivilDay> to;  // last day, inclusive
};

constexpr absl::CivilDay kFounding(1958, 1, 1);

const Membership kMembers[] = {
    {"000", kFounding, std::nullopt},                      // Italy
    {"206", kFounding, std::nullopt},                      // Belgium
    {"215", kFounding, std::nullopt},                      // France
    {"216", kFounding, std::nullopt},                      // Germany
    {"226", kFounding, std::nullopt},                      // Luxembourg
    {"232", kFounding, std::nullopt},                      // Netherlands
    {"212", absl::CivilDay(1973, 1, 1), std::nullopt},     // Denmark
    {"221", absl::CivilDay(1973, 1, 1), std::nullopt},     // Ireland
    {"219", absl::CivilDay(1973, 1, 1), absl::CivilDay(2020, 12, 31)},  // United Kingdom
    {"220", absl::CivilDay(1981, 1, 1), std::nullopt},     // Greece
    {"234", absl::CivilDay(1986, 1, 1), std::nullopt},     // Portugal
    {"239", absl::CivilDay(1986, 1, 1), std::nullopt},     // Spain
    {"203", absl::CivilDay(1994, 1, 1), std::nullopt},     // Austria (EEA, then EU 1995)
    {"214", absl::CivilDay(1994, 1, 1), std::nullopt},     // Finland
    {"240", absl::CivilDay(1994, 1, 1), std::nullopt},     // Sweden
    {"223", absl::CivilDay(1994, 1, 1), std::nullopt},     // Iceland (EEA)
    {"231", absl::CivilDay(1994, 1, 1), std::nullopt},     // Norway (EEA)
    {"225", absl::CivilDay(1995, 5, 1), std::nullopt},     // Liechtenstein (EEA)
    {"241", absl::CivilDay(2002, 6, 1), std::nullopt},     // Switzerland (agreement in force)
    {"233", absl::CivilDay(2004, 5, 1), std::nullopt},     // Poland
    {"244", absl::CivilDay(2004, 5, 1), std::nullopt},     // Hungary
    {"247", absl::CivilDay(2004, 5, 1), std::nullopt},     // Estonia
    {"248", absl::CivilDay(2004, 5, 1), std::nullopt},     // Latvia
    {"249", absl::CivilDay(2004, 5, 1), std::nullopt},     // Lithuania
    {"251", absl::CivilDay(2004, 5, 1), std::nullopt},     // Slovenia
    {"255", absl::CivilDay(2004, 5, 1), std::nullopt},     // Slovakia
    {"257", absl::CivilDay(2004, 5, 1), std::nullopt},     // Czechia
    {"227", absl::CivilDay(2004, 5, 1), std::nullopt},     // Malta
    {"315", absl::CivilDay(2004, 5, 1), std::nullopt},     // Cyprus
    {"209", absl::CivilDay(2007, 1, 1), std::nullopt},     // Bulgaria
    {"235", absl::CivilDay(2007, 1, 1), std::nullopt},     // Romania
    {"250", absl::CivilDay(2013, 7, 1), std::nullopt},     // Croatia
};

}  // namespace

bool IsFreeMovementCitizenship(absl::string_view citizenship, absl::CivilDay day) {
  for (const Membership& m : kMembers) {
    if (m.citizenship != citizenship) continue;
    return day >= m.from && (!m.to || day <= *m.to);
  }
  return false;
}

}  // namespace sisl::reference
