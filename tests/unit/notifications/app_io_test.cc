// The App IO channel (services/notifications/channels/app_io.h) against the in-process fake of
// the IO API for services (tests/support/fake_channels.h): the profile check then the message,
// with the subscription key and the documented payload; every failure with its reason and
// temporary/permanent code; the API's content limits; and the fiscal code in no error and no
// log line.
#include "services/notifications/channels/app_io.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/support/fake_channels.h"

namespace sisl::notifications {
namespace {

using ::sisl::platform::testing::HasReason;
using ::sisl::platform::testing::StatusIs;
using ::sisl::notifications::testing::FakeChannelsServer;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kKey[] = "io-service-key-0123";
constexpr char kCitizen[] = "RSSMRA85T10A562S";

// Nothing about a failure may carry the fiscal code: message, reason, metadata.
void ExpectNoFiscalCode(const absl::Status& status, const std::string& fiscal_code) {
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr(fiscal_code)));
  EXPECT_THAT(status.ToString(), Not(HasSubstr(fiscal_code)));
  for (const auto& [name, value] : platform::ErrorMetadata(status)) {
    EXPECT_THAT(value, Not(HasSubstr(fiscal_code))) << name;
  }
}

class AppIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK(fake_.Start());
    fake_.SetAppIoKey(kKey);
  }

  std::unique_ptr<AppIoClient> Client(AppIoProfileLookup lookup = AppIoProfileLookup::kPost,
                                      std::string key = kKey) {
    AppIoConfig config;
    config.base_url = fake_.base_url() + "/";
    config.api_key = std::move(key);
    config.profile_lookup = lookup;
    config.http.timeout = absl::Seconds(5);
    auto client = AppIoClient::Create(std::move(config));
    EXPECT_OK(client.status());
    return client.ok() ? *std::move(client) : nullptr;
  }

  static AppIoMessage Confirmation(std::string fiscal_code = kCitizen) {
    return {std::move(fiscal_code), "Appuntamento confermato",
            "Il tuo appuntamento al **Centro per l'impiego di Torino** e' confermato per "
            "lunedi' 14 dicembre alle 10:30.",
            "key-confirmation-1"};
  }

  FakeChannelsServer fake_;
};

TEST_F(AppIoTest, ChecksTheProfileByPostThenSendsTheMessage) {
  fake_.AddProfile(kCitizen, true);
  auto client = Client();
  ASSERT_OK_AND_ASSIGN(AppIoSendResult result, client->Send(Confirmation()));
  EXPECT_EQ(result.http_status, 201);
  ASSERT_EQ(fake_.io_messages().size(), 1u);
  EXPECT_EQ(result.message_id, fake_.io_messages()[0].id);

  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/api/v1/profiles");
  EXPECT_EQ(nlohmann::json::parse(requests[0].body),
            (nlohmann::json{{"fiscal_code", kCitizen}}));
  EXPECT_EQ(requests[1].method, "POST");
  EXPECT_EQ(requests[1].target, "/api/v1/messages");
  for (const auto& request : requests) {
    EXPECT_EQ(request.headers.at("ocp-apim-subscription-key"), kKey);
    EXPECT_THAT(request.headers.at("content-type"), ::testing::StartsWith("application/json"));
  }
  EXPECT_EQ(nlohmann::json::parse(requests[1].body),
            (nlohmann::json{{"fiscal_code", kCitizen},
                            {"content",
                             {{"subject", Confirmation().subject},
                              {"markdown", Confirmation().markdown}}},
                            {"feature_level_type", "STANDARD"}}));
}

TEST_F(AppIoTest, TheDeprecatedGetProfileCallWhenConfigured) {
  fake_.AddProfile(kCitizen, true);
  auto client = Client(AppIoProfileLookup::kGet);
  ASSERT_OK(client->Send(Confirmation("rssmra85t10a562s")).status());  // sent upper case
  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, absl::StrCat("/api/v1/profiles/", kCitizen));
  EXPECT_EQ(requests[0].headers.at("ocp-apim-subscription-key"), kKey);
  EXPECT_EQ(fake_.io_messages()[0].fiscal_code, kCitizen);
}

TEST_F(AppIoTest, NoProfileIsPermanentAndNothingIsSent) {
  for (auto lookup : {AppIoProfileLookup::kPost, AppIoProfileLookup::kGet}) {
    auto result = Client(lookup)->Send(Confirmation());
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition));
    EXPECT_THAT(result, HasReason("APP_IO_NO_PROFILE"));
    EXPECT_EQ(platform::ErrorMetadata(result.status())["http_status"], "404");
    // The fake's 404 quotes the fiscal code: the adapter passes it on masked.
    ExpectNoFiscalCode(result.status(), kCitizen);
  }
  EXPECT_TRUE(fake_.io_messages().empty());
}

TEST_F(AppIoTest, ASenderBlockedByTheCitizenIsPermanent) {
  fake_.AddProfile(kCitizen, false);
  auto result = Client()->Send(Confirmation());
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(result, HasReason("APP_IO_SENDER_BLOCKED"));
  ExpectNoFiscalCode(result.status(), kCitizen);
  EXPECT_EQ(fake_.requests().size(), 1u);  // no message call
}

TEST_F(AppIoTest, TooManyRequestsThenCreated) {
  fake_.AddProfile(kCitizen, true);
  fake_.Script("POST /api/v1/messages", {{429, R"({"title":"Too many requests"})"}});
  auto client = Client();
  auto first = client->Send(Confirmation());
  EXPECT_THAT(first, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(first, HasReason("APP_IO_TEMPORARY"));
  EXPECT_EQ(platform::ErrorMetadata(first.status())["step"], "message");
  EXPECT_TRUE(fake_.io_messages().empty());
  ASSERT_OK_AND_ASSIGN(AppIoSendResult again, client->Send(Confirmation()));
  EXPECT_EQ(again.http_status, 201);
  EXPECT_EQ(fake_.io_messages().size(), 1u);
}

TEST_F(AppIoTest, ServerErrorsOnEitherCallAreTemporary) {
  fake_.AddProfile(kCitizen, true);
  auto client = Client();
  for (const char* call : {"POST /api/v1/profiles", "POST /api/v1/messages"}) {
    for (int status : {429, 500, 503}) {
      fake_.Script(call, {{status, R"({"title":"Internal error","detail":"RSSMRA85T10A562S"})"}});
      auto result = client->Send(Confirmation());
      EXPECT_THAT(result, StatusIs(absl::StatusCode::kUnavailable)) << call << " " << status;
      EXPECT_THAT(result, HasReason("APP_IO_TEMPORARY")) << call << " " << status;
      ExpectNoFiscalCode(result.status(), kCitizen);
    }
  }
  EXPECT_TRUE(fake_.io_messages().empty());
}

TEST_F(AppIoTest, AnUnreadableProfileAnswerIsTemporary) {
  fake_.Script("POST /api/v1/profiles", {{200, "<html>maintenance</html>"}});
  auto result = Client()->Send(Confirmation());
  EXPECT_THAT(result, HasReason("APP_IO_TEMPORARY"));
}

TEST_F(AppIoTest, OtherClientErrorsArePermanent) {
  fake_.AddProfile(kCitizen, true);
  auto wrong_key = Client(AppIoProfileLookup::kPost, "revoked-key")->Send(Confirmation());
  EXPECT_THAT(wrong_key, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(wrong_key, HasReason("APP_IO_PERMANENT"));
  EXPECT_EQ(platform::ErrorMetadata(wrong_key.status())["step"], "profile");

  fake_.Script("POST /api/v1/messages", {{400, R"({"title":"Invalid NewMessage"})"}});
  auto bad = Client()->Send(Confirmation());
  EXPECT_THAT(bad, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(bad, HasReason("APP_IO_PERMANENT"));
  fake_.Script("POST /api/v1/messages", {{403, "{}"}});
  EXPECT_THAT(Client()->Send(Confirmation()), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_TRUE(fake_.io_messages().empty());
}

TEST_F(AppIoTest, ContentLimitsAreCheckedBeforeAnyRequest) {
  fake_.AddProfile(kCitizen, true);
  auto client = Client();
  auto with = [](std::string subject, std::string markdown) {
    AppIoMessage message = Confirmation();
    message.subject = std::move(subject);
    message.markdown = std::move(markdown);
    return message;
  };
  const std::string ok_markdown(80, 'm');
  std::string emoji_subject;  // 60 x U+1F4C5: 60 characters but 120 UTF-16 units, as IO counts
  for (int i = 0; i < 60; ++i) emoji_subject += "\xF0\x9F\x93\x85";
  for (const AppIoMessage& message :
       {with(std::string(9, 's'), ok_markdown), with(std::string(120, 's'), ok_markdown),
        with("Promemoria!", std::string(79, 'm')), with("Promemoria!", std::string(10000, 'm')),
        with(emoji_subject, ok_markdown)}) {
    auto result = client->Send(message);
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(result, HasReason("APP_IO_CONTENT"));
  }
  EXPECT_TRUE(fake_.requests().empty());
  // The bounds themselves go through; Arabic counts characters, not bytes.
  EXPECT_OK(ValidateAppIoContent(std::string(10, 's'), std::string(9999, 'm')));
  EXPECT_OK(ValidateAppIoContent(std::string(119, 's'), ok_markdown));
  std::string arabic_subject;
  for (int i = 0; i < 70; ++i) arabic_subject += "\xD9\x85";  // 70 x U+0645, 140 bytes
  EXPECT_OK(ValidateAppIoContent(arabic_subject, ok_markdown));
  // and the fake (io-functions-commons' bounds) takes the longest subject and markdown.
  ASSERT_OK(client->Send(with(std::string(119, 's'), std::string(9999, 'm'))).status());
}

TEST_F(AppIoTest, AMalformedFiscalCodeIsRefusedWithoutQuotingIt) {
  auto result = Client()->Send(Confirmation("RSSMRA85T10A562"));
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(result, HasReason("APP_IO_FISCAL_CODE"));
  ExpectNoFiscalCode(result.status(), "RSSMRA85T10A562");
  EXPECT_THAT(Client()->Send(Confirmation("RSSMRA85T10A562S/../x")),
              HasReason("APP_IO_FISCAL_CODE"));
  EXPECT_TRUE(fake_.requests().empty());
}

TEST_F(AppIoTest, NoAnswerIsUnreachableAndQuotesNoPath) {
  const std::string base = fake_.base_url();
  fake_.Stop();
  AppIoConfig config;
  config.base_url = base;
  config.api_key = kKey;
  config.profile_lookup = AppIoProfileLookup::kGet;  // the fiscal code in the URL
  ASSERT_OK_AND_ASSIGN(auto client, AppIoClient::Create(config));
  auto result = client->Send(Confirmation());
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(result, HasReason("HTTP_UNREACHABLE"));
  ExpectNoFiscalCode(result.status(), kCitizen);
}

TEST_F(AppIoTest, TheFiscalCodeIsInNoLogLine) {
  auto client = Client();
  ::testing::internal::CaptureStdout();
  auto missing = client->Send(Confirmation());  // 404: logged as a warning
  fake_.AddProfile(kCitizen, true);
  fake_.Script("POST /api/v1/messages", {{500, absl::StrCat(R"({"detail":")", kCitizen, "\"}")}});
  auto failed = client->Send(Confirmation());
  const std::string logged = ::testing::internal::GetCapturedStdout();
  EXPECT_THAT(missing, HasReason("APP_IO_NO_PROFILE"));
  EXPECT_THAT(failed, HasReason("APP_IO_TEMPORARY"));
  EXPECT_THAT(logged, HasSubstr("APP_IO_NO_PROFILE"));  // the log was captured
  EXPECT_THAT(logged, Not(HasSubstr(kCitizen)));
}

TEST_F(AppIoTest, ConfigsThatCannotWorkAreRefused) {
  EXPECT_THAT(AppIoClient::Create({.base_url = "http://api.io.pagopa.it", .api_key = "k"}),
              HasReason("APP_IO_CONFIG"));
  EXPECT_THAT(AppIoClient::Create({.base_url = "https://api.io.pagopa.it", .api_key = ""}),
              HasReason("APP_IO_CONFIG"));
  EXPECT_THAT(AppIoClient::Create({.base_url = "https://api.io.pagopa.it", .api_key = "a\nb"}),
              HasReason("APP_IO_CONFIG"));
  EXPECT_OK(AppIoClient::Create({.api_key = "k"}).status());  // the default base
}

}  // namespace
}  // namespace sisl::notifications
