#include "gateway/spid/authn_request.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_replace.h"
#include "gateway/spid/redirect_binding.h"
#include "gateway/spid/xml.h"
#include "gtest/gtest.h"
#include "tests/unit/spid/spid_test_support.h"

namespace sisl::gateway::spid {
namespace {

using testing::SpCredentials;

AuthnRequestParams Params(int level) {
  return AuthnRequestParams{"http://127.0.0.1:8080/spid/metadata", "https://idp.example/sso",
                            level, 0, 0, absl::FromUnixMillis(1767268800750)};
}

TEST(AuthnRequestTest, HasTheSpidAttributesAndASignatureThatVerifies) {
  absl::StatusOr<AuthnRequest> request = BuildAuthnRequest(Params(2), &SpCredentials());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->issue_instant, "2026-01-01T12:00:00Z");  // no milliseconds
  absl::StatusOr<XmlDoc> doc = ParseUntrustedXml(request->xml);
  ASSERT_TRUE(doc.ok());
  xmlNode* root = xmlDocGetRootElement(doc->get());
  EXPECT_EQ(Attr(root, "ID"), request->id);
  EXPECT_EQ(Attr(root, "Version"), "2.0");
  EXPECT_EQ(Attr(root, "Destination"), "https://idp.example/sso");
  EXPECT_EQ(Attr(root, "ForceAuthn"), "true");
  EXPECT_EQ(Attr(root, "AssertionConsumerServiceIndex"), "0");
  EXPECT_EQ(Attr(root, "AttributeConsumingServiceIndex"), "0");
  EXPECT_FALSE(Attr(root, "IsPassive").has_value());
  xmlNode* issuer = FirstChildElement(root, kNsSaml, "Issuer");
  EXPECT_EQ(Attr(issuer, "NameQualifier"), "http://127.0.0.1:8080/spid/metadata");
  EXPECT_EQ(Attr(issuer, "Format"), "urn:oasis:names:tc:SAML:2.0:nameid-format:entity");
  xmlNode* policy = FirstChildElement(root, kNsSamlp, "NameIDPolicy");
  EXPECT_EQ(Attr(policy, "Format"), "urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
  EXPECT_FALSE(Attr(policy, "AllowCreate").has_value());
  xmlNode* context = FirstChildElement(root, kNsSamlp, "RequestedAuthnContext");
  EXPECT_EQ(Attr(context, "Comparison"), "minimum");
  EXPECT_EQ(TrimmedText(FirstChildElement(context, kNsSaml, "AuthnContextClassRef")),
            "https://www.spid.gov.it/SpidL2");
  // The Signature follows the Issuer and verifies with the SP certificate only.
  EXPECT_TRUE(IsElement(xmlNextElementSibling(issuer), kNsDs, "Signature"));
  std::vector<PublicKey> sp = {SpCredentials().public_key()};
  absl::StatusOr<ReceivedAuthnRequest> parsed = ParseAuthnRequest(request->xml, &sp);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->level, 2);
  EXPECT_TRUE(parsed->force_authn);
  std::vector<PublicKey> other = {testing::IdpCredentials().public_key()};
  EXPECT_FALSE(ParseAuthnRequest(request->xml, &other).ok());
}

TEST(AuthnRequestTest, ForceAuthnOnlyAboveLevelOne) {
  absl::StatusOr<AuthnRequest> l1 = BuildAuthnRequest(Params(1), &SpCredentials());
  ASSERT_TRUE(l1.ok());
  EXPECT_EQ(l1->xml.find("ForceAuthn"), std::string::npos);
  absl::StatusOr<AuthnRequest> l3 = BuildAuthnRequest(Params(3), &SpCredentials());
  ASSERT_TRUE(l3.ok());
  EXPECT_NE(l3->xml.find("ForceAuthn=\"true\""), std::string::npos);
  EXPECT_NE(l3->xml.find("SpidL3"), std::string::npos);
  EXPECT_FALSE(BuildAuthnRequest(Params(4), &SpCredentials()).ok());
}

TEST(AuthnRequestTest, CarriesTheAttributeSetIndexBothWays) {
  AuthnRequestParams params = Params(2);
  params.attribute_consuming_service_index = 1;  // the company set
  absl::StatusOr<AuthnRequest> request = BuildAuthnRequest(params, &SpCredentials());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_NE(request->xml.find("AttributeConsumingServiceIndex=\"1\""), std::string::npos);
  const std::vector<PublicKey> keys = {SpCredentials().public_key()};
  absl::StatusOr<ReceivedAuthnRequest> received = ParseAuthnRequest(request->xml, &keys);
  ASSERT_TRUE(received.ok()) << received.status();
  EXPECT_EQ(received->attribute_consuming_service_index, 1);
  EXPECT_EQ(received->assertion_consumer_service_index, 0);
}

TEST(RedirectBindingTest, QuerySignatureVerifiesOnTheReceivedOctets) {
  absl::StatusOr<AuthnRequest> request = BuildAuthnRequest(Params(2), nullptr);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->xml.find("Signature"), std::string::npos);
  std::string message = absl::Base64Escape("deflated bytes would go here");
  absl::StatusOr<std::string> query =
      SignRedirectQuery("SAMLRequest", message, "a1b2 c3", SpCredentials());
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->rfind("SAMLRequest=", 0), 0u);
  EXPECT_NE(query->find("&RelayState=a1b2+c3&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2F"
                        "xmldsig-more%23rsa-sha256&Signature="),
            std::string::npos);
  absl::StatusOr<RedirectQuery> parsed = ParseRedirectQuery(*query);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->message, message);
  EXPECT_EQ(parsed->relay_state, "a1b2 c3");
  EXPECT_TRUE(VerifyRedirectQuery(*parsed, {SpCredentials().public_key()}).ok());
  EXPECT_FALSE(VerifyRedirectQuery(*parsed, {testing::IdpCredentials().public_key()}).ok());
  // Any change of the signed octets breaks it.
  absl::StatusOr<RedirectQuery> tampered =
      ParseRedirectQuery(absl::StrReplaceAll(*query, {{"RelayState=a1b2", "RelayState=a1b3"}}));
  ASSERT_TRUE(tampered.ok());
  EXPECT_FALSE(VerifyRedirectQuery(*tampered, {SpCredentials().public_key()}).ok());
  // RSA-SHA1 is refused.
  RedirectQuery sha1 = *parsed;
  sha1.sig_alg = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
  EXPECT_FALSE(VerifyRedirectQuery(sha1, {SpCredentials().public_key()}).ok());
  EXPECT_FALSE(ParseRedirectQuery("SAMLRequest=a&SAMLRequest=b").ok());
  EXPECT_FALSE(ParseRedirectQuery("RelayState=x").ok());
}

TEST(RedirectBindingTest, FormUrlEncodingMatchesPythonQuotePlus) {
  EXPECT_EQ(FormUrlEncode("a+b/c=d e~f_g.h-i"), "a%2Bb%2Fc%3Dd+e~f_g.h-i");
  EXPECT_EQ(FormUrlDecode("a%2Bb%2fc+d"), "a+b/c d");
  EXPECT_FALSE(FormUrlDecode("%2").has_value());
  EXPECT_FALSE(FormUrlDecode("%zz").has_value());
}

}  // namespace
}  // namespace sisl::gateway::spid
