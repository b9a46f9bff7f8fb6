#include "services/booking/store/catalogue_store.h"

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/platform/clock.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {
namespace {

using nlohmann::json;
using platform::db::RowReader;
using platform::db::Rows;

template <typename E>
std::vector<int> EnumsToInts(const std::vector<E>& v) {
  std::vector<int> out;
  for (E e : v) out.push_back(static_cast<int>(e));
  return out;
}

template <typename E>
std::vector<E> IntsToEnums(const json& j) {
  std::vector<E> out;
  for (const auto& x : j) out.push_back(static_cast<E>(x.get<int>()));
  return out;
}

// Reads a row that selects `definition`.
absl::StatusOr<BookableService> FromRow(const RowReader& r, const std::string& code) {
  auto s = BookableServiceFromJson(r.Str("definition"));
  if (!s.ok()) return platform::Annotate(s.status(), absl::StrCat("bookable service ", code));
  return s;
}

}  // namespace

std::string BookableServiceToJson(const BookableService& s) {
  json j = {{"code", s.code},
            {"name_it", s.name_it},
            {"name_en", s.name_en},
            {"category", s.category},
            {"duration_minutes", s.duration_minutes},
            {"delivery_modes", EnumsToInts(s.delivery_modes)},
            {"booking_horizon_days", s.booking_horizon_days},
            {"minimum_notice_hours", s.minimum_notice_hours},
            {"citizen_can_change", s.citizen_can_change},
            {"citizen_change_deadline_hours", s.citizen_change_deadline_hours},
            {"citizen_self_booking", s.citizen_self_booking},
            {"send_confirmation", s.send_confirmation},
            {"reminder_days_before", s.reminder_days_before},
            {"channels", EnumsToInts(s.channels)},
            {"default_scope", static_cast<int>(s.default_scope)},
            {"minimum_age", s.minimum_age},
            {"requires_piedmont_domicile", s.requires_piedmont_domicile},
            {"group_minimum_seats", s.group_minimum_seats},
            {"group_maximum_seats", s.group_maximum_seats}};
  return j.dump();
}

absl::StatusOr<BookableService> BookableServiceFromJson(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return absl::InternalError("stored bookable service is not JSON");
  try {
    BookableService s;
    s.code = j.at("code").get<std::string>();
    s.name_it = j.at("name_it").get<std::string>();
    s.name_en = j.at("name_en").get<std::string>();
    s.category = j.at("category").get<std::string>();
    s.duration_minutes = j.at("duration_minutes").get<int>();
    s.delivery_modes = IntsToEnums<DeliveryMode>(j.at("delivery_modes"));
    s.booking_horizon_days = j.at("booking_horizon_days").get<int>();
    s.minimum_notice_hours = j.at("minimum_notice_hours").get<int>();
    s.citizen_can_change = j.at("citizen_can_change").get<bool>();
    s.citizen_change_deadline_hours = j.at("citizen_change_deadline_hours").get<int>();
    s.citizen_self_booking = j.at("citizen_self_booking").get<bool>();
    s.send_confirmation = j.at("send_confirmation").get<bool>();
    s.reminder_days_before = j.at("reminder_days_before").get<std::vector<int>>();
    s.channels = IntsToEnums<Channel>(j.at("channels"));
    s.default_scope = static_cast<SearchScope>(j.at("default_scope").get<int>());
    s.minimum_age = j.at("minimum_age").get<int>();
    s.requires_piedmont_domicile = j.at("requires_piedmont_domicile").get<bool>();
    s.group_minimum_seats = j.at("group_minimum_seats").get<int>();
    s.group_maximum_seats = j.at("group_maximum_seats").get<int>();
    return s;
  } catch (const json::exception& e) {
    return absl::InternalError(absl::StrCat("stored bookable service is malformed: ", e.what()));
  }
}

absl::StatusOr<std::vector<BookableService>> CatalogueStore::List(bool self_only) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(platform::db::Result res,
                   tx->Execute("SELECT definition, code FROM bookable_services"
                               " WHERE ($1 = 0 OR citizen_self_booking = 1) ORDER BY code",
                               {int64_t{self_only ? 1 : 0}}));
  std::vector<BookableService> out;
  for (const RowReader& r : Rows(res)) {
    ASSIGN_OR_RETURN(BookableService s, FromRow(r, r.Str("code")));
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<BookableService> CatalogueStore::Get(const std::string& code) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  return Get(*tx, code);
}

absl::StatusOr<BookableService> CatalogueStore::Get(platform::db::Transaction& tx,
                                                    const std::string& code) {
  ASSIGN_OR_RETURN(platform::db::Result res,
                   tx.Execute("SELECT definition FROM bookable_services WHERE code = $1", {code}));
  if (res.rows.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "SERVICE_NOT_FOUND",
                           absl::StrCat("no bookable service with code ", code),
                           {{"service_code", code}});
  }
  return FromRow(Rows(res).front(), code);
}

absl::StatusOr<int> CatalogueStore::Seed(platform::db::Transaction& tx,
                                         const std::vector<BookableService>& services,
                                         absl::Time now) {
  int inserted = 0;
  for (const auto& s : services) {
    ASSIGN_OR_RETURN(
        platform::db::Result res,
        tx.Execute(
            "INSERT INTO bookable_services (code, definition, citizen_self_booking, updated_at)"
            " VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING",
            {s.code, BookableServiceToJson(s), int64_t{s.citizen_self_booking ? 1 : 0},
             platform::ToUnixMicrosUtc(now)}));
    inserted += static_cast<int>(res.affected_rows);
  }
  return inserted;
}

}  // namespace sisl::booking
