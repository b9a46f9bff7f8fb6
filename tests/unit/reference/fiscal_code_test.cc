// Personal fiscal codes: the behaviour booking and the gateway rely on (normalisation, shape,
// omocodia, check character, birth date, age), decoding, omocodia variants, the surname and name
// letters, encoding and coherence with declared data. Every code is made up.

#include "services/reference/fiscal_code.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::reference {
namespace {

using ::testing::ElementsAre;
using ::testing::Optional;

const absl::CivilDay kToday(2026, 3, 15);

// A complete code from its first 15 characters.
std::string WithCheck(const std::string& first15) {
  const std::optional<char> check = FiscalCodeCheckCharacter(first15);
  EXPECT_TRUE(check.has_value()) << first15;
  return first15 + check.value_or('?');
}

void ExpectReason(const absl::Status& st, const std::string& reason, const std::string& code,
                  const std::string& field = "fiscal_code") {
  ASSERT_FALSE(st.ok()) << "'" << code << "' accepted";
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << code;
  EXPECT_EQ(platform::ErrorReason(st), reason) << code << ": " << st;
  auto violations = platform::ErrorFieldViolations(st);
  ASSERT_EQ(violations.size(), 1u) << code;
  EXPECT_EQ(violations[0].field, field);
}

TEST(FiscalCodeTest, CheckCharacterMatchesHandComputedValues) {
  EXPECT_THAT(FiscalCodeCheckCharacter("RSSMRA85T10A562"), Optional('S'));
  EXPECT_THAT(FiscalCodeCheckCharacter("VRDLCU90A41L219"), Optional('E'));
  EXPECT_THAT(FiscalCodeCheckCharacter("BNCGNN05P15L219"), Optional('O'));
  EXPECT_THAT(FiscalCodeCheckCharacter("RSSMRA85T10A56N"), Optional('H'));
  EXPECT_THAT(FiscalCodeCheckCharacter("RSSMRAURTMLARSN"), Optional('L'));
  EXPECT_EQ(FiscalCodeCheckCharacter("RSSMRA85T10A56"), std::nullopt);
  EXPECT_EQ(FiscalCodeCheckCharacter("rssmra85t10a562"), std::nullopt);
  EXPECT_EQ(FiscalCodeCheckCharacter("RSSMRA85T10A56-"), std::nullopt);
}

TEST(FiscalCodeTest, NormalizeTrimsAndUpperCases) {
  EXPECT_EQ(NormalizeFiscalCode("  vrdlcu90a41l219e\t\n"), "VRDLCU90A41L219E");
  EXPECT_EQ(NormalizeFiscalCode("RSSMRA85T10A562S"), "RSSMRA85T10A562S");
  EXPECT_EQ(NormalizeFiscalCode(""), "");
}

TEST(FiscalCodeTest, AcceptsValidCodes) {
  for (const char* code : {"RSSMRA85T10A562S", "BNCGVN80A41L219F", "VRDLGU70M01H501F",
                           "RSSMRA85T10A56NH"}) {  // the gateway's staff directory cases
    EXPECT_TRUE(ValidateFiscalCode(code).ok()) << code;
  }
  for (const char* first15 : {"RSSMRA85T10A562", "VRDLCU90A41L219", "BNCGNN05P15L219",
                              "FRRNNA00B69L219", "XXXYYY99T31Z404"}) {
    const std::string code = WithCheck(first15);
    EXPECT_TRUE(ValidateFiscalCode(code).ok()) << code << ": " << ValidateFiscalCode(code);
  }
}

TEST(FiscalCodeTest, RejectsBadShapes) {
  const std::string good = WithCheck("VRDLCU90A41L219");
  for (const std::string& code :
       std::vector<std::string>{"", good.substr(0, 15), good + "X", "vrdlcu90a41l219e",
                                "VRDLC090A41L219E",   // digit among the surname letters
                                "VRDLCUA0A41L219E",   // A is not an omocode letter
                                "VRDLCU90F41L219E",   // F is not a month letter
                                "VRDLCU90A41L2X9E",   // X in the Belfiore digits
                                "VRDLCU90A41121 9E",  // wrong length and a space
                                "VRDLCU90A41L2195",   // digit as check character
                                "VRDLCU90A00L219E",   // day 00
                                "VRDLCU90A32L219E",   // day 32
                                "VRDLCU90A72L219E",   // day 72 (32 for a woman)
                                "VRDLCU90B30L219E",   // 30 February
                                "VRDLCU90D31L219E",   // 31 April
                                "RSSMRA85T99A562S", "RSSMRA85T10A5A2S", "1SSMRA85T10A562S"}) {
    ExpectReason(ValidateFiscalCode(code), "INVALID_FISCAL_CODE_FORMAT", code);
  }
}

TEST(FiscalCodeTest, RejectsAWrongCheckCharacter) {
  const std::string good = WithCheck("VRDLCU90A41L219");
  ASSERT_TRUE(ValidateFiscalCode(good).ok());
  for (char c = 'A'; c <= 'Z'; ++c) {
    if (c == good.back()) continue;
    std::string bad = good;
    bad.back() = c;
    ExpectReason(ValidateFiscalCode(bad), "INVALID_FISCAL_CODE_CHECK", bad);
  }
  std::string swapped = good;  // a typo elsewhere is caught by the check character
  std::swap(swapped[0], swapped[1]);
  ExpectReason(ValidateFiscalCode(swapped), "INVALID_FISCAL_CODE_CHECK", swapped);
}

TEST(FiscalCodeTest, ErrorsNameTheCallersField) {
  ExpectReason(ValidateFiscalCode("X", "worker.fiscal_code"), "INVALID_FISCAL_CODE_FORMAT", "X",
               "worker.fiscal_code");
  ExpectReason(ValidateFiscalCode("RSSMRA85T10A562T", "staff.fiscal_code"),
               "INVALID_FISCAL_CODE_CHECK", "RSSMRA85T10A562T", "staff.fiscal_code");
}

TEST(FiscalCodeTest, BirthDateMenWomenAndCentury) {
  EXPECT_EQ(*BirthDateFromFiscalCode(WithCheck("RSSMRA85T10A562"), kToday),
            absl::CivilDay(1985, 12, 10));
  EXPECT_EQ(*BirthDateFromFiscalCode(WithCheck("VRDLCU90A41L219"), kToday),
            absl::CivilDay(1990, 1, 1));
  EXPECT_EQ(*BirthDateFromFiscalCode(WithCheck("BNCGNN05P15L219"), kToday),
            absl::CivilDay(2005, 9, 15));
  const std::string code = WithCheck("BNCGNN26C20L219");  // 20 March, year 26
  EXPECT_EQ(*BirthDateFromFiscalCode(code, absl::CivilDay(2026, 3, 20)),
            absl::CivilDay(2026, 3, 20));
  EXPECT_EQ(*BirthDateFromFiscalCode(code, absl::CivilDay(2026, 3, 19)),
            absl::CivilDay(1926, 3, 20));
}

TEST(FiscalCodeTest, BirthDateOn29FebruaryAndInvalidCodes) {
  EXPECT_EQ(*BirthDateFromFiscalCode(WithCheck("FRRNNA00B69L219"), kToday),
            absl::CivilDay(2000, 2, 29));
  const std::string common = WithCheck("FRRNNA01B69L219");  // 29 February 2001 does not exist
  ASSERT_TRUE(ValidateFiscalCode(common).ok());
  ExpectReason(BirthDateFromFiscalCode(common, kToday).status(), "INVALID_FISCAL_CODE_FORMAT",
               common);
  ExpectReason(BirthDateFromFiscalCode("NOTACODE", kToday).status(), "INVALID_FISCAL_CODE_FORMAT",
               "NOTACODE");
  ExpectReason(BirthDateFromFiscalCode("RSSMRA85T10A562T", kToday).status(),
               "INVALID_FISCAL_CODE_CHECK", "RSSMRA85T10A562T");
}

TEST(AgeOnTest, CountsWholeYears) {
  const absl::CivilDay birth(2011, 6, 15);
  EXPECT_EQ(AgeOn(birth, absl::CivilDay(2026, 6, 14)), 14);
  EXPECT_EQ(AgeOn(birth, absl::CivilDay(2026, 6, 15)), 15);
  EXPECT_EQ(AgeOn(birth, birth), 0);
  EXPECT_EQ(AgeOn(birth, absl::CivilDay(2011, 6, 14)), -1);
  const absl::CivilDay leap(2008, 2, 29);
  EXPECT_EQ(AgeOn(leap, absl::CivilDay(2026, 2, 28)), 17);
  EXPECT_EQ(AgeOn(leap, absl::CivilDay(2026, 3, 1)), 18);
  EXPECT_EQ(AgeOn(leap, absl::CivilDay(2028, 2, 29)), 20);
}

TEST(DecodeFiscalCodeTest, DecodesEveryPart) {
  auto d = DecodeFiscalCode("VRDLCU90A41L219E", kToday);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->code, "VRDLCU90A41L219E");
  EXPECT_EQ(d->base_code, "VRDLCU90A41L219E");
  EXPECT_FALSE(d->omocode);
  EXPECT_EQ(d->surname_letters, "VRD");
  EXPECT_EQ(d->name_letters, "LCU");
  EXPECT_EQ(d->sex, Sex::kFemale);
  EXPECT_EQ(d->birth_date, absl::CivilDay(1990, 1, 1));
  EXPECT_EQ(d->birth_place_code, "L219");
}

TEST(DecodeFiscalCodeTest, UndoesOmocodia) {
  auto d = DecodeFiscalCode("RSSMRA85T10A56NH", kToday);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_TRUE(d->omocode);
  EXPECT_EQ(d->base_code, "RSSMRA85T10A562S");
  EXPECT_EQ(d->birth_place_code, "A562");
  EXPECT_EQ(d->sex, Sex::kMale);
  EXPECT_EQ(d->birth_date, absl::CivilDay(1985, 12, 10));
  auto all = DecodeFiscalCode(WithCheck("RSSMRAURTMLARSN"), kToday);  // every digit substituted
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->base_code, "RSSMRA85T10A562S");
  ExpectReason(DecodeFiscalCode("RSSMRA85T10A56NX", kToday).status(), "INVALID_FISCAL_CODE_CHECK",
               "RSSMRA85T10A56NX");
}

TEST(OmocodiaVariantsTest, All128AreDistinctValidAndDecodeToTheSamePerson) {
  auto variants = OmocodiaVariants("RSSMRA85T10A562S");
  ASSERT_TRUE(variants.ok()) << variants.status();
  ASSERT_EQ(variants->size(), 128u);
  EXPECT_EQ((*variants)[0], "RSSMRA85T10A562S");
  EXPECT_EQ((*variants)[1], "RSSMRA85T10A56NH");  // the first omocode: the rightmost digit
  EXPECT_EQ((*variants)[127], WithCheck("RSSMRAURTMLARSN"));
  EXPECT_EQ(std::set<std::string>(variants->begin(), variants->end()).size(), 128u);
  for (const std::string& v : *variants) {
    EXPECT_TRUE(ValidateFiscalCode(v).ok()) << v;
    auto d = DecodeFiscalCode(v, kToday);
    ASSERT_TRUE(d.ok()) << v;
    EXPECT_EQ(d->base_code, "RSSMRA85T10A562S");
    EXPECT_EQ(d->omocode, v != "RSSMRA85T10A562S");
  }
  EXPECT_EQ(*OmocodiaVariants((*variants)[77]), *variants);  // any variant gives the same list
  EXPECT_FALSE(OmocodiaVariants("RSSMRA85T10A562T").ok());
}

TEST(LettersTest, SurnameRules) {
  EXPECT_EQ(SurnameLetters("Rossi"), "RSS");
  EXPECT_EQ(SurnameLetters("Bianchi"), "BNC");
  EXPECT_EQ(SurnameLetters("Fo"), "FOX");  // consonant, vowel, X
  EXPECT_EQ(SurnameLetters("Ai"), "AIX");  // vowels only
  EXPECT_EQ(SurnameLetters("Re"), "REX");
  EXPECT_EQ(SurnameLetters("Oca"), "COA");       // consonants first
  EXPECT_EQ(SurnameLetters("De Rossi"), "DRS");  // parts joined
  EXPECT_EQ(SurnameLetters("D'Amico"), "DMC");
  EXPECT_EQ(SurnameLetters("D\xE2\x80\x99"
                           "Amico"),
            "DMC");  // typographic apostrophe
  EXPECT_EQ(SurnameLetters("Dell'Acqua"), "DLL");
  EXPECT_EQ(SurnameLetters("  rossi  "), "RSS");
  EXPECT_EQ(SurnameLetters("Yu"), "YUX");  // Y is a consonant
  EXPECT_EQ(SurnameLetters(""), "");
  EXPECT_EQ(SurnameLetters("' -"), "");
}

TEST(LettersTest, NameRulesTakeFirstThirdAndFourthOfFourConsonants) {
  EXPECT_EQ(NameLetters("Mario"), "MRA");
  EXPECT_EQ(NameLetters("Luca"), "LCU");
  EXPECT_EQ(NameLetters("Giovanni"), "GNN");    // G V N N -> G N N
  EXPECT_EQ(NameLetters("Gianfranco"), "GFR");  // G N F R N C -> G F R
  EXPECT_EQ(NameLetters("Niccolò"), "NCL");     // N C C L -> N C L
  EXPECT_EQ(NameLetters("Francesca"), "FNC");   // F R N C S C -> F N C
  EXPECT_EQ(NameLetters("Marco"), "MRC");       // exactly three consonants
  EXPECT_EQ(NameLetters("Ugo"), "GUO");
  EXPECT_EQ(NameLetters("Eva"), "VEA");
  EXPECT_EQ(NameLetters("Al"), "LAX");
  EXPECT_EQ(NameLetters("Ia"), "IAX");
  EXPECT_EQ(NameLetters("Maria Luisa"), "MLS");  // M R L S -> M L S
  EXPECT_EQ(NameLetters(""), "");
}

TEST(LettersTest, AccentsAndForeignLettersCountAsTheirBaseLetter) {
  EXPECT_EQ(SurnameLetters("Müller"), "MLL");
  EXPECT_EQ(SurnameLetters("MÜLLER"), "MLL");
  EXPECT_EQ(SurnameLetters("Öztürk"), "ZTR");
  EXPECT_EQ(SurnameLetters("Śliwińska"), "SLW");
  EXPECT_EQ(SurnameLetters("D'Alò"), "DLA");
  EXPECT_EQ(SurnameLetters("Çelik"), "CLK");
  EXPECT_EQ(NameLetters("Zoë"), "ZOE");
  EXPECT_EQ(NameLetters("José"), "JSO");
  EXPECT_EQ(NameLetters("Ñandú"), "NND");
  EXPECT_EQ(SurnameLetters("Stra\xDF"
                           "er"),
            "STR");  // Latin-1 byte for ß: S T R S S R
  EXPECT_EQ(NameLetters("Þór"), "THR");
}

FiscalCodePerson Rossi() {
  return {.surname = "Rossi",
          .name = "Mario",
          .sex = Sex::kMale,
          .birth_date = absl::CivilDay(1985, 12, 10),
          .birth_place_code = "A562"};
}

TEST(EncodeFiscalCodeTest, EncodesKnownPeople) {
  EXPECT_EQ(*EncodeFiscalCode(Rossi()), "RSSMRA85T10A562S");
  EXPECT_EQ(*EncodeFiscalCode({"Verdi", "Luigi", Sex::kMale, absl::CivilDay(1970, 8, 1), "H501"}),
            "VRDLGU70M01H501F");
  // A woman: day + 40; born abroad: the country's Z code; year 2000 gives "00".
  const auto woman =
      EncodeFiscalCode({"Ferrari", "Anna", Sex::kFemale, absl::CivilDay(2000, 2, 29), " l219 "});
  EXPECT_EQ(*woman, WithCheck("FRRNNA00B69L219"));
  const auto abroad =
      EncodeFiscalCode({"O'Brien", "Seán", Sex::kMale, absl::CivilDay(1999, 12, 31), "Z116"});
  EXPECT_EQ(*abroad, WithCheck("BRNSNE99T31Z116"));
}

TEST(EncodeFiscalCodeTest, RejectsUnusableData) {
  FiscalCodePerson p = Rossi();
  p.surname = "'";
  EXPECT_EQ(platform::ErrorReason(EncodeFiscalCode(p).status()), "INVALID_SURNAME");
  p = Rossi();
  p.name = "";
  EXPECT_EQ(platform::ErrorReason(EncodeFiscalCode(p).status()), "INVALID_NAME");
  for (const char* place : {"", "L21", "L2199", "1219", "LA19"}) {
    p = Rossi();
    p.birth_place_code = place;
    EXPECT_EQ(platform::ErrorReason(EncodeFiscalCode(p).status()), "INVALID_BIRTH_PLACE_CODE")
        << place;
  }
  p = Rossi();
  p.birth_date = absl::CivilDay(1799, 12, 31);
  EXPECT_EQ(platform::ErrorReason(EncodeFiscalCode(p).status()), "INVALID_BIRTH_DATE");
}

TEST(CoherenceTest, MatchingDataIsCoherentEvenForOmocodesAndCenturies) {
  for (const char* code : {"RSSMRA85T10A562S", "RSSMRA85T10A56NH"}) {
    auto c = CheckFiscalCodeCoherence(code, Rossi(), kToday);
    ASSERT_TRUE(c.ok()) << c.status();
    EXPECT_TRUE(c->coherent()) << code;
    EXPECT_TRUE(FiscalCodeMismatchStatus(c->mismatches).ok());
  }
  // Born in 1915: the code decodes to 2015, yet the declared date is coherent.
  FiscalCodePerson old = Rossi();
  old.birth_date = absl::CivilDay(1915, 5, 3);
  auto c = CheckFiscalCodeCoherence(*EncodeFiscalCode(old), old, kToday);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->decoded.birth_date, absl::CivilDay(2015, 5, 3));
  EXPECT_TRUE(c->coherent());
}

TEST(CoherenceTest, ReportsEveryMismatchWithItsReason) {
  FiscalCodePerson declared{.surname = "Bianchi",
                            .name = "Maria",
                            .sex = Sex::kFemale,
                            .birth_date = absl::CivilDay(1985, 12, 11),
                            .birth_place_code = "L219"};
  auto c = CheckFiscalCodeCoherence("RSSMRA85T10A562S", declared, kToday);
  ASSERT_TRUE(c.ok()) << c.status();
  std::vector<std::pair<std::string, std::string>> got;
  for (const FiscalCodeMismatch& m : c->mismatches) {
    got.emplace_back(m.field, m.reason);
    EXPECT_EQ(m.description.find("BNC"), std::string::npos) << "no code values in messages";
    EXPECT_EQ(m.description.find("RSS"), std::string::npos) << "no code values in messages";
  }
  // Maria gives MRA like Mario: the name letters agree although the names differ.
  EXPECT_THAT(
      got, ElementsAre(
               std::pair<std::string, std::string>("surname", "FISCAL_CODE_SURNAME_MISMATCH"),
               std::pair<std::string, std::string>("sex", "FISCAL_CODE_SEX_MISMATCH"),
               std::pair<std::string, std::string>("birth_date", "FISCAL_CODE_BIRTH_DATE_MISMATCH"),
               std::pair<std::string, std::string>("birth_place_code",
                                                   "FISCAL_CODE_BIRTH_PLACE_MISMATCH")));
  declared.name = "Luigi";
  EXPECT_EQ(CheckFiscalCodeCoherence("RSSMRA85T10A562S", declared, kToday)->mismatches[1].reason,
            "FISCAL_CODE_NAME_MISMATCH");
  const absl::Status st = FiscalCodeMismatchStatus(c->mismatches);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::ErrorReason(st), "FISCAL_CODE_SURNAME_MISMATCH");
  EXPECT_EQ(platform::ErrorFieldViolations(st).size(), 4u);
}

TEST(CoherenceTest, BirthYearDigitsAndPlaceOfOmocodeAreCompared) {
  FiscalCodePerson declared = Rossi();
  declared.birth_date = absl::CivilDay(1885, 12, 10);  // same two digits, other century: coherent
  EXPECT_TRUE(CheckFiscalCodeCoherence("RSSMRA85T10A56NH", declared, kToday)->coherent());
  declared.birth_date = absl::CivilDay(1986, 12, 10);
  EXPECT_EQ(CheckFiscalCodeCoherence("RSSMRA85T10A56NH", declared, kToday)->mismatches.size(), 1u);
  declared = Rossi();
  declared.birth_place_code = "a562";  // compared upper-cased
  EXPECT_TRUE(CheckFiscalCodeCoherence("RSSMRA85T10A56NH", declared, kToday)->coherent());
}

TEST(CoherenceTest, AnInvalidCodeIsAnError) {
  ExpectReason(CheckFiscalCodeCoherence("RSSMRA85T10A562T", Rossi(), kToday).status(),
               "INVALID_FISCAL_CODE_CHECK", "RSSMRA85T10A562T");
}

}  // namespace
}  // namespace sisl::reference
