#include "services/communications/api/communications_service.h"

#include "services/communications/api/content_mapping.h"
#include "services/communications/api/record_mapping.h"
#include "services/communications/xml/co_xml.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::api {
namespace {

using platform::Call;

// The one communication of an XML document (a form's document, or an envelope of one).
absl::StatusOr<Communication> OneFromXml(const std::string& text) {
  ASSIGN_OR_RETURN(auto reader, xml::CommunicationXmlReader::FromMemory(text));
  ASSIGN_OR_RETURN(std::optional<xml::CommunicationRecord> first, reader->Next());
  if (!first) {
    return platform::InvalidField("XML_NO_COMMUNICATION", "xml",
                                  "the document holds no communication");
  }
  ASSIGN_OR_RETURN(std::optional<xml::CommunicationRecord> second, reader->Next());
  if (second) {
    return platform::InvalidField("ONE_COMMUNICATION_ONLY", "xml",
                                  "file one communication here; upload batches in bulk");
  }
  return std::move(first->communication);
}

}  // namespace

grpc::Status CommunicationsServiceImpl::CheckCommunication(grpc::ServerContext* context,
                                                           const v1::CheckCommunicationRequest* r,
                                                           v1::CheckCommunicationResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(Communication c, ContentFromProto(r->content()));
    ASSIGN_OR_RETURN(CheckResult result, filings_.Check(call.caller, c));
    FindingsToProto(result.findings, out->mutable_findings());
    if (result.due) out->set_due_date(platform::FormatDate(*result.due));
    out->set_days_late(result.days_late);
    return absl::OkStatus();
  });
}

grpc::Status CommunicationsServiceImpl::FileCommunication(grpc::ServerContext* context,
                                                          const v1::FileCommunicationRequest* r,
                                                          v1::FileCommunicationResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(Communication c, ContentFromProto(r->content()));
    ASSIGN_OR_RETURN(store::StoredCommunication s,
                     filings_.File(call.caller, std::move(c), r->request_id()));
    *out->mutable_communication() = CommunicationToProto(s);
    return absl::OkStatus();
  });
}

grpc::Status CommunicationsServiceImpl::FileCommunicationXml(
    grpc::ServerContext* context, const v1::FileCommunicationXmlRequest* r,
    v1::FileCommunicationXmlResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(Communication c, OneFromXml(r->xml()));
    ASSIGN_OR_RETURN(store::StoredCommunication s,
                     filings_.File(call.caller, std::move(c), r->request_id()));
    *out->mutable_communication() = CommunicationToProto(s);
    return absl::OkStatus();
  });
}

grpc::Status CommunicationsServiceImpl::CorrectCommunication(
    grpc::ServerContext* context, const v1::CorrectCommunicationRequest* r,
    v1::CorrectCommunicationResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(Communication c, ContentFromProto(r->content()));
    ASSIGN_OR_RETURN(store::StoredCommunication s,
                     filings_.Correct(call.caller, r->code(), std::move(c), r->request_id()));
    *out->mutable_communication() = CommunicationToProto(s);
    return absl::OkStatus();
  });
}

grpc::Status CommunicationsServiceImpl::CancelCommunication(grpc::ServerContext* context,
                                                            const v1::CancelCommunicationRequest* r,
                                                            v1::CancelCommunicationResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::StoredCommunication s,
                     filings_.Cancel(call.caller, r->code(), r->request_id()));
    *out->mutable_communication() = CommunicationToProto(s);
    return absl::OkStatus();
  });
}

grpc::Status CommunicationsServiceImpl::GetCommunication(grpc::ServerContext* context,
                                                         const v1::GetCommunicationRequest* r,
                                                         v1::GetCommunicationResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::StoredCommunication s,
                     queries_.Get(call.caller, r->code(), r->access_reason()));
    *out->mutable_communication() = CommunicationToProto(s);
    return absl::OkStatus();
  });
}

grpc::Status CommunicationsServiceImpl::ListCommunications(grpc::ServerContext* context,
                                                           const v1::ListCommunicationsRequest* r,
                                                           v1::ListCommunicationsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(CommunicationPage page,
                     queries_.ListForCompany(call.caller, r->page_size(), r->page_token()));
    for (const store::StoredCommunication& s : page.communications) {
      *out->add_communications() = CommunicationToProto(s);
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status CommunicationsServiceImpl::ExportCommunicationXml(
    grpc::ServerContext* context, const v1::ExportCommunicationXmlRequest* r,
    v1::ExportCommunicationXmlResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::string text, queries_.ExportXml(call.caller, r->code()));
    out->set_xml(std::move(text));
    return absl::OkStatus();
  });
}

grpc::Status EmploymentHistoryServiceImpl::ListMyEmployment(grpc::ServerContext* context,
                                                            const v1::ListMyEmploymentRequest* r,
                                                            v1::ListMyEmploymentResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(HistoryPage page,
                     queries_.MyEmployment(call.caller, r->page_size(), r->page_token()));
    for (const RelationshipHistory& h : page.relationships) {
      *out->add_relationships() = RelationshipToProto(h);
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status EmploymentHistoryServiceImpl::SearchEmployment(grpc::ServerContext* context,
                                                            const v1::SearchEmploymentRequest* r,
                                                            v1::SearchEmploymentResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(HistoryPage page,
                     queries_.SearchEmployment(call.caller, r->fiscal_code(), r->access_reason(),
                                               r->page_size(), r->page_token()));
    for (const RelationshipHistory& h : page.relationships) {
      *out->add_relationships() = RelationshipToProto(h);
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

}  // namespace sisl::communications::api
