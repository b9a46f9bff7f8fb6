#include "gateway/spid/metadata.h"

#include <optional>
#include <string>
#include <vector>

#include "gateway/spid/idp_registry.h"
#include "gateway/spid/xml.h"
#include "gateway/spid/xml_signature.h"
#include "gtest/gtest.h"
#include "tests/unit/spid/spid_test_support.h"

namespace sisl::gateway::spid {
namespace {

using testing::SpCredentials;
using testing::TestSpConfig;

xmlNode* Child(const xmlNode* parent, const char* ns, const char* name) {
  xmlNode* child = FirstChildElement(parent, ns, name);
  EXPECT_NE(child, nullptr) << name;
  return child;
}

// xml:lang of an element.
std::string Lang(const xmlNode* node) {
  xmlChar* lang = xmlNodeGetLang(node);
  std::string out = lang != nullptr ? reinterpret_cast<const char*>(lang) : "";
  xmlFree(lang);
  return out;
}

TEST(SpMetadataTest, SpidMetadataIsSignedAndHasThePublicBodyExtensions) {
  absl::StatusOr<std::string> xml =
      BuildSpMetadata(TestSpConfig(), SpCredentials(), MetadataProfile::kSpid);
  ASSERT_TRUE(xml.ok()) << xml.status();
  absl::StatusOr<XmlDoc> doc = ParseUntrustedXml(*xml);
  ASSERT_TRUE(doc.ok());
  xmlNode* root = xmlDocGetRootElement(doc->get());
  ASSERT_TRUE(IsElement(root, kNsMd, "EntityDescriptor"));
  EXPECT_EQ(Attr(root, "entityID"), "http://127.0.0.1:8080/spid/metadata");
  EXPECT_TRUE(VerifyElementSignature(doc->get(), root, {SpCredentials().public_key()}).ok());
  EXPECT_FALSE(
      VerifyElementSignature(doc->get(), root, {testing::IdpCredentials().public_key()}).ok());

  xmlNode* sp = Child(root, kNsMd, "SPSSODescriptor");
  EXPECT_EQ(Attr(sp, "AuthnRequestsSigned"), "true");
  EXPECT_EQ(Attr(sp, "WantAssertionsSigned"), "true");
  EXPECT_EQ(TrimmedText(Child(sp, kNsMd, "NameIDFormat")), kNameIdTransient);
  xmlNode* acs = Child(sp, kNsMd, "AssertionConsumerService");
  EXPECT_EQ(Attr(acs, "index"), "0");
  EXPECT_EQ(Attr(acs, "isDefault"), "true");
  EXPECT_EQ(Attr(acs, "Location"), "http://127.0.0.1:8080/spid/acs");
  EXPECT_EQ(ChildElements(sp, kNsMd, "SingleLogoutService").size(), 2u);
  // Two attribute sets: index 0 (the default) and index 1 (purpose=company: ivaCode and
  // companyName to prefill a company's registration).
  std::vector<xmlNode*> sets = ChildElements(sp, kNsMd, "AttributeConsumingService");
  ASSERT_EQ(sets.size(), 2u);
  const std::vector<std::vector<std::string>> expected = {
      {"fiscalNumber", "name", "familyName", "email", "mobilePhone", "dateOfBirth"},
      {"fiscalNumber", "name", "familyName", "email", "ivaCode", "companyName"}};
  const char* names[] = {"SISL - Servizi per il lavoro", "SISL - Imprese"};
  for (size_t i = 0; i < sets.size(); ++i) {
    EXPECT_EQ(Attr(sets[i], "index"), std::to_string(i));
    xmlNode* service_name = Child(sets[i], kNsMd, "ServiceName");
    EXPECT_EQ(TrimmedText(service_name), names[i]);
    EXPECT_EQ(Lang(service_name), "it");
    std::vector<std::string> requested;
    for (xmlNode* attribute : ChildElements(sets[i], kNsMd, "RequestedAttribute")) {
      requested.push_back(Attr(attribute, "Name").value_or(""));
      EXPECT_EQ(Attr(attribute, "NameFormat"), kAttrNameFormatBasic);
    }
    EXPECT_EQ(requested, expected[i]) << i;
  }
  xmlNode* contact = Child(root, kNsMd, "ContactPerson");
  EXPECT_EQ(Attr(contact, "contactType"), "other");
  xmlNode* ext = Child(contact, kNsMd, "Extensions");
  EXPECT_EQ(TrimmedText(Child(ext, kNsSpid, "IPACode")), "r_piemon");
  EXPECT_NE(FirstChildElement(ext, kNsSpid, "Public"), nullptr);
  EXPECT_EQ(FirstChildElement(ext, kNsSpid, "Private"), nullptr);
}

TEST(SpMetadataTest, CieMetadataFollowsTheCieProfile) {
  absl::StatusOr<std::string> xml =
      BuildSpMetadata(TestSpConfig(), SpCredentials(), MetadataProfile::kCie);
  ASSERT_TRUE(xml.ok()) << xml.status();
  absl::StatusOr<XmlDoc> doc = ParseUntrustedXml(*xml);
  ASSERT_TRUE(doc.ok());
  xmlNode* root = xmlDocGetRootElement(doc->get());
  EXPECT_EQ(Attr(root, "entityID"), "http://127.0.0.1:8080/cie/metadata");
  EXPECT_TRUE(VerifyElementSignature(doc->get(), root, {SpCredentials().public_key()}).ok());
  xmlNode* sp = Child(root, kNsMd, "SPSSODescriptor");
  // CIE releases no company attributes: one set, index 0.
  ASSERT_EQ(ChildElements(sp, kNsMd, "AttributeConsumingService").size(), 1u);
  xmlNode* attrs = Child(sp, kNsMd, "AttributeConsumingService");
  EXPECT_EQ(Attr(attrs, "index"), "0");
  EXPECT_EQ(ChildElements(attrs, kNsMd, "RequestedAttribute").size(), 4u);
  xmlNode* contact = Child(root, kNsMd, "ContactPerson");
  EXPECT_EQ(Attr(contact, "contactType"), "administrative");
  xmlNode* ext = Child(contact, kNsMd, "Extensions");
  EXPECT_NE(FirstChildElement(ext, kNsCie, "Public"), nullptr);
  EXPECT_EQ(TrimmedText(Child(ext, kNsCie, "IPACode")), "r_piemon");
  EXPECT_EQ(TrimmedText(Child(ext, kNsCie, "Municipality")), "L219");
  EXPECT_EQ(TrimmedText(Child(contact, kNsMd, "Company")), "Regione Piemonte");
}

TEST(SpConfigTest, AttributeSetsByPurpose) {
  SpConfig config = TestSpConfig();
  ASSERT_TRUE(ValidateSpConfig(config).ok());
  ASSERT_NE(config.SpidAttributeSetFor(std::nullopt), nullptr);
  EXPECT_EQ(config.SpidAttributeSetFor(std::nullopt)->index, 0);
  ASSERT_NE(config.SpidAttributeSetFor(std::string(kCompanyPurpose)), nullptr);
  EXPECT_EQ(config.SpidAttributeSetFor(std::string(kCompanyPurpose))->index, 1);
  EXPECT_EQ(config.SpidAttributeSetFor(std::string("")), nullptr);
  EXPECT_EQ(config.SpidAttributeSetFor(std::string("Company")), nullptr);
  EXPECT_EQ(config.SpidAttributeSetFor(std::string("citizen")), nullptr);

  SpConfig same_index = config;
  same_index.attribute_sets[1].index = 0;
  EXPECT_FALSE(ValidateSpConfig(same_index).ok());
  SpConfig two_defaults = config;
  two_defaults.attribute_sets[1].purpose = "";
  EXPECT_FALSE(ValidateSpConfig(two_defaults).ok());
  SpConfig no_default = config;
  no_default.attribute_sets[0].purpose = "person";
  EXPECT_FALSE(ValidateSpConfig(no_default).ok());
}

TEST(IdpRegistryTest, LoadsIdpMetadataAndRefusesUselessFiles) {
  IdpMetadataParams params{"https://idp.example.test", "https://idp.example.test/sso",
                           "https://idp.example.test/slo", "Test IdP"};
  absl::StatusOr<std::string> xml = BuildIdpMetadata(params, testing::IdpCredentials());
  ASSERT_TRUE(xml.ok());
  IdpRegistry registry;
  ASSERT_TRUE(registry.AddFromMetadataXml(*xml, /*cie=*/true).ok());
  const IdpMetadata* idp = registry.Find("https://idp.example.test");
  ASSERT_NE(idp, nullptr);
  EXPECT_TRUE(idp->cie);
  EXPECT_EQ(idp->sso_post_url, "https://idp.example.test/sso");
  EXPECT_EQ(idp->slo_post_response_url, "https://idp.example.test/slo");
  EXPECT_EQ(idp->display_name, "Test IdP");
  ASSERT_EQ(idp->signing_keys.size(), 1u);
  EXPECT_EQ(registry.Find("https://unknown.example"), nullptr);

  absl::StatusOr<std::string> sp =
      BuildSpMetadata(TestSpConfig(), SpCredentials(), MetadataProfile::kSpid);
  EXPECT_FALSE(registry.AddFromMetadataXml(*sp, false).ok());  // no IdP in it
  EXPECT_FALSE(registry.AddFromMetadataFile("/nonexistent/idp.xml", false).ok());
  EXPECT_FALSE(registry.AddFromMetadataXml("<!DOCTYPE x []><x/>", false).ok());
}

}  // namespace
}  // namespace sisl::gateway::spid
