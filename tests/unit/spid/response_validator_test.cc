#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gateway/spid/spid_errors.h"
#include "gateway/spid/xml_signature.h"
#include "gtest/gtest.h"
#include "tests/unit/spid/spid_test_support.h"

namespace sisl::gateway::spid {
namespace {

using testing::Build;
using testing::Check;
using testing::Expectations;
using testing::IdpCredentials;
using testing::TestIdp;
using testing::ValidParams;

constexpr char kResponseId[] = "_response0000000000000000000000001";
constexpr char kAssertionId[] = "_assertion000000000000000000000001";

ResponseParams FixedIds() {
  ResponseParams p = ValidParams();
  p.response_id = kResponseId;
  p.assertion_id = kAssertionId;
  return p;
}

std::string StripSignatures(const std::string& xml) {
  static const std::regex kSignature("<ds:Signature[\\s\\S]*?</ds:Signature>");
  return std::regex_replace(xml, kSignature, "");
}

// Strips every signature and signs `ids` again with `key`: valid signatures over `xml`.
std::string Resign(const std::string& xml, std::vector<std::string> ids,
                   const Credentials& key = IdpCredentials()) {
  absl::StatusOr<std::string> out = SignElementsById(StripSignatures(xml), ids, key);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.value_or("");
}

std::string Replace(const std::string& xml, const std::string& from, const std::string& to) {
  EXPECT_NE(xml.find(from), std::string::npos) << from;
  return absl::StrReplaceAll(xml, {{from, to}});
}

absl::StatusCode CodeOf(const std::string& xml, const ResponseExpectations& e = Expectations(),
                        const IdpMetadata& idp = TestIdp()) {
  return Check(xml, e, idp).status().code();
}

TEST(ResponseValidatorTest, AcceptsAValidResponse) {
  absl::StatusOr<ResponseOutcome> outcome = Check(Build(FixedIds()));
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  ASSERT_TRUE(outcome->assertion.has_value());
  const Assertion& a = *outcome->assertion;
  EXPECT_EQ(a.assertion_id, kAssertionId);
  EXPECT_EQ(a.response_id, kResponseId);
  EXPECT_EQ(a.level, 2);
  EXPECT_EQ(a.name_id, "_transient-name-id");
  EXPECT_EQ(a.name_id_qualifier, testing::kIdpEntity);
  EXPECT_EQ(a.session_index, "_session-index");
  EXPECT_EQ(a.Attribute("fiscalNumber"), "TINIT-RSSMRA85C12L219B");
  EXPECT_EQ(a.not_on_or_after, ValidParams().now + absl::Minutes(5));
}

TEST(ResponseValidatorTest, AcceptsAHigherLevelAndAnUnsignedResponseWithSignedAssertion) {
  ResponseParams p = FixedIds();
  p.level = kSpidL3;
  EXPECT_TRUE(Check(Build(p)).ok());
  std::string only_assertion = Resign(Build(FixedIds()), {kAssertionId});
  EXPECT_TRUE(Check(only_assertion).ok()) << Check(only_assertion).status();
}

TEST(ResponseValidatorTest, RefusesANameQualifierOtherThanTheIssuingIdp) {
  ResponseParams p = FixedIds();
  p.name_qualifier = "https://another-idp.example.it";
  absl::StatusOr<ResponseOutcome> outcome = Check(Build(p));
  EXPECT_EQ(outcome.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(absl::StrContains(outcome.status().message(), "NameQualifier"))
      << outcome.status();
  p.name_qualifier = testing::kIdpEntity;
  EXPECT_TRUE(Check(Build(p)).ok());
}

TEST(ResponseValidatorTest, RefusesMissingOrForeignSignatures) {
  std::string valid = Build(FixedIds());
  // Nothing signed.
  EXPECT_EQ(CodeOf(StripSignatures(valid)), absl::StatusCode::kUnauthenticated);
  // Response signed, assertion not.
  EXPECT_EQ(CodeOf(Resign(valid, {kResponseId})), absl::StatusCode::kUnauthenticated);
  // Signed by an attacker who ships his certificate in KeyInfo.
  std::string attacker = Build(FixedIds(), testing::AttackerCredentials());
  ASSERT_NE(attacker.find("X509Certificate>MII"), std::string::npos);
  EXPECT_EQ(CodeOf(attacker), absl::StatusCode::kUnauthenticated);
  // Assertion by the attacker inside a Response correctly signed by the IdP.
  static const std::regex kResponseSignature(
      "(<samlp:Response[^>]*>\\s*<saml:Issuer[^>]*>[^<]*</saml:Issuer>)"
      "<ds:Signature[\\s\\S]*?</ds:Signature>");
  std::string mixed = SignElementsById(std::regex_replace(attacker, kResponseSignature, "$1"),
                                       {kResponseId}, IdpCredentials())
                          .value_or("");
  ASSERT_FALSE(mixed.empty());
  EXPECT_EQ(CodeOf(mixed), absl::StatusCode::kUnauthenticated);
}

TEST(ResponseValidatorTest, RefusesContentChangedAfterSigning) {
  std::string valid = Build(FixedIds());
  EXPECT_EQ(CodeOf(Replace(valid, ">Mario<", ">Maria<")), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(CodeOf(Replace(valid, "RSSMRA85C12L219B", "BNCGLI92L64D205V")),
            absl::StatusCode::kUnauthenticated);
}

TEST(ResponseValidatorTest, CommentsCannotTruncateSignedText) {
  // Exclusive c14n drops comments, so the signature still verifies: the value read must be
  // the whole text, not the part before the comment.
  std::string commented = Replace(Build(FixedIds()), ">Mario<", ">Ma<!-- x -->rio<");
  absl::StatusOr<ResponseOutcome> outcome = Check(commented);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->assertion->Attribute("name"), "Mario");
}

TEST(ResponseValidatorTest, RefusesSignatureWrapping) {
  // SPID lets the Response go unsigned, so the attacker only has to keep the assertion's
  // signature valid: start from a Response whose only signature is the assertion's.
  std::string valid = Resign(Build(FixedIds()), {kAssertionId});
  ASSERT_TRUE(Check(valid).ok());
  size_t begin = valid.find("<saml:Assertion");
  size_t end = valid.find("</saml:Assertion>") + std::string("</saml:Assertion>").size();
  std::string original = valid.substr(begin, end - begin);
  std::string evil = Replace(StripSignatures(original), kAssertionId, "_evil0000000000000000000001");
  evil = Replace(evil, "RSSMRA85C12L219B", "BNCGLI92L64D205V");

  // XSW: a second, unsigned assertion next to the signed one.
  EXPECT_EQ(CodeOf(Replace(valid, "</samlp:Response>", evil + "</samlp:Response>")),
            absl::StatusCode::kInvalidArgument);
  // The evil assertion in place of the original, the original wrapped in its Signature.
  std::string wrapped = Replace(evil, "<saml:Subject>",
                                "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
                                "<ds:Object>" + original + "</ds:Object></ds:Signature>"
                                "<saml:Subject>");
  EXPECT_NE(CodeOf(Replace(valid, original, wrapped)), absl::StatusCode::kOk);
  // The original moved into Extensions, the evil one as the Response's assertion.
  std::string extensions = Replace(valid, original, "");
  extensions = Replace(extensions, "<samlp:Status>",
                       "<samlp:Extensions>" + original + "</samlp:Extensions>" + evil +
                           "<samlp:Status>");
  EXPECT_NE(CodeOf(extensions), absl::StatusCode::kOk);
  // Same ID twice: the evil copy claims the signed assertion's ID.
  std::string same_id = Replace(evil, "_evil0000000000000000000001", kAssertionId);
  EXPECT_NE(CodeOf(Replace(valid, "</samlp:Response>",
                           "<samlp:Extensions>" + same_id + "</samlp:Extensions></samlp:Response>")),
            absl::StatusCode::kOk);
  // The assertion's signature references another element (the Response).
  std::string other_ref = Replace(valid, absl::StrCat("URI=\"#", kAssertionId, "\""),
                                  absl::StrCat("URI=\"#", kResponseId, "\""));
  EXPECT_EQ(CodeOf(other_ref), absl::StatusCode::kUnauthenticated);
  // An empty reference (whole document) is not the assertion's.
  EXPECT_EQ(CodeOf(Replace(valid, absl::StrCat("URI=\"#", kAssertionId, "\""), "URI=\"\"")),
            absl::StatusCode::kUnauthenticated);
}

TEST(ResponseValidatorTest, RefusesXsltAndOtherTransforms) {
  std::string valid = Build(FixedIds());
  std::string xslt = Replace(
      valid, "<ds:Transforms>",
      "<ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\">"
      "<xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\">"
      "<xsl:template match=\"/\"><xsl:value-of select=\"unparsed-text('/etc/passwd')\"/>"
      "</xsl:template></xsl:stylesheet></ds:Transform>");
  EXPECT_EQ(CodeOf(xslt), absl::StatusCode::kUnauthenticated);
  std::string sha1 = Replace(valid, "xmldsig-more#rsa-sha256", "xmldsig#rsa-sha1");
  EXPECT_EQ(CodeOf(sha1), absl::StatusCode::kUnauthenticated);
}

TEST(ResponseValidatorTest, RefusesDoctypeAndEntities) {
  std::string valid = Build(FixedIds());
  std::string body = valid.substr(valid.find("<samlp:Response"));
  for (const std::string& prefix :
       {std::string("<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"),
        std::string("<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://example.org/x\"> %p;]>"),
        std::string("<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"),
        std::string("<!DOCTYPE samlp:Response SYSTEM \"http://example.org/x.dtd\">")}) {
    EXPECT_EQ(SamlResponse::Parse(prefix + body).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
  // An undeclared entity is simply not well-formed.
  EXPECT_FALSE(SamlResponse::Parse(Replace(body, ">Mario<", ">&xxe;<")).ok());
}

TEST(ResponseValidatorTest, RefusesResponsesForSomeoneElse) {
  ResponseParams p = FixedIds();
  p.in_response_to = "_another-request";
  EXPECT_EQ(CodeOf(Build(p)), absl::StatusCode::kPermissionDenied);
  p = FixedIds();
  p.destination = "https://evil.example/acs";
  EXPECT_EQ(CodeOf(Build(p)), absl::StatusCode::kPermissionDenied);
  p = FixedIds();
  p.audience = "https://another-sp.example";
  EXPECT_EQ(CodeOf(Build(p)), absl::StatusCode::kPermissionDenied);
  // Recipient and SubjectConfirmationData InResponseTo alone.
  std::string valid = Build(FixedIds());
  std::string recipient = Resign(
      Replace(valid, "Recipient=\"http://127.0.0.1:8080/spid/acs\"", "Recipient=\"https://x/acs\""),
      {kAssertionId, kResponseId});
  EXPECT_EQ(CodeOf(recipient), absl::StatusCode::kPermissionDenied);
  std::string confirmation = Resign(
      Replace(valid, absl::StrCat("<saml:SubjectConfirmationData InResponseTo=\"",
                                  testing::kRequestId, "\""),
              "<saml:SubjectConfirmationData InResponseTo=\"_other\""),
      {kAssertionId, kResponseId});
  EXPECT_EQ(CodeOf(confirmation), absl::StatusCode::kPermissionDenied);
  // Another IdP (its keys would not verify either, but the Issuer is checked first).
  IdpMetadata other = TestIdp();
  other.entity_id = "https://other-idp.example";
  EXPECT_EQ(CodeOf(valid, Expectations(), other), absl::StatusCode::kPermissionDenied);
}

TEST(ResponseValidatorTest, RefusesWrongIssuerFormats) {
  std::string valid = Build(FixedIds());
  std::string assertion_issuer_no_format =
      Resign(std::regex_replace(valid, std::regex("(<saml:Assertion[^>]*>)<saml:Issuer Format=\"[^\"]*\">"),
                                "$1<saml:Issuer>"),
             {kAssertionId, kResponseId});
  EXPECT_EQ(CodeOf(assertion_issuer_no_format), absl::StatusCode::kInvalidArgument);
  // CIE omits it: accepted for CIE IdPs.
  IdpMetadata cie = TestIdp();
  cie.cie = true;
  EXPECT_TRUE(Check(assertion_issuer_no_format, Expectations(), cie).ok());
  // The Response Issuer may omit the Format (SPID) but not carry another one.
  std::string response_issuer_no_format = Resign(
      std::regex_replace(valid, std::regex("(<samlp:Response[^>]*>)<saml:Issuer Format=\"[^\"]*\">"),
                         "$1<saml:Issuer>"),
      {kAssertionId, kResponseId});
  EXPECT_TRUE(Check(response_issuer_no_format).ok());
  std::string response_issuer_other = Resign(
      std::regex_replace(valid, std::regex("(<samlp:Response[^>]*>)<saml:Issuer Format=\"[^\"]*\">"),
                         "$1<saml:Issuer Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:x\">"),
      {kAssertionId, kResponseId});
  EXPECT_EQ(CodeOf(response_issuer_other), absl::StatusCode::kInvalidArgument);
}

TEST(ResponseValidatorTest, RefusesOutsideTheTimeWindow) {
  ResponseExpectations late = Expectations();
  late.now = ValidParams().now + absl::Minutes(5) + late.clock_skew + absl::Seconds(1);
  EXPECT_EQ(CodeOf(Build(FixedIds()), late), absl::StatusCode::kFailedPrecondition);
  ResponseParams future = FixedIds();
  future.now = testing::RequestTime() + absl::Minutes(10);
  EXPECT_EQ(CodeOf(Build(future)), absl::StatusCode::kFailedPrecondition);
  ResponseParams before_request = FixedIds();
  before_request.now = testing::RequestTime() - absl::Minutes(10);
  EXPECT_EQ(CodeOf(Build(before_request)), absl::StatusCode::kFailedPrecondition);
  // Within the skew either way is fine.
  ResponseExpectations early = Expectations();
  early.now = ValidParams().now - absl::Minutes(1);
  EXPECT_TRUE(Check(Build(FixedIds()), early).ok());
}

TEST(ResponseValidatorTest, RefusesALowerOrUnknownLevel) {
  ResponseParams p = FixedIds();
  p.level = kSpidL1;
  absl::StatusOr<ResponseOutcome> low = Check(Build(p));
  EXPECT_EQ(low.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_NE(low.status().message().find("level"), absl::string_view::npos);
  p.level = "urn:oasis:names:tc:SAML:2.0:ac:classes:SpidL2";
  EXPECT_EQ(CodeOf(Build(p)), absl::StatusCode::kInvalidArgument);
}

TEST(ResponseValidatorTest, RefusesMissingRequiredAttributesAndEmptyStatements) {
  ResponseParams p = FixedIds();
  p.attributes = {{"spidCode", "AGID-001"}, {"address", "via Test"}};
  EXPECT_EQ(CodeOf(Build(p)), absl::StatusCode::kInvalidArgument);
  std::string empty = Resign(
      std::regex_replace(Build(FixedIds()), std::regex("<saml:AttributeStatement>[\\s\\S]*</saml:AttributeStatement>"),
                         "<saml:AttributeStatement></saml:AttributeStatement>"),
      {kAssertionId, kResponseId});
  EXPECT_EQ(CodeOf(empty), absl::StatusCode::kInvalidArgument);
}

TEST(ResponseValidatorTest, ReportsSpidAnomalies19To25) {
  for (int code : {19, 20, 21, 22, 23, 25}) {
    ResponseParams p = FixedIds();
    p.spid_error_code = code;
    absl::StatusOr<ResponseOutcome> outcome = Check(Build(p));
    ASSERT_TRUE(outcome.ok()) << outcome.status();
    ASSERT_TRUE(outcome->failure.has_value());
    EXPECT_FALSE(outcome->assertion.has_value());
    EXPECT_EQ(outcome->failure->spid_error_code, code);
    EXPECT_TRUE(outcome->failure->signed_by_idp);
    EXPECT_EQ(outcome->failure->sub_status_code,
              "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed");
  }
  EXPECT_EQ(SpidErrorCodeFrom("ErrorCode nr19"), 19);
  EXPECT_EQ(SpidErrorCodeFrom("ErrorCode_nr25"), 25);
  EXPECT_EQ(SpidErrorCodeFrom("errorcode nr 22"), 22);
  EXPECT_EQ(SpidErrorCodeFrom("Authentication failed"), 0);
}

TEST(ResponseValidatorTest, RefusesBadStatusAndStructure) {
  std::string valid = Build(FixedIds());
  auto resigned = [&](const std::string& from, const std::string& to) {
    return Resign(Replace(valid, from, to), {kAssertionId, kResponseId});
  };
  const std::string success =
      "<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/>";
  EXPECT_EQ(CodeOf(resigned(success, "")), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(resigned(success, "<samlp:StatusCode Value=\"\"/>")),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(resigned(success, "<samlp:StatusCode Value=\"urn:x:invalid\"/>")),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(resigned("Version=\"2.0\" IssueInstant", "Version=\"1.0\" IssueInstant")),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(resigned("Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"",
                            "Method=\"urn:oasis:names:tc:SAML:2.0:cm:holder-of-key\"")),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(resigned("nameid-format:transient\" NameQualifier",
                            "nameid-format:persistent\" NameQualifier")),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(resigned("<saml:AudienceRestriction><saml:Audience>http://127.0.0.1:8080/spid/metadata</saml:Audience></saml:AudienceRestriction>", "")),
            absl::StatusCode::kInvalidArgument);
  // Not even a Response.
  EXPECT_FALSE(SamlResponse::Parse("<foo/>").ok());
  EXPECT_FALSE(SamlResponse::Parse("not xml").ok());
}

TEST(ResponseValidatorTest, TrustsMetadataKeysDespiteExpiredCertificates) {
  // spid-sp-test's IdP: its certificate expired in 2025, its metadata still names the key.
  IdpRegistry registry;
  ASSERT_TRUE(registry
                  .AddFromMetadataFile(testing::TestData("spid-sp-test-idp-metadata.xml"),
                                       /*cie=*/false)
                  .ok());
  const IdpMetadata* idp = registry.Find("https://localhost:8443");
  ASSERT_NE(idp, nullptr);
  EXPECT_EQ(idp->sso_post_url, "https://localhost:8443/samlsso");
  EXPECT_EQ(idp->slo_redirect_url, "https://localhost:8443/samlsso");
  absl::StatusOr<Credentials> tool = Credentials::FromFiles(
      testing::TestData("spid-sp-test-idp.key"), testing::TestData("spid-sp-test-idp.crt"));
  ASSERT_TRUE(tool.ok()) << tool.status();
  ResponseParams p = FixedIds();
  p.idp_entity_id = idp->entity_id;
  EXPECT_TRUE(Check(Build(p, *tool), Expectations(), *idp).ok());
  EXPECT_EQ(CodeOf(Build(p), Expectations(), *idp), absl::StatusCode::kUnauthenticated);
}

}  // namespace
}  // namespace sisl::gateway::spid
