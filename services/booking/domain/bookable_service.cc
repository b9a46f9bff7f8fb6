#include "services/booking/domain/bookable_service.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/platform/csv.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

constexpr char kFile[] = "bookable_services.csv";

// clang-format off
constexpr const char* kColumns[] = {
    "code", "name_it", "name_en", "category", "duration_minutes", "delivery_modes",
    "booking_horizon_days", "minimum_notice_hours", "citizen_can_change",
    "citizen_change_deadline_hours", "citizen_self_booking", "send_confirmation",
    "reminder_days_before", "channels", "default_scope", "minimum_age",
    "requires_piedmont_domicile", "group_minimum_seats", "group_maximum_seats"};
// clang-format on

std::optional<DeliveryMode> DeliveryModeFromWord(absl::string_view w) {
  if (w == "in_person") return DeliveryMode::kInPerson;
  if (w == "video_call") return DeliveryMode::kVideoCall;
  if (w == "phone") return DeliveryMode::kPhone;
  return std::nullopt;
}

std::optional<Channel> ChannelFromWord(absl::string_view w) {
  if (w == "email") return Channel::kEmail;
  if (w == "sms") return Channel::kSms;
  if (w == "app_io") return Channel::kAppIo;
  return std::nullopt;
}

std::optional<SearchScope> ScopeFromWord(absl::string_view w) {
  if (w == "nearest") return SearchScope::kNearest;
  if (w == "province") return SearchScope::kProvince;
  if (w == "region") return SearchScope::kRegion;
  return std::nullopt;
}

std::optional<int> IntFromWord(absl::string_view w) {
  int v = 0;
  if (!absl::SimpleAtoi(w, &v)) return std::nullopt;
  return v;
}

// Reads the fields of one record, remembering the first problem found.
class RecordReader final {
 public:
  explicit RecordReader(const platform::CsvRecord& record) : record_(record) {}

  const std::string& Text(const char* column) {
    const std::string& v = record_.at(column);
    if (v.empty()) Fail(column, "must not be empty");
    return v;
  }

  int Int(const char* column, int min, int max) {
    const std::optional<int> v = IntFromWord(record_.at(column));
    if (!v || *v < min || *v > max) {
      Fail(column, absl::StrCat("must be a whole number from ", min, " to ", max));
      return 0;
    }
    return *v;
  }

  bool Bool(const char* column) {
    const std::string& v = record_.at(column);
    if (v != "0" && v != "1") Fail(column, "must be 0 or 1");
    return v == "1";
  }

  // A '|' separated list of words read by `parse`; empty when the field is empty.
  template <typename T, typename Parse>
  std::vector<T> List(const char* column, Parse parse) {
    std::vector<T> out;
    const std::string& v = record_.at(column);
    if (v.empty()) return out;
    for (absl::string_view word : absl::StrSplit(v, '|')) {
      const std::optional<T> item = parse(word);
      if (!item) {
        Fail(column, absl::StrCat("has an unknown or malformed value '", word, "'"));
        return {};
      }
      if (std::find(out.begin(), out.end(), *item) != out.end()) {
        Fail(column, absl::StrCat("repeats '", word, "'"));
        return {};
      }
      out.push_back(*item);
    }
    return out;
  }

  void Fail(absl::string_view column, absl::string_view what) {
    if (problem_.empty()) problem_ = absl::StrCat(column, " ", what);
  }
  const std::string& problem() const { return problem_; }

 private:
  const platform::CsvRecord& record_;
  std::string problem_;
};

absl::Status BadRecord(size_t record, const std::string& code, absl::string_view what) {
  return platform::Error(
      absl::StatusCode::kInvalidArgument, "INVALID_SEED_DATA",
      absl::StrCat(kFile, " record ", record, code.empty() ? "" : absl::StrCat(" (", code, ")"),
                   ": ", what),
      {{"file", kFile}, {"record", absl::StrCat(record)}, {"code", code}});
}

constexpr int kMaxDays = 366;
constexpr int kMaxHours = kMaxDays * 24;

}  // namespace

bool BookableService::Offers(DeliveryMode m) const {
  return std::find(delivery_modes.begin(), delivery_modes.end(), m) != delivery_modes.end();
}

absl::StatusOr<std::vector<BookableService>> ParseBookableServicesCsv(absl::string_view csv) {
  auto records = platform::ParseCsv(csv);
  if (!records.ok()) return records.status();
  std::vector<BookableService> out;
  std::set<std::string> codes;
  for (size_t i = 0; i < records->size(); ++i) {
    const platform::CsvRecord& record = (*records)[i];
    const size_t number = i + 1;
    const auto code_it = record.find("code");
    const std::string code = code_it == record.end() ? "" : code_it->second;
    for (const char* column : kColumns) {
      if (!record.contains(column)) {
        return BadRecord(number, code, absl::StrCat("the column ", column, " is missing"));
      }
    }
    RecordReader in(record);
    BookableService s;
    s.code = in.Text("code");
    s.name_it = in.Text("name_it");
    s.name_en = in.Text("name_en");
    s.category = in.Text("category");
    s.duration_minutes = in.Int("duration_minutes", 1, 24 * 60);
    s.delivery_modes = in.List<DeliveryMode>("delivery_modes", DeliveryModeFromWord);
    if (s.delivery_modes.empty()) in.Fail("delivery_modes", "must list at least one mode");
    s.booking_horizon_days = in.Int("booking_horizon_days", 1, kMaxDays);
    s.minimum_notice_hours = in.Int("minimum_notice_hours", 0, kMaxHours);
    s.citizen_can_change = in.Bool("citizen_can_change");
    s.citizen_change_deadline_hours = in.Int("citizen_change_deadline_hours", 0, kMaxHours);
    s.citizen_self_booking = in.Bool("citizen_self_booking");
    s.send_confirmation = in.Bool("send_confirmation");
    s.reminder_days_before = in.List<int>("reminder_days_before", IntFromWord);
    for (int days : s.reminder_days_before) {
      if (days < 1 || days > kMaxDays) {
        in.Fail("reminder_days_before", absl::StrCat("must be 1 to ", kMaxDays, " days"));
      }
    }
    s.channels = in.List<Channel>("channels", ChannelFromWord);
    if (s.channels.empty() && (s.send_confirmation || !s.reminder_days_before.empty())) {
      in.Fail("channels", "must list at least one channel for confirmations and reminders");
    }
    const std::optional<SearchScope> scope = ScopeFromWord(record.at("default_scope"));
    if (!scope) in.Fail("default_scope", "must be nearest, province or region");
    s.default_scope = scope.value_or(SearchScope::kNearest);
    s.minimum_age = in.Int("minimum_age", 15, 99);
    s.requires_piedmont_domicile = in.Bool("requires_piedmont_domicile");
    s.group_minimum_seats = in.Int("group_minimum_seats", 0, 1000);
    s.group_maximum_seats = in.Int("group_maximum_seats", 0, 1000);
    if (s.group_minimum_seats > s.group_maximum_seats) {
      in.Fail("group_minimum_seats", "must not exceed group_maximum_seats");
    }
    if (in.problem().empty() && !codes.insert(s.code).second) {
      in.Fail("code", "is used by an earlier record");
    }
    if (!in.problem().empty()) return BadRecord(number, code, in.problem());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace sisl::booking
