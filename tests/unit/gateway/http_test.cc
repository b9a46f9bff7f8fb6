// Router, URL helpers and problem+json rendering.
#include <nlohmann/json.hpp>

#include "gateway/http/problem.h"
#include "gateway/http/router.h"
#include "gateway/http/server.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/status.h"

namespace sisl::gateway::http {
namespace {

Handler Tagged(std::string* hit, std::string tag) {
  return [hit, tag](Request&, Respond) { *hit = tag; };
}

TEST(RouterTest, MatchesLiteralsBeforeParametersAndCustomVerbs) {
  Router router;
  std::string hit;
  ASSERT_TRUE(router.Add("GET", "/api/v1/appointments/{id}", Tagged(&hit, "get")).ok());
  ASSERT_TRUE(router.Add("GET", "/api/v1/appointments:search", Tagged(&hit, "search")).ok());
  ASSERT_TRUE(router.Add("POST", "/api/v1/appointments/{id}:cancel", Tagged(&hit, "cancel")).ok());
  ASSERT_TRUE(router.Add("GET", "/static/{path=**}", Tagged(&hit, "static")).ok());
  EXPECT_FALSE(router.Add("GET", "/api/v1/appointments/{id}", Tagged(&hit, "x")).ok());

  const Handler* h = nullptr;
  std::string allowed;
  Request r;
  r.method = "GET";
  r.path = "/api/v1/appointments/abc";
  ASSERT_EQ(router.Find(r, &h, &allowed), Router::Match::kFound);
  (*h)(r, nullptr);
  EXPECT_EQ(hit, "get");
  EXPECT_EQ(r.path_params["id"], "abc");

  r.path = "/api/v1/appointments:search";
  ASSERT_EQ(router.Find(r, &h, &allowed), Router::Match::kFound);
  (*h)(r, nullptr);
  EXPECT_EQ(hit, "search");

  r.method = "POST";
  r.path = "/api/v1/appointments/abc:cancel";
  ASSERT_EQ(router.Find(r, &h, &allowed), Router::Match::kFound);
  (*h)(r, nullptr);
  EXPECT_EQ(hit, "cancel");
  EXPECT_EQ(r.path_params["id"], "abc");

  r.method = "DELETE";
  r.path = "/api/v1/appointments/abc";
  EXPECT_EQ(router.Find(r, &h, &allowed), Router::Match::kWrongMethod);
  EXPECT_EQ(allowed, "GET");

  r.method = "GET";
  r.path = "/static/css/site.css";
  ASSERT_EQ(router.Find(r, &h, &allowed), Router::Match::kFound);
  EXPECT_EQ(r.path_params["path"], "css/site.css");

  r.path = "/nothing/here";
  EXPECT_EQ(router.Find(r, &h, &allowed), Router::Match::kNoPath);
}

TEST(UrlTest, DecodesQueriesAndRejectsMalformedEscapes) {
  std::multimap<std::string, std::string> q;
  ASSERT_TRUE(ParseQuery("a=1&b=x+y&c=%C3%A8&a=2&flag", &q));
  EXPECT_EQ(q.count("a"), 2u);
  EXPECT_EQ(q.find("b")->second, "x y");
  EXPECT_EQ(q.find("c")->second, "\xC3\xA8");
  EXPECT_EQ(q.find("flag")->second, "");
  std::multimap<std::string, std::string> bad;
  EXPECT_FALSE(ParseQuery("a=%zz", &bad));
  EXPECT_FALSE(ParseQuery("a=%4", &bad));
  EXPECT_FALSE(ParseQuery("a=%00", &bad));
  std::string out;
  EXPECT_TRUE(PercentDecode("/a%20b", false, &out));
  EXPECT_EQ(out, "/a b");
  EXPECT_EQ(PercentEncode("a b/è"), "a%20b%2F%C3%A8");
}

TEST(UrlTest, ParsesCookies) {
  auto c = ParseCookies("sisl_session=abc; theme=\"dark\";  other=1");
  EXPECT_EQ(c["sisl_session"], "abc");
  EXPECT_EQ(c["theme"], "dark");
  EXPECT_EQ(c["other"], "1");
}

TEST(ProblemTest, CarriesCodeReasonAndViolationsFromGrpc) {
  const absl::Status st = platform::Error(absl::StatusCode::kFailedPrecondition, "SLOT_TAKEN",
                                          "The slot is full", {{"slot_id", "s1"}},
                                          {{"slot_id", "no seats left"}});
  const grpc::Status g = platform::ToGrpcStatus(st, "booking.sisl");
  const Problem p = ProblemFromGrpc(g);
  EXPECT_EQ(p.status, 400);
  const Response r = RenderProblem(p, "rid-1");
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["code"], "FAILED_PRECONDITION");
  EXPECT_EQ(body["reason"], "SLOT_TAKEN");
  EXPECT_EQ(body["type"], "https://sisl.regione.piemonte.it/problems/slot-taken");
  EXPECT_EQ(body["domain"], "booking.sisl");
  EXPECT_EQ(body["metadata"]["slot_id"], "s1");
  EXPECT_EQ(body["violations"][0]["field"], "slot_id");
  EXPECT_EQ(body["request_id"], "rid-1");
}

TEST(ProblemTest, HidesInternalDetailsAndMapsCodes) {
  const Problem p = ProblemFromGrpc(grpc::Status(grpc::StatusCode::INTERNAL, "pq: secret table"));
  EXPECT_EQ(p.status, 500);
  EXPECT_EQ(p.detail.find("secret"), std::string::npos);
  EXPECT_EQ(HttpStatusForGrpc(grpc::StatusCode::UNAUTHENTICATED), 401);
  EXPECT_EQ(HttpStatusForGrpc(grpc::StatusCode::RESOURCE_EXHAUSTED), 429);
  EXPECT_EQ(HttpStatusForGrpc(grpc::StatusCode::UNAVAILABLE), 503);
  EXPECT_EQ(ProblemFromGrpc(grpc::Status(grpc::StatusCode::UNAVAILABLE, "x")).reason,
            "SERVICE_UNAVAILABLE");
}

}  // namespace
}  // namespace sisl::gateway::http
