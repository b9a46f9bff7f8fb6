#include "absl/strings/string_view.h"
#include "services/platform/log.h"

#include <atomic>
#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "spdlog/sinks/stdout_sinks.h"
#include "spdlog/spdlog.h"

namespace sisl::platform::log {
namespace {

struct State {
  std::string service = "sisl";
  std::atomic<int> min_level{static_cast<int>(Level::kInfo)};
  std::shared_ptr<spdlog::logger> logger;
};

State& TheState() {
  static State* state = [] {
    auto* s = new State();
    s->logger = spdlog::stdout_logger_mt("sisl-json");
    s->logger->set_pattern("%v");
    s->logger->set_level(spdlog::level::trace);
    // Warnings and errors reach the output at once; the rest within a second (one write per
    // line cost the gateway ~5% of its throughput in its access log).
    s->logger->flush_on(spdlog::level::warn);
    spdlog::flush_every(std::chrono::seconds(1));
    return s;
  }();
  return *state;
}

thread_local std::string t_correlation_id;

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
// Digits, or the letters that replace digits in omocodic fiscal codes.
bool IsDigitLike(char c) {
  if (std::isdigit(static_cast<unsigned char>(c))) return true;
  switch (std::toupper(static_cast<unsigned char>(c))) {
    case 'L': case 'M': case 'N': case 'P': case 'Q':
    case 'R': case 'S': case 'T': case 'U': case 'V': return true;
    default: return false;
  }
}

// Pattern AAAAAA99A99A999A (A letters, 9 digit-like).
bool LooksLikeFiscalCode(absl::string_view s) {
  static constexpr char kShape[] = "AAAAAA99A99A999A";
  for (size_t i = 0; i < 16; ++i) {
    if (kShape[i] == 'A' ? !IsAlpha(s[i]) : !IsDigitLike(s[i])) return false;
  }
  return true;
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

void Init(absl::string_view service, Level min_level) {
  State& s = TheState();
  s.service = std::string(service);
  s.min_level = static_cast<int>(min_level);
}

bool ParseLevel(absl::string_view text, Level* level) {
  if (text == "debug") *level = Level::kDebug;
  else if (text == "info") *level = Level::kInfo;
  else if (text == "warn") *level = Level::kWarn;
  else if (text == "error") *level = Level::kError;
  else return false;
  return true;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsEmailLocalChar(char c) {
  return IsWordChar(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool IsDomainChar(char c) { return IsWordChar(c) || c == '.' || c == '-'; }

// Replaces local@domain.tld (the domain has a dot and a top-level part of two or more letters).
std::string MaskEmails(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  for (size_t at = text.find('@'); at != absl::string_view::npos; at = text.find('@', at + 1)) {
    if (at < copied) continue;
    size_t begin = at;
    while (begin > copied && IsEmailLocalChar(text[begin - 1])) --begin;
    size_t end = at + 1;
    while (end < text.size() && IsDomainChar(text[end])) ++end;
    while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
    const absl::string_view domain = text.substr(at + 1, end - at - 1);
    const size_t dot = domain.rfind('.');
    if (begin == at || dot == absl::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) {
      continue;
    }
    bool tld_letters = true;
    for (char c : domain.substr(dot + 1)) tld_letters = tld_letters && IsAlpha(c);
    if (!tld_letters) continue;
    out.append(text.data() + copied, begin - copied);
    out += "[EMAIL]";
    copied = end;
    at = end - 1;
  }
  out.append(text.data() + copied, text.size() - copied);
  return out;
}

// A run of digits at `i`, "+" first optionally, in groups split by one space, '-' or '.'.
struct NumberRun {
  size_t end = 0;          // one past the last digit taken
  std::string digits;      // the digits, without separators
  bool plus = false;
  bool separated = false;  // groups were split by separators
  std::vector<size_t> groups;
  char last_separator = 0;
};

NumberRun ReadNumberRun(absl::string_view text, size_t i, bool one_group = false) {
  NumberRun run;
  if (text[i] == '+') {
    run.plus = true;
    ++i;
  }
  size_t group = 0;
  while (i < text.size()) {
    if (IsDigit(text[i])) {
      run.digits.push_back(text[i++]);
      ++group;
      continue;
    }
    const char sep = text[i];
    // A separator continues the number only before a group of two digits or more.
    size_t next = 0;  // digits in the group after the separator
    while (i + 1 + next < text.size() && IsDigit(text[i + 1 + next])) ++next;
    // Numbers have at most 15 digits (E.164): a longer run is two numbers side by side.
    if (!one_group && (sep == ' ' || sep == '-' || sep == '.') && next >= 2 &&
        (group >= 2 || run.plus) && run.digits.size() + next <= 15) {
      run.groups.push_back(group);
      group = 0;
      run.separated = true;
      run.last_separator = sep;
      ++i;
      continue;
    }
    break;
  }
  run.groups.push_back(group);
  run.end = i;
  return run;
}

// Dates written with separators (01-12-2024, 2024.12.01) are not phone numbers.
bool LooksLikeDate(const NumberRun& run) {
  const auto& g = run.groups;
  if (g.size() != 3) return false;
  return (g[0] <= 2 && g[1] <= 2 && g[2] == 4) || (g[0] == 4 && g[1] <= 2 && g[2] <= 2);
}

// "[PHONE]", "[TAX_ID]" or "" (not personal data).
const char* ClassifyNumber(const NumberRun& run) {
  const std::string& d = run.digits;
  const size_t n = d.size();
  if (run.plus) return n >= 8 && n <= 15 ? "[PHONE]" : "";
  if (run.groups.front() < 2 || LooksLikeDate(run)) return "";
  // Amounts: 1.234.567,89 never gets here (the comma ends the run); 3333333.50 does.
  if (run.separated && run.last_separator == '.' && run.groups.back() <= 2) return "";
  if (!run.separated && n == 11) return "[TAX_ID]";  // partita IVA, numeric codice fiscale
  if (absl::string_view(d).substr(0, 2) == "00" && n >= 10 && n <= 17) return "[PHONE]";
  if (absl::string_view(d).substr(0, 3) == "393" && (n == 11 || n == 12)) return "[PHONE]";
  if (d[0] == '3' && (n == 9 || n == 10)) return "[PHONE]";  // Italian mobile
  // Italian landline; from 8 digits, so that ISTAT codes (001272) stay readable.
  if (d[0] == '0' && n >= 8 && n <= 11) return "[PHONE]";
  return "";
}

// Replaces phone numbers (E.164 "+...", Italian mobiles and landlines, "00" international
// prefixes) and 11-digit tax ids. A number glued to letters, or following '.', '-', '_' or '/'
// (UUIDs, times, versions, paths), is left alone.
std::string MaskNumbers(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const bool starts = IsDigit(c) || (c == '+' && i + 1 < text.size() && IsDigit(text[i + 1]));
    const char prev = i == 0 ? ' ' : text[i - 1];
    const bool boundary = !IsWordChar(prev) && prev != '.' && prev != '-' && prev != '_' &&
                          prev != '/' && prev != '+' && prev != ',';
    if (!starts || !boundary) {
      out.push_back(text[i++]);
      continue;
    }
    NumberRun run = ReadNumberRun(text, i);
    // Glued to a word (0190f3a2...), or to more of a token after '-' or '.' (the all-digit first
    // group of a UUID, 01934123-0c8a-...): not a number of its own.
    const auto glued_at = [&](size_t end) {
      if (end >= text.size()) return false;
      const char next = text[end];
      if (IsWordChar(next) || next == '_' || next == '/') return true;
      return (next == '-' || next == '.') && end + 1 < text.size() && IsWordChar(text[end + 1]);
    };
    bool glued = glued_at(run.end);
    const char* mask = glued ? "" : ClassifyNumber(run);
    if (*mask == '\0' && run.separated) {
      // "3331234567 12": the whole run is no number, its first group may be one.
      NumberRun first = ReadNumberRun(text, i, /*one_group=*/true);
      const bool first_glued = glued_at(first.end);
      if (!first_glued && *ClassifyNumber(first) != '\0') {
        run = first;
        glued = false;
        mask = ClassifyNumber(first);
      }
    }
    if (*mask != '\0') {
      out += mask;
    } else {
      out.append(text.data() + i, run.end - i);
      // Skip the rest of a token glued to the digits (e.g. "0190f3a2"), so that its tail is not
      // read as a number of its own.
      if (glued) {
        size_t j = run.end;
        while (j < text.size() && (IsWordChar(text[j]) || text[j] == '_')) out.push_back(text[j++]);
        run.end = j;
      }
    }
    i = run.end;
  }
  return out;
}

std::string MaskFiscalCodes(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const bool at_boundary = i == 0 || !IsWordChar(text[i - 1]);
    const bool ends_ok =
        i + 16 <= text.size() && (i + 16 == text.size() || !IsWordChar(text[i + 16]));
    if (at_boundary && ends_ok && LooksLikeFiscalCode(text.substr(i, 16))) {
      out += "[CF]";
      i += 16;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

}  // namespace

std::string MaskPersonalData(absl::string_view text) {
  return MaskNumbers(MaskFiscalCodes(MaskEmails(text)));
}

std::string FormatLine(absl::string_view time, Level level, absl::string_view service,
                       absl::string_view correlation_id, absl::string_view message,
                       const Fields& fields) {
  nlohmann::ordered_json line;
  line["time"] = time;
  line["level"] = LevelName(level);
  line["service"] = service;
  if (!correlation_id.empty()) line["correlation_id"] = MaskPersonalData(correlation_id);
  line["message"] = MaskPersonalData(message);
  for (const auto& [key, value] : fields) line[key] = MaskPersonalData(value);
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Write(Level level, absl::string_view message, const Fields& fields) {
  State& s = TheState();
  if (static_cast<int>(level) < s.min_level.load()) return;
  const std::string time = absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::Now(), absl::UTCTimeZone());
  s.logger->info(FormatLine(time, level, s.service, t_correlation_id, message, fields));
}

ScopedCorrelationId::ScopedCorrelationId(std::string correlation_id)
    : previous_(std::exchange(t_correlation_id, std::move(correlation_id))) {}

ScopedCorrelationId::~ScopedCorrelationId() { t_correlation_id = std::move(previous_); }

const std::string& CurrentCorrelationId() { return t_correlation_id; }

}  // namespace sisl::platform::log
