#include "services/notifications/channels/sms_gateway.h"

#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/notifications/domain/schedule.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::notifications {
namespace {

absl::Status ConfigError(absl::string_view why) {
  return platform::Error(absl::StatusCode::kInvalidArgument, "SMS_CONFIG",
                         absl::StrCat("sms: ", why));
}

bool AllDigits(absl::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !text.empty();
}

// Unicode code points in UTF-8 text (continuation bytes not counted).
int CodePoints(absl::string_view text) {
  int n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string Detail(absl::string_view body) {
  return platform::log::MaskPersonalData(body.substr(0, 200));
}

bool HasLineBreak(absl::string_view text) {
  return text.find_first_of(absl::string_view("\r\n\0", 3)) != absl::string_view::npos;
}

}  // namespace

absl::Status ValidateMobileNumber(absl::string_view e164) {
  auto invalid = [](absl::string_view why) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_PHONE_NUMBER",
                           absl::StrCat("sms: ", why));
  };
  if (e164.size() < 2 || e164[0] != '+' || !AllDigits(e164.substr(1))) {
    return invalid("the number is not in E.164 form (+ and digits only)");
  }
  absl::string_view digits = e164.substr(1);
  if (digits[0] == '0' || digits.size() < 8 || digits.size() > 15) {
    return invalid("an E.164 number has 8 to 15 digits after a non-zero country code");
  }
  if (absl::StartsWith(digits, "39")) {
    absl::string_view national = digits.substr(2);
    if (national.empty() || national[0] != '3' || national.size() < 9 || national.size() > 10) {
      return invalid("an Italian number that receives SMS is a mobile: +39 3xx and 9-10 digits");
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<HttpSmsGateway>> HttpSmsGateway::Create(SmsGatewayConfig config) {
  if (absl::Status s = CheckServiceUrl(config.url); !s.ok()) return ConfigError(s.message());
  if (!config.bearer_token.empty() && (!config.username.empty() || !config.password.empty())) {
    return ConfigError("give either a bearer token or a username and password, not both");
  }
  if (config.username.find(':') != std::string::npos) {
    return ConfigError("the username cannot hold ':'");
  }
  if (HasLineBreak(config.bearer_token) || HasLineBreak(config.username) ||
      HasLineBreak(config.password)) {
    return ConfigError("line breaks in the credentials");
  }
  const std::string& sender = config.sender_id;
  bool alphanumeric = !sender.empty() && sender.size() <= 11;
  for (char c : sender) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) alphanumeric = false;
  }
  if (!alphanumeric && !(sender.size() > 1 && sender[0] == '+' && AllDigits(sender.substr(1)) &&
                         sender.size() <= 16)) {
    return ConfigError("the sender id is up to 11 letters and digits, or an E.164 number");
  }
  absl::StatusOr<std::unique_ptr<HttpClient>> http = HttpClient::Create(config.http);
  if (!http.ok()) return http.status();
  std::string authorization;
  if (!config.bearer_token.empty()) {
    authorization = absl::StrCat("Bearer ", config.bearer_token);
  } else if (!config.username.empty()) {
    authorization = absl::StrCat(
        "Basic ", absl::Base64Escape(absl::StrCat(config.username, ":", config.password)));
  }
  return std::unique_ptr<HttpSmsGateway>(
      new HttpSmsGateway(std::move(config), *std::move(http), std::move(authorization)));
}

HttpSmsGateway::HttpSmsGateway(SmsGatewayConfig config, std::unique_ptr<HttpClient> http,
                               std::string authorization)
    : config_(std::move(config)),
      http_(std::move(http)),
      authorization_(std::move(authorization)) {}

absl::StatusOr<SmsSendResult> HttpSmsGateway::Send(const SmsMessage& sms) {
  if (absl::Status s = ValidateMobileNumber(sms.to); !s.ok()) return s;
  const int length = CodePoints(sms.text);
  if (length == 0 || length > kMaxSmsCharacters) {
    return platform::Error(
        absl::StatusCode::kInvalidArgument, "SMS_CONTENT",
        absl::StrCat("sms: the text has ", length, " characters, not 1 to ", kMaxSmsCharacters));
  }
  if (sms.idempotency_key.empty()) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "SMS_CONTENT",
                           "sms: the message has no idempotency key");
  }
  const nlohmann::json request = {{"to", sms.to},
                                  {"from", config_.sender_id},
                                  {"text", sms.text},
                                  {"reference", sms.idempotency_key}};
  HttpHeaders headers;
  if (!authorization_.empty()) headers.emplace_back("Authorization", authorization_);
  // Invalid UTF-8 in the text is replaced, not thrown.
  absl::StatusOr<HttpReply> reply = http_->PostJson(
      config_.url, headers, request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (!reply.ok()) {
    platform::log::Warn(
        "sms: gateway unreachable",
        {{"reason", platform::ErrorReason(reply.status())}, {"gateway", UrlOrigin(config_.url)}});
    return reply.status();
  }
  SmsSendResult result;
  result.http_status = reply->status;
  if (reply->status >= 200 && reply->status <= 299) {
    nlohmann::json answer = nlohmann::json::parse(reply->body, nullptr, false);
    if (answer.is_object()) {
      for (const char* field : {"id", "message_id"}) {
        auto it = answer.find(field);
        if (it == answer.end()) continue;
        if (it->is_string()) result.gateway_message_id = it->get<std::string>();
        if (it->is_number_integer()) result.gateway_message_id = absl::StrCat(it->get<int64_t>());
        if (!result.gateway_message_id.empty()) break;
      }
    }
    return result;
  }
  const std::map<std::string, std::string> metadata = {{"http_status", absl::StrCat(reply->status)},
                                                       {"detail", Detail(reply->body)}};
  const bool temporary = ClassifyHttpStatus(reply->status) == FailureKind::kTemporary;
  const std::string reason = temporary ? "SMS_TEMPORARY" : "SMS_PERMANENT";
  platform::log::Warn("sms: refused by the gateway", {{"reason", reason},
                                                      {"http_status", absl::StrCat(reply->status)},
                                                      {"gateway", UrlOrigin(config_.url)}});
  return platform::Error(
      temporary ? absl::StatusCode::kUnavailable : absl::StatusCode::kInvalidArgument, reason,
      absl::StrCat("sms: the gateway answered ", reply->status,
                   temporary ? " (temporary)" : " (permanent)"),
      metadata);
}

}  // namespace sisl::notifications
