#include "gateway/http/router.h"

#include <algorithm>

#include "absl/strings/str_join.h"

namespace sisl::gateway::http {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

absl::Status Router::Add(const std::string& method, const std::string& path_template,
                         Handler handler) {
  for (const auto& r : routes_) {
    if (r.method == method && r.path_template == path_template) {
      return absl::AlreadyExistsError("route registered twice: " + method + " " + path_template);
    }
  }
  Route route{method, path_template, SplitPath(path_template), std::move(handler), 0};
  for (const auto& s : route.segments) route.literal_count += s.front() != '{';
  routes_.push_back(std::move(route));
  // Most specific first: more literal segments, then longer templates.
  std::stable_sort(routes_.begin(), routes_.end(), [](const Route& a, const Route& b) {
    if (a.literal_count != b.literal_count) return a.literal_count > b.literal_count;
    return a.segments.size() > b.segments.size();
  });
  return absl::OkStatus();
}

bool Router::MatchRoute(const Route& route, const std::vector<std::string>& segments,
                        std::map<std::string, std::string>* params) {
  size_t i = 0;
  for (; i < route.segments.size(); ++i) {
    const std::string& t = route.segments[i];
    if (t.size() > 4 && t.compare(t.size() - 4, 4, "=**}") == 0 && t.front() == '{') {
      if (i >= segments.size()) return false;
      std::vector<std::string> rest(segments.begin() + static_cast<long>(i), segments.end());
      (*params)[t.substr(1, t.size() - 5)] = absl::StrJoin(rest, "/");
      return true;
    }
    if (i >= segments.size()) return false;
    const std::string& s = segments[i];
    if (t.front() == '{') {
      // "{id}:verb" style templates: a parameter followed by a custom verb.
      const size_t close = t.find('}');
      const std::string name = t.substr(1, close - 1);
      const std::string suffix = t.substr(close + 1);
      if (!suffix.empty()) {
        if (s.size() <= suffix.size() || s.compare(s.size() - suffix.size(), suffix.size(), suffix)) {
          return false;
        }
        (*params)[name] = s.substr(0, s.size() - suffix.size());
      } else {
        (*params)[name] = s;
      }
    } else if (t != s) {
      return false;
    }
  }
  return i == segments.size();
}

std::vector<int> Router::Specificity(const Route& route) {
  std::vector<int> rank;
  for (const std::string& t : route.segments) {
    if (t.front() != '{') {
      rank.push_back(3);  // literal
    } else if (t.size() > 4 && t.compare(t.size() - 4, 4, "=**}") == 0) {
      rank.push_back(0);  // the rest of the path
    } else {
      rank.push_back(t.back() == '}' ? 1 : 2);  // "{id}", or "{id}:verb"
    }
  }
  return rank;
}

Router::Match Router::Find(Request& request, const Handler** handler,
                           std::string* allowed) const {
  const std::vector<std::string> segments = SplitPath(request.path);
  // Only the most specific templates that match the path are this path's resource: a literal
  // segment beats a custom verb ("{id}:cancel"), which beats a plain parameter ("{id}"), segment
  // by segment from the left. So POST-only "/x/{id}:cancel" is not also "GET /x/{id}", and a
  // 405's Allow lists exactly the methods of the path the document describes.
  std::vector<int> best;
  std::vector<std::pair<const Route*, std::map<std::string, std::string>>> matches;
  for (const auto& route : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchRoute(route, segments, &params)) continue;
    std::vector<int> rank = Specificity(route);
    if (!matches.empty() && rank < best) continue;
    if (matches.empty() || best < rank) {
      matches.clear();
      best = std::move(rank);
    }
    matches.emplace_back(&route, std::move(params));
  }
  std::vector<std::string> methods;
  for (auto& [route, params] : matches) {
    if (route->method == request.method ||
        (request.method == "HEAD" && route->method == "GET")) {
      request.path_params = std::move(params);
      request.route = route->path_template;
      *handler = &route->handler;
      return Match::kFound;
    }
    if (std::find(methods.begin(), methods.end(), route->method) == methods.end()) {
      methods.push_back(route->method);
    }
  }
  if (methods.empty()) return Match::kNoPath;
  *allowed = absl::StrJoin(methods, ", ");
  return Match::kWrongMethod;
}

}  // namespace sisl::gateway::http
