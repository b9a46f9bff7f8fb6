#include "gateway/spid/assertion_validator.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gateway/spid/levels.h"
#include "gateway/spid/metadata.h"
#include "gateway/spid/saml_checks.h"
#include "gateway/spid/xml.h"
#include "gateway/spid/xml_signature.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {
namespace {

using checks::Expired;
using checks::ExactlyOne;
using checks::Malformed;
using checks::Mismatch;
using checks::Required;
using checks::RequiredTime;

constexpr char kBearer[] = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

absl::Status CheckSubject(const xmlNode* assertion, const ResponseExpectations& e,
                          const IdpMetadata& idp, Assertion& out) {
  ASSIGN_OR_RETURN(xmlNode* subject, ExactlyOne(assertion, kNsSaml, "Subject", "Subject"));
  ASSIGN_OR_RETURN(xmlNode* name_id, ExactlyOne(subject, kNsSaml, "NameID", "NameID"));
  out.name_id = TrimmedText(name_id);
  if (out.name_id.empty()) return Malformed("NameID empty");
  if (Attr(name_id, "Format") != kNameIdTransient) {
    return Malformed("NameID Format is not transient");
  }
  ASSIGN_OR_RETURN(out.name_id_qualifier,
                   Required(name_id, "NameQualifier", "NameID NameQualifier"));
  // SPID: the NameQualifier is the entity ID of the IdP that issued the NameID, i.e. this IdP.
  if (out.name_id_qualifier != idp.entity_id) {
    return Mismatch("NameID NameQualifier is not the issuing IdP");
  }
  ASSIGN_OR_RETURN(xmlNode* confirmation,
                   ExactlyOne(subject, kNsSaml, "SubjectConfirmation", "SubjectConfirmation"));
  if (Attr(confirmation, "Method") != kBearer) {
    return Malformed("SubjectConfirmation Method is not bearer");
  }
  ASSIGN_OR_RETURN(xmlNode* data, ExactlyOne(confirmation, kNsSaml, "SubjectConfirmationData",
                                              "SubjectConfirmationData"));
  ASSIGN_OR_RETURN(std::string recipient,
                   Required(data, "Recipient", "SubjectConfirmationData Recipient"));
  if (recipient != e.acs_url) return Mismatch("Recipient is not this ACS");
  ASSIGN_OR_RETURN(std::string in_response_to,
                   Required(data, "InResponseTo", "SubjectConfirmationData InResponseTo"));
  if (in_response_to != e.request_id) return Mismatch("SubjectConfirmationData InResponseTo");
  ASSIGN_OR_RETURN(absl::Time until,
                   RequiredTime(data, "NotOnOrAfter", "SubjectConfirmationData NotOnOrAfter"));
  if (e.now >= until + e.clock_skew) return Expired("SubjectConfirmationData NotOnOrAfter");
  if (Attr(data, "NotBefore").has_value()) {
    ASSIGN_OR_RETURN(absl::Time from,
                     RequiredTime(data, "NotBefore", "SubjectConfirmationData NotBefore"));
    if (from > e.now + e.clock_skew) return Expired("SubjectConfirmationData NotBefore");
  }
  out.not_on_or_after = until;
  return absl::OkStatus();
}

absl::Status CheckConditions(const xmlNode* assertion, const ResponseExpectations& e,
                             Assertion& out) {
  ASSIGN_OR_RETURN(xmlNode* conditions,
                   ExactlyOne(assertion, kNsSaml, "Conditions", "Conditions"));
  ASSIGN_OR_RETURN(absl::Time not_before,
                   RequiredTime(conditions, "NotBefore", "Conditions NotBefore"));
  ASSIGN_OR_RETURN(absl::Time not_after,
                   RequiredTime(conditions, "NotOnOrAfter", "Conditions NotOnOrAfter"));
  if (not_before > e.now + e.clock_skew) return Expired("Conditions NotBefore");
  if (e.now >= not_after + e.clock_skew) return Expired("Conditions NotOnOrAfter");
  std::vector<xmlNode*> restrictions = ChildElements(conditions, kNsSaml, "AudienceRestriction");
  if (restrictions.empty()) return Malformed("AudienceRestriction missing");
  // Every restriction must admit us (SAML core 2.5.1.4).
  for (const xmlNode* restriction : restrictions) {
    std::vector<xmlNode*> audiences = ChildElements(restriction, kNsSaml, "Audience");
    if (audiences.empty()) return Malformed("Audience missing");
    bool ours = std::any_of(audiences.begin(), audiences.end(), [&](const xmlNode* audience) {
      return TrimmedText(audience) == e.sp_entity_id;
    });
    if (!ours) return Mismatch("Audience is not this SP");
  }
  out.not_on_or_after = std::min(out.not_on_or_after, not_after);
  return absl::OkStatus();
}

absl::Status CheckAuthnStatement(const xmlNode* assertion, const ResponseExpectations& e,
                                 Assertion& out) {
  ASSIGN_OR_RETURN(xmlNode* statement,
                   ExactlyOne(assertion, kNsSaml, "AuthnStatement", "AuthnStatement"));
  ASSIGN_OR_RETURN(absl::Time authn_instant,
                   RequiredTime(statement, "AuthnInstant", "AuthnStatement AuthnInstant"));
  if (authn_instant > e.now + e.clock_skew) return Expired("AuthnInstant is in the future");
  out.session_index = Attr(statement, "SessionIndex").value_or("");
  ASSIGN_OR_RETURN(xmlNode* context,
                   ExactlyOne(statement, kNsSaml, "AuthnContext", "AuthnContext"));
  ASSIGN_OR_RETURN(xmlNode* class_ref,
                   ExactlyOne(context, kNsSaml, "AuthnContextClassRef", "AuthnContextClassRef"));
  out.level_uri = TrimmedText(class_ref);
  out.level = LevelFromUri(out.level_uri);
  if (out.level == 0) return Malformed("AuthnContextClassRef is not a SPID level");
  if (out.level < e.requested_level) {
    return Mismatch("authentication level lower than the requested minimum");
  }
  return absl::OkStatus();
}

absl::Status ReadAttributes(const xmlNode* assertion, const ResponseExpectations& e,
                            Assertion& out) {
  std::vector<xmlNode*> statements = ChildElements(assertion, kNsSaml, "AttributeStatement");
  if (statements.size() > 1) return Malformed("AttributeStatement repeated");
  if (statements.size() == 1) {
    std::vector<xmlNode*> attributes = ChildElements(statements[0], kNsSaml, "Attribute");
    if (attributes.empty()) return Malformed("AttributeStatement without Attribute");
    for (const xmlNode* attribute : attributes) {
      ASSIGN_OR_RETURN(std::string name, Required(attribute, "Name", "Attribute Name"));
      std::vector<xmlNode*> values = ChildElements(attribute, kNsSaml, "AttributeValue");
      if (values.empty()) return Malformed("Attribute without AttributeValue");
      if (out.Attribute(name).has_value()) return Malformed("Attribute repeated");
      out.attributes.emplace_back(std::move(name), TrimmedText(values[0]));
    }
  }
  for (const std::string& name : e.required_attributes) {
    std::optional<std::string> value = out.Attribute(name);
    if (!value.has_value() || value->empty()) {
      return Malformed(absl::StrCat("required attribute ", name, " missing"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Assertion> ValidateAssertion(xmlDoc* doc, xmlNode* assertion,
                                            const ResponseExpectations& e,
                                            const IdpMetadata& idp) {
  // Nothing of an assertion is read before its signature verified.
  RETURN_IF_ERROR(VerifyElementSignature(doc, assertion, idp.signing_keys));
  Assertion out;
  out.idp_entity_id = idp.entity_id;
  RETURN_IF_ERROR(checks::Version20(assertion, "Assertion"));
  ASSIGN_OR_RETURN(out.assertion_id, Required(assertion, "ID", "Assertion ID"));
  ASSIGN_OR_RETURN(absl::Time issued,
                   RequiredTime(assertion, "IssueInstant", "Assertion IssueInstant"));
  RETURN_IF_ERROR(checks::InstantWithin(issued, e.request_issue_instant, e.now, e.clock_skew,
                                        "Assertion IssueInstant"));
  // CIE omits the Issuer Format; SPID requires it.
  RETURN_IF_ERROR(checks::IssuerIs(assertion, idp.entity_id, !idp.cie, "Assertion Issuer"));
  RETURN_IF_ERROR(CheckSubject(assertion, e, idp, out));
  RETURN_IF_ERROR(CheckConditions(assertion, e, out));
  RETURN_IF_ERROR(CheckAuthnStatement(assertion, e, out));
  RETURN_IF_ERROR(ReadAttributes(assertion, e, out));
  return out;
}

}  // namespace sisl::gateway::spid
