#include "services/platform/ids.h"

#include <array>
#include <cstdint>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace sisl::platform {
namespace {

struct Generator {
  absl::Mutex mu;
  absl::BitGen bitgen ABSL_GUARDED_BY(mu);
  int64_t last_ms ABSL_GUARDED_BY(mu) = -1;
  // The 12-bit rand_a field, used as a monotonic counter within one ms.
  uint16_t counter ABSL_GUARDED_BY(mu) = 0;
};

Generator& TheGenerator() {
  static Generator* g = new Generator();
  return *g;
}

}  // namespace

std::string NewUuidV7(const Clock& clock) {
  int64_t ms = absl::ToUnixMillis(clock.Now());
  uint16_t counter;
  uint64_t rand_b;
  {
    Generator& g = TheGenerator();
    absl::MutexLock lock(&g.mu);
    if (ms <= g.last_ms) {
      ms = g.last_ms;  // clock went back or same ms: keep order with the counter
      if (++g.counter > 0x0fff) {
        ++ms;
        g.counter = absl::Uniform<uint16_t>(g.bitgen, 0, 0x07ff);
      }
    } else {
      g.counter = absl::Uniform<uint16_t>(g.bitgen, 0, 0x07ff);
    }
    g.last_ms = ms;
    counter = g.counter;
    rand_b = absl::Uniform<uint64_t>(g.bitgen);
  }
  std::array<uint8_t, 16> b{};
  for (int i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(ms >> (8 * (5 - i)));
  b[6] = static_cast<uint8_t>(0x70 | ((counter >> 8) & 0x0f));
  b[7] = static_cast<uint8_t>(counter & 0xff);
  for (int i = 0; i < 8; ++i) b[8 + i] = static_cast<uint8_t>(rand_b >> (8 * (7 - i)));
  b[8] = static_cast<uint8_t>(0x80 | (b[8] & 0x3f));  // RFC 9562 variant

  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0f]);
  }
  return out;
}

bool IsUuid(absl::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

}  // namespace sisl::platform
