#include "services/platform/clock.h"

namespace sisl::platform {

absl::CivilDay TodayInItaly(const Clock& clock) {
  static const absl::TimeZone kRome = [] {
    absl::TimeZone zone;
    if (!absl::LoadTimeZone("Europe/Rome", &zone)) zone = absl::UTCTimeZone();
    return zone;
  }();
  return absl::ToCivilDay(clock.Now(), kRome);
}

}  // namespace sisl::platform
