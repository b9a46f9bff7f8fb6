#include "gateway/spid/metadata.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/spid/xml.h"
#include "gateway/spid/xml_signature.h"

namespace sisl::gateway::spid {
namespace {

std::string E(std::string_view text) { return XmlEscape(text); }

std::string KeyDescriptor(const Credentials& credentials) {
  return absl::StrCat("<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data>"
                      "<ds:X509Certificate>",
                      credentials.cert_base64(),
                      "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>");
}

std::string Endpoint(const char* element, const char* binding, const std::string& location) {
  return absl::StrCat("<md:", element, " Binding=\"", binding, "\" Location=\"", E(location),
                      "\"/>");
}

std::string AttributeService(const AttributeSet& set) {
  std::string out = absl::StrCat("<md:AttributeConsumingService index=\"", set.index,
                                 "\"><md:ServiceName xml:lang=\"it\">", E(set.service_name),
                                 "</md:ServiceName>");
  for (const std::string& name : set.attributes) {
    absl::StrAppend(&out, "<md:RequestedAttribute Name=\"", E(name), "\" NameFormat=\"",
                    kAttrNameFormatBasic, "\"/>");
  }
  absl::StrAppend(&out, "</md:AttributeConsumingService>");
  return out;
}

std::string Organization(const SpConfig& c, bool english) {
  std::string out = "<md:Organization>";
  const std::pair<const char*, const std::string*> elements[] = {
      {"OrganizationName", &c.organization_name},
      {"OrganizationDisplayName", &c.organization_display_name},
      {"OrganizationURL", &c.organization_url}};
  for (const auto& [element, value_ptr] : elements) {
    const std::string& value = *value_ptr;
    absl::StrAppend(&out, "<md:", element, " xml:lang=\"it\">", E(value), "</md:", element, ">");
    if (english) {
      absl::StrAppend(&out, "<md:", element, " xml:lang=\"en\">", E(value), "</md:", element,
                      ">");
    }
  }
  absl::StrAppend(&out, "</md:Organization>");
  return out;
}

std::string SpidContact(const SpConfig& c) {
  std::string out = absl::StrCat(
      "<md:ContactPerson contactType=\"other\"><md:Extensions><spid:IPACode>", E(c.ipa_code),
      "</spid:IPACode><spid:Public/></md:Extensions><md:EmailAddress>", E(c.contact_email),
      "</md:EmailAddress>");
  if (!c.contact_phone.empty()) {
    absl::StrAppend(&out, "<md:TelephoneNumber>", E(c.contact_phone), "</md:TelephoneNumber>");
  }
  absl::StrAppend(&out, "</md:ContactPerson>");
  return out;
}

std::string CieContact(const SpConfig& c) {
  std::string out = absl::StrCat(
      "<md:ContactPerson contactType=\"administrative\"><md:Extensions><cie:Public/>"
      "<cie:IPACode>",
      E(c.ipa_code), "</cie:IPACode><cie:Municipality>", E(c.municipality),
      "</cie:Municipality>");
  if (!c.province.empty()) absl::StrAppend(&out, "<cie:Province>", E(c.province), "</cie:Province>");
  absl::StrAppend(&out, "<cie:Country>IT</cie:Country></md:Extensions><md:Company>",
                  E(c.organization_name), "</md:Company><md:EmailAddress>", E(c.contact_email),
                  "</md:EmailAddress>");
  if (!c.contact_phone.empty()) {
    absl::StrAppend(&out, "<md:TelephoneNumber>", E(c.contact_phone), "</md:TelephoneNumber>");
  }
  absl::StrAppend(&out, "</md:ContactPerson>");
  return out;
}

}  // namespace

absl::StatusOr<std::string> BuildSpMetadata(const SpConfig& config, const Credentials& credentials,
                                            MetadataProfile profile) {
  bool cie = profile == MetadataProfile::kCie;
  std::string id = NewSamlId();
  std::string xml = absl::StrCat(
      "<md:EntityDescriptor xmlns:md=\"", kNsMd, "\" xmlns:ds=\"", kNsDs, "\" xmlns:",
      cie ? "cie" : "spid", "=\"", cie ? kNsCie : kNsSpid, "\" entityID=\"",
      E(config.EntityId(cie)), "\" ID=\"", id, "\">",
      "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
      "AuthnRequestsSigned=\"true\" WantAssertionsSigned=\"true\">",
      KeyDescriptor(credentials), Endpoint("SingleLogoutService", kBindingPost, config.SloUrl()));
  if (!cie) {
    absl::StrAppend(&xml, Endpoint("SingleLogoutService", kBindingRedirect, config.SloUrl()));
  }
  absl::StrAppend(&xml, "<md:NameIDFormat>", kNameIdTransient, "</md:NameIDFormat>",
                  "<md:AssertionConsumerService index=\"0\" isDefault=\"true\" Binding=\"",
                  kBindingPost, "\" Location=\"", E(config.AcsUrl()), "\"/>");
  if (cie) {
    absl::StrAppend(&xml, AttributeService(config.cie_attribute_set));
  } else {
    for (const AttributeSet& set : config.attribute_sets) {
      absl::StrAppend(&xml, AttributeService(set));
    }
  }
  absl::StrAppend(&xml, "</md:SPSSODescriptor>", Organization(config, !cie),
                  cie ? CieContact(config) : SpidContact(config), "</md:EntityDescriptor>");
  return SignElementsById(xml, {id}, credentials);
}

absl::StatusOr<std::string> BuildIdpMetadata(const IdpMetadataParams& p,
                                             const Credentials& credentials) {
  std::string id = NewSamlId();
  std::string xml = absl::StrCat(
      "<md:EntityDescriptor xmlns:md=\"", kNsMd, "\" xmlns:ds=\"", kNsDs, "\" entityID=\"",
      E(p.entity_id), "\" ID=\"", id, "\">",
      "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
      "WantAuthnRequestsSigned=\"true\">",
      KeyDescriptor(credentials), Endpoint("SingleLogoutService", kBindingPost, p.slo_url),
      Endpoint("SingleLogoutService", kBindingRedirect, p.slo_url), "<md:NameIDFormat>",
      kNameIdTransient, "</md:NameIDFormat>",
      Endpoint("SingleSignOnService", kBindingPost, p.sso_url),
      Endpoint("SingleSignOnService", kBindingRedirect, p.sso_url), "</md:IDPSSODescriptor>",
      "<md:Organization><md:OrganizationName xml:lang=\"it\">", E(p.organization_name),
      "</md:OrganizationName><md:OrganizationDisplayName xml:lang=\"it\">",
      E(p.organization_name), "</md:OrganizationDisplayName><md:OrganizationURL xml:lang=\"it\">",
      E(p.entity_id), "</md:OrganizationURL></md:Organization></md:EntityDescriptor>");
  return SignElementsById(xml, {id}, credentials);
}

}  // namespace sisl::gateway::spid
