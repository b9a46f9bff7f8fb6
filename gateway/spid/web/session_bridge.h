#ifndef SISL_GATEWAY_SPID_WEB_SESSION_BRIDGE_H_
#define SISL_GATEWAY_SPID_WEB_SESSION_BRIDGE_H_

#include <optional>
#include <string>

#include "gateway/http/http_types.h"

namespace sisl::gateway::spid {

// What a validated SAML assertion (SPID, CIE or the development IdP) tells us about the user.
// Personal data: never logged.
struct VerifiedIdentity {
  std::string provider;       // "spid", "cie" or "dev"
  std::string idp_entity_id;  // the asserting IdP
  std::string level;          // e.g. "https://www.spid.gov.it/SpidL2"
  std::string fiscal_code;    // without the "TINIT-" prefix, upper case
  std::string name;
  std::string family_name;
  std::string email;
  std::string mobile_phone;
  std::string date_of_birth;  // YYYY-MM-DD when released
  // The company a legal representative's SPID identity names (ivaCode, companyName: asked for by
  // a login with purpose=company). Both empty unless ivaCode was released and is a valid VAT
  // number; iva_code is then its 11 digits, without SPID's "VATIT-" prefix.
  std::string iva_code;
  std::string company_name;
  // Kept for Single Logout.
  std::string name_id;
  std::string name_id_qualifier;
  std::string session_index;
};

// Implemented by the gateway's session layer; the SPID endpoints call it and never touch
// sessions directly.
class SessionBridge {
 public:
  virtual ~SessionBridge() = default;
  // Creates the session for `identity`, sets its cookie and redirects to `return_to` (a local
  // path starting with "/").
  virtual http::Response CompleteLogin(const http::Request& request,
                                       const VerifiedIdentity& identity,
                                       const std::string& return_to) = 0;
  // The SAML identity behind the request's session, if it has one (SP-initiated logout).
  virtual std::optional<VerifiedIdentity> CurrentIdentity(const http::Request& request) = 0;
  // Ends the request's session and clears its cookie on `response`.
  virtual void EndCurrentSession(const http::Request& request, http::Response& response) = 0;
  // IdP-initiated logout: ends the sessions opened by this subject; returns how many.
  virtual int EndSessionsFor(const std::string& idp_entity_id, const std::string& name_id,
                             const std::string& session_index) = 0;
};

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_WEB_SESSION_BRIDGE_H_
