// Company registry validation: fiscal codes (11 digits or a sole trader's 16 characters), ATECO,
// sector, sites by ISTAT municipality, PEC, CCNL, workforce.

#include "services/enterprise/domain/company.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/vat_number.h"

namespace sisl::enterprise {
namespace {

using platform::testing::HasReason;
using platform::testing::IsOk;
using ::testing::IsEmpty;

const absl::CivilDay kToday(2026, 3, 2);

std::string Vat(const std::string& first10) {
  return first10 + *reference::VatNumberCheckDigit(first10);
}

std::string PersonCode() {
  return *reference::EncodeFiscalCode(
      {"Rossi", "Maria", reference::Sex::kFemale, absl::CivilDay(1980, 3, 3), "A124"});
}

Company Valid() {
  Company c;
  c.fiscal_code = Vat("0123456789");
  c.vat_number = c.fiscal_code;
  c.name = "Officine Subalpine S.r.l.";
  c.legal_form = LegalForm::kLimitedCompany;
  c.ateco_code = "62.10.00";
  c.sector = CompanySector::kPrivate;
  c.registered_office = {"Sede legale", "001272", "via Roma 1", "10121"};
  c.operating_sites = {{"Stabilimento", "004003", "corso Langhe 10", "12051"},
                       {"", "001272", "", ""}};
  c.pec = "officine.subalpine@pec.it";
  c.ccnl_code = "001";
  c.workforce = 120;
  return c;
}

TEST(CompanyTest, ValidCompany) {
  EXPECT_THAT(CheckCompany(Valid(), kToday), IsEmpty());
  EXPECT_THAT(ValidateCompany(Valid(), kToday), IsOk());
}

TEST(CompanyTest, SoleTraderMayUseThePersonalCode) {
  Company c = Valid();
  c.fiscal_code = PersonCode();
  c.legal_form = LegalForm::kSoleTrader;
  EXPECT_THAT(CheckCompany(c, kToday), IsEmpty());
  c.fiscal_code = absl::AsciiStrToLower(c.fiscal_code);  // normalized before the check
  EXPECT_THAT(CheckCompany(c, kToday), IsEmpty());
}

TEST(CompanyTest, PublicAdministration) {
  Company c = Valid();
  c.legal_form = LegalForm::kPublicAdministration;
  c.sector = CompanySector::kPublic;
  c.ccnl_code.clear();
  EXPECT_THAT(CheckCompany(c, kToday), IsEmpty());
}

struct BadCompany {
  std::string name;
  void (*mutate)(Company&);
  std::string field;
  std::string reason;
};

class CompanyValidationTest : public ::testing::TestWithParam<BadCompany> {};

TEST_P(CompanyValidationTest, ReportsTheFieldAndReason) {
  Company c = Valid();
  GetParam().mutate(c);
  const std::vector<FieldProblem> problems = CheckCompany(c, kToday);
  ASSERT_EQ(problems.size(), 1u) << GetParam().name;
  EXPECT_EQ(problems[0].field, GetParam().field);
  EXPECT_EQ(problems[0].reason, GetParam().reason);
  EXPECT_FALSE(problems[0].description.empty());
  EXPECT_THAT(ValidateCompany(c, kToday), HasReason(GetParam().reason));
}

INSTANTIATE_TEST_SUITE_P(
    Companies, CompanyValidationTest,
    ::testing::Values(
        BadCompany{"fiscal code length", [](Company& c) { c.fiscal_code = "123456"; },
                   "fiscal_code", "INVALID_COMPANY_FISCAL_CODE"},
        BadCompany{"fiscal code check",
                   [](Company& c) { c.fiscal_code[10] = c.fiscal_code[10] == '0' ? '1' : '0'; },
                   "fiscal_code", "INVALID_VAT_NUMBER_CHECK"},
        BadCompany{"all zeros", [](Company& c) { c.fiscal_code = "00000000000"; }, "fiscal_code",
                   "INVALID_VAT_NUMBER"},
        BadCompany{"personal code for a company", [](Company& c) { c.fiscal_code = PersonCode(); },
                   "fiscal_code", "PERSONAL_FISCAL_CODE_ONLY_FOR_SOLE_TRADERS"},
        BadCompany{"personal code check",
                   [](Company& c) {
                     c.legal_form = LegalForm::kSoleTrader;
                     c.fiscal_code = PersonCode();
                     c.fiscal_code[15] = c.fiscal_code[15] == 'A' ? 'B' : 'A';
                   },
                   "fiscal_code", "INVALID_FISCAL_CODE_CHECK"},
        BadCompany{"vat", [](Company& c) { c.vat_number = "12345"; }, "vat_number",
                   "INVALID_VAT_NUMBER"},
        BadCompany{"name", [](Company& c) { c.name.clear(); }, "name", "INVALID_COMPANY_NAME"},
        BadCompany{"name control", [](Company& c) { c.name = "A\x01"; }, "name",
                   "INVALID_COMPANY_NAME"},
        BadCompany{"legal form", [](Company& c) { c.legal_form = LegalForm::kUnspecified; },
                   "legal_form", "LEGAL_FORM_REQUIRED"},
        BadCompany{"ateco missing", [](Company& c) { c.ateco_code.clear(); }, "ateco_code",
                   "ATECO_REQUIRED"},
        BadCompany{"ateco shape", [](Company& c) { c.ateco_code = "62.1"; }, "ateco_code",
                   "MALFORMED_ATECO_CODE"},
        BadCompany{"ateco of the old edition", [](Company& c) { c.ateco_code = "62.01.00"; },
                   "ateco_code", "CODE_NOT_VALID_ON_DATE"},
        BadCompany{"sector", [](Company& c) { c.sector = CompanySector::kUnspecified; }, "sector",
                   "SECTOR_REQUIRED"},
        BadCompany{"public srl", [](Company& c) { c.sector = CompanySector::kPublic; }, "sector",
                   "COMPANY_SECTOR_MISMATCH"},
        BadCompany{"private administration",
                   [](Company& c) { c.legal_form = LegalForm::kPublicAdministration; }, "sector",
                   "COMPANY_SECTOR_MISMATCH"},
        BadCompany{"office municipality",
                   [](Company& c) { c.registered_office.municipality_istat_code = "1272"; },
                   "registered_office.municipality_istat_code", "MALFORMED_MUNICIPALITY_CODE"},
        BadCompany{"unknown municipality",
                   [](Company& c) { c.operating_sites[0].municipality_istat_code = "001999"; },
                   "operating_sites[0].municipality_istat_code", "UNKNOWN_MUNICIPALITY_CODE"},
        BadCompany{"suppressed municipality",
                   [](Company& c) { c.operating_sites[1].municipality_istat_code = "018082"; },
                   "operating_sites[1].municipality_istat_code", "MUNICIPALITY_NOT_IN_FORCE"},
        BadCompany{"office address", [](Company& c) { c.registered_office.address.clear(); },
                   "registered_office.address", "ADDRESS_REQUIRED"},
        BadCompany{"postcode", [](Company& c) { c.operating_sites[0].postcode = "1205"; },
                   "operating_sites[0].postcode", "INVALID_POSTCODE"},
        BadCompany{"pec missing", [](Company& c) { c.pec.clear(); }, "pec", "PEC_REQUIRED"},
        BadCompany{"pec syntax", [](Company& c) { c.pec = "officine@pec"; }, "pec", "INVALID_PEC"},
        BadCompany{"ccnl", [](Company& c) { c.ccnl_code = "0001"; }, "ccnl_code",
                   "MALFORMED_CCNL_CODE"},
        BadCompany{"workforce", [](Company& c) { c.workforce = -1; }, "workforce",
                   "INVALID_WORKFORCE"}),
    [](const ::testing::TestParamInfo<BadCompany>& info) {
      std::string name = info.param.name;
      for (char& ch : name) {
        if (!absl::ascii_isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

TEST(CompanyTest, EveryProblemIsReported) {
  Company c = Valid();
  c.name.clear();
  c.pec = "x";
  c.workforce = -3;
  const std::vector<FieldProblem> problems = CheckCompany(c, kToday);
  ASSERT_EQ(problems.size(), 3u);
  const absl::Status st = ValidateCompany(c, kToday);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::ErrorReason(st), "INVALID_COMPANY_NAME");
  EXPECT_EQ(platform::ErrorMetadata(st)["reasons"],
            "INVALID_COMPANY_NAME,INVALID_PEC,INVALID_WORKFORCE");
  EXPECT_EQ(platform::ErrorFieldViolations(st).size(), 3u);
}

TEST(CompanyFiscalCodeTest, NormalizesAndClassifies) {
  const std::string vat = Vat("0123456789");
  EXPECT_EQ(NormalizeCompanyFiscalCode(" IT " + vat.substr(0, 5) + " " + vat.substr(5)), vat);
  EXPECT_EQ(*ValidateCompanyFiscalCode(vat, "f"), CompanyCodeKind::kNumeric);
  EXPECT_EQ(*ValidateCompanyFiscalCode(PersonCode(), "f"), CompanyCodeKind::kPersonal);
  absl::StatusOr<CompanyCodeKind> bad = ValidateCompanyFiscalCode("ABC", "company");
  EXPECT_THAT(bad, HasReason("INVALID_COMPANY_FISCAL_CODE"));
  ASSERT_EQ(platform::ErrorFieldViolations(bad.status()).size(), 1u);
  EXPECT_EQ(platform::ErrorFieldViolations(bad.status())[0].field, "company");
}

TEST(CompanyPecTest, Syntax) {
  for (const char* ok : {"a@pec.it", "uffici.personale@legalmail.it", "a+b_c%d-e@x-y.z.eu",
                         "ammin@cert.comune.torino.it"}) {
    EXPECT_TRUE(IsValidPec(ok)) << ok;
  }
  for (const char* bad : {"", "@pec.it", "a@", "a@pec", "a@@pec.it", "a b@pec.it", ".a@pec.it",
                          "a.@pec.it", "a..b@pec.it", "a@-pec.it", "a@pec-.it", "a@pec..it",
                          "a@pec.i", "a@pec.1t", "a@pec.it.", "àa@pec.it"}) {
    EXPECT_FALSE(IsValidPec(bad)) << bad;
  }
  EXPECT_TRUE(IsValidPec(std::string(73, 'a') + "@pec.it"));   // 80 characters
  EXPECT_FALSE(IsValidPec(std::string(74, 'a') + "@pec.it"));  // 81
}

TEST(CompanyMunicipalityTest, CurrentMunicipalitiesOnly) {
  EXPECT_FALSE(CheckMunicipality("m", "001272", kToday).has_value());
  // Lirio (PV) was merged on 31 January 2026: valid before, not after.
  EXPECT_FALSE(CheckMunicipality("m", "018082", absl::CivilDay(2026, 1, 31)).has_value());
  EXPECT_EQ(CheckMunicipality("m", "018082", kToday)->reason, "MUNICIPALITY_NOT_IN_FORCE");
}

}  // namespace
}  // namespace sisl::enterprise
