// The SMS channel (services/notifications/channels/sms_gateway.h) against the in-process fake
// gateway of tests/support/fake_channels.h: the payload and credentials sent, the gateway's id,
// deduplication by reference, phone-number checks and the classification of every answer.
#include "services/notifications/channels/sms_gateway.h"

#include <memory>
#include <string>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/notifications/domain/schedule.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/support/fake_channels.h"

namespace sisl::notifications {
namespace {

using ::sisl::platform::testing::HasReason;
using ::sisl::platform::testing::StatusIs;
using ::sisl::notifications::testing::FakeChannelsServer;

class SmsGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(fake_.Start());
    fake_.SetSmsAuthorization("Bearer sms-token-1");
  }

  std::unique_ptr<HttpSmsGateway> Gateway(SmsGatewayConfig config = {}) {
    if (config.url.empty()) config.url = fake_.sms_url();
    if (config.bearer_token.empty() && config.username.empty()) {
      config.bearer_token = "sms-token-1";
    }
    if (config.sender_id.empty()) config.sender_id = "RegPiemonte";
    config.http.timeout = absl::Seconds(5);
    auto gateway = HttpSmsGateway::Create(std::move(config));
    EXPECT_OK(gateway.status());
    return gateway.ok() ? *std::move(gateway) : nullptr;
  }

  static SmsMessage Reminder(std::string key = "key-reminder-1") {
    return {"+393331234567", "Promemoria: appuntamento al CPI di Torino domani alle 10:30.",
            std::move(key)};
  }

  FakeChannelsServer fake_;
};

TEST_F(SmsGatewayTest, SendsTheDocumentedPayloadWithTheBearerToken) {
  auto gateway = Gateway();
  ASSERT_OK_AND_ASSIGN(SmsSendResult result, gateway->Send(Reminder()));
  EXPECT_EQ(result.http_status, 200);
  ASSERT_EQ(fake_.sms().size(), 1u);
  EXPECT_EQ(result.gateway_message_id, fake_.sms()[0].id);
  EXPECT_FALSE(result.gateway_message_id.empty());

  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& request = requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, FakeChannelsServer::kSmsPath);
  EXPECT_EQ(request.headers.at("authorization"), "Bearer sms-token-1");
  EXPECT_THAT(request.headers.at("content-type"), ::testing::StartsWith("application/json"));
  const nlohmann::json body = nlohmann::json::parse(request.body);
  EXPECT_EQ(body, (nlohmann::json{{"to", "+393331234567"},
                                  {"from", "RegPiemonte"},
                                  {"text", Reminder().text},
                                  {"reference", "key-reminder-1"}}));
}

TEST_F(SmsGatewayTest, BasicAuthenticationWithUsernameAndPassword) {
  fake_.SetSmsAuthorization("Basic " + absl::Base64Escape("sisl:s3cret"));
  SmsGatewayConfig config;
  config.username = "sisl";
  config.password = "s3cret";
  auto gateway = Gateway(config);
  EXPECT_OK(gateway->Send(Reminder()).status());
}

TEST_F(SmsGatewayTest, TheSameReferenceIsSentOnceByADeduplicatingGateway) {
  auto gateway = Gateway();
  ASSERT_OK_AND_ASSIGN(SmsSendResult first, gateway->Send(Reminder("key-once")));
  ASSERT_OK_AND_ASSIGN(SmsSendResult again, gateway->Send(Reminder("key-once")));
  EXPECT_EQ(first.gateway_message_id, again.gateway_message_id);
  EXPECT_EQ(fake_.sms().size(), 1u);
  EXPECT_EQ(fake_.requests().size(), 2u);
}

TEST_F(SmsGatewayTest, UnicodeTextTravelsAsUtf8) {
  auto gateway = Gateway();
  SmsMessage sms = Reminder();
  sms.text = "تذكير: موعدك غدًا — città, perché";
  ASSERT_OK(gateway->Send(sms).status());
  ASSERT_EQ(fake_.sms().size(), 1u);
  EXPECT_EQ(fake_.sms()[0].text, sms.text);
}

TEST_F(SmsGatewayTest, PhoneNumbersAreCheckedBeforeAnyRequest) {
  auto gateway = Gateway();
  for (const char* bad : {"3331234567", "+39 333 1234567", "+39-3331234567", "+390111234567",
                          "+3933312", "+39333123456789", "+0123456789", "+", "",
                          "+1234567890123456"}) {
    SmsMessage sms = Reminder();
    sms.to = bad;
    auto result = gateway->Send(sms);
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
    EXPECT_THAT(result, HasReason("INVALID_PHONE_NUMBER")) << bad;
  }
  EXPECT_TRUE(fake_.requests().empty());
  for (const char* good : {"+393331234567", "+39333123456", "+33612345678", "+14155550123"}) {
    EXPECT_OK(ValidateMobileNumber(good)) << good;
  }
}

TEST_F(SmsGatewayTest, EmptyOrOverlongTextAndMissingKeyAreRefused) {
  auto gateway = Gateway();
  SmsMessage sms = Reminder();
  sms.text = "";
  EXPECT_THAT(gateway->Send(sms), HasReason("SMS_CONTENT"));
  sms.text = std::string(kMaxSmsCharacters + 1, 'a');
  EXPECT_THAT(gateway->Send(sms), HasReason("SMS_CONTENT"));
  sms.text = std::string(kMaxSmsCharacters, 'a');
  EXPECT_OK(gateway->Send(sms).status());
  sms.idempotency_key = "";
  EXPECT_THAT(gateway->Send(sms), HasReason("SMS_CONTENT"));
  EXPECT_EQ(fake_.requests().size(), 1u);
}

TEST_F(SmsGatewayTest, TemporaryAnswersAreUnavailableAndRetriedWithTheSameReference) {
  auto gateway = Gateway();
  for (int status : {408, 429, 500, 502, 503}) {
    fake_.Script("POST /sms", {{status, R"({"error":"busy"})"}});
    auto result = gateway->Send(Reminder("key-temp"));
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kUnavailable)) << status;
    EXPECT_THAT(result, HasReason("SMS_TEMPORARY")) << status;
    EXPECT_EQ(platform::ErrorMetadata(result.status())["http_status"], std::to_string(status));
    EXPECT_EQ(ClassifyHttpStatus(status), FailureKind::kTemporary);
  }
  EXPECT_OK(gateway->Send(Reminder("key-temp")).status());  // then it goes, once
  EXPECT_EQ(fake_.sms().size(), 1u);
  for (const auto& request : fake_.requests()) {
    EXPECT_EQ(nlohmann::json::parse(request.body)["reference"], "key-temp");
  }
}

TEST_F(SmsGatewayTest, OtherClientErrorsArePermanent) {
  auto gateway = Gateway();
  for (int status : {400, 403, 404, 422}) {
    fake_.Script("POST /sms", {{status, R"({"error":"refused"})"}});
    auto result = gateway->Send(Reminder());
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument)) << status;
    EXPECT_THAT(result, HasReason("SMS_PERMANENT")) << status;
  }
  // Wrong credentials: the fake's own 401.
  SmsGatewayConfig config;
  config.bearer_token = "wrong";
  auto wrong = Gateway(config);
  EXPECT_THAT(wrong->Send(Reminder()), HasReason("SMS_PERMANENT"));
  EXPECT_TRUE(fake_.sms().empty());
}

TEST_F(SmsGatewayTest, ASuccessWithoutAnIdIsStillSent) {
  auto gateway = Gateway();
  fake_.Script("POST /sms", {{202, "accepted"}});
  ASSERT_OK_AND_ASSIGN(SmsSendResult result, gateway->Send(Reminder()));
  EXPECT_EQ(result.http_status, 202);
  EXPECT_EQ(result.gateway_message_id, "");
}

TEST_F(SmsGatewayTest, NoAnswerIsHttpUnreachable) {
  const std::string url = fake_.sms_url();
  fake_.Stop();
  auto gateway = Gateway({.url = url});
  auto result = gateway->Send(Reminder());
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(result, HasReason("HTTP_UNREACHABLE"));
}

TEST_F(SmsGatewayTest, ConfigsThatCannotWorkAreRefused) {
  auto make = [&](SmsGatewayConfig config) { return HttpSmsGateway::Create(std::move(config)); };
  EXPECT_THAT(make({.url = "http://sms.example.com/send", .sender_id = "SISL"}),
              HasReason("SMS_CONFIG"));  // clear text to a remote host
  EXPECT_THAT(make({.url = "ftp://127.0.0.1/x", .sender_id = "SISL"}), HasReason("SMS_CONFIG"));
  EXPECT_THAT(make({.url = "https://sms.example.com/send", .sender_id = "TooLongSender1"}),
              HasReason("SMS_CONFIG"));
  EXPECT_THAT(make({.url = "https://sms.example.com/send", .bearer_token = "t", .username = "u",
                    .sender_id = "SISL"}),
              HasReason("SMS_CONFIG"));
  EXPECT_THAT(make({.url = "https://sms.example.com/send", .bearer_token = "t\r\nX: y",
                    .sender_id = "SISL"}),
              HasReason("SMS_CONFIG"));
  EXPECT_OK(make({.url = "https://sms.example.com/send", .bearer_token = "t",
                  .sender_id = "+393331234567"})
                .status());
}

TEST(HttpClientTest, InsecureIsOnlyForLoopbackAndUrlsHideTheirPath) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("[::1]"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_FALSE(IsLoopbackHost("api.io.pagopa.it"));
  EXPECT_EQ(UrlOrigin("https://api.io.pagopa.it/api/v1/profiles/RSSMRA85T10A562S"),
            "https://api.io.pagopa.it");
  EXPECT_EQ(UrlOrigin("http://user:pw@127.0.0.1:8080/x?y"), "http://127.0.0.1:8080");
  auto client = HttpClient::Create({.insecure_skip_verify_loopback_only = true});
  ASSERT_OK(client.status());
  EXPECT_THAT((*client)->Get("https://api.io.pagopa.it/", {}), HasReason("HTTP_URL"));
  EXPECT_THAT((*client)->Get("http://127.0.0.1:1/", {{"X-A", "b\r\nX-Injected: 1"}}),
              HasReason("HEADER_INJECTION"));
}

}  // namespace
}  // namespace sisl::notifications
