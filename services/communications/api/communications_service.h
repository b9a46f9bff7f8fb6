#ifndef SISL_SERVICES_COMMUNICATIONS_API_COMMUNICATIONS_SERVICE_H_
#define SISL_SERVICES_COMMUNICATIONS_API_COMMUNICATIONS_SERVICE_H_

#include <functional>
#include <utility>

#include "services/communications/app/bulk.h"
#include "services/communications/app/filing.h"
#include "services/communications/app/queries.h"
#include "services/platform/grpc/call.h"
#include "sisl/communications/v1/bulk_uploads.grpc.pb.h"
#include "sisl/communications/v1/communications.grpc.pb.h"
#include "sisl/communications/v1/relationships.grpc.pb.h"

namespace sisl::communications::api {

namespace v1 = ::sisl::communications::v1;

// gRPC handlers of sisl.communications.v1.CommunicationsService.
class CommunicationsServiceImpl final : public v1::CommunicationsService::Service {
 public:
  CommunicationsServiceImpl(Filings& filings, Queries& queries, const platform::CallHandler& calls)
      : filings_(filings), queries_(queries), calls_(calls) {}

  grpc::Status CheckCommunication(grpc::ServerContext* context,
                                  const v1::CheckCommunicationRequest* request,
                                  v1::CheckCommunicationResponse* response) override;
  grpc::Status FileCommunication(grpc::ServerContext* context,
                                 const v1::FileCommunicationRequest* request,
                                 v1::FileCommunicationResponse* response) override;
  grpc::Status FileCommunicationXml(grpc::ServerContext* context,
                                    const v1::FileCommunicationXmlRequest* request,
                                    v1::FileCommunicationXmlResponse* response) override;
  grpc::Status CorrectCommunication(grpc::ServerContext* context,
                                    const v1::CorrectCommunicationRequest* request,
                                    v1::CorrectCommunicationResponse* response) override;
  grpc::Status CancelCommunication(grpc::ServerContext* context,
                                   const v1::CancelCommunicationRequest* request,
                                   v1::CancelCommunicationResponse* response) override;
  grpc::Status GetCommunication(grpc::ServerContext* context,
                                const v1::GetCommunicationRequest* request,
                                v1::GetCommunicationResponse* response) override;
  grpc::Status ListCommunications(grpc::ServerContext* context,
                                  const v1::ListCommunicationsRequest* request,
                                  v1::ListCommunicationsResponse* response) override;
  grpc::Status ExportCommunicationXml(grpc::ServerContext* context,
                                      const v1::ExportCommunicationXmlRequest* request,
                                      v1::ExportCommunicationXmlResponse* response) override;
  grpc::Status GetCommunicationReceiptPdf(
      grpc::ServerContext* context, const v1::GetCommunicationReceiptPdfRequest* request,
      v1::GetCommunicationReceiptPdfResponse* response) override;
  grpc::Status GetCommunicationReceiptXml(
      grpc::ServerContext* context, const v1::GetCommunicationReceiptXmlRequest* request,
      v1::GetCommunicationReceiptXmlResponse* response) override;

 private:
  Filings& filings_;
  Queries& queries_;
  const platform::CallHandler& calls_;
};

// gRPC handlers of sisl.communications.v1.EmploymentHistoryService.
class EmploymentHistoryServiceImpl final : public v1::EmploymentHistoryService::Service {
 public:
  EmploymentHistoryServiceImpl(Queries& queries, const platform::CallHandler& calls)
      : queries_(queries), calls_(calls) {}

  grpc::Status ListMyEmployment(grpc::ServerContext* context,
                                const v1::ListMyEmploymentRequest* request,
                                v1::ListMyEmploymentResponse* response) override;
  grpc::Status SearchEmployment(grpc::ServerContext* context,
                                const v1::SearchEmploymentRequest* request,
                                v1::SearchEmploymentResponse* response) override;

 private:
  Queries& queries_;
  const platform::CallHandler& calls_;
};

// gRPC handlers of sisl.communications.v1.BulkUploadsService.
class BulkUploadsServiceImpl final : public v1::BulkUploadsService::Service {
 public:
  BulkUploadsServiceImpl(BulkUploads& uploads, const platform::CallHandler& calls,
                         std::function<void()> on_created)
      : uploads_(uploads), calls_(calls), on_created_(std::move(on_created)) {}

  grpc::Status CreateBulkUpload(grpc::ServerContext* context,
                                const v1::CreateBulkUploadRequest* request,
                                v1::CreateBulkUploadResponse* response) override;
  grpc::Status GetBulkUpload(grpc::ServerContext* context, const v1::GetBulkUploadRequest* request,
                             v1::GetBulkUploadResponse* response) override;
  grpc::Status ListBulkUploads(grpc::ServerContext* context,
                               const v1::ListBulkUploadsRequest* request,
                               v1::ListBulkUploadsResponse* response) override;
  grpc::Status ExportBulkUploadReportCsv(grpc::ServerContext* context,
                                         const v1::ExportBulkUploadReportCsvRequest* request,
                                         v1::ExportBulkUploadReportCsvResponse* response) override;
  grpc::Status ExportBulkUploadReportXml(grpc::ServerContext* context,
                                         const v1::ExportBulkUploadReportXmlRequest* request,
                                         v1::ExportBulkUploadReportXmlResponse* response) override;

 private:
  BulkUploads& uploads_;
  const platform::CallHandler& calls_;
  std::function<void()> on_created_;
};

}  // namespace sisl::communications::api

#endif  // SISL_SERVICES_COMMUNICATIONS_API_COMMUNICATIONS_SERVICE_H_
