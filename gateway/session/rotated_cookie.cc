#include "gateway/session/rotated_cookie.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gateway/session/session_cookie.h"

namespace sisl::gateway::session {
namespace {

// One request's answer, held while its handler may still rotate the session.
class Pending final {
 public:
  Pending(http::Respond respond, bool secure) : respond_(std::move(respond)), secure_(secure) {}

  void Answer(http::Response r) {
    std::string id;
    {
      absl::MutexLock lock(&mu_);
      if (!handled_) {
        held_ = std::move(r);
        return;
      }
      id = new_id_;
    }
    Send(std::move(r), id);
  }

  // The handler returned; `new_id`: the session's id when it changed ("" otherwise).
  void Handled(std::string new_id) {
    std::optional<http::Response> held;
    {
      absl::MutexLock lock(&mu_);
      handled_ = true;
      new_id_ = new_id;
      held.swap(held_);
    }
    if (held.has_value()) Send(*std::move(held), new_id);
  }

 private:
  void Send(http::Response r, const std::string& id) {
    if (!id.empty()) {
      const std::string prefix = absl::StrCat(SessionCookieName(secure_), "=");
      bool own = false;
      for (const std::string& c : r.set_cookies) own |= absl::StartsWith(c, prefix);
      if (!own) r.set_cookies.push_back(SessionCookie(id, secure_));
    }
    respond_(std::move(r));
  }

  const http::Respond respond_;
  const bool secure_;
  absl::Mutex mu_;
  bool handled_ ABSL_GUARDED_BY(mu_) = false;
  std::string new_id_ ABSL_GUARDED_BY(mu_);
  std::optional<http::Response> held_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

void HandleWithSessionRotation(http::Request& request, http::Respond respond, bool secure,
                               const http::Handler& handle) {
  const std::optional<std::string> before = request.Cookie(kSessionCookieName);
  auto pending = std::make_shared<Pending>(std::move(respond), secure);
  handle(request, [pending](http::Response r) { pending->Answer(std::move(r)); });
  const std::optional<std::string> after = request.Cookie(kSessionCookieName);
  pending->Handled(after.has_value() && after != before ? *after : std::string());
}

}  // namespace sisl::gateway::session
