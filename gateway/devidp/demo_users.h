#ifndef SISL_GATEWAY_DEVIDP_DEMO_USERS_H_
#define SISL_GATEWAY_DEVIDP_DEMO_USERS_H_

#include <string>
#include <vector>

namespace sisl::gateway::devidp {

// A fictitious person the development IdP can log in as. The fiscal codes are well-formed
// (check character included) but invented.
struct DemoUser {
  std::string key;    // stable identifier, e.g. "operatore-torino"
  std::string label;  // what the IdP page shows (Italian)
  std::string fiscal_code;
  std::string name;
  std::string family_name;
  std::string email;
  std::string mobile_phone;
  std::string date_of_birth;  // YYYY-MM-DD
  // The role the staff directory may give this person (sisl::platform::auth role names:
  // citizen, company, consultant, operator, contact_centre, admin).
  std::string suggested_role;
  std::string cpi_code;  // operators: their CPI (services/reference/data/cpi_piemonte.csv)
  // A company's legal representative: the company their SPID identity names, released as
  // ivaCode ("VATIT-" + the VAT number) and companyName when the SP asks for them (a login with
  // purpose=company). Invented, with a valid check digit. Empty for everyone else.
  std::string vat_number;
  std::string company_name;
};

// Two citizens, a company delegate, a labour consultant, an operator of CPI Torino, a
// contact-centre agent, an administrator and the sole legal representative of a company not
// yet registered (titolare-azienda, with the SPID company attributes).
const std::vector<DemoUser>& DemoUsers();
const DemoUser* FindDemoUser(const std::string& key);

}  // namespace sisl::gateway::devidp

#endif  // SISL_GATEWAY_DEVIDP_DEMO_USERS_H_
