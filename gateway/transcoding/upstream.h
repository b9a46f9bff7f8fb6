#ifndef SISL_GATEWAY_TRANSCODING_UPSTREAM_H_
#define SISL_GATEWAY_TRANSCODING_UPSTREAM_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gateway/transcoding/route_table.h"
#include "google/protobuf/message.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"

namespace sisl::gateway::transcoding {

// gRPC channels to the services behind the gateway, chosen by the longest matching package
// prefix of the method ("sisl.booking.v1" -> booking's address), else the default address.
// Calls are asynchronous (callback API): the gateway's HTTP threads never block on a service.
// The destructor waits for the calls in flight (each has a deadline): a callback must never drop
// a channel's last reference, as gRPC cannot shut its callback threads down from one of them.
class Upstreams final {
 public:
  ~Upstreams();

  // `spec`: "sisl.booking.v1=host:port,sisl.gateway.v1=host:port" (may be empty).
  // `credentials`: TLS/mTLS of the process (ModuleContext::channel_credentials); null: plaintext.
  static absl::StatusOr<std::unique_ptr<Upstreams>> Create(
      const std::string& default_address, const std::string& spec,
      std::shared_ptr<grpc::ChannelCredentials> credentials = nullptr,
      int channels_per_upstream = 2);

  using Done = std::function<void(const grpc::Status&, std::string response_bytes)>;
  void Call(const RestRoute& route, const google::protobuf::Message& request,
            const std::vector<std::pair<std::string, std::string>>& metadata,
            absl::Duration timeout, Done done);

  // The address a method goes to (for tests and readiness).
  std::string AddressFor(const std::string& grpc_path) const;
  // Every distinct upstream address.
  std::vector<std::string> Addresses() const;
  // UNAVAILABLE naming the first upstream none of whose channels can connect (asks idle
  // channels to connect, so a later check sees them ready).
  absl::Status Ready() const;

 private:
  struct Pool {
    std::vector<std::shared_ptr<grpc::Channel>> channels;
    std::vector<std::unique_ptr<grpc::GenericStub>> stubs;
    std::atomic<size_t> next{0};
  };
  Pool& PoolFor(const std::string& grpc_path);
  Upstreams() = default;
  // Calls in flight; shared with their callbacks, so the last one may unlock after we are gone.
  struct InFlightCount {
    absl::Mutex mu;
    int calls ABSL_GUARDED_BY(mu) = 0;
  };
  std::shared_ptr<InFlightCount> in_flight_ = std::make_shared<InFlightCount>();
  std::map<std::string, std::unique_ptr<Pool>> pools_;         // by address
  std::vector<std::pair<std::string, std::string>> prefixes_;  // package prefix -> address
  std::string default_address_;
};

}  // namespace sisl::gateway::transcoding

#endif  // SISL_GATEWAY_TRANSCODING_UPSTREAM_H_
