// L68ReturnManager's reads: one return with its versions, the list, the XML export and the
// XML import (l68_returns.h).
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/enterprise/app/access.h"
#include "services/enterprise/app/l68_returns.h"
#include "services/enterprise/store/company_store.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise {

using platform::auth::Caller;
using platform::db::Transaction;
using platform::outbox::EventWriter;
using store::L68ReturnAct;
using store::L68ReturnState;
using store::L68ReturnStore;
using store::StoredL68Return;
absl::StatusOr<L68ReturnView> L68ReturnManager::Get(const Caller& caller, const std::string& id) {
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  L68ReturnView view;
  ASSIGN_OR_RETURN(view.current, L68ReturnStore::Get(*tx, id));
  RETURN_IF_ERROR(Authorize(*tx, caller, view.current.company, kReaders));
  ASSIGN_OR_RETURN(view.versions, L68ReturnStore::Chain(*tx, view.current.chain_id));
  return view;
}

absl::StatusOr<L68ReturnPage> L68ReturnManager::List(const Caller& caller, int year,
                                                     const std::vector<L68ReturnState>& states,
                                                     int page_size, const std::string& page_token) {
  std::string company, cpi;
  if (caller.role == Role::kOperator) {
    cpi = caller.cpi_code;
  } else if (caller.role != Role::kAdmin) {
    company = caller.acting_for;
  }
  std::vector<std::string> names;
  for (L68ReturnState s : states) names.emplace_back(store::L68ReturnStateName(s));
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 20, 100));
  const std::string fingerprint =
      absl::StrCat(company, "|", cpi, "|", year, "|", absl::StrJoin(names, ","));
  ASSIGN_OR_RETURN(std::string after, platform::DecodePageToken(page_token, fingerprint));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  if (caller.role != Role::kOperator && caller.role != Role::kAdmin) {
    RETURN_IF_ERROR(RequireCompanyScope(*tx, caller, company, DelegationScope::kL68Returns,
                                        platform::TodayInItaly(deps_.clock), deps_.person_ids)
                        .status());
  }
  L68ReturnPage page;
  ASSIGN_OR_RETURN(page.returns,
                   L68ReturnStore::List(*tx, company, cpi, year, names, after, size + 1));
  if (static_cast<int>(page.returns.size()) > size) {
    page.returns.resize(size);
    page.next_page_token = platform::EncodePageToken(page.returns.back().id, fingerprint);
  }
  return page;
}

absl::StatusOr<std::string> L68ReturnManager::ExportXml(const Caller& caller,
                                                        const std::string& id) {
  xml::L68XmlReturn out;
  {
    ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
    ASSIGN_OR_RETURN(StoredL68Return r, L68ReturnStore::Get(*tx, id));
    RETURN_IF_ERROR(Authorize(*tx, caller, r.company, kReaders));
    ASSIGN_OR_RETURN(store::StoredCompany company, store::CompanyStore::Get(*tx, r.company));
    out.company = xml::XmlCompanyOf(company.company);
    if (out.company.office_province.empty()) {
      out.company.office_province = r.filing.input.registered_office_province;
    }
    if (!r.previous_id.empty()) {
      ASSIGN_OR_RETURN(StoredL68Return previous, L68ReturnStore::Get(*tx, r.previous_id));
      out.previous_protocol = previous.protocol;
    }
    out.kind = r.state == L68ReturnState::kCancelled && !r.protocol.empty()
                   ? xml::L68XmlKind::kCancellation
               : r.version > 1 ? xml::L68XmlKind::kCorrection
                               : xml::L68XmlKind::kOrdinary;
    out.protocol = r.protocol;
    out.sent_at = r.submitted_at.value_or(deps_.clock.Now());
    out.input = std::move(r.filing.input);
    out.figures = std::move(r.filing.figures);
  }
  return xml::WriteL68Xml({out});
}

absl::StatusOr<std::vector<L68ImportResult>> L68ReturnManager::ImportXml(
    const Caller& caller, const std::string& text, const std::string& request_id) {
  if (caller.role != Role::kCompany && caller.role != Role::kConsultant) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "NOT_ACTING_FOR_COMPANY",
                           "choose a company or consultant role first");
  }
  ASSIGN_OR_RETURN(std::vector<xml::L68XmlDocument> docs, xml::ReadL68Xml(text));
  std::vector<L68ImportResult> results;
  for (xml::L68XmlDocument& doc : docs) {
    L68ImportResult res{doc.index,
                        doc.line,
                        NormalizeCompanyFiscalCode(doc.company_fiscal_code),
                        doc.year,
                        "",
                        absl::OkStatus(),
                        std::move(doc.problems)};
    if (!res.problems.empty()) {
      res.status = platform::Error(absl::StatusCode::kInvalidArgument, "XML_INVALID",
                                   "the prospetto does not match the L.68 return schema");
      results.push_back(std::move(res));
      continue;
    }
    // Each company of the file is checked against its own delegations: a consultant files for
    // every company that delegated the l68_returns scope to them.
    Caller acting = caller;
    acting.acting_for = res.company;
    absl::StatusOr<StoredL68Return> draft =
        CreateDraft(acting, res.company, doc.input,
                    {"enterprise.ImportL68ReturnsXml", caller.subject,
                     request_id.empty() ? "" : absl::StrCat(request_id, "#", doc.index)},
                    "import");
    if (draft.ok()) {
      res.id = draft->id;
    } else {
      res.status = draft.status();
      for (const platform::FieldViolation& v : platform::ErrorFieldViolations(draft.status())) {
        res.problems.push_back({doc.line, 0, absl::StrCat(v.field, ": ", v.description)});
      }
    }
    results.push_back(std::move(res));
  }
  return results;
}

}  // namespace sisl::enterprise
