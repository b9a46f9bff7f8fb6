#ifndef SISL_OBSERVATORY_OBSERVATORY_MODULE_H_
#define SISL_OBSERVATORY_OBSERVATORY_MODULE_H_

#include <memory>
#include <vector>

#include "services/observatory/api/services.h"
#include "services/observatory/app/indicators.h"
#include "services/observatory/app/open_data.h"
#include "services/observatory/events/consumers.h"
#include "services/platform/grpc/call.h"
#include "services/platform/module.h"

namespace sisl::observatory {

platform::ModuleSpec ObservatoryModuleSpec();

class ObservatoryModule final : public platform::Module {
 public:
  static absl::StatusOr<std::unique_ptr<ObservatoryModule>> Create(
      const platform::ModuleContext& context);

  absl::Status Initialize() override;
  absl::Status Register(platform::ServerHost& host) override;

  const IndicatorTables& indicators() const { return indicators_; }

 private:
  ObservatoryModule(const platform::ModuleContext& context, absl::TimeZone zone);

  platform::ModuleContext context_;
  platform::CallHandler calls_;
  IndicatorTables indicators_;
  OpenData open_data_;
  events::Consumers consumers_;
  std::vector<std::unique_ptr<platform::bus::Subscription>> subscriptions_;
  api::IndicatorsServiceImpl indicators_service_;
  api::OpenDataServiceImpl open_data_service_;
};

}  // namespace sisl::observatory

#endif  // SISL_OBSERVATORY_OBSERVATORY_MODULE_H_
