// Quadro 1's company data from the company registry.

#include <cctype>
#include <string>

#include "absl/strings/string_view.h"
#include "services/enterprise/xml/l68_xml.h"
#include "services/reference/municipalities.h"

namespace sisl::enterprise::xml {
namespace {

// True when `s` has the shape of `pattern`, where '9' stands for a digit.
bool Shaped(absl::string_view s, absl::string_view pattern) {
  if (s.size() != pattern.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(s[i])) != 0;
    if (pattern[i] == '9' ? !digit : s[i] != pattern[i]) return false;
  }
  return true;
}

}  // namespace

L68XmlCompany XmlCompanyOf(const Company& c) {
  L68XmlCompany out;
  out.fiscal_code = c.fiscal_code;
  out.name = c.name;
  if (Shaped(c.ateco_code, "99.99.99")) out.ateco_code = c.ateco_code;
  out.public_administration = c.sector == CompanySector::kPublic;
  const reference::Municipality* m =
      reference::Municipalities::Default().ByIstatCode(c.registered_office.municipality_istat_code);
  out.office_belfiore = m != nullptr ? m->belfiore_code : "0000";
  out.office_province = m != nullptr ? m->province_code : "";
  if (Shaped(c.registered_office.postcode, "99999")) {
    out.office_postcode = c.registered_office.postcode;
  }
  out.office_address = c.registered_office.address;
  out.pec = c.pec;
  return out;
}

}  // namespace sisl::enterprise::xml
