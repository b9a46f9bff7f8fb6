// gRPC handlers of BulkUploadsService, and the receipts of CommunicationsService.
#include "services/communications/api/communications_service.h"
#include "services/communications/receipt/receipt.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::api {
namespace {

using platform::Call;

Language LanguageOf(const std::string& code) {
  return code == "en" ? Language::kEnglish : Language::kItalian;
}

v1::BulkUploadState StateToProto(const std::string& state) {
  if (state == "queued") return v1::BULK_UPLOAD_STATE_QUEUED;
  if (state == "processing") return v1::BULK_UPLOAD_STATE_PROCESSING;
  if (state == "done") return v1::BULK_UPLOAD_STATE_DONE;
  if (state == "failed") return v1::BULK_UPLOAD_STATE_FAILED;
  return v1::BULK_UPLOAD_STATE_UNSPECIFIED;
}

v1::BulkUpload ToProto(const store::BulkUploadRow& u, absl::Time now) {
  v1::BulkUpload p;
  p.set_bulk_upload_id(u.id);
  p.set_company_fiscal_code(u.company);
  p.set_file_name(u.file_name);
  p.set_sha256(u.sha256);
  p.set_verify_only(u.verify_only);
  p.set_state(StateToProto(u.state));
  p.set_records_total(u.records_total);
  p.set_records_done(u.records_done);
  p.set_accepted(u.accepted);
  p.set_refused(u.refused);
  p.set_with_warnings(u.with_warnings);
  const BulkProgress progress = ProgressOf(u, now);
  p.set_records_per_second(progress.records_per_second);
  p.set_eta_seconds(progress.eta_seconds);
  *p.mutable_create_time() = platform::ToTimestamp(u.created_at);
  if (u.finished_at != absl::UnixEpoch()) {
    *p.mutable_finish_time() = platform::ToTimestamp(u.finished_at);
  }
  p.set_error(u.error);
  return p;
}

ReceiptData ReceiptOf(const store::StoredCommunication& s) {
  return {.communication = s.communication,
          .code = s.communication.code,
          .protocol_at = s.protocol_at,
          .due = s.due,
          .days_late = s.days_late,
          .warnings = s.warnings,
          .filed_for = s.filed_for,
          .previous_code = s.communication.previous_code};
}

}  // namespace

grpc::Status CommunicationsServiceImpl::GetCommunicationReceiptPdf(
    grpc::ServerContext* context, const v1::GetCommunicationReceiptPdfRequest* r,
    v1::GetCommunicationReceiptPdfResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::StoredCommunication s, queries_.ForReceipt(call.caller, r->code()));
    ASSIGN_OR_RETURN(std::string pdf,
                     RenderReceiptPdf(ReceiptOf(s), LanguageOf(r->language())));
    out->set_pdf(std::move(pdf));
    return absl::OkStatus();
  });
}

grpc::Status CommunicationsServiceImpl::GetCommunicationReceiptXml(
    grpc::ServerContext* context, const v1::GetCommunicationReceiptXmlRequest* r,
    v1::GetCommunicationReceiptXmlResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::StoredCommunication s, queries_.ForReceipt(call.caller, r->code()));
    ASSIGN_OR_RETURN(std::string xml, RenderReceiptXml(ReceiptOf(s)));
    out->set_xml(std::move(xml));
    return absl::OkStatus();
  });
}

grpc::Status BulkUploadsServiceImpl::CreateBulkUpload(grpc::ServerContext* context,
                                                      const v1::CreateBulkUploadRequest* r,
                                                      v1::CreateBulkUploadResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::BulkUploadRow row,
                     uploads_.Create(call.caller, r->request_id(), r->file_name(), r->content(),
                                     r->verify_only()));
    if (on_created_) on_created_();
    *out->mutable_bulk_upload() = ToProto(row, absl::Now());
    return absl::OkStatus();
  });
}

grpc::Status BulkUploadsServiceImpl::GetBulkUpload(grpc::ServerContext* context,
                                                   const v1::GetBulkUploadRequest* r,
                                                   v1::GetBulkUploadResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::BulkUploadRow row, uploads_.Get(call.caller, r->bulk_upload_id()));
    *out->mutable_bulk_upload() = ToProto(row, absl::Now());
    return absl::OkStatus();
  });
}

grpc::Status BulkUploadsServiceImpl::ListBulkUploads(grpc::ServerContext* context,
                                                     const v1::ListBulkUploadsRequest* r,
                                                     v1::ListBulkUploadsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(BulkUploadPage page,
                     uploads_.List(call.caller, r->page_size(), r->page_token()));
    for (const store::BulkUploadRow& row : page.uploads) {
      *out->add_bulk_uploads() = ToProto(row, absl::Now());
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status BulkUploadsServiceImpl::ExportBulkUploadReportCsv(
    grpc::ServerContext* context, const v1::ExportBulkUploadReportCsvRequest* r,
    v1::ExportBulkUploadReportCsvResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::string csv, uploads_.ReportCsv(call.caller, r->bulk_upload_id(), LanguageOf(r->language())));
    out->set_csv(std::move(csv));
    return absl::OkStatus();
  });
}

grpc::Status BulkUploadsServiceImpl::ExportBulkUploadReportXml(
    grpc::ServerContext* context, const v1::ExportBulkUploadReportXmlRequest* r,
    v1::ExportBulkUploadReportXmlResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::string xml, uploads_.ReportXml(call.caller, r->bulk_upload_id(), LanguageOf(r->language())));
    out->set_xml(std::move(xml));
    return absl::OkStatus();
  });
}

}  // namespace sisl::communications::api
