// The SMS channel: a port (SmsChannel) and its adapter for an HTTP SMS gateway (HttpSmsGateway).
//
// The request, one per message (the shape most gateways accept, or put an adapter of a few lines
// in front of this one):
//   POST {url}
//   Authorization: Bearer {bearer_token}        (or Basic base64(username:password))
//   Content-Type: application/json
//   {"to": "+393331234567", "from": "{sender_id}", "text": "...", "reference": "{key}"}
// `to` is E.164; `reference` is the message's idempotency key, the same on every resend, so a
// gateway that deduplicates by reference sends the SMS once even when an answer was lost.
// The answer: any 2xx is sent; the gateway's id of the message is read from the JSON answer's
// "id" (or "message_id"), empty when there is none (the SMS is still sent: never resent).
//
// Failures, with metadata `http_status` and `detail` (the start of the answer, personal data
// masked):
//   INVALID_ARGUMENT  INVALID_PHONE_NUMBER  `to` not E.164 (+, 8-15 digits), or an Italian
//                                           (+39) number that is not a mobile (+39 3xx, 9-10
//                                           national digits); refused before any request
//   INVALID_ARGUMENT  SMS_CONTENT           empty text, more than kMaxSmsCharacters, or no key
//   UNAVAILABLE       SMS_TEMPORARY         408, 429, 5xx (ClassifyHttpStatus): retry later
//   UNAVAILABLE       HTTP_UNREACHABLE      no answer (http_client.h): retry, same reference
//   INVALID_ARGUMENT  SMS_PERMANENT         any other 4xx (refused number, bad credentials...)
#ifndef SISL_SERVICES_NOTIFICATIONS_CHANNELS_SMS_GATEWAY_H_
#define SISL_SERVICES_NOTIFICATIONS_CHANNELS_SMS_GATEWAY_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/notifications/channels/http_client.h"

namespace sisl::notifications {

// Ten concatenated GSM-7 segments (153 characters each); longer texts are refused, not cut.
inline constexpr int kMaxSmsCharacters = 1530;

struct SmsMessage {
  std::string to;               // E.164, "+393331234567"
  std::string text;             // UTF-8
  std::string idempotency_key;  // sent as "reference"
};

struct SmsSendResult {
  int http_status = 0;
  std::string gateway_message_id;  // "" when the gateway gave none
};

// The port: one SMS to one number.
class SmsChannel {
 public:
  virtual ~SmsChannel() = default;
  virtual absl::StatusOr<SmsSendResult> Send(const SmsMessage& sms) = 0;
};

// OK for an E.164 number a text can go to; INVALID_ARGUMENT INVALID_PHONE_NUMBER otherwise.
// Spaces, dots and dashes between digits are not accepted: contact data is stored normalised.
absl::Status ValidateMobileNumber(absl::string_view e164);

struct SmsGatewayConfig {
  std::string url;  // https://..., or http:// to a loopback host (tests)
  // Either a bearer token or a username and password (HTTP Basic); neither: no Authorization.
  std::string bearer_token;
  std::string username;
  std::string password;
  std::string sender_id;  // alphanumeric up to 11 characters, or an E.164 number
  HttpClientConfig http;
};

class HttpSmsGateway final : public SmsChannel {
 public:
  // INVALID_ARGUMENT SMS_CONFIG for a config that cannot work (URL, sender, both a token and a
  // password, line breaks in credentials).
  static absl::StatusOr<std::unique_ptr<HttpSmsGateway>> Create(SmsGatewayConfig config);

  // Thread-safe (requests are serialised by the HTTP client).
  absl::StatusOr<SmsSendResult> Send(const SmsMessage& sms) override;

 private:
  HttpSmsGateway(SmsGatewayConfig config, std::unique_ptr<HttpClient> http,
                 std::string authorization);

  const SmsGatewayConfig config_;
  const std::unique_ptr<HttpClient> http_;
  const std::string authorization_;  // the Authorization header value, or ""
};

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_CHANNELS_SMS_GATEWAY_H_
