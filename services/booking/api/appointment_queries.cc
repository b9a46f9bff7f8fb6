// Reads of appointments, each staff read audited (AppointmentManager, continued).
#include "absl/strings/str_cat.h"
#include "services/booking/api/appointment_manager.h"
#include "services/booking/api/appointment_support.h"
#include "services/booking/api/authz.h"
#include "services/booking/domain/fiscal_code.h"
#include "services/booking/domain/ics.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/errors.h"
#include "services/platform/paging.h"

namespace sisl::booking {

using platform::auth::Caller;
using platform::auth::Role;
using platform::db::Transaction;

namespace {

constexpr int kDefaultPage = 50;
constexpr int kMaxPage = 200;

// Pages `fetch(after, limit)`; staff reads write one audit record per appointment returned.
absl::StatusOr<AppointmentManager::Page> Paged(
    platform::db::Database& db, const Caller& caller, const platform::Clock& clock,
    const std::string& query, int page_size, const std::string& token, const std::string& action,
    const std::string& reason,
    const std::function<absl::StatusOr<std::vector<StoredAppointment>>(
        Transaction&, const std::string&, int)>& fetch) {
  auto size = platform::ResolvePageSize(page_size, kDefaultPage, kMaxPage);
  if (!size.ok()) return size.status();
  auto cursor = platform::DecodePageToken(token, query);
  if (!cursor.ok()) return cursor.status();
  AppointmentManager::Page page;
  absl::Status st = platform::db::InTransaction(db, [&](Transaction& tx) -> absl::Status {
    auto rows = fetch(tx, *cursor, *size + 1);
    if (!rows.ok()) return rows.status();
    page.first = *std::move(rows);
    page.second.clear();
    if (static_cast<int>(page.first.size()) > *size) {
      page.first.pop_back();
      page.second = platform::EncodePageToken(page.first.back().id, query);
    }
    if (!IsStaff(caller)) return absl::OkStatus();
    AppointmentStore store;
    for (const auto& a : page.first) {
      if (auto w = store.Audit(tx, clock.Now(), caller.subject, RoleLabel(caller), action,
                               a.person_id, a.id, reason);
          !w.ok()) {
        return w;
      }
    }
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return page;
}

}  // namespace

absl::StatusOr<StoredAppointment> AppointmentManager::Get(const Caller& caller,
                                                          const std::string& id,
                                                          const std::string& reason) {
  const std::string person = CallerPerson(caller, person_ids_);
  StoredAppointment result;
  absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    AppointmentStore store;
    auto a = store.Get(tx, id);
    if (!a.ok()) return a.status();
    auto office = OfficeStore(db_).Get(tx, a->site_code);
    if (!office.ok()) return office.status();
    if (auto z = AuthorizeAccess(caller, person, *a, *office); !z.ok()) return z;
    result = *a;
    if (!IsStaff(caller)) return absl::OkStatus();
    return store.Audit(tx, clock_.Now(), caller.subject, RoleLabel(caller), "read", a->person_id,
                       a->id, reason);
  });
  if (!st.ok()) return st;
  return result;
}

absl::StatusOr<AppointmentManager::Page> AppointmentManager::ListMine(const Caller& caller,
                                                                      int page_size,
                                                                      const std::string& token) {
  if (caller.role != Role::kCitizen || caller.fiscal_code.empty()) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "CITIZENS_ONLY",
                           "only citizens have their own appointments");
  }
  const std::string person = CallerPerson(caller, person_ids_);
  return Paged(db_, caller, clock_, "mine", page_size, token, "", "",
               [&](Transaction& tx, const std::string& after, int limit) {
                 return AppointmentStore().ListByPerson(tx, person, after, limit);
               });
}

absl::StatusOr<AppointmentManager::Page> AppointmentManager::ListSiteDay(
    const Caller& caller, const std::string& site_code, absl::CivilDay day, int page_size,
    const std::string& token) {
  if (auto z = RequireStaff(caller); !z.ok()) return z;
  {
    auto tx = db_.Begin();
    if (!tx.ok()) return tx.status();
    auto office = OfficeStore(db_).Get(**tx, site_code);
    if (!office.ok()) return office.status();
    if (caller.role == Role::kOperator && caller.cpi_code != office->cpi_code) {
      return platform::Error(absl::StatusCode::kPermissionDenied, "OPERATOR_OUT_OF_CPI",
                             "operators see only their own CPI's appointments");
    }
  }
  const absl::Time from = absl::FromCivil(day, zone_);
  const absl::Time to = absl::FromCivil(day + 1, zone_);
  return Paged(db_, caller, clock_, absl::StrCat("site|", site_code, "|", absl::FormatCivilTime(day)),
               page_size, token, "list_site_day", "", 
               [&](Transaction& tx, const std::string& after, int limit) {
                 return AppointmentStore().ListBySite(tx, site_code, from, to, after, limit);
               });
}

absl::StatusOr<AppointmentManager::Page> AppointmentManager::Search(
    const Caller& caller, const std::string& fiscal_code, const std::string& reason,
    int page_size, const std::string& token) {
  if (auto z = RequireStaff(caller); !z.ok()) return z;
  const std::string cf = NormalizeFiscalCode(fiscal_code);
  if (auto v = ValidateFiscalCode(cf); !v.ok()) return v;
  if (reason.empty()) {
    return platform::InvalidField("ACCESS_REASON_REQUIRED", "access_reason",
                                  "say why you are looking up this citizen (audited)");
  }
  const std::string person = person_ids_.PersonId(cf);
  return Paged(db_, caller, clock_, absl::StrCat("search|", person), page_size, token, "search",
               reason, [&](Transaction& tx, const std::string& after, int limit) {
                 return AppointmentStore().ListByPerson(tx, person, after, limit);
               });
}

absl::StatusOr<std::string> AppointmentManager::Ics(const Caller& caller, const std::string& id) {
  auto a = Get(caller, id, "calendar file");
  if (!a.ok()) return a.status();
  auto tx = db_.Begin();
  if (!tx.ok()) return tx.status();
  auto office = OfficeStore(db_).Get(**tx, a->site_code);
  if (!office.ok()) return office.status();
  auto service = CatalogueStore(db_).Get(**tx, a->service_code);
  if (!service.ok()) return service.status();
  IcsEvent event;
  event.uid = absl::StrCat(a->id, "@sisl.regione.piemonte.it");
  event.sequence = a->sequence;
  event.start = a->start;
  event.end = a->end;
  event.stamp = a->updated_at;
  event.summary = absl::StrCat(service->name_it, " - ", office->label);
  event.description = absl::StrCat("Appuntamento presso il Centro per l'impiego. Codice: ", a->id);
  event.location = absl::StrCat(office->address, ", ", office->municipality);
  event.cancelled = a->state == AppointmentState::kCancelledByCitizen ||
                    a->state == AppointmentState::kCancelledByOperator ||
                    a->state == AppointmentState::kMoved;
  return BuildIcs(event);
}

}  // namespace sisl::booking
