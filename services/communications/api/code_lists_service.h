#ifndef SISL_SERVICES_COMMUNICATIONS_API_CODE_LISTS_SERVICE_H_
#define SISL_SERVICES_COMMUNICATIONS_API_CODE_LISTS_SERVICE_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/platform/grpc/call.h"
#include "services/reference/code_lists.h"
#include "sisl/communications/v1/code_lists.grpc.pb.h"

namespace sisl::communications::api {

namespace v1 = ::sisl::communications::v1;

// The lists the API serves: reference::AllCodeLists().
std::vector<const reference::CodeList*> ServedCodeLists();

// The API's answers without the gRPC preamble (tests call these too). ListCodes: NOT_FOUND
// (CODE_LIST_NOT_FOUND) for an unknown list, INVALID_ARGUMENT for a bad page size
// (INVALID_PAGE_SIZE), page token (INVALID_PAGE_TOKEN) or valid_on (INVALID_DATE).
absl::StatusOr<v1::ListCodeListsResponse> ListCodeLists(const v1::ListCodeListsRequest& request);
absl::StatusOr<v1::ListCodesResponse> ListCodes(const v1::ListCodesRequest& request);

// gRPC handlers of sisl.communications.v1.CodeListsService: public reads, no caller needed.
class CodeListsServiceImpl final : public v1::CodeListsService::Service {
 public:
  explicit CodeListsServiceImpl(const platform::CallHandler& calls) : calls_(calls) {}

  grpc::Status ListCodeLists(grpc::ServerContext* context, const v1::ListCodeListsRequest* request,
                             v1::ListCodeListsResponse* response) override;
  grpc::Status ListCodes(grpc::ServerContext* context, const v1::ListCodesRequest* request,
                         v1::ListCodesResponse* response) override;

 private:
  const platform::CallHandler& calls_;
};

}  // namespace sisl::communications::api

#endif  // SISL_SERVICES_COMMUNICATIONS_API_CODE_LISTS_SERVICE_H_
