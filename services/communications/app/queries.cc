#include "services/communications/app/queries.h"

#include "absl/strings/str_cat.h"
#include "services/communications/store/content_xml.h"
#include "services/communications/store/delegation_replica.h"
#include "services/platform/errors.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"
#include "services/reference/fiscal_code.h"

namespace sisl::communications {
namespace {

using store::CommunicationStore;
using store::StoredCommunication;

absl::Status NotYours() {
  return platform::Error(absl::StatusCode::kPermissionDenied, "NOT_YOUR_COMMUNICATION",
                         "this communication is not about you or a company you act for");
}

bool IsWorker(const Caller& caller, const StoredCommunication& s) {
  return caller.role == Role::kCitizen && !caller.fiscal_code.empty() &&
         caller.fiscal_code == s.communication.worker.fiscal_code;
}

}  // namespace

absl::StatusOr<StoredCommunication> Queries::Get(const Caller& caller, const std::string& code,
                                                 const std::string& access_reason) {
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  if (IsStaff(caller)) RETURN_IF_ERROR(CheckAccessReason(access_reason));
  ASSIGN_OR_RETURN(StoredCommunication s, CommunicationStore::Get(*tx, code));
  if (absl::StatusOr<std::string> spooled = store::ForwardingSpool::StateOf(*tx, code);
      spooled.ok()) {
    s.forwarding = *spooled;
  }
  if (IsStaff(caller)) {
    RETURN_IF_ERROR(
        Audit(*tx, caller, "GetCommunication", code, access_reason, true, deps_.clock.Now()));
    RETURN_IF_ERROR(tx->Commit());
    return s;
  }
  if (IsWorker(caller, s)) return s;
  if (!RequireFiler(*tx, caller, s.filed_for).ok()) return NotYours();
  return s;
}

absl::StatusOr<std::string> Queries::ExportXml(const Caller& caller, const std::string& code) {
  ASSIGN_OR_RETURN(StoredCommunication s, ForReceipt(caller, code));
  return store::ContentToXml(s.communication);
}

absl::StatusOr<StoredCommunication> Queries::ForReceipt(const Caller& caller,
                                                        const std::string& code) {
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(StoredCommunication s, CommunicationStore::Get(*tx, code));
  if (!IsWorker(caller, s) && !RequireFiler(*tx, caller, s.filed_for).ok()) return NotYours();
  return s;
}

absl::StatusOr<CommunicationPage> Queries::ListForCompany(const Caller& caller, int page_size,
                                                          const std::string& page_token) {
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 50, 200));
  const std::string query = absl::StrCat("communications/", caller.acting_for);
  ASSIGN_OR_RETURN(std::string cursor, platform::DecodePageToken(page_token, query));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  RETURN_IF_ERROR(RequireFiler(*tx, caller, caller.acting_for));
  CommunicationPage page;
  ASSIGN_OR_RETURN(page.communications,
                   CommunicationStore::OfCompany(*tx, caller.acting_for, cursor, size + 1));
  if (static_cast<int>(page.communications.size()) > size) {
    page.communications.resize(size);
    page.next_page_token =
        platform::EncodePageToken(page.communications.back().communication.code, query);
  }
  return page;
}

absl::StatusOr<HistoryPage> Queries::MyEmployment(const Caller& caller, int page_size,
                                                  const std::string& page_token) {
  if (caller.role != Role::kCitizen || caller.fiscal_code.empty()) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "CITIZENS_ONLY",
                           "your own employment history needs a citizen's login");
  }
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  return HistoryOf(*tx, caller.fiscal_code, page_size, page_token);
}

absl::StatusOr<HistoryPage> Queries::SearchEmployment(const Caller& caller,
                                                      const std::string& fiscal_code,
                                                      const std::string& access_reason,
                                                      int page_size,
                                                      const std::string& page_token) {
  if (!IsStaff(caller)) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "STAFF_ONLY",
                           "searching people's employment is for CPI operators");
  }
  RETURN_IF_ERROR(CheckAccessReason(access_reason));
  const std::string code = reference::NormalizeFiscalCode(fiscal_code);
  RETURN_IF_ERROR(reference::ValidateFiscalCode(code, "fiscal_code"));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(HistoryPage page, HistoryOf(*tx, code, page_size, page_token));
  RETURN_IF_ERROR(Audit(*tx, caller, "SearchEmployment", deps_.person_ids.PersonId(code),
                        access_reason, true, deps_.clock.Now()));
  RETURN_IF_ERROR(tx->Commit());
  return page;
}

absl::StatusOr<HistoryPage> Queries::HistoryOf(platform::db::Transaction& tx,
                                               const std::string& worker, int page_size,
                                               const std::string& page_token) {
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 50, 200));
  const std::string query = absl::StrCat("employment/", deps_.person_ids.PersonId(worker));
  ASSIGN_OR_RETURN(std::string cursor, platform::DecodePageToken(page_token, query));
  ASSIGN_OR_RETURN(std::vector<store::StoredRelationship> relationships,
                   store::RelationshipStore::OfWorker(tx, worker, cursor, size + 1));
  HistoryPage page;
  if (static_cast<int>(relationships.size()) > size) {
    relationships.resize(size);
    page.next_page_token = platform::EncodePageToken(relationships.back().id, query);
  }
  for (store::StoredRelationship& r : relationships) {
    ASSIGN_OR_RETURN(std::vector<StoredCommunication> steps,
                     CommunicationStore::OfRelationship(tx, r.id));
    page.relationships.push_back({std::move(r), std::move(steps)});
  }
  return page;
}

}  // namespace sisl::communications
