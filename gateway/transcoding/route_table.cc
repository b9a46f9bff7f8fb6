#include "gateway/transcoding/route_table.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/http/router.h"
#include "gateway/transcoding/field_rules.h"
#include "google/protobuf/descriptor_database.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::transcoding {
namespace {

namespace pb = google::protobuf;

absl::StatusOr<RestRoute> RouteOf(const pb::MethodDescriptor* method) {
  const auto& rule = method->options().GetExtension(sisl::api::v1::http);
  RestRoute route;
  route.method = method;
  route.rule = rule;
  route.grpc_path = absl::StrCat("/", method->service()->full_name(), "/", method->name());
  switch (rule.pattern_case()) {
    case sisl::api::v1::HttpRule::kGet: route.http_method = "GET"; route.path_template = rule.get(); break;
    case sisl::api::v1::HttpRule::kPost: route.http_method = "POST"; route.path_template = rule.post(); break;
    case sisl::api::v1::HttpRule::kPatch: route.http_method = "PATCH"; route.path_template = rule.patch(); break;
    case sisl::api::v1::HttpRule::kPut: route.http_method = "PUT"; route.path_template = rule.put(); break;
    case sisl::api::v1::HttpRule::kDelete: route.http_method = "DELETE"; route.path_template = rule.delete_(); break;
    default:
      return absl::InvalidArgumentError(absl::StrCat(method->full_name(), ": http rule has no path"));
  }
  if (!absl::StartsWith(route.path_template, "/")) {
    return absl::InvalidArgumentError(absl::StrCat(method->full_name(), ": path must start with /"));
  }
  for (const std::string& segment : http::SplitPath(route.path_template)) {
    if (segment.front() != '{') continue;
    const size_t close = segment.find('}');
    if (close == std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(method->full_name(), ": bad segment ", segment));
    }
    std::string name = segment.substr(1, close - 1);
    if (absl::EndsWith(name, "=**")) name = name.substr(0, name.size() - 3);
    const pb::FieldDescriptor* field = nullptr;
    const pb::Descriptor* type = method->input_type();
    for (absl::string_view part : absl::StrSplit(name, '.')) {
      field = type == nullptr ? nullptr : type->FindFieldByName(std::string(part));
      if (field == nullptr) break;
      type = field->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE ? field->message_type()
                                                                        : nullptr;
    }
    if (field == nullptr || field->is_repeated() ||
        field->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
      return absl::InvalidArgumentError(absl::StrCat(
          method->full_name(), ": path field ", name, " must be a scalar field of the request"));
    }
    route.path_fields.push_back(name);
  }
  RETURN_IF_ERROR(ValidateRulesOf(method->input_type()));
  return route;
}

}  // namespace

absl::StatusOr<std::vector<RestRoute>> RoutesOfServices(
    const std::vector<const pb::ServiceDescriptor*>& services) {
  std::vector<RestRoute> routes;
  std::set<std::string> seen;
  for (const auto* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const pb::MethodDescriptor* method = service->method(i);
      if (!method->options().HasExtension(sisl::api::v1::http)) continue;
      if (method->client_streaming() || method->server_streaming()) {
        return absl::InvalidArgumentError(method->full_name() + ": streaming methods have no REST route");
      }
      ASSIGN_OR_RETURN(RestRoute route, RouteOf(method));
      if (!seen.insert(route.http_method + " " + route.path_template).second) {
        return absl::InvalidArgumentError(
            absl::StrCat("two methods declare ", route.http_method, " ", route.path_template));
      }
      routes.push_back(std::move(route));
    }
  }
  return routes;
}

absl::StatusOr<std::vector<RestRoute>> CollectRoutes(
    const std::vector<std::string>& package_prefixes) {
  std::vector<std::string> files;
  pb::DescriptorPool::internal_generated_database()->FindAllFileNames(&files);
  std::vector<const pb::ServiceDescriptor*> services;
  for (const std::string& name : files) {
    const pb::FileDescriptor* file = pb::DescriptorPool::generated_pool()->FindFileByName(name);
    if (file == nullptr) continue;
    for (int i = 0; i < file->service_count(); ++i) {
      const pb::ServiceDescriptor* service = file->service(i);
      for (const auto& prefix : package_prefixes) {
        if (absl::StartsWith(service->full_name(), prefix)) {
          services.push_back(service);
          break;
        }
      }
    }
  }
  std::sort(services.begin(), services.end(),
            [](const auto* a, const auto* b) { return a->full_name() < b->full_name(); });
  return RoutesOfServices(services);
}

}  // namespace sisl::gateway::transcoding
