#include "services/notifications/channels/app_io.h"

#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "nlohmann/json.hpp"
#include "services/notifications/domain/schedule.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::notifications {
namespace {

absl::Status ConfigError(absl::string_view why) {
  return platform::Error(absl::StatusCode::kInvalidArgument, "APP_IO_CONFIG",
                         absl::StrCat("app io: ", why));
}

// Length as the API counts it (JavaScript strings): UTF-16 code units.
int Utf16Units(absl::string_view text) {
  int n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    n += c >= 0xF0 ? 2 : 1;            // 4-byte sequences are surrogate pairs
  }
  return n;
}

bool HasLineBreak(absl::string_view text) {
  return text.find_first_of(absl::string_view("\r\n\0", 3)) != absl::string_view::npos;
}

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The start of an answer for people, with the fiscal code and other personal data masked (IO's
// problem answers may quote the request).
std::string Detail(absl::string_view body, absl::string_view fiscal_code) {
  std::string detail = platform::log::MaskPersonalData(body.substr(0, 200));
  if (!fiscal_code.empty()) absl::StrReplaceAll({{fiscal_code, "[CF]"}}, &detail);
  return detail;
}

absl::Status Failure(absl::string_view step, const HttpReply& reply,
                     absl::string_view fiscal_code) {
  const std::map<std::string, std::string> metadata = {{"http_status", absl::StrCat(reply.status)},
                                                       {"step", std::string(step)},
                                                       {"detail", Detail(reply.body, fiscal_code)}};
  std::string reason;
  absl::StatusCode code;
  if (step == "profile" && reply.status == 404) {
    reason = "APP_IO_NO_PROFILE";
    code = absl::StatusCode::kFailedPrecondition;
  } else if (ClassifyHttpStatus(reply.status) == FailureKind::kTemporary) {
    reason = "APP_IO_TEMPORARY";
    code = absl::StatusCode::kUnavailable;
  } else {
    reason = "APP_IO_PERMANENT";
    code = reply.status == 400 ? absl::StatusCode::kInvalidArgument
                               : absl::StatusCode::kFailedPrecondition;
  }
  platform::log::Warn("app io: refused", {{"reason", reason},
                                          {"step", std::string(step)},
                                          {"http_status", absl::StrCat(reply.status)}});
  return platform::Error(
      code, reason, absl::StrCat("app io: the ", step, " call answered ", reply.status), metadata);
}

}  // namespace

absl::Status ValidateAppIoContent(absl::string_view subject, absl::string_view markdown) {
  const int subject_length = Utf16Units(subject);
  const int markdown_length = Utf16Units(markdown);
  if (subject_length < kAppIoSubjectMin || subject_length > kAppIoSubjectMax) {
    return platform::Error(
        absl::StatusCode::kInvalidArgument, "APP_IO_CONTENT",
        absl::StrCat("app io: the subject has ", subject_length, " characters, not ",
                     kAppIoSubjectMin, " to ", kAppIoSubjectMax),
        {{"field", "subject"}});
  }
  if (markdown_length < kAppIoMarkdownMin || markdown_length > kAppIoMarkdownMax) {
    return platform::Error(
        absl::StatusCode::kInvalidArgument, "APP_IO_CONTENT",
        absl::StrCat("app io: the markdown has ", markdown_length, " characters, not ",
                     kAppIoMarkdownMin, " to ", kAppIoMarkdownMax),
        {{"field", "markdown"}});
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<AppIoClient>> AppIoClient::Create(AppIoConfig config) {
  if (absl::Status s = CheckServiceUrl(config.base_url); !s.ok()) {
    return ConfigError(s.message());
  }
  if (config.api_key.empty() || HasLineBreak(config.api_key)) {
    return ConfigError("the subscription key is missing or holds a line break");
  }
  absl::StatusOr<std::unique_ptr<HttpClient>> http = HttpClient::Create(config.http);
  if (!http.ok()) return http.status();
  return std::unique_ptr<AppIoClient>(new AppIoClient(std::move(config), *std::move(http)));
}

AppIoClient::AppIoClient(AppIoConfig config, std::unique_ptr<HttpClient> http)
    : config_(std::move(config)),
      base_(std::string(absl::StripSuffix(config_.base_url, "/"))),
      http_(std::move(http)) {}

absl::Status AppIoClient::CheckProfile(const std::string& fiscal_code) {
  const HttpHeaders headers = {{"Ocp-Apim-Subscription-Key", config_.api_key}};
  absl::StatusOr<HttpReply> reply =
      config_.profile_lookup == AppIoProfileLookup::kPost
          ? http_->PostJson(absl::StrCat(base_, "/api/v1/profiles"), headers,
                            Dump({{"fiscal_code", fiscal_code}}))
          : http_->Get(absl::StrCat(base_, "/api/v1/profiles/", fiscal_code), headers);
  if (!reply.ok()) return reply.status();
  if (reply->status != 200) return Failure("profile", *reply, fiscal_code);
  nlohmann::json answer = nlohmann::json::parse(reply->body, nullptr, false);
  if (!answer.is_object() || !answer.contains("sender_allowed") ||
      !answer["sender_allowed"].is_boolean()) {
    platform::log::Warn("app io: unreadable profile answer", {{"reason", "APP_IO_TEMPORARY"}});
    return platform::Error(absl::StatusCode::kUnavailable, "APP_IO_TEMPORARY",
                           "app io: the profile answer has no sender_allowed",
                           {{"http_status", "200"},
                            {"step", "profile"},
                            {"detail", Detail(reply->body, fiscal_code)}});
  }
  if (!answer["sender_allowed"].get<bool>()) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "APP_IO_SENDER_BLOCKED",
                           "app io: the citizen does not accept messages from this service",
                           {{"http_status", "200"}, {"step", "profile"}});
  }
  return absl::OkStatus();
}

absl::StatusOr<AppIoSendResult> AppIoClient::Send(const AppIoMessage& message) {
  const std::string fiscal_code = absl::AsciiStrToUpper(message.fiscal_code);
  bool shaped = fiscal_code.size() == 16;
  for (char c : fiscal_code) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) shaped = false;
  }
  if (!shaped) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "APP_IO_FISCAL_CODE",
                           "app io: the fiscal code is not 16 letters and digits");
  }
  if (absl::Status s = ValidateAppIoContent(message.subject, message.markdown); !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckProfile(fiscal_code); !s.ok()) return s;

  const nlohmann::json request = {
      {"fiscal_code", fiscal_code},
      {"content", {{"subject", message.subject}, {"markdown", message.markdown}}},
      {"feature_level_type", "STANDARD"}};
  absl::StatusOr<HttpReply> reply =
      http_->PostJson(absl::StrCat(base_, "/api/v1/messages"),
                      {{"Ocp-Apim-Subscription-Key", config_.api_key}}, Dump(request));
  if (!reply.ok()) return reply.status();
  if (reply->status < 200 || reply->status > 299) return Failure("message", *reply, fiscal_code);
  AppIoSendResult result;
  result.http_status = reply->status;
  nlohmann::json answer = nlohmann::json::parse(reply->body, nullptr, false);
  if (answer.is_object() && answer.contains("id") && answer["id"].is_string()) {
    result.message_id = answer["id"].get<std::string>();
  }
  return result;
}

}  // namespace sisl::notifications
