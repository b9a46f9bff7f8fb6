#ifndef SISL_GATEWAY_HTTP_HTTP_TYPES_H_
#define SISL_GATEWAY_HTTP_HTTP_TYPES_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sisl::gateway::http {

// A parsed HTTP request as handlers see it (the server owns parsing and limits).
struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path + query as received
  std::string path;    // percent-decoded path, no query
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::map<std::string, std::string> headers;     // lower-case names
  std::map<std::string, std::string> cookies;
  std::string body;
  std::string remote_ip;
  std::string request_id;  // X-Request-Id (from the client or generated)
  // Filled by the router: named path parameters ({name} segments).
  std::map<std::string, std::string> path_params;
  // Filled by the router: the matched path template (labels logs and metrics).
  std::string route;

  std::optional<std::string> Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> Query(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> Cookie(const std::string& name) const {
    auto it = cookies.find(name);
    if (it == cookies.end()) return std::nullopt;
    return it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  // Extra headers (Location, Retry-After, Cache-Control, Content-Disposition, ...).
  std::vector<std::pair<std::string, std::string>> headers;
  // Full Set-Cookie values.
  std::vector<std::string> set_cookies;

  static Response Html(int status, std::string body) {
    return Response{status, "text/html; charset=utf-8", std::move(body), {}, {}};
  }
  static Response Redirect(const std::string& location, int status = 303) {
    Response r{status, "text/plain; charset=utf-8", "", {{"Location", location}}, {}};
    return r;
  }
};

// Handlers may answer later (after an asynchronous gRPC call): they call `respond` exactly once,
// from any thread.
using Respond = std::function<void(Response)>;
using Handler = std::function<void(Request&, Respond)>;

}  // namespace sisl::gateway::http

#endif  // SISL_GATEWAY_HTTP_HTTP_TYPES_H_
