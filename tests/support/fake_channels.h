// A local fake of the HTTP services the notification channels call, for tests only: the two
// documented calls of the IO API for services (profile check and message submission, as
// services/notifications/channels/app_io.h describes them) and an SMS gateway speaking the
// payload of sms_gateway.h. One in-process HTTP/1.1 server (Boost.Beast) on a loopback port, one
// connection at a time, every answer with `Connection: close`.
//
// It records every request it receives, answers per configured behaviour, and lets tests read
// what was received. Behaviour:
//   POST /api/v1/profiles {"fiscal_code"} and GET /api/v1/profiles/{fiscal_code}:
//        401 without the configured Ocp-Apim-Subscription-Key; 200 {"sender_allowed": bool} for
//        a profile added with AddProfile; otherwise 404 with a problem answer whose detail
//        quotes the fiscal code (on purpose: the adapter must not pass it on);
//   POST /api/v1/messages: 401 as above; 400 for a body without fiscal_code, content.subject
//        or content.markdown, or with lengths outside io-functions-commons' WithinRangeString
//        bounds ([10, 120) and [80, 10000) UTF-16 units); else 201 {"id": "..."}, message kept;
//   POST {kSmsPath}: 401 without the configured Authorization (when one is set); 400 without
//        to/from/text/reference; else 200 {"id": "..."}; a reference already seen answers its
//        first id again and is not kept twice (a gateway that deduplicates by reference);
//   anything else: 404.
// Script() puts answers ahead of that behaviour: 429 then the normal 201, a 500, ...
#ifndef SISL_TESTS_SUPPORT_FAKE_CHANNELS_H_
#define SISL_TESTS_SUPPORT_FAKE_CHANNELS_H_

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace sisl::notifications::testing {

struct ReceivedRequest {
  std::string method;                          // "POST"
  std::string target;                          // "/api/v1/messages"
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

struct FakeReply {
  int status = 200;
  std::string body;  // sent as application/json
};

struct ReceivedSms {
  std::string to, from, text, reference, id;
};

struct ReceivedIoMessage {
  std::string fiscal_code, subject, markdown, feature_level_type, id;
};

class FakeChannelsServer final {
 public:
  static constexpr const char* kSmsPath = "/sms/v1/messages";

  FakeChannelsServer();
  ~FakeChannelsServer();
  FakeChannelsServer(const FakeChannelsServer&) = delete;
  FakeChannelsServer& operator=(const FakeChannelsServer&) = delete;

  // Listens on 127.0.0.1, a free port.
  absl::Status Start();
  void Stop();
  int port() const { return port_; }
  std::string base_url() const;  // http://127.0.0.1:{port}: App IO's base
  std::string sms_url() const;   // base_url() + kSmsPath

  void SetAppIoKey(const std::string& key);
  void AddProfile(const std::string& fiscal_code, bool sender_allowed);
  // The exact Authorization header the SMS path wants; "" (the default): any or none.
  void SetSmsAuthorization(const std::string& value);
  // The next requests whose "METHOD target" starts with `method_and_prefix` (for example
  // "POST /api/v1/messages", "GET /api/v1/profiles/") get `replies`, one each, in order.
  void Script(const std::string& method_and_prefix, std::vector<FakeReply> replies);

  std::vector<ReceivedRequest> requests() const;
  std::vector<ReceivedSms> sms() const;
  std::vector<ReceivedIoMessage> io_messages() const;

 private:
  struct Scripted {
    std::string method_and_prefix;
    std::deque<FakeReply> replies;
  };
  struct Impl;

  void Serve();
  FakeReply Answer(const ReceivedRequest& request);
  FakeReply AnswerProfile(const ReceivedRequest& request, const std::string& fiscal_code)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  FakeReply AnswerMessage(const ReceivedRequest& request) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  FakeReply AnswerSms(const ReceivedRequest& request) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;

  mutable absl::Mutex mu_;
  std::string app_io_key_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, bool> profiles_ ABSL_GUARDED_BY(mu_);
  std::string sms_authorization_ ABSL_GUARDED_BY(mu_);
  std::vector<Scripted> scripts_ ABSL_GUARDED_BY(mu_);
  std::vector<ReceivedRequest> requests_ ABSL_GUARDED_BY(mu_);
  std::vector<ReceivedSms> sms_ ABSL_GUARDED_BY(mu_);
  std::vector<ReceivedIoMessage> io_messages_ ABSL_GUARDED_BY(mu_);
  int next_id_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace sisl::notifications::testing

#endif  // SISL_TESTS_SUPPORT_FAKE_CHANNELS_H_
