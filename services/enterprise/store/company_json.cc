// Company records as JSON (json_codec.h).
#include <array>

#include "services/enterprise/store/json_codec.h"
#include "services/enterprise/store/json_enums.h"
#include "services/enterprise/store/json_support.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::store {
namespace {

constexpr std::array<absl::string_view, 15> kLegalForms = {"unspecified",
                                                           "sole_trader",
                                                           "general_partnership",
                                                           "limited_partnership",
                                                           "limited_company",
                                                           "joint_stock",
                                                           "partnership_limited_by_shares",
                                                           "cooperative",
                                                           "consortium",
                                                           "association",
                                                           "foundation",
                                                           "professional_firm",
                                                           "public_administration",
                                                           "public_economic_entity",
                                                           "other"};
constexpr std::array<absl::string_view, 3> kSectors = {"unspecified", "private", "public"};

json SiteJson(const CompanySite& s) {
  return {{"label", s.label},
          {"municipality", s.municipality_istat_code},
          {"address", s.address},
          {"postcode", s.postcode}};
}

CompanySite SiteFrom(const json& j) {
  CompanySite s;
  s.label = j.value("label", "");
  s.municipality_istat_code = j.value("municipality", "");
  s.address = j.value("address", "");
  s.postcode = j.value("postcode", "");
  return s;
}

}  // namespace

std::string CompanyToJson(const Company& c) {
  json sites = json::array();
  for (const CompanySite& s : c.operating_sites) sites.push_back(SiteJson(s));
  return json{{"fiscal_code", c.fiscal_code},
              {"vat_number", c.vat_number},
              {"name", c.name},
              {"legal_form", EnumToName(c.legal_form, kLegalForms)},
              {"ateco", c.ateco_code},
              {"sector", EnumToName(c.sector, kSectors)},
              {"registered_office", SiteJson(c.registered_office)},
              {"operating_sites", sites},
              {"pec", c.pec},
              {"ccnl", c.ccnl_code},
              {"workforce", c.workforce}}
      .dump();
}

absl::StatusOr<Company> CompanyFromJson(const std::string& text) {
  ASSIGN_OR_RETURN(json j, ParseRecord(text, "company"));
  Company c;
  c.fiscal_code = j.value("fiscal_code", "");
  c.vat_number = j.value("vat_number", "");
  c.name = j.value("name", "");
  c.legal_form = EnumFromName<LegalForm>(j.value("legal_form", ""), kLegalForms);
  c.ateco_code = j.value("ateco", "");
  c.sector = EnumFromName<CompanySector>(j.value("sector", ""), kSectors);
  if (j.contains("registered_office")) c.registered_office = SiteFrom(j["registered_office"]);
  if (j.contains("operating_sites") && j["operating_sites"].is_array()) {
    for (const json& s : j["operating_sites"]) c.operating_sites.push_back(SiteFrom(s));
  }
  c.pec = j.value("pec", "");
  c.ccnl_code = j.value("ccnl", "");
  c.workforce = j.value("workforce", int64_t{0});
  return c;
}

}  // namespace sisl::enterprise::store
