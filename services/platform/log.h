#ifndef SISL_PLATFORM_LOG_H_
#define SISL_PLATFORM_LOG_H_

#include "absl/strings/string_view.h"
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sisl::platform::log {

enum class Level { kDebug, kInfo, kWarn, kError };

using Fields = std::vector<std::pair<std::string, std::string>>;

// Sets up JSON-lines logging to stdout: one object per line with time, level, service,
// correlation_id (when set for this thread), message and the given fields, all masked.
void Init(absl::string_view service, Level min_level = Level::kInfo);
// Parses "debug", "info", "warn", "error".
bool ParseLevel(absl::string_view text, Level* level);

void Write(Level level, absl::string_view message, const Fields& fields = {});
inline void Debug(absl::string_view m, const Fields& f = {}) { Write(Level::kDebug, m, f); }
inline void Info(absl::string_view m, const Fields& f = {}) { Write(Level::kInfo, m, f); }
inline void Warn(absl::string_view m, const Fields& f = {}) { Write(Level::kWarn, m, f); }
inline void Error(absl::string_view m, const Fields& f = {}) { Write(Level::kError, m, f); }

// Replaces personal data with placeholders: anything shaped like an Italian fiscal code
// (codice fiscale, omocodia included) with "[CF]", e-mail addresses with "[EMAIL]", phone numbers
// (E.164 "+..." or "00...", Italian mobiles 3xx and landlines 0x, grouped by spaces, dots or
// dashes or not) with "[PHONE]", and 11-digit numbers (partita IVA) with "[TAX_ID]". Dates, times,
// UUIDs, amounts, addresses and ports are left alone. Applied to every message, field value and
// the correlation id (chosen by clients) before a line is written; docs/privacy.md.
std::string MaskPersonalData(absl::string_view text);

// Formats one log line (exposed for tests).
std::string FormatLine(absl::string_view time, Level level, absl::string_view service,
                       absl::string_view correlation_id, absl::string_view message,
                       const Fields& fields);

// While alive, log lines written by this thread carry `correlation_id`.
class ScopedCorrelationId final {
 public:
  explicit ScopedCorrelationId(std::string correlation_id);
  ~ScopedCorrelationId();
  ScopedCorrelationId(const ScopedCorrelationId&) = delete;
  ScopedCorrelationId& operator=(const ScopedCorrelationId&) = delete;

 private:
  std::string previous_;
};

// The correlation id set for this thread, or "".
const std::string& CurrentCorrelationId();

}  // namespace sisl::platform::log

#endif  // SISL_PLATFORM_LOG_H_
