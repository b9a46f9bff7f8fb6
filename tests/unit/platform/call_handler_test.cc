// CallHandler: the one preamble (correlation id, verified caller) and the one error mapping of
// every gRPC handler, exercised through a real in-process gRPC server.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/call.h"
#include "services/platform/grpc/service_token.h"
#include "services/platform/grpc/status.h"
#include "services/platform/log.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::platform {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;
using testing::HasReason;
using testing::IsOk;

// Check("public:X") answers publicly, Check("private:X") needs a caller; the response's status
// field says what the handler saw (1 when the correlation id and the caller were as sent).
class ProbeService final : public grpc::health::v1::Health::Service {
 public:
  explicit ProbeService(const CallHandler& calls) : calls_(calls) {}

  grpc::Status Check(grpc::ServerContext* context, const HealthCheckRequest* request,
                     HealthCheckResponse* response) override {
    auto body = [&](const Call& call) -> absl::Status {
      last_correlation_ = log::CurrentCorrelationId();
      last_call_correlation_ = call.correlation_id;
      last_subject_ = call.caller.subject;
      last_role_ = call.caller.role;
      if (request->service().ends_with(":fail")) {
        return Error(absl::StatusCode::kFailedPrecondition, "PROBE_REFUSED", "refused",
                     {{"probe", "1"}});
      }
      response->set_status(HealthCheckResponse::SERVING);
      return absl::OkStatus();
    };
    return request->service().starts_with("public") ? calls_.Public(context, body)
                                                    : calls_.Authenticated(context, body);
  }

  std::string last_correlation_, last_call_correlation_, last_subject_;
  auth::Role last_role_ = auth::Role::kCitizen;

 private:
  const CallHandler& calls_;
};

class CallHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = grpc::health::v1::Health::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override { server_->Shutdown(); }

  absl::Status Call(const std::string& what, const std::string& token,
                    const std::string& correlation = "") {
    grpc::ClientContext context;
    if (!token.empty()) context.AddMetadata(auth::kTokenMetadataKey, token);
    if (!correlation.empty()) context.AddMetadata("x-correlation-id", correlation);
    return CallWith(context, what);
  }
  absl::Status CallWith(grpc::ClientContext& context, const std::string& what) {
    HealthCheckRequest request;
    request.set_service(what);
    HealthCheckResponse response;
    return FromGrpcStatus(stub_->Check(&context, request, &response));
  }

  static auth::TokenSigner NewSigner() { return *auth::TokenSigner::Generate(); }
  std::string Mint(const auth::TokenSigner& signer, auth::Caller caller,
                   const std::string& audience = "probe") {
    caller.spid_level = caller.spid_level == 0 ? 2 : caller.spid_level;
    return signer.Sign(caller, audience);
  }

  auth::TokenSigner signer_ = NewSigner();
  auth::TokenSigner other_signer_ = NewSigner();
  // The caller service's own key; the probe service trusts it (auth.trusted_service_keys).
  auth::TokenSigner notifications_ = NewSigner().WithIssuer(auth::ServiceIssuer("notifications"));
  auth::TokenVerifier tokens_ =
      auth::TokenVerifier::For(signer_, {"probe"})
          .WithTrustedServices(
              {{"notifications", *auth::PublicKeyFromPem(notifications_.PublicKeyPem())}});
  CallHandler calls_{tokens_, ErrorDomainOf("probe")};
  ProbeService service_{calls_};
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::health::v1::Health::Stub> stub_;
};

TEST_F(CallHandlerTest, AuthenticatedCallsGetTheVerifiedCallerAndTheCorrelationId) {
  const std::string token = Mint(signer_, {.subject = "op-1", .role = auth::Role::kOperator});
  EXPECT_THAT(Call("private", token, "corr-42"), IsOk());
  EXPECT_EQ(service_.last_subject_, "op-1");
  EXPECT_EQ(service_.last_correlation_, "corr-42") << "logs of the call carry it";
  EXPECT_EQ(service_.last_call_correlation_, "corr-42");
}

TEST_F(CallHandlerTest, EveryCallGetsACorrelationIdEvenWhenTheClientSendsNone) {
  EXPECT_THAT(Call("public", ""), IsOk());
  EXPECT_EQ(service_.last_correlation_.size(), 36u);  // a UUIDv7
}

TEST_F(CallHandlerTest, MissingForgedOrForeignTokensAreRefusedBeforeTheBody) {
  service_.last_subject_ = "untouched";
  EXPECT_THAT(Call("private", ""), HasReason("TOKEN_MISSING"));
  EXPECT_THAT(Call("private", "forged.token"), HasReason("TOKEN_INVALID"));
  EXPECT_THAT(Call("private", Mint(other_signer_, {.subject = "x"})), HasReason("TOKEN_INVALID"));
  EXPECT_THAT(Call("private", Mint(signer_, {.subject = "x"}, "booking")),
              HasReason("TOKEN_AUDIENCE_MISMATCH"));
  EXPECT_THAT(Call("private", Mint(signer_, {.subject = "x", .spid_level = 1})),
              HasReason("TOKEN_LEVEL_TOO_LOW"));
  EXPECT_EQ(service_.last_subject_, "untouched");
}

TEST_F(CallHandlerTest, AnAttachedServiceTokenAuthenticatesTheCallingService) {
  grpc::ClientContext context;
  AttachServiceToken(context, notifications_, "probe");
  EXPECT_THAT(CallWith(context, "private"), IsOk());
  EXPECT_EQ(service_.last_subject_, "service:notifications");
  EXPECT_EQ(service_.last_role_, auth::Role::kNotifier);

  service_.last_subject_ = "untouched";
  grpc::ClientContext untrusted;
  AttachServiceToken(untrusted, NewSigner().WithIssuer(auth::ServiceIssuer("matching")), "probe");
  EXPECT_THAT(CallWith(untrusted, "private"), HasReason("TOKEN_INVALID"));
  grpc::ClientContext elsewhere;
  AttachServiceToken(elsewhere, notifications_, "booking");
  EXPECT_THAT(CallWith(elsewhere, "private"), HasReason("TOKEN_AUDIENCE_MISMATCH"));
  EXPECT_EQ(service_.last_subject_, "untouched");
  EXPECT_EQ(ServiceCaller("notifications").subject, "service:notifications");
  EXPECT_EQ(ServiceCaller("notifications").role, auth::Role::kNotifier);
}

TEST_F(CallHandlerTest, PublicCallsNeedNoTokenButRefuseABadOne) {
  EXPECT_THAT(Call("public", ""), IsOk());
  EXPECT_THAT(Call("public", "forged.token"), HasReason("TOKEN_INVALID"));
}

TEST_F(CallHandlerTest, FailuresBecomeStatusesInTheServiceErrorDomain) {
  grpc::ClientContext context;
  HealthCheckRequest request;
  request.set_service("public:fail");
  HealthCheckResponse response;
  const grpc::Status status = stub_->Check(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  const absl::Status back = FromGrpcStatus(status);
  EXPECT_EQ(ErrorReason(back), "PROBE_REFUSED");
  EXPECT_EQ(ErrorMetadata(back).at("probe"), "1");
  EXPECT_EQ(calls_.error_domain(), "probe.sisl.regione.piemonte.it");
}

}  // namespace
}  // namespace sisl::platform
