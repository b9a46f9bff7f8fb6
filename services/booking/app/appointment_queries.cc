// Reads of appointments, each staff read audited (AppointmentManager, continued).
#include <optional>

#include "absl/strings/str_cat.h"
#include "services/booking/app/appointment_manager.h"
#include "services/booking/app/appointment_support.h"
#include "services/booking/app/authz.h"
#include "services/booking/domain/ics.h"
#include "services/booking/store/appointment_store.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/errors.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"
#include "services/reference/fiscal_code.h"

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
    const std::function<absl::StatusOr<std::vector<Appointment>>(Transaction&, const std::string&,
                                                                 int)>& fetch) {
  ASSIGN_OR_RETURN(const int size, platform::ResolvePageSize(page_size, kDefaultPage, kMaxPage));
  ASSIGN_OR_RETURN(const std::string cursor, platform::DecodePageToken(token, query));
  AppointmentManager::Page page;
  RETURN_IF_ERROR(platform::db::InTransaction(db, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(page.first, fetch(tx, cursor, size + 1));
    page.second.clear();
    if (static_cast<int>(page.first.size()) > size) {
      page.first.pop_back();
      page.second = platform::EncodePageToken(page.first.back().id, query);
    }
    for (const auto& a : page.first) {
      RETURN_IF_ERROR(AuditStaff(tx, clock.Now(), caller, action, a, reason));
    }
    return absl::OkStatus();
  }));
  return page;
}

}  // namespace

absl::StatusOr<Appointment> AppointmentManager::Get(const Caller& caller, const std::string& id,
                                                    const std::string& reason) {
  if (IsStaff(caller)) RETURN_IF_ERROR(RequireAccessReason(reason));
  const std::string person = CallerPerson(caller, person_ids_);
  Appointment result;
  bool denied = false;
  absl::Status st = platform::db::InTransaction(db(), [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(result, AppointmentStore().Get(tx, id));
    ASSIGN_OR_RETURN(Office office, OfficeStore(db()).Get(tx, result.site_code));
    absl::Status allowed = AuthorizeAccess(caller, person, result, office);
    denied = !allowed.ok() && IsStaff(caller);
    RETURN_IF_ERROR(allowed);
    return AuditStaff(tx, clock().Now(), caller, "read", result, reason);
  });
  // A refused staff read is recorded too, in its own transaction (the read's rolled back).
  if (denied) (void)AuditDenied(db(), clock().Now(), caller, "read", result, reason);
  RETURN_IF_ERROR(st);
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
  return Paged(db(), caller, clock(), "mine", page_size, token, "", "",
               [&](Transaction& tx, const std::string& after, int limit) {
                 return AppointmentStore().ListByPerson(tx, person, after, limit);
               });
}

absl::StatusOr<AppointmentManager::Page> AppointmentManager::ListSiteDay(
    const Caller& caller, const std::string& site_code, absl::CivilDay day, int page_size,
    const std::string& token) {
  RETURN_IF_ERROR(RequireStaff(caller));
  {
    ASSIGN_OR_RETURN(Office office, OfficeStore(db()).Get(site_code));
    if (caller.role == Role::kOperator && caller.cpi_code != office.cpi_code) {
      return platform::Error(absl::StatusCode::kPermissionDenied, "OPERATOR_OUT_OF_CPI",
                             "operators see only their own CPI's appointments");
    }
  }
  const absl::Time from = absl::FromCivil(day, zone_);
  const absl::Time to = absl::FromCivil(day + 1, zone_);
  return Paged(db(), caller, clock(),
               absl::StrCat("site|", site_code, "|", absl::FormatCivilTime(day)), page_size, token,
               "list_site_day", "", [&](Transaction& tx, const std::string& after, int limit) {
                 return AppointmentStore().ListBySite(tx, site_code, from, to, after, limit);
               });
}

absl::StatusOr<AppointmentManager::Page> AppointmentManager::Search(const Caller& caller,
                                                                    const std::string& fiscal_code,
                                                                    const std::string& reason,
                                                                    int page_size,
                                                                    const std::string& token) {
  RETURN_IF_ERROR(RequireStaff(caller));
  const std::string cf = reference::NormalizeFiscalCode(fiscal_code);
  RETURN_IF_ERROR(reference::ValidateFiscalCode(cf));
  RETURN_IF_ERROR(RequireAccessReason(reason));
  const std::string person = person_ids_.PersonId(cf);
  // Operators see only the appointments at their own CPI's sites; contact-centre agents and
  // administrators serve the whole region.
  const std::string only_cpi = caller.role == Role::kOperator ? caller.cpi_code : "";
  return Paged(db(), caller, clock(), absl::StrCat("search|", person), page_size, token, "search",
               reason, [&](Transaction& tx, const std::string& after, int limit) {
                 return AppointmentStore().ListByPerson(tx, person, after, limit, only_cpi);
               });
}

absl::StatusOr<AppointmentContact> AppointmentManager::GetContact(const Caller& caller,
                                                                  const std::string& id,
                                                                  const std::string& reason,
                                                                  bool with_ics) {
  RETURN_IF_ERROR(RequireAccessReason(reason));
  const bool allowed = caller.role == Role::kNotifier || caller.role == Role::kAdmin;
  AppointmentContact contact;
  std::optional<Appointment> read;
  // A refused attempt on an existing appointment is recorded too (the transaction commits it).
  RETURN_IF_ERROR(platform::db::InTransaction(db(), [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(const Appointment a, AppointmentStore().Get(tx, id));
    if (allowed) {
      contact = {a.email, a.mobile, a.language, "", a.fiscal_code};
      read = a;
    }
    return AuditStaff(tx, clock().Now(), caller, allowed ? "read_contact" : "denied_read_contact",
                      a, reason, /*always=*/true);
  }));
  if (!allowed) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "CONTACT_READERS_ONLY",
                           "only notification services and administrators read contact data");
  }
  if (with_ics) {
    ASSIGN_OR_RETURN(contact.ics, IcsOf(*read));
  }
  return contact;
}

absl::StatusOr<std::string> AppointmentManager::Ics(const Caller& caller, const std::string& id) {
  ASSIGN_OR_RETURN(const Appointment found, Get(caller, id, "calendar file"));
  return IcsOf(found);
}

absl::StatusOr<std::string> AppointmentManager::IcsOf(const Appointment& found) {
  const Appointment* a = &found;
  ASSIGN_OR_RETURN(const Office office, OfficeStore(db()).Get(a->site_code));
  ASSIGN_OR_RETURN(const BookableService service, CatalogueStore(db()).Get(a->service_code));
  IcsEvent event;
  event.uid = absl::StrCat(a->id, "@sisl.regione.piemonte.it");
  event.sequence = a->sequence;
  event.start = a->start;
  event.end = a->end;
  event.stamp = a->updated_at;
  event.summary = absl::StrCat(service.name_it, " - ", office.label);
  event.description = absl::StrCat("Appuntamento presso il Centro per l'impiego. Codice: ", a->id);
  event.location = absl::StrCat(office.address, ", ", office.municipality);
  event.url = VideoMeetingLink(video_meeting_url_, a->id, a->mode);
  event.cancelled = a->state == AppointmentState::kCancelledByCitizen ||
                    a->state == AppointmentState::kCancelledByOperator ||
                    a->state == AppointmentState::kMoved;
  return BuildIcs(event);
}

}  // namespace sisl::booking
