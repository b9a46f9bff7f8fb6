// The App IO channel: a port (AppIoChannel) and its adapter for the IO API for services of
// PagoPA (AppIoClient), base https://api.io.pagopa.it (docs/notifications.md cites the public
// documentation this follows). Each message is two calls, both with the service's key in
// `Ocp-Apim-Subscription-Key`:
//   1. the profile check of the fiscal code:
//        POST {base}/api/v1/profiles  {"fiscal_code": "..."}    (kPost, the default: the
//                                      documented replacement of the call below, and it keeps
//                                      the fiscal code out of URLs and access logs)
//        GET  {base}/api/v1/profiles/{fiscal_code}               (kGet: deprecated by PagoPA)
//      200 {"sender_allowed": true} lets the message go;
//   2. POST {base}/api/v1/messages
//        {"fiscal_code": "...", "content": {"subject": "...", "markdown": "..."},
//         "feature_level_type": "STANDARD"}
//      201 {"id": "01EM6X4JB9VSZTQ8H16KMQFCEJ"}.
// The IO API has no idempotency key for messages: a resend after a lost answer (HTTP_UNREACHABLE
// on step 2) can give the citizen the message twice; any answer, 2xx or not, is final for the
// message ledger except the temporary ones below.
//
// Failures, with metadata `http_status`, `step` (profile or message) and `detail` (the start of
// the answer, personal data masked). The fiscal code is personal data: it appears in no status
// message, metadata or log line.
//   INVALID_ARGUMENT     APP_IO_FISCAL_CODE      not 16 letters and digits; before any request
//   INVALID_ARGUMENT     APP_IO_CONTENT          subject not 10-119 or markdown not 80-9999
//                                                characters (the API's limits, below; in UTF-16
//                                                units as the API counts them); before any
//                                                request
//   FAILED_PRECONDITION  APP_IO_NO_PROFILE       404 on the profile: the citizen has no IO
//                                                profile (permanent)
//   FAILED_PRECONDITION  APP_IO_SENDER_BLOCKED   200 with sender_allowed false: the citizen
//                                                turned this service off (permanent)
//   UNAVAILABLE          APP_IO_TEMPORARY        408, 429, 5xx on either call, or a profile
//                                                answer that cannot be read
//   UNAVAILABLE          HTTP_UNREACHABLE        no answer (http_client.h)
//   INVALID_ARGUMENT     APP_IO_PERMANENT        400 (the request was refused as malformed)
//   FAILED_PRECONDITION  APP_IO_PERMANENT        any other 4xx (401/403: wrong or revoked key)
#ifndef SISL_SERVICES_NOTIFICATIONS_CHANNELS_APP_IO_H_
#define SISL_SERVICES_NOTIFICATIONS_CHANNELS_APP_IO_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/notifications/channels/http_client.h"

namespace sisl::notifications {

// The API's limits, inclusive. The OpenAPI says subject 10-120 and markdown 80-10000, but the
// validators generated from it (io-functions-commons' WithinRangeString(l, h)) accept lengths
// in [l, h): 120 and 10000 themselves are refused by versions built that way. These bounds hold
// under both readings.
inline constexpr int kAppIoSubjectMin = 10;
inline constexpr int kAppIoSubjectMax = 119;
inline constexpr int kAppIoMarkdownMin = 80;
inline constexpr int kAppIoMarkdownMax = 9999;

struct AppIoMessage {
  std::string fiscal_code;  // upper or lower case; sent upper case
  std::string subject;
  std::string markdown;
  std::string idempotency_key;  // not sent (the API has none); for the caller's records
};

struct AppIoSendResult {
  int http_status = 0;     // 201
  std::string message_id;  // IO's id of the message ("" if the answer had none)
};

// The port: one message to one citizen's IO app.
class AppIoChannel {
 public:
  virtual ~AppIoChannel() = default;
  virtual absl::StatusOr<AppIoSendResult> Send(const AppIoMessage& message) = 0;
};

// OK when subject and markdown are within the API's limits; INVALID_ARGUMENT APP_IO_CONTENT.
absl::Status ValidateAppIoContent(absl::string_view subject, absl::string_view markdown);

enum class AppIoProfileLookup { kPost, kGet };

struct AppIoConfig {
  std::string base_url = "https://api.io.pagopa.it";  // http:// only to a loopback host (tests)
  std::string api_key;                                // the service's primary or secondary key
  AppIoProfileLookup profile_lookup = AppIoProfileLookup::kPost;
  HttpClientConfig http;
};

class AppIoClient final : public AppIoChannel {
 public:
  // INVALID_ARGUMENT APP_IO_CONFIG for a config that cannot work (URL, missing key).
  static absl::StatusOr<std::unique_ptr<AppIoClient>> Create(AppIoConfig config);

  // Thread-safe (requests are serialised by the HTTP client).
  absl::StatusOr<AppIoSendResult> Send(const AppIoMessage& message) override;

 private:
  AppIoClient(AppIoConfig config, std::unique_ptr<HttpClient> http);
  absl::Status CheckProfile(const std::string& fiscal_code);

  const AppIoConfig config_;
  const std::string base_;  // base_url without a trailing '/'
  const std::unique_ptr<HttpClient> http_;
};

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_CHANNELS_APP_IO_H_
