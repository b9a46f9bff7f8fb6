#include "gateway/transcoding/upstream.h"

#include <algorithm>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace sisl::gateway::transcoding {
namespace {

struct InFlight {
  grpc::ClientContext context;
  grpc::ByteBuffer request;
  grpc::ByteBuffer response;
  Upstreams::Done done;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Upstreams>> Upstreams::Create(
    const std::string& default_address, const std::string& spec,
    std::shared_ptr<grpc::ChannelCredentials> credentials, int channels_per_upstream) {
  if (credentials == nullptr) credentials = grpc::InsecureChannelCredentials();
  std::unique_ptr<Upstreams> u(new Upstreams());
  u->default_address_ = default_address;
  for (absl::string_view entry : absl::StrSplit(spec, ',', absl::SkipWhitespace())) {
    std::vector<std::string> kv = absl::StrSplit(entry, absl::MaxSplits('=', 1));
    if (kv.size() != 2 || kv[0].empty() || kv[1].empty()) {
      return absl::InvalidArgumentError(
          "gateway.upstreams entries must be package=host:port, got '" + std::string(entry) + "'");
    }
    u->prefixes_.emplace_back(std::string(absl::StripAsciiWhitespace(kv[0])),
                              std::string(absl::StripAsciiWhitespace(kv[1])));
  }
  std::sort(u->prefixes_.begin(), u->prefixes_.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::vector<std::string> addresses = {default_address};
  for (const auto& [prefix, address] : u->prefixes_) addresses.push_back(address);
  for (const auto& address : addresses) {
    if (address.empty() || u->pools_.count(address)) continue;
    auto pool = std::make_unique<Pool>();
    for (int i = 0; i < std::max(1, channels_per_upstream); ++i) {
      grpc::ChannelArguments args;
      // Separate connections, so the channels spread load instead of sharing one socket.
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
      args.SetInt("sisl.channel_index", i);
      auto channel = grpc::CreateCustomChannel(address, credentials, args);
      pool->stubs.push_back(std::make_unique<grpc::GenericStub>(channel));
      pool->channels.push_back(std::move(channel));
    }
    u->pools_[address] = std::move(pool);
  }
  return u;
}

std::string Upstreams::AddressFor(const std::string& grpc_path) const {
  const std::string method = grpc_path.size() > 1 ? grpc_path.substr(1) : grpc_path;
  for (const auto& [prefix, address] : prefixes_) {
    if (method.compare(0, prefix.size(), prefix) == 0) return address;
  }
  return default_address_;
}

std::vector<std::string> Upstreams::Addresses() const {
  std::vector<std::string> out;
  for (const auto& [address, pool] : pools_) out.push_back(address);
  return out;
}

absl::Status Upstreams::Ready() const {
  for (const auto& [address, pool] : pools_) {
    bool any = false;
    for (const auto& channel : pool->channels) {
      const auto state = channel->GetState(/*try_to_connect=*/true);
      any |= state == GRPC_CHANNEL_READY || state == GRPC_CHANNEL_IDLE ||
             state == GRPC_CHANNEL_CONNECTING;
    }
    if (!any) return absl::UnavailableError("upstream " + address + " is unreachable");
  }
  return absl::OkStatus();
}

Upstreams::~Upstreams() {
  absl::MutexLock lock(&in_flight_->mu);
  in_flight_->mu.Await(absl::Condition(
      +[](int* calls) { return *calls == 0; }, &in_flight_->calls));
}

Upstreams::Pool& Upstreams::PoolFor(const std::string& grpc_path) {
  return *pools_.at(AddressFor(grpc_path));
}

void Upstreams::Call(const RestRoute& route, const google::protobuf::Message& request,
                     const std::vector<std::pair<std::string, std::string>>& metadata,
                     absl::Duration timeout, Done done) {
  {
    absl::MutexLock lock(&in_flight_->mu);
    ++in_flight_->calls;
  }
  auto* call = new InFlight();
  call->done = std::move(done);
  for (const auto& [k, v] : metadata) call->context.AddMetadata(k, v);
  call->context.set_deadline(std::chrono::system_clock::now() +
                             std::chrono::microseconds(absl::ToInt64Microseconds(timeout)));
  std::string bytes = request.SerializeAsString();
  grpc::Slice slice(bytes);
  call->request = grpc::ByteBuffer(&slice, 1);
  Pool& pool = PoolFor(route.grpc_path);
  auto& stub = *pool.stubs[pool.next.fetch_add(1) % pool.stubs.size()];
  stub.UnaryCall(&call->context, route.grpc_path, grpc::StubOptions(), &call->request,
                 &call->response, [call, count = in_flight_](grpc::Status status) {
                   std::string out;
                   if (status.ok()) {
                     grpc::Slice joined;
                     if (call->response.DumpToSingleSlice(&joined).ok()) {
                       out.assign(reinterpret_cast<const char*>(joined.begin()), joined.size());
                     }
                   }
                   call->done(status, std::move(out));
                   delete call;  // its context holds a channel reference: drop it before the count
                   absl::MutexLock lock(&count->mu);
                   --count->calls;
                 });
}

}  // namespace sisl::gateway::transcoding
