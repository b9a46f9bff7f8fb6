#include "services/booking/store/appointment_store.h"

#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/platform/clock.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {
namespace {

using platform::ToUnixMicrosUtc;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;
using platform::db::Value;

// The appointment columns and their reader.
constexpr char kColumns[] =
    "SELECT id, slot_id, service_code, site_code, start_at, end_at, delivery_mode, state,"
    " person_id, fiscal_code, contact, operator_id, booked_by, booked_by_role,"
    " cancellation_reason, note, moved_to, moved_from, no_show_justified, sequence, request_id,"
    " created_at, updated_at FROM appointments";

Appointment FromRow(const RowReader& r) {
  Appointment a;
  a.id = r.Str("id");
  a.slot_id = r.Str("slot_id");
  a.service_code = r.Str("service_code");
  a.site_code = r.Str("site_code");
  a.start = r.Time("start_at");
  a.end = r.Time("end_at");
  a.mode = static_cast<DeliveryMode>(r.Int("delivery_mode"));
  ParseState(r.Str("state"), &a.state);
  a.person_id = r.Str("person_id");
  a.fiscal_code = r.Str("fiscal_code");
  auto contact = nlohmann::json::parse(r.Str("contact"), nullptr, false);
  if (contact.is_object()) {
    a.email = contact.value("email", "");
    a.mobile = contact.value("mobile", "");
    a.language = contact.value("language", "it");
  }
  a.operator_id = r.Str("operator_id");
  a.booked_by = r.Str("booked_by");
  a.booked_by_role = r.Str("booked_by_role");
  a.cancellation_reason = static_cast<int>(r.Int("cancellation_reason"));
  a.note = r.Str("note");
  a.moved_to = r.Str("moved_to");
  a.moved_from = r.Str("moved_from");
  a.no_show_justified = r.Bool("no_show_justified");
  a.sequence = static_cast<int>(r.Int("sequence"));
  a.request_id = r.Str("request_id");
  a.created_at = r.Time("created_at");
  a.updated_at = r.Time("updated_at");
  return a;
}

// Reads the rows of a kColumns query.
absl::StatusOr<std::vector<Appointment>> Many(const absl::StatusOr<platform::db::Result>& res) {
  RETURN_IF_ERROR(res.status());
  std::vector<Appointment> out;
  for (const RowReader& r : Rows(*res)) out.push_back(FromRow(r));
  return out;
}

Value NullIfEmpty(const std::string& s) { return s.empty() ? Value(std::monostate{}) : Value(s); }

}  // namespace

absl::Status AppointmentStore::LockPerson(Transaction& tx, const std::string& person_id) {
  return tx
      .Execute(
          "INSERT INTO person_locks (person_id, counter) VALUES ($1, 1)"
          " ON CONFLICT (person_id) DO UPDATE SET counter = person_locks.counter + 1",
          {person_id})
      .status();
}

absl::StatusOr<std::vector<OpenAppointment>> AppointmentStore::OpenFor(
    Transaction& tx, const std::string& person_id) {
  ASSIGN_OR_RETURN(platform::db::Result res,
                   tx.Execute("SELECT id, service_code, start_at, end_at FROM appointments"
                              " WHERE person_id = $1 AND state = 'to_deliver' ORDER BY start_at",
                              {person_id}));
  std::vector<OpenAppointment> out;
  for (const RowReader& r : Rows(res)) {
    out.push_back({r.Str("id"), r.Str("service_code"), r.Time("start_at"), r.Time("end_at")});
  }
  return out;
}

absl::StatusOr<std::map<std::string, int>> AppointmentStore::OperatorLoad(
    Transaction& tx, const std::string& site_code, absl::Time from, absl::Time to) {
  // Served by the (site_code, start_at) index: one site's day, not the whole table.
  ASSIGN_OR_RETURN(
      platform::db::Result res,
      tx.Execute(
          "SELECT operator_id, COUNT(*) AS n FROM appointments WHERE site_code = $1"
          " AND start_at >= $2 AND start_at < $3 AND state = 'to_deliver' GROUP BY operator_id",
          {site_code, ToUnixMicrosUtc(from), ToUnixMicrosUtc(to)}));
  std::map<std::string, int> out;
  for (const RowReader& r : Rows(res)) out[r.Str("operator_id")] = static_cast<int>(r.Int("n"));
  return out;
}

absl::Status AppointmentStore::TakeSeat(Transaction& tx, const std::string& slot_id) {
  ASSIGN_OR_RETURN(
      platform::db::Result res,
      tx.Execute("UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity",
                 {slot_id}));
  if (res.affected_rows != 1) return SlotTakenError(slot_id);
  return absl::OkStatus();
}

absl::Status AppointmentStore::ReleaseSeat(Transaction& tx, const std::string& slot_id) {
  return tx.Execute("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0", {slot_id})
      .status();
}

absl::Status AppointmentStore::Insert(Transaction& tx, const Appointment& a) {
  const nlohmann::json contact = {
      {"email", a.email}, {"mobile", a.mobile}, {"language", a.language}};
  auto res = tx.Execute(
      "INSERT INTO appointments (id, slot_id, service_code, site_code, start_at, end_at,"
      " delivery_mode, state, person_id, fiscal_code, contact, operator_id, booked_by,"
      " booked_by_role, note, moved_from, sequence, request_id, created_at, updated_at)"
      " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)",
      {a.id, a.slot_id, a.service_code, a.site_code, ToUnixMicrosUtc(a.start),
       ToUnixMicrosUtc(a.end), int64_t{static_cast<int>(a.mode)}, std::string(StateName(a.state)),
       a.person_id, a.fiscal_code, contact.dump(), a.operator_id, a.booked_by, a.booked_by_role,
       a.note, NullIfEmpty(a.moved_from), int64_t{a.sequence}, NullIfEmpty(a.request_id),
       ToUnixMicrosUtc(a.created_at), ToUnixMicrosUtc(a.updated_at)});
  if (!res.ok() && platform::ErrorReason(res.status()) == "UNIQUE_VIOLATION" &&
      res.status().message().find("request_id") == absl::string_view::npos) {
    // The partial unique index caught a concurrent booking of the same service.
    return platform::Error(absl::StatusCode::kAlreadyExists, "ALREADY_BOOKED_FOR_SERVICE",
                           "there is already an open appointment for this service");
  }
  return res.status();
}

absl::Status AppointmentStore::Update(Transaction& tx, const Appointment& a) {
  return tx
      .Execute(
          "UPDATE appointments SET state = $1, cancellation_reason = $2, note = $3,"
          " moved_to = $4, no_show_justified = $5, sequence = $6, updated_at = $7 WHERE id = $8",
          {std::string(StateName(a.state)), int64_t{a.cancellation_reason}, a.note,
           NullIfEmpty(a.moved_to), int64_t{a.no_show_justified ? 1 : 0}, int64_t{a.sequence},
           ToUnixMicrosUtc(a.updated_at), a.id})
      .status();
}

absl::StatusOr<Appointment> AppointmentStore::Get(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(std::vector<Appointment> all,
                   Many(tx.Execute(absl::StrCat(kColumns, " WHERE id = $1"), {id})));
  if (all.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "APPOINTMENT_NOT_FOUND",
                           absl::StrCat("no appointment with id ", id), {{"appointment_id", id}});
  }
  return std::move(all.front());
}

absl::StatusOr<std::vector<Appointment>> AppointmentStore::ListByPerson(
    Transaction& tx, const std::string& person_id, const std::string& after, int limit,
    const std::string& cpi_code) {
  return Many(tx.Execute(
      absl::StrCat(kColumns,
                   " WHERE person_id = $1 AND id > $2 AND ($4 = '' OR site_code IN"
                   " (SELECT site_code FROM offices WHERE cpi_code = $4)) ORDER BY id LIMIT $3"),
      {person_id, after, int64_t{limit}, cpi_code}));
}

absl::StatusOr<std::vector<Appointment>> AppointmentStore::ListBySite(
    Transaction& tx, const std::string& site_code, absl::Time from, absl::Time to,
    const std::string& after, int limit) {
  return Many(tx.Execute(
      absl::StrCat(kColumns,
                   " WHERE site_code = $1 AND start_at >= $2 AND start_at < $3 AND id > $4"
                   " ORDER BY id LIMIT $5"),
      {site_code, ToUnixMicrosUtc(from), ToUnixMicrosUtc(to), after, int64_t{limit}}));
}

absl::StatusOr<int64_t> AppointmentStore::DeleteEndedBefore(Transaction& tx, absl::Time cutoff,
                                                             int limit) {
  const int64_t before = ToUnixMicrosUtc(cutoff);
  ASSIGN_OR_RETURN(auto ids, tx.Execute("SELECT id FROM appointments WHERE end_at < $1"
                                        " ORDER BY end_at LIMIT $2",
                                        {before, static_cast<int64_t>(limit)}));
  int64_t deleted = 0;
  for (const platform::db::RowReader& r : platform::db::Rows(ids)) {
    const std::string id = r.Str("id");
    RETURN_IF_ERROR(tx.Execute("DELETE FROM request_ids WHERE resource_id = $1 AND operation IN"
                               " ('booking.BookAppointment', 'booking.MoveAppointment')",
                               {id})
                        .status());
    ASSIGN_OR_RETURN(auto del, tx.Execute("DELETE FROM appointments WHERE id = $1", {id}));
    deleted += del.affected_rows;
  }
  return deleted;
}

absl::StatusOr<int64_t> AppointmentStore::DeleteAuditBefore(Transaction& tx, absl::Time cutoff,
                                                             int limit) {
  ASSIGN_OR_RETURN(auto del,
                   tx.Execute("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log"
                              " WHERE at < $1 ORDER BY at LIMIT $2)",
                              {ToUnixMicrosUtc(cutoff), static_cast<int64_t>(limit)}));
  return del.affected_rows;
}

absl::Status AppointmentStore::Audit(Transaction& tx, absl::Time at, const std::string& actor,
                                     const std::string& actor_role, const std::string& action,
                                     const std::string& person_id,
                                     const std::string& appointment_id,
                                     const std::string& reason) {
  return tx
      .Execute(
          "INSERT INTO audit_log (id, at, actor, actor_role, action, person_id, appointment_id,"
          " reason) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
          {platform::NewUuidV7(), ToUnixMicrosUtc(at), actor, actor_role, action, person_id,
           NullIfEmpty(appointment_id), reason})
      .status();
}

}  // namespace sisl::booking
