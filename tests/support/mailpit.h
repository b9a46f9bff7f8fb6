// A client of the local SMTP server's HTTP API (mailpit, deploy/lib/mailpit.sh), for tests that
// read what SISL mailed: search by recipient, a message's summary, its parts.
#ifndef SISL_TESTS_SUPPORT_MAILPIT_H_
#define SISL_TESTS_SUPPORT_MAILPIT_H_

#include <string>

#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace sisl::testing_env {

class Mailpit final {
 public:
  // `api`: "http://127.0.0.1:58025" (SISL_TEST_MAILPIT_API).
  explicit Mailpit(std::string api) : api_(std::move(api)) {}

  // GET `path` on the API: the body, or "" (and a test failure) on an error.
  std::string Get(const std::string& path) const;
  // The messages to `address` (mailpit's search answer: messages_count, messages[]).
  nlohmann::json SearchTo(const std::string& address) const;
  // Polls SearchTo until it counts at least `count` messages or `timeout` passes; the last answer.
  nlohmann::json WaitFor(const std::string& address, int count, absl::Duration timeout) const;
  // One message in full (Subject, Text, HTML, Attachments[{PartID, FileName, ContentType}], ...).
  nlohmann::json Message(const std::string& id) const;
  // The raw bytes of one part of a message (an attachment).
  std::string Part(const std::string& id, const std::string& part_id) const;
  // Whether the server answers (no test failure when it does not).
  bool Ready() const;
  // How many messages the server holds.
  int64_t Total() const;

 private:
  // GET `path`: true and the body on a 2xx.
  bool Fetch(const std::string& path, std::string* body, std::string* error) const;
  std::string api_;
};

// "local+<random>@domain": an address no other run used.
std::string UniqueAddress(const std::string& local, const std::string& domain);

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_SUPPORT_MAILPIT_H_
