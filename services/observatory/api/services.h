#ifndef SISL_OBSERVATORY_API_SERVICES_H_
#define SISL_OBSERVATORY_API_SERVICES_H_

#include "services/observatory/app/indicators.h"
#include "services/observatory/app/open_data.h"
#include "services/platform/grpc/call.h"
#include "sisl/observatory/v1/observatory.grpc.pb.h"

namespace sisl::observatory::api {

namespace v1 = ::sisl::observatory::v1;

class IndicatorsServiceImpl final : public v1::IndicatorsService::Service {
 public:
  IndicatorsServiceImpl(const IndicatorTables& indicators, const platform::CallHandler& calls)
      : indicators_(indicators), calls_(calls) {}

  grpc::Status ListIndicators(grpc::ServerContext* context, const v1::ListIndicatorsRequest* r,
                              v1::ListIndicatorsResponse* out) override;
  grpc::Status ListDimensions(grpc::ServerContext* context, const v1::ListDimensionsRequest* r,
                              v1::ListDimensionsResponse* out) override;
  grpc::Status GetIndicatorTable(grpc::ServerContext* context,
                                 const v1::GetIndicatorTableRequest* r,
                                 v1::GetIndicatorTableResponse* out) override;
  grpc::Status GetStaffIndicatorTable(grpc::ServerContext* context,
                                      const v1::GetStaffIndicatorTableRequest* r,
                                      v1::GetStaffIndicatorTableResponse* out) override;

 private:
  const IndicatorTables& indicators_;
  const platform::CallHandler& calls_;
};

class OpenDataServiceImpl final : public v1::OpenDataService::Service {
 public:
  OpenDataServiceImpl(const IndicatorTables& indicators, const OpenData& open_data,
                      const platform::CallHandler& calls)
      : indicators_(indicators), open_data_(open_data), calls_(calls) {}

  grpc::Status ListDatasets(grpc::ServerContext* context, const v1::ListDatasetsRequest* r,
                            v1::ListDatasetsResponse* out) override;
  grpc::Status GetDataDictionary(grpc::ServerContext* context,
                                 const v1::GetDataDictionaryRequest* r,
                                 v1::GetDataDictionaryResponse* out) override;
  grpc::Status ExportDatasetCsv(grpc::ServerContext* context, const v1::ExportDatasetCsvRequest* r,
                                v1::ExportDatasetCsvResponse* out) override;
  grpc::Status ExportDatasetJson(grpc::ServerContext* context,
                                 const v1::ExportDatasetJsonRequest* r,
                                 v1::ExportDatasetJsonResponse* out) override;

 private:
  const IndicatorTables& indicators_;
  const OpenData& open_data_;
  const platform::CallHandler& calls_;
};

}  // namespace sisl::observatory::api

#endif  // SISL_OBSERVATORY_API_SERVICES_H_
