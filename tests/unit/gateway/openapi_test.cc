// The OpenAPI document generated from the REST declarations of the booking services.
#include "gateway/transcoding/openapi.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "gateway/http/router.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "sisl/booking/v1/appointments.pb.h"
#include "sisl/booking/v1/availability.pb.h"
#include "sisl/booking/v1/calendars.pb.h"
#include "sisl/booking/v1/catalogue.pb.h"
#include "sisl/booking/v1/offices.pb.h"
#include "sisl/communications/v1/communications.pb.h"
#include "sisl/gateway/v1/staff.pb.h"

namespace sisl::gateway::transcoding {
namespace {

namespace pb = google::protobuf;
using nlohmann::json;
using sisl::api::v1::Access;
using sisl::api::v1::ACCESS_PUBLIC;
using sisl::api::v1::ACCESS_SESSION;

const pb::ServiceDescriptor* Service(const pb::Descriptor* any_message, const char* name) {
  const pb::ServiceDescriptor* service = any_message->file()->FindServiceByName(name);
  EXPECT_NE(service, nullptr) << name;
  return service;
}

// A route as the route table would make it from an annotation, built by hand so that these
// tests do not depend on the annotations in the booking protos.
RestRoute Route(const pb::ServiceDescriptor* service, const std::string& method,
                const std::string& http_method, const std::string& path, Access access) {
  RestRoute route;
  route.method = service->FindMethodByName(method);
  EXPECT_NE(route.method, nullptr) << method;
  route.http_method = http_method;
  route.path_template = path;
  route.grpc_path = "/" + service->full_name() + "/" + method;
  route.rule.set_access(access);
  for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
    route.path_fields.push_back(path.substr(open + 1, path.find('}', open) - open - 1));
  }
  return route;
}

std::vector<RestRoute> BookingRoutes() {
  namespace v1 = sisl::booking::v1;
  const auto* offices = Service(v1::Office::descriptor(), "OfficesService");
  const auto* appointments = Service(v1::Appointment::descriptor(), "AppointmentsService");
  const auto* availability = Service(v1::Slot::descriptor(), "AvailabilityService");
  const auto* calendars = Service(v1::Calendar::descriptor(), "CalendarsService");
  const auto* catalogue = Service(v1::BookableService::descriptor(), "CatalogueService");
  std::vector<RestRoute> routes = {
      Route(offices, "ListOffices", "GET", "/api/v1/offices", ACCESS_PUBLIC),
      Route(offices, "GetOffice", "GET", "/api/v1/offices/{site_code}", ACCESS_PUBLIC),
      Route(offices, "UpdateOffice", "PATCH", "/api/v1/offices/{office.site_code}", ACCESS_SESSION),
      Route(offices, "ListCpis", "GET", "/api/v1/cpis", ACCESS_PUBLIC),
      Route(appointments, "BookAppointment", "POST", "/api/v1/appointments", ACCESS_SESSION),
      Route(appointments, "GetAppointment", "GET", "/api/v1/appointments/{id}", ACCESS_SESSION),
      Route(appointments, "CancelAppointment", "POST", "/api/v1/appointments/{id}:cancel",
            ACCESS_SESSION),
      Route(appointments, "GetAppointmentIcs", "GET", "/api/v1/appointments/{id}/ics",
            sisl::api::v1::ACCESS_UNSPECIFIED),
      Route(availability, "GetMonthAvailability", "GET", "/api/v1/availability/month",
            ACCESS_PUBLIC),
      Route(calendars, "CreateCalendar", "POST", "/api/v1/calendars", ACCESS_SESSION),
      Route(catalogue, "ListBookableServices", "GET", "/api/v1/services", ACCESS_PUBLIC),
  };
  routes[3].rule.set_summary("List the CPIs");
  routes[3].rule.set_tag("Directory");
  routes[7].rule.set_raw_response_field("ics");
  routes[7].rule.set_raw_content_type("text/calendar; charset=utf-8");
  return routes;
}

OpenApiInfo Info() {
  OpenApiInfo info;
  info.title = "SISL";
  info.version = "1.2.3";
  info.server_urls = {"https://sisl.example.it"};
  info.gateway_endpoints = {
      {"GET", "/api/session", "The current session", "Session", ACCESS_SESSION},
      {"POST", "/api/session/logout", "Log out", "Session", ACCESS_SESSION, 204, ""},
      {"GET", "/spid/login", "Start SPID login", "SPID", ACCESS_PUBLIC, 303, ""},
      {"POST",
       "/spid/acs",
       "SAML assertion consumer",
       "SPID",
       ACCESS_PUBLIC,
       303,
       "",
       {"SAMLResponse", "RelayState"}},
      {"GET", "/metrics", "Prometheus metrics", "Operations", ACCESS_PUBLIC, 200,
       "text/plain; version=0.0.4"},
  };
  return info;
}

json Doc(const std::vector<RestRoute>& routes, const OpenApiInfo& info = Info()) {
  return json::parse(BuildOpenApi(routes, info));
}

json& Param(json& op, const std::string& in, const std::string& name) {
  for (json& p : op["parameters"]) {
    if (p["in"] == in && p["name"] == name) return p;
  }
  ADD_FAILURE() << "no " << in << " parameter " << name << " in " << op["operationId"];
  static json none;
  none = json::object();
  return none;
}

std::set<std::string> ParamNames(const json& op, const std::string& in) {
  std::set<std::string> names;
  for (const json& p : op.value("parameters", json::array())) {
    if (p["in"] == in) names.insert(p["name"].get<std::string>());
  }
  return names;
}

// Every "$ref" anywhere in `node`.
void CollectRefs(const json& node, std::vector<std::string>* refs) {
  if (node.is_object()) {
    if (auto it = node.find("$ref"); it != node.end()) refs->push_back(it->get<std::string>());
    for (const auto& [key, value] : node.items()) CollectRefs(value, refs);
  } else if (node.is_array()) {
    for (const json& value : node) CollectRefs(value, refs);
  }
}

void ExpectRefsResolve(const json& doc) {
  std::vector<std::string> refs;
  CollectRefs(doc, &refs);
  EXPECT_FALSE(refs.empty());
  for (const std::string& ref : refs) {
    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
    const json& target = doc.at(json::json_pointer(ref.substr(1)));
    EXPECT_TRUE(target.is_object() && !target.empty()) << ref;
  }
}

json& Schema(json& doc, const std::string& name) {
  return doc.at("components").at("schemas").at(name);
}

TEST(OpenApiTest, DocumentsEveryRouteWithItsMethodAndOperation) {
  json doc = Doc(BookingRoutes());
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_EQ(doc["info"]["title"], "SISL");
  EXPECT_EQ(doc["info"]["version"], "1.2.3");
  EXPECT_EQ(doc["servers"][0]["url"], "https://sisl.example.it");
  for (const RestRoute& route : BookingRoutes()) {
    json& op = doc["paths"][OpenApiPath(route)][absl::AsciiStrToLower(route.http_method)];
    ASSERT_TRUE(op.is_object()) << route.http_method << " " << route.path_template;
    EXPECT_EQ(op["operationId"], route.method->service()->name() + "_" + route.method->name());
    EXPECT_EQ(op["x-grpc-method"], route.grpc_path);
    const std::vector<std::string> names = PathParameterNames(route);
    EXPECT_EQ(ParamNames(op, "path"), std::set<std::string>(names.begin(), names.end()));
    for (const char* status : {"200", "400", "429", "503"}) {
      EXPECT_TRUE(op["responses"].contains(status)) << op["operationId"] << " " << status;
    }
  }
  json& get_office = doc["paths"]["/api/v1/offices/{site_code}"]["get"];
  EXPECT_EQ(get_office["summary"], "GetOffice");
  EXPECT_EQ(get_office["tags"], json::array({"OfficesService"}));
  json& site_code = Param(get_office, "path", "site_code");
  EXPECT_EQ(site_code["required"], true);
  EXPECT_EQ(site_code["schema"]["type"], "string");
  json& cpis = doc["paths"]["/api/v1/cpis"]["get"];
  EXPECT_EQ(cpis["summary"], "List the CPIs");
  EXPECT_EQ(cpis["tags"], json::array({"Directory"}));
  std::set<std::string> tags;
  for (const json& tag : doc["tags"]) tags.insert(tag["name"].get<std::string>());
  EXPECT_TRUE(tags.count("Directory") && tags.count("AppointmentsService") && tags.count("SPID"));
}

TEST(OpenApiTest, GetParametersComeFromTheRemainingRequestFields) {
  json doc = Doc(BookingRoutes());
  json& list = doc["paths"]["/api/v1/offices"]["get"];
  EXPECT_EQ(ParamNames(list, "query"),
            (std::set<std::string>{"pageSize", "pageToken", "province", "cpiCode"}));
  EXPECT_EQ(Param(list, "query", "pageSize")["schema"]["format"], "int32");
  EXPECT_FALSE(list.contains("requestBody"));
  // The path field is not repeated in the query.
  json& get = doc["paths"]["/api/v1/appointments/{id}"]["get"];
  EXPECT_EQ(ParamNames(get, "query"), std::set<std::string>{"accessReason"});
  // Nested messages flatten with dots; enums and repeated fields keep their types.
  json& month = doc["paths"]["/api/v1/availability/month"]["get"];
  EXPECT_EQ(
      ParamNames(month, "query"),
      (std::set<std::string>{"serviceCode", "deliveryMode", "scope.scope", "scope.municipality",
                             "scope.province", "scope.siteCodes", "month"}));
  EXPECT_EQ(Param(month, "query", "deliveryMode")["schema"]["$ref"],
            "#/components/schemas/sisl.booking.v1.DeliveryMode");
  json& sites = Param(month, "query", "scope.siteCodes");
  EXPECT_EQ(sites["schema"]["type"], "array");
  EXPECT_EQ(sites["schema"]["items"]["type"], "string");
  EXPECT_EQ(sites["explode"], true);
  EXPECT_EQ(Param(doc["paths"]["/api/v1/services"]["get"], "query",
                  "citizenSelfBookingOnly")["schema"]["type"],
            "boolean");
}

TEST(OpenApiTest, BodiesIdempotencyKeysAndResponses) {
  json doc = Doc(BookingRoutes());
  json& book = doc["paths"]["/api/v1/appointments"]["post"];
  EXPECT_EQ(book["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/sisl.booking.v1.BookAppointmentRequest");
  EXPECT_TRUE(ParamNames(book, "query").empty());
  EXPECT_EQ(Param(book, "header", "Idempotency-Key")["required"], false);
  EXPECT_EQ(Param(book, "header", "Idempotency-Key")["schema"]["maxLength"], 128);
  EXPECT_EQ(book["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/sisl.booking.v1.BookAppointmentResponse");
  EXPECT_TRUE(doc["paths"]["/api/v1/calendars"]["post"].contains("parameters"));  // request_id
  EXPECT_TRUE(
      ParamNames(doc["paths"]["/api/v1/appointments/{id}:cancel"]["post"], "header").empty());
  json& patch = doc["paths"]["/api/v1/offices/{site_code}"]["patch"];
  EXPECT_EQ(Param(patch, "path", "site_code")["schema"]["type"], "string");
  EXPECT_EQ(patch["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/sisl.booking.v1.UpdateOfficeRequest");
  json& ics = doc["paths"]["/api/v1/appointments/{id}/ics"]["get"];
  json& content = ics["responses"]["200"]["content"];
  ASSERT_EQ(content.size(), 1u);
  EXPECT_EQ(content["text/calendar; charset=utf-8"]["schema"]["type"], "string");
}

// The header becomes `request_id`: a field with a length rule gives the header the same rule
// (a longer key would be refused with INVALID_FIELD although the document allowed it).
TEST(OpenApiTest, IdempotencyKeyKeepsTheRequestIdRules) {
  namespace v1 = sisl::communications::v1;
  const auto* service =
      Service(v1::FileCommunicationXmlRequest::descriptor(), "CommunicationsService");
  RestRoute route = Route(service, "FileCommunicationXml", "POST",
                          "/api/v1/communications:file-xml", ACCESS_SESSION);
  json doc = Doc({route});
  json& file = doc["paths"]["/api/v1/communications:file-xml"]["post"];
  EXPECT_EQ(Param(file, "header", "Idempotency-Key")["schema"]["maxLength"], 100);
}

TEST(OpenApiTest, EveryReferenceResolves) {
  json doc = Doc(BookingRoutes());
  ExpectRefsResolve(doc);
  EXPECT_TRUE(doc["components"]["schemas"].contains("sisl.booking.v1.Office"));
  EXPECT_TRUE(doc["components"]["schemas"].contains("sisl.booking.v1.Appointment"));
}

TEST(OpenApiTest, SchemasFollowTheProto3JsonMapping) {
  json doc = Doc(BookingRoutes());
  EXPECT_EQ(Schema(doc, "sisl.booking.v1.OfficeKind"),
            json::parse(R"({"type": "string", "enum": ["OFFICE_KIND_UNSPECIFIED",
                           "OFFICE_KIND_CENTRE", "OFFICE_KIND_BRANCH"]})"));
  json& office = Schema(doc, "sisl.booking.v1.Office")["properties"];
  EXPECT_EQ(office["version"], json({{"type", "string"}, {"format", "int64"},
                                     {"pattern", "^(0|-?[1-9][0-9]{0,17})$"}}));
  EXPECT_EQ(office["updateTime"], json::parse(R"({"type": "string", "format": "date-time"})"));
  EXPECT_EQ(office["siteCode"]["type"], "string");
  EXPECT_EQ(office["kind"]["$ref"], "#/components/schemas/sisl.booking.v1.OfficeKind");
  EXPECT_FALSE(office.contains("site_code"));
  json& cpi = Schema(doc, "sisl.booking.v1.Cpi")["properties"];
  EXPECT_EQ(cpi["residentPopulation"]["type"], "string");
  EXPECT_EQ(cpi["areaKm2"]["format"], "double");
  json& update = Schema(doc, "sisl.booking.v1.UpdateOfficeRequest")["properties"];
  EXPECT_EQ(update["updateMask"]["type"], "string");
  json& list = Schema(doc, "sisl.booking.v1.ListOfficesResponse")["properties"];
  EXPECT_EQ(list["offices"]["items"]["$ref"], "#/components/schemas/sisl.booking.v1.Office");
  json& service = Schema(doc, "sisl.booking.v1.BookableService")["properties"];
  EXPECT_EQ(service["channels"]["items"]["$ref"],
            "#/components/schemas/sisl.booking.v1.NotificationChannel");
}

TEST(OpenApiTest, ErrorsUseTheSharedProblemSchema) {
  json doc = Doc(BookingRoutes());
  json& problem = Schema(doc, "Problem");
  for (const char* field : {"type", "title", "status", "detail", "code", "reason", "domain",
                            "metadata", "violations", "request_id"}) {
    EXPECT_TRUE(problem["properties"].contains(field)) << field;
  }
  EXPECT_EQ(problem["properties"]["violations"]["items"]["required"],
            json::array({"field", "description"}));
  json& op = doc["paths"]["/api/v1/appointments"]["post"];
  for (const char* status : {"400", "401", "403", "404", "409", "429", "503"}) {
    const std::string ref = op["responses"][status]["$ref"];
    json response = doc.at(json::json_pointer(ref.substr(1)));
    EXPECT_EQ(response["content"]["application/problem+json"]["schema"]["$ref"],
              "#/components/schemas/Problem")
        << status;
  }
}

TEST(OpenApiTest, SecurityFollowsTheDeclaredAccess) {
  json doc = Doc(BookingRoutes());
  json& schemes = doc["components"]["securitySchemes"];
  EXPECT_EQ(schemes["sessionCookie"]["in"], "cookie");
  EXPECT_EQ(schemes["sessionCookie"]["name"], "sisl_session");
  EXPECT_EQ(schemes["csrfToken"]["name"], "X-CSRF-Token");
  const json session_only = json::parse(R"([{"sessionCookie": []}])");
  const json session_and_csrf = json::parse(R"([{"sessionCookie": [], "csrfToken": []}])");
  for (const RestRoute& route : BookingRoutes()) {
    json& op = doc["paths"][OpenApiPath(route)][absl::AsciiStrToLower(route.http_method)];
    if (route.rule.access() == ACCESS_PUBLIC) {
      EXPECT_EQ(op["security"], json::array()) << route.grpc_path;
      EXPECT_FALSE(op["responses"].contains("401")) << route.grpc_path;
    } else {
      EXPECT_EQ(op["security"], route.has_body() ? session_and_csrf : session_only)
          << route.grpc_path;
      EXPECT_TRUE(op["responses"].contains("401")) << route.grpc_path;
    }
  }
  EXPECT_EQ(doc["paths"]["/spid/acs"]["post"]["security"], json::array());
  EXPECT_EQ(doc["paths"]["/api/session/logout"]["post"]["security"], session_and_csrf);
}

TEST(OpenApiTest, DocumentsTheGatewaysOwnEndpoints) {
  json doc = Doc(BookingRoutes());
  json& acs = doc["paths"]["/spid/acs"]["post"];
  EXPECT_EQ(acs["tags"], json::array({"SPID"}));
  EXPECT_TRUE(acs["responses"]["303"]["headers"].contains("Location"));
  EXPECT_EQ(
      acs["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]["properties"]
          .size(),
      2u);
  EXPECT_TRUE(doc["paths"]["/metrics"]["get"]["responses"]["200"]["content"].contains(
      "text/plain; version=0.0.4"));
  EXPECT_EQ(doc["paths"]["/api/session"]["get"]["operationId"], "Session_GetApiSession");
  std::set<std::string> ids;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [verb, op] : item.items()) {
      EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second) << path << " " << verb;
    }
  }
}

TEST(OpenApiTest, OutputIsDeterministic) {
  std::vector<RestRoute> routes = BookingRoutes();
  const std::string first = BuildOpenApi(routes, Info());
  std::shuffle(routes.begin(), routes.end(), std::mt19937(42));
  EXPECT_EQ(BuildOpenApi(routes, Info()), first);
}

// Maps, oneofs, recursion, unsigned 64-bit, bytes and wrappers, which the booking protos lack,
// through a descriptor built at run time.
TEST(OpenApiTest, MapsOneofsRecursionAndWrappers) {
  pb::FileDescriptorProto file;
  ASSERT_TRUE(pb::TextFormat::ParseFromString(
      R"pb(
        name: "openapi_test/tree.proto"
        package: "openapi.test"
        syntax: "proto3"
        dependency: [ "google/protobuf/wrappers.proto", "google/protobuf/struct.proto" ]
        message_type {
          name: "Node"
          field { name: "id" number: 1 label: LABEL_OPTIONAL type: TYPE_UINT64 }
          field {
            name: "children"
            number: 2
            label: LABEL_REPEATED
            type: TYPE_MESSAGE
            type_name: ".openapi.test.Node"
          }
          field {
            name: "labels"
            number: 3
            label: LABEL_REPEATED
            type: TYPE_MESSAGE
            type_name: ".openapi.test.Node.LabelsEntry"
          }
          field { name: "text" number: 4 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 }
          field { name: "blob" number: 5 label: LABEL_OPTIONAL type: TYPE_BYTES oneof_index: 0 }
          field {
            name: "parent"
            number: 6
            label: LABEL_OPTIONAL
            type: TYPE_MESSAGE
            type_name: ".openapi.test.Node"
            oneof_index: 0
          }
          field {
            name: "max_depth"
            number: 7
            label: LABEL_OPTIONAL
            type: TYPE_MESSAGE
            type_name: ".google.protobuf.Int32Value"
          }
          nested_type {
            name: "LabelsEntry"
            options { map_entry: true }
            field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
            field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_INT64 }
          }
          oneof_decl { name: "content" }
        }
        message_type {
          name: "FindRequest"
          field {
            name: "node"
            number: 1
            label: LABEL_OPTIONAL
            type: TYPE_MESSAGE
            type_name: ".openapi.test.Node"
          }
          field {
            name: "attributes"
            number: 2
            label: LABEL_OPTIONAL
            type: TYPE_MESSAGE
            type_name: ".google.protobuf.Struct"
          }
        }
        service {
          name: "TreeService"
          method {
            name: "Find"
            input_type: ".openapi.test.FindRequest"
            output_type: ".openapi.test.Node"
          }
        }
      )pb",
      &file));
  pb::DescriptorPool pool(pb::DescriptorPool::generated_pool());
  const pb::FileDescriptor* built = pool.BuildFile(file);
  ASSERT_NE(built, nullptr);
  const auto* service = built->FindServiceByName("TreeService");
  json doc = Doc({Route(service, "Find", "GET", "/tree/{node.id}", ACCESS_PUBLIC)});
  ExpectRefsResolve(doc);
  json& node = Schema(doc, "openapi.test.Node");
  EXPECT_EQ(node["properties"]["id"], json({{"type", "string"}, {"format", "uint64"},
                                           {"pattern", "^(0|[1-9][0-9]{0,18})$"}}));
  EXPECT_EQ(node["properties"]["children"]["items"]["$ref"],
            "#/components/schemas/openapi.test.Node");
  EXPECT_EQ(node["properties"]["labels"]["type"], "object");
  EXPECT_EQ(node["properties"]["labels"]["additionalProperties"]["format"], "int64");
  EXPECT_EQ(node["properties"]["blob"]["format"], "byte");
  EXPECT_NE(node["properties"]["text"]["description"].get<std::string>().find("content"),
            std::string::npos);
  EXPECT_EQ(node["properties"]["parent"]["allOf"][0]["$ref"],
            "#/components/schemas/openapi.test.Node");
  EXPECT_NE(node["description"].get<std::string>().find("text, blob, parent"), std::string::npos);
  EXPECT_EQ(node["properties"]["maxDepth"]["type"], "integer");
  EXPECT_EQ(node["properties"]["maxDepth"]["nullable"], true);
  EXPECT_FALSE(doc["components"]["schemas"].contains("openapi.test.Node.LabelsEntry"));
  json& op = doc["paths"]["/tree/{id}"]["get"];
  // The path field, maps, repeated messages, recursion and Struct are not query parameters.
  EXPECT_EQ(ParamNames(op, "query"),
            (std::set<std::string>{"node.text", "node.blob", "node.maxDepth"}));
  EXPECT_EQ(Param(op, "path", "id")["schema"]["type"], "string");
}

// Whatever the protos declare: every collected route is in the document.
TEST(OpenApiTest, DocumentsEveryDeclaredRoute) {
  (void)sisl::booking::v1::Office::descriptor();  // links the booking protos
  (void)sisl::booking::v1::Appointment::descriptor();
  (void)sisl::booking::v1::Slot::descriptor();
  (void)sisl::booking::v1::Calendar::descriptor();
  (void)sisl::booking::v1::BookableService::descriptor();
  auto routes = CollectRoutes({"sisl."});
  ASSERT_TRUE(routes.ok()) << routes.status();
  json doc = Doc(*routes);
  for (const RestRoute& route : *routes) {
    json& item = doc["paths"][OpenApiPath(route)];
    ASSERT_TRUE(item.contains(absl::AsciiStrToLower(route.http_method))) << route.grpc_path;
    EXPECT_EQ(item[absl::AsciiStrToLower(route.http_method)]["x-grpc-method"], route.grpc_path);
  }
  ExpectRefsResolve(doc);
}

// The routes the protos declare, with their (sisl.api.v1.field) rules.
std::vector<RestRoute> DeclaredRoutes() {
  (void)sisl::booking::v1::Office::descriptor();  // links the protos
  (void)sisl::booking::v1::Appointment::descriptor();
  (void)sisl::booking::v1::Slot::descriptor();
  (void)sisl::booking::v1::Calendar::descriptor();
  (void)sisl::booking::v1::BookableService::descriptor();
  (void)sisl::gateway::v1::StaffMember::descriptor();
  auto routes = CollectRoutes({"sisl."});
  EXPECT_TRUE(routes.ok()) << routes.status();
  return routes.ok() ? *std::move(routes) : std::vector<RestRoute>{};
}

// Issue 10: the constraints the server enforces (and the transcoder now checks) are in the schema.
TEST(OpenApiTest, StatesTheFieldRulesTheTranscoderEnforces) {
  json doc = Doc(DeclaredRoutes());
  json& paths = doc["paths"];
  auto page_size = [&](const std::string& path) -> json& {
    return Param(paths[path]["get"], "query", "pageSize")["schema"];
  };
  EXPECT_EQ(page_size("/api/v1/offices")["minimum"], 1);
  EXPECT_EQ(page_size("/api/v1/offices")["maximum"], 100);
  EXPECT_EQ(page_size("/api/v1/municipalities")["maximum"], 50);
  EXPECT_EQ(page_size("/api/v1/calendars")["maximum"], 200);
  EXPECT_EQ(page_size("/api/v1/my/appointments")["maximum"], 200);
  EXPECT_EQ(page_size("/api/v1/appointments:search")["maximum"], 200);
  EXPECT_EQ(page_size("/api/v1/offices/{site_code}/appointments")["maximum"], 200);
  EXPECT_EQ(page_size("/api/v1/staff-members")["minimum"], 1);
  EXPECT_EQ(page_size("/api/v1/staff-members")["maximum"], 100);
  json& site = Param(paths["/api/v1/offices/{site_code}"]["get"], "path", "site_code")["schema"];
  EXPECT_EQ(site["pattern"], "^[A-Z]{2}-[0-9]{2}$");
  EXPECT_EQ(site["minLength"], 1);
  json& day = paths["/api/v1/availability/day"]["get"];
  EXPECT_EQ(Param(day, "query", "date")["required"], true);
  EXPECT_EQ(Param(day, "query", "date")["schema"]["format"], "date");
  EXPECT_EQ(Param(day, "query", "date")["schema"]["pattern"], "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  EXPECT_EQ(Param(day, "query", "serviceCode")["required"], false);
  json& month = Param(paths["/api/v1/availability/month"]["get"], "query", "month");
  EXPECT_EQ(month["required"], true);
  EXPECT_EQ(month["schema"]["pattern"], "^[0-9]{4}-(0[1-9]|1[0-2])$");
  json& site_day = paths["/api/v1/offices/{site_code}/appointments"]["get"];
  EXPECT_EQ(Param(site_day, "query", "date")["schema"]["format"], "date");
  json& search = paths["/api/v1/appointments:search"]["get"];
  const std::string fiscal_code = Param(search, "query", "fiscalCode")["schema"]["pattern"];
  EXPECT_EQ(fiscal_code.substr(0, 9), "^[A-Z]{6}");
  EXPECT_EQ(Param(search, "query", "accessReason")["schema"]["maxLength"], 500);
  EXPECT_EQ(Param(search, "query", "accessReason")["required"], true);
  EXPECT_EQ(Schema(doc, "sisl.booking.v1.UpdateOfficeRequest")["required"],
            json::array({"updateMask"}));
  EXPECT_EQ(Schema(doc, "sisl.booking.v1.UpdateOfficeRequest")["properties"]["updateMask"]
                ["minLength"],
            1);
  json& duplicate = Schema(doc, "sisl.booking.v1.DuplicateCalendarRequest")["properties"];
  EXPECT_EQ(duplicate["firstDate"]["format"], "date");
  EXPECT_EQ(Schema(doc, "sisl.booking.v1.DuplicateCalendarRequest")["required"],
            json::array({"firstDate", "lastDate"}));
  EXPECT_FALSE(Schema(doc, "sisl.booking.v1.GetOfficeResponse").contains("required"));
  EXPECT_EQ(Schema(doc, "sisl.booking.v1.DeliveryMode")["enum"].size(), 4u);
}

// Issue 10: "PATCH /api/v1/offices/{office.site_code}" was not valid OpenAPI.
TEST(OpenApiTest, PathParametersArePlainNames) {
  const std::vector<RestRoute> routes = DeclaredRoutes();
  json doc = Doc(routes);
  for (const auto& [path, item] : doc["paths"].items()) {
    for (size_t open = path.find('{'); open != std::string::npos;
         open = path.find('{', open + 1)) {
      const std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
      EXPECT_EQ(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_"),
                std::string::npos)
          << path;
    }
  }
  EXPECT_FALSE(doc["paths"].contains("/api/v1/offices/{office.site_code}"));
  json& item = doc["paths"]["/api/v1/offices/{site_code}"];
  ASSERT_TRUE(item.contains("get") && item.contains("patch"));
  json& p = Param(item["patch"], "path", "site_code");
  EXPECT_EQ(p["schema"]["pattern"], "^[A-Z]{2}-[0-9]{2}$");
  EXPECT_NE(p["description"].get<std::string>().find("office.site_code"), std::string::npos);
  RestRoute two;
  two.path_template = "/a/{x.id}/{y.id}/{name}";
  two.path_fields = {"x.id", "y.id", "name"};
  EXPECT_EQ(PathParameterNames(two), (std::vector<std::string>{"x_id", "y_id", "name"}));
  EXPECT_EQ(OpenApiPath(two), "/a/{x_id}/{y_id}/{name}");
  two.path_template = "/f/{name=**}";
  two.path_fields = {"name"};
  EXPECT_EQ(OpenApiPath(two), "/f/{name}");
}

// Issue 10: /spid/login and /spid/acs answer text/html pages, errors included.
TEST(OpenApiTest, EndpointsWithOwnAnswersDocumentExactlyThose) {
  OpenApiInfo info = Info();
  info.gateway_endpoints.push_back(
      {"GET", "/spid/logout", "Log out", "SPID", ACCESS_PUBLIC, 200, "text/html", {},
       {{200, "text/html"}, {303, ""}, {400, "text/html"}, {429, "text/html"},
        {503, "text/html"}, {503, "application/problem+json"}}});
  json doc = Doc(BookingRoutes(), info);
  json& responses = doc["paths"]["/spid/logout"]["get"]["responses"];
  std::set<std::string> statuses;
  for (const auto& [status, response] : responses.items()) statuses.insert(status);
  EXPECT_EQ(statuses, (std::set<std::string>{"200", "303", "400", "429", "503"}));
  EXPECT_EQ(responses["400"]["content"].size(), 1u);
  EXPECT_TRUE(responses["400"]["content"].contains("text/html"));
  EXPECT_TRUE(responses["303"]["headers"].contains("Location"));
  EXPECT_FALSE(responses["303"].contains("content"));
  EXPECT_TRUE(responses["429"]["headers"].contains("Retry-After"));
  EXPECT_EQ(responses["503"]["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/Problem");
  EXPECT_TRUE(responses["503"]["content"].contains("text/html"));
}

// Issue 10: a 405 on POST-only "/api/v1/appointments/{id}:cancel" said "Allow: GET, POST".
TEST(OpenApiTest, A405AllowsExactlyTheDocumentedMethodsOfThePath) {
  const std::vector<RestRoute> routes = DeclaredRoutes();
  json doc = Doc(routes, OpenApiInfo{});
  http::Router router;
  for (const RestRoute& route : routes) {
    ASSERT_TRUE(router.Add(route.http_method, route.path_template, [](http::Request&,
                                                                      http::Respond) {}).ok());
  }
  for (const auto& [path, item] : doc["paths"].items()) {
    std::set<std::string> documented;
    for (const auto& [verb, op] : item.items()) documented.insert(absl::AsciiStrToUpper(verb));
    std::string concrete;
    for (size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '{') {
        concrete += "X1";
        i = path.find('}', i);
      } else {
        concrete += path[i];
      }
    }
    http::Request request;
    request.method = "TRACE";
    request.path = concrete;
    const http::Handler* handler = nullptr;
    std::string allowed;
    ASSERT_EQ(router.Find(request, &handler, &allowed), http::Router::Match::kWrongMethod)
        << concrete;
    const std::vector<std::string> listed = absl::StrSplit(allowed, ", ");
    EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), documented) << concrete;
    for (const std::string& method : documented) {
      request.method = method;
      EXPECT_EQ(router.Find(request, &handler, &allowed), http::Router::Match::kFound)
          << method << " " << concrete;
      auto served = std::find_if(routes.begin(), routes.end(), [&](const RestRoute& r) {
        return r.path_template == request.route && r.http_method == method;
      });
      ASSERT_NE(served, routes.end()) << method << " " << concrete;
      EXPECT_EQ(OpenApiPath(*served), path);
    }
  }
}

}  // namespace
}  // namespace sisl::gateway::transcoding
