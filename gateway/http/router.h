#ifndef SISL_GATEWAY_HTTP_ROUTER_H_
#define SISL_GATEWAY_HTTP_ROUTER_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gateway/http/http_types.h"

namespace sisl::gateway::http {

// Path templates: literal segments and "{name}" segments (one segment each); a final "{name=**}"
// takes the rest of the path. A literal segment may end with ":verb" (AIP-136 custom methods).
// Literal matches win over parameters at the same position, and "{name}:verb" over "{name}":
// only the most specific templates matching a path serve it (and make a 405's Allow).
class Router final {
 public:
  enum class Match { kFound, kNoPath, kWrongMethod };

  // ALREADY_EXISTS when the same method and template are registered twice.
  absl::Status Add(const std::string& method, const std::string& path_template, Handler handler);
  // On kFound sets *handler and fills request.path_params; on kWrongMethod sets *allowed.
  Match Find(Request& request, const Handler** handler, std::string* allowed) const;

 private:
  struct Route {
    std::string method;
    std::string path_template;
    std::vector<std::string> segments;
    Handler handler;
    int literal_count = 0;
  };
  // Per segment: 3 literal, 2 parameter with a custom verb, 1 parameter, 0 "{name=**}".
  static std::vector<int> Specificity(const Route& route);
  static bool MatchRoute(const Route& route, const std::vector<std::string>& segments,
                         std::map<std::string, std::string>* params);
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"} (empty segments dropped).
std::vector<std::string> SplitPath(const std::string& path);

}  // namespace sisl::gateway::http

#endif  // SISL_GATEWAY_HTTP_ROUTER_H_
