#include "services/enterprise/app/deps.h"

#include "absl/time/time.h"

namespace sisl::enterprise {

absl::CivilDay TodayInItaly(const platform::Clock& clock) {
  static const absl::TimeZone kRome = [] {
    absl::TimeZone zone;
    // Without tzdata the UTC fallback is at most one hour off around midnight; the module's
    // start-up check refuses to run without it (enterprise_module.cc).
    if (!absl::LoadTimeZone("Europe/Rome", &zone)) zone = absl::UTCTimeZone();
    return zone;
  }();
  return absl::ToCivilDay(clock.Now(), kRome);
}

}  // namespace sisl::enterprise
