// libFuzzer harness for REST -> gRPC transcoding: the input is one HTTP call, framed as
//
//   line 1   route selector: its decimal digits pick a route (modulo the route count)
//   line 2   query string   a=1&b=x%20y&b=z
//   line 3   path values    v1/v2 (given, in order, to the route's path fields)
//   line 4   Idempotency-Key (none when empty)
//   rest     body
//
// TRANSCODING_FUZZ_LIST_ROUTES=1 lists the routes with their numbers; TRANSCODING_FUZZ_VERBOSE=1
// prints each call's outcome (e.g. replaying a corpus with -runs=0).
// and is run through BuildRequest over every booking method: the declared routes (when the
// protos carry (sisl.api.v1.http)) and, for each method, a hand-made GET and POST route with a
// path field, so both the query and the body paths are covered whatever the annotations say.
// A built request is printed with ResponseToJson (must be valid JSON); the body bytes are also
// parsed as the method's response message and printed. Nothing may crash.
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gateway/transcoding/route_table.h"
#include "gateway/transcoding/transcoder.h"
#include "google/protobuf/stubs/logging.h"
#include "sisl/booking/v1/appointments.pb.h"
#include "sisl/booking/v1/availability.pb.h"
#include "sisl/booking/v1/calendars.pb.h"
#include "sisl/booking/v1/catalogue.pb.h"
#include "sisl/booking/v1/offices.pb.h"

namespace {

namespace pb = google::protobuf;
using sisl::gateway::transcoding::RestRoute;

std::vector<const pb::ServiceDescriptor*> BookingServices() {
  namespace v1 = sisl::booking::v1;
  return {v1::Office::descriptor()->file()->FindServiceByName("OfficesService"),
          v1::Appointment::descriptor()->file()->FindServiceByName("AppointmentsService"),
          v1::Slot::descriptor()->file()->FindServiceByName("AvailabilityService"),
          v1::Calendar::descriptor()->file()->FindServiceByName("CalendarsService"),
          v1::BookableService::descriptor()->file()->FindServiceByName("CatalogueService")};
}

// A scalar field of the request to bind to the path: the first top-level scalar, else the first
// scalar of the first singular message field ("office.site_code").
std::string PathField(const pb::Descriptor* d) {
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    if (!f->is_repeated() && f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE)
      return f->name();
  }
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    if (f->is_repeated() || f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const pb::Descriptor* m = f->message_type();
    for (int j = 0; j < m->field_count(); ++j) {
      const pb::FieldDescriptor* g = m->field(j);
      if (!g->is_repeated() && g->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) {
        return f->name() + "." + g->name();
      }
    }
  }
  return "";
}

std::vector<RestRoute> MakeRoutes() {
  std::vector<RestRoute> routes;
  auto declared = sisl::gateway::transcoding::RoutesOfServices(BookingServices());
  if (!declared.ok()) {
    std::fprintf(stderr, "RoutesOfServices: %s\n", declared.status().ToString().c_str());
    std::abort();
  }
  routes = *std::move(declared);
  for (const pb::ServiceDescriptor* service : BookingServices()) {
    for (int i = 0; i < service->method_count(); ++i) {
      const pb::MethodDescriptor* method = service->method(i);
      for (const char* verb : {"GET", "POST"}) {
        RestRoute route;
        route.method = method;
        route.http_method = verb;
        route.grpc_path = "/" + service->full_name() + "/" + method->name();
        route.path_template = "/fuzz/" + method->name();
        if (std::string field = PathField(method->input_type()); !field.empty()) {
          route.path_template += "/{" + field + "}";
          route.path_fields.push_back(field);
        }
        routes.push_back(std::move(route));
      }
    }
  }
  return routes;
}

std::string PercentDecode(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%' && i + 2 < in.size() &&
               std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  size_t start = 0;
  for (size_t pos; (pos = text.find(separator, start)) != std::string::npos; start = pos + 1) {
    parts.push_back(text.substr(start, pos - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

// Takes the next line off `input` (the rest when there is no newline).
std::string NextLine(std::string& input) {
  const size_t newline = input.find('\n');
  std::string line = input.substr(0, newline);
  input = newline == std::string::npos ? "" : input.substr(newline + 1);
  return line;
}

bool Verbose() {
  static const bool verbose = std::getenv("TRANSCODING_FUZZ_VERBOSE") != nullptr;
  return verbose;
}

const std::vector<RestRoute>& Routes() {
  static const auto* const routes = new std::vector<RestRoute>(MakeRoutes());
  return *routes;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  pb::SetLogHandler(nullptr);  // invalid UTF-8 and the like are expected, not news
  if (std::getenv("TRANSCODING_FUZZ_LIST_ROUTES") != nullptr) {
    for (size_t i = 0; i < Routes().size(); ++i) {
      std::fprintf(stderr, "%zu %s %s -> %s\n", i, Routes()[i].http_method.c_str(),
                   Routes()[i].path_template.c_str(), Routes()[i].grpc_path.c_str());
    }
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  size_t selector = 0;
  for (char c : NextLine(input)) {
    if (c >= '0' && c <= '9') selector = (selector * 10 + static_cast<size_t>(c - '0')) % 1000003;
  }
  const RestRoute& route = Routes()[selector % Routes().size()];
  std::multimap<std::string, std::string> query;
  for (const std::string& pair : Split(NextLine(input), '&')) {
    const size_t eq = pair.find('=');
    query.emplace(PercentDecode(pair.substr(0, eq)),
                  eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1)));
  }
  std::map<std::string, std::string> path_params;
  const std::vector<std::string> values = Split(NextLine(input), '/');
  for (size_t i = 0; i < route.path_fields.size() && i < values.size(); ++i) {
    path_params[route.path_fields[i]] = PercentDecode(values[i]);
  }
  sisl::gateway::transcoding::HttpCall call;
  call.path_params = &path_params;
  call.query = &query;
  if (std::string key = NextLine(input); !key.empty()) call.idempotency_key = key;
  call.body = &input;  // what is left

  auto request = sisl::gateway::transcoding::BuildRequest(route, call);
  if (Verbose()) {
    std::fprintf(stderr, "%s %s -> %s\n", route.http_method.c_str(), route.path_template.c_str(),
                 request.ok() ? sisl::gateway::transcoding::ResponseToJson(**request)
                                    .value_or("(unprintable)").c_str()
                              : request.status().ToString().c_str());
  }
  if (request.ok()) {
    // A message built from JSON must print back as JSON.
    const auto printed = sisl::gateway::transcoding::ResponseToJson(**request);
    const std::string json = printed.ok() ? *printed : std::string("(unprintable)");
    if (!printed.ok() || !nlohmann::json::accept(json)) {
      std::fprintf(stderr, "ResponseToJson of a built %s is not JSON: %s\n",
                   route.grpc_path.c_str(), json.c_str());
      std::abort();
    }
  }
  std::unique_ptr<pb::Message> response = sisl::gateway::transcoding::NewResponse(route);
  if (response->ParseFromString(input)) {
    (void)sisl::gateway::transcoding::ResponseToJson(*response);
  }
  return 0;
}
