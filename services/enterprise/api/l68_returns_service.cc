#include "services/enterprise/api/l68_returns_service.h"

#include <optional>
#include <string>
#include <vector>

#include "services/enterprise/api/l68_mapping.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::api {
namespace {

using platform::Call;

// A version as answered by the changing RPCs: with its explanations, without the version list.
v1::L68Return One(const store::StoredL68Return& r) { return L68ReturnToProto(r, {}, true); }

v1::ImportL68ReturnResult ResultToProto(const L68ImportResult& r) {
  v1::ImportL68ReturnResult p;
  p.set_index(r.index);
  p.set_line(r.line);
  p.set_company_fiscal_code(r.company);
  p.set_year(r.year);
  p.set_l68_return_id(r.id);
  if (!r.status.ok()) {
    p.set_reason(platform::ErrorReason(r.status));
    p.set_message(std::string(r.status.message()));
  }
  for (const xml::L68XmlProblem& problem : r.problems) {
    v1::XmlProblem* x = p.add_problems();
    x->set_line(problem.line);
    x->set_column(problem.column);
    x->set_message(problem.message);
  }
  return p;
}

}  // namespace

grpc::Status L68ReturnsServiceImpl::ComputeL68Return(grpc::ServerContext* context,
                                                     const v1::ComputeL68ReturnRequest* r,
                                                     v1::ComputeL68ReturnResponse* out) {
  return calls_.Authenticated(context, [&](const Call&) -> absl::Status {
    ASSIGN_OR_RETURN(L68Return computed, L68ReturnManager::Compute(L68InputFromProto(r->input())));
    *out->mutable_computation() = L68ComputationToProto(computed, true);
    return absl::OkStatus();
  });
}

grpc::Status L68ReturnsServiceImpl::CreateL68Return(grpc::ServerContext* context,
                                                    const v1::CreateL68ReturnRequest* r,
                                                    v1::CreateL68ReturnResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::StoredL68Return created,
                     returns_.Create(call.caller, r->company_fiscal_code(),
                                     L68InputFromProto(r->input()), r->request_id()));
    *out->mutable_l68_return() = One(created);
    return absl::OkStatus();
  });
}

grpc::Status L68ReturnsServiceImpl::UpdateL68Return(grpc::ServerContext* context,
                                                    const v1::UpdateL68ReturnRequest* r,
                                                    v1::UpdateL68ReturnResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(
        store::StoredL68Return updated,
        returns_.Update(call.caller, r->l68_return_id(), L68InputFromProto(r->input())));
    *out->mutable_l68_return() = One(updated);
    return absl::OkStatus();
  });
}

grpc::Status L68ReturnsServiceImpl::SubmitL68Return(grpc::ServerContext* context,
                                                    const v1::SubmitL68ReturnRequest* r,
                                                    v1::SubmitL68ReturnResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::StoredL68Return submitted,
                     returns_.Submit(call.caller, r->l68_return_id()));
    *out->mutable_l68_return() = One(submitted);
    return absl::OkStatus();
  });
}

grpc::Status L68ReturnsServiceImpl::RequestL68Correction(grpc::ServerContext* context,
                                                         const v1::RequestL68CorrectionRequest* r,
                                                         v1::RequestL68CorrectionResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::StoredL68Return opened,
                     returns_.RequestCorrection(call.caller, r->l68_return_id(), r->reason()));
    *out->mutable_l68_return() = One(opened);
    return absl::OkStatus();
  });
}

grpc::Status L68ReturnsServiceImpl::CorrectL68Return(grpc::ServerContext* context,
                                                     const v1::CorrectL68ReturnRequest* r,
                                                     v1::CorrectL68ReturnResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    std::optional<L68ReturnInput> input;
    if (r->has_input()) input = L68InputFromProto(r->input());
    ASSIGN_OR_RETURN(store::StoredL68Return next,
                     returns_.Correct(call.caller, r->l68_return_id(), input, r->reason()));
    *out->mutable_l68_return() = One(next);
    return absl::OkStatus();
  });
}

grpc::Status L68ReturnsServiceImpl::CancelL68Return(grpc::ServerContext* context,
                                                    const v1::CancelL68ReturnRequest* r,
                                                    v1::CancelL68ReturnResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::StoredL68Return cancelled,
                     returns_.Cancel(call.caller, r->l68_return_id(), r->reason()));
    *out->mutable_l68_return() = One(cancelled);
    return absl::OkStatus();
  });
}

grpc::Status L68ReturnsServiceImpl::GetL68Return(grpc::ServerContext* context,
                                                 const v1::GetL68ReturnRequest* r,
                                                 v1::GetL68ReturnResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(L68ReturnView view, returns_.Get(call.caller, r->l68_return_id()));
    *out->mutable_l68_return() = L68ReturnToProto(view.current, view.versions, true);
    return absl::OkStatus();
  });
}

grpc::Status L68ReturnsServiceImpl::ListL68Returns(grpc::ServerContext* context,
                                                   const v1::ListL68ReturnsRequest* r,
                                                   v1::ListL68ReturnsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    std::vector<store::L68ReturnState> states;
    for (int s : r->states()) {
      states.push_back(L68StateFromProto(static_cast<v1::L68ReturnState>(s)));
    }
    ASSIGN_OR_RETURN(L68ReturnPage page, returns_.List(call.caller, r->year(), states,
                                                       r->page_size(), r->page_token()));
    for (const store::StoredL68Return& ret : page.returns) {
      *out->add_l68_returns() = L68ReturnToProto(ret, {}, false);
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status L68ReturnsServiceImpl::ExportL68ReturnXml(grpc::ServerContext* context,
                                                       const v1::ExportL68ReturnXmlRequest* r,
                                                       v1::ExportL68ReturnXmlResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(*out->mutable_xml(), returns_.ExportXml(call.caller, r->l68_return_id()));
    return absl::OkStatus();
  });
}

grpc::Status L68ReturnsServiceImpl::ImportL68ReturnsXml(grpc::ServerContext* context,
                                                        const v1::ImportL68ReturnsXmlRequest* r,
                                                        v1::ImportL68ReturnsXmlResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<L68ImportResult> results,
                     returns_.ImportXml(call.caller, r->xml(), r->request_id()));
    for (const L68ImportResult& result : results) {
      *out->add_results() = ResultToProto(result);
      if (result.id.empty()) {
        out->set_refused(out->refused() + 1);
      } else {
        out->set_imported(out->imported() + 1);
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace sisl::enterprise::api
