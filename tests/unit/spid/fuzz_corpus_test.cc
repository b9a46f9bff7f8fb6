// The seed corpus of tests/fuzz/spid_acs_fuzz: built here with the harness's fixed IdP and
// request, checked to validate (or not) as labelled, and written to SISL_SPID_FUZZ_CORPUS_DIR
// when set (tests/fuzz/corpus/spid_acs_fuzz/ holds the committed copy).

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gateway/spid/response_builder.h"
#include "gtest/gtest.h"
#include "tests/fuzz/spid_acs_fuzz_fixture.h"
#include "tests/unit/spid/spid_test_support.h"

namespace sisl::gateway::spid {
namespace {

ResponseParams Params() {
  ResponseParams p;
  p.idp_entity_id = fuzz::kIdpEntity;
  p.destination = fuzz::kAcsUrl;
  p.in_response_to = fuzz::kRequestId;
  p.audience = fuzz::kSpEntity;
  p.now = fuzz::RequestInstant() + absl::Seconds(10);
  p.name_id = "_fuzz-name-id";
  p.session_index = "_fuzz-session";
  p.attributes = {{"fiscalNumber", "TINIT-RSSMRA85C12L219B"}, {"name", "Mario"},
                  {"familyName", "Rossi"}, {"email", "mario.rossi@example.org"},
                  {"dateOfBirth", "1985-03-12"}};
  return p;
}

TEST(FuzzCorpusTest, SeedsValidateAsLabelled) {
  absl::StatusOr<Credentials> idp =
      Credentials::FromFiles(fuzz::TestDataPath("fuzz-idp.key"), fuzz::TestDataPath("fuzz-idp.crt"));
  ASSERT_TRUE(idp.ok()) << idp.status();
  std::map<std::string, std::pair<std::string, bool>> seeds;  // name -> (xml, accepted)
  auto add = [&](const std::string& name, const ResponseParams& p, const Credentials& key,
                 bool accepted) {
    absl::StatusOr<std::string> xml = BuildResponse(p, key);
    ASSERT_TRUE(xml.ok());
    seeds[name] = {*xml, accepted};
  };
  ResponseParams p = Params();
  add("valid_l2.xml", p, *idp, true);
  p.level = kSpidL3;
  add("valid_l3.xml", p, *idp, true);
  p = Params();
  p.spid_error_code = 19;
  add("idp_error_nr19.xml", p, *idp, false);
  p.spid_error_code = 25;
  add("idp_error_nr25.xml", p, *idp, false);
  p = Params();
  p.audience = "https://another-sp.example";
  add("wrong_audience.xml", p, *idp, false);
  p = Params();
  p.level = kSpidL1;
  add("level_too_low.xml", p, *idp, false);
  add("attacker_key.xml", Params(), testing::AttackerCredentials(), false);
  std::string valid = seeds["valid_l2.xml"].first;
  std::string body = valid.substr(valid.find("<samlp:Response"));
  seeds["doctype_xxe.xml"] = {
      "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + body, false};
  seeds["tampered_attribute.xml"] = {absl::StrReplaceAll(valid, {{">Mario<", ">Maria<"}}), false};
  size_t begin = valid.find("<saml:Assertion");
  size_t end = valid.find("</saml:Assertion>") + 17;
  seeds["xsw_second_assertion.xml"] = {
      absl::StrCat(valid.substr(0, end), valid.substr(begin, end - begin), valid.substr(end)),
      false};
  seeds["not_saml.xml"] = {"<html><body>hello</body></html>", false};

  const char* dir = std::getenv("SISL_SPID_FUZZ_CORPUS_DIR");
  for (const auto& [name, seed] : seeds) {
    absl::StatusOr<SamlResponse> response = SamlResponse::Parse(seed.first);
    bool accepted = false;
    if (response.ok()) {
      absl::StatusOr<ResponseOutcome> outcome =
          response->Validate(fuzz::Expectations(), fuzz::TrustedIdp());
      accepted = outcome.ok() && outcome->assertion.has_value();
    }
    EXPECT_EQ(accepted, seed.second) << name;
    if (dir != nullptr) std::ofstream(absl::StrCat(dir, "/", name), std::ios::binary) << seed.first;
  }
}

}  // namespace
}  // namespace sisl::gateway::spid
