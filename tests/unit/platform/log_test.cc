// Logging: fiscal codes never reach the log, each line is one valid JSON object, and the
// correlation id follows the thread's scopes.

#include "services/platform/log.h"

#include <string>
#include <thread>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace sisl::platform::log {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MaskPersonalDataTest, MasksAFiscalCodeOnItsOwn) {
  EXPECT_EQ(MaskPersonalData("RSSMRA85T10A562S"), "[CF]");
}

TEST(MaskPersonalDataTest, MasksFiscalCodesInsideText) {
  EXPECT_EQ(MaskPersonalData("booking for RSSMRA85T10A562S confirmed"),
            "booking for [CF] confirmed");
  EXPECT_EQ(MaskPersonalData("cf=RSSMRA85T10A562S,other=VRDGPP70A01L219X."),
            "cf=[CF],other=[CF].");
  EXPECT_EQ(MaskPersonalData("\"RSSMRA85T10A562S\""), "\"[CF]\"");
}

TEST(MaskPersonalDataTest, MasksOmocodicVariants) {
  // Digits of the code replaced by the letters L M N P Q R S T U V (omocodia).
  EXPECT_EQ(MaskPersonalData("RSSMRA85T10A56NS"), "[CF]");
  EXPECT_EQ(MaskPersonalData("RSSMRAURTMLARSNS"), "[CF]");  // every digit replaced
  EXPECT_EQ(MaskPersonalData("id RSSMRA85T1LA562S end"), "id [CF] end");
}

TEST(MaskPersonalDataTest, MasksLowerAndMixedCase) {
  EXPECT_EQ(MaskPersonalData("rssmra85t10a562s"), "[CF]");
  EXPECT_EQ(MaskPersonalData("RssMra85t10A562s and rssmra85t10a56ns"), "[CF] and [CF]");
}

TEST(MaskPersonalDataTest, LeavesOtherSixteenCharacterTokensAlone) {
  for (const std::string token :
       {"ABCDEFGHIJKLMNOP", "1234567890123456", "0190f3a2b4c5d6e7", "RSSMRA85T10A562",
        "RSSMRA85T10A5628", "RSSMR185T10A562S", "RSSMRA8ZT10A562S"}) {
    EXPECT_EQ(MaskPersonalData(token), token) << token;
    const std::string text = "token " + token + " here";
    EXPECT_EQ(MaskPersonalData(text), text) << text;
  }
}

TEST(MaskPersonalDataTest, LeavesCodesGluedToOtherWordCharactersAlone) {
  for (const std::string text :
       {"XRSSMRA85T10A562S", "RSSMRA85T10A562SX", "9RSSMRA85T10A562S", "RSSMRA85T10A562S0",
        "ref:ABCRSSMRA85T10A562SDEF"}) {
    EXPECT_EQ(MaskPersonalData(text), text) << text;
  }
}

TEST(MaskPersonalDataTest, LeavesOrdinaryTextUntouched) {
  EXPECT_EQ(MaskPersonalData(""), "");
  EXPECT_EQ(MaskPersonalData("short"), "short");
  const std::string text = "Centro per l'impiego di Torino, via Castelgomberto 75";
  EXPECT_EQ(MaskPersonalData(text), text);
}

TEST(MaskPersonalDataTest, MasksEmailAddresses) {
  EXPECT_EQ(MaskPersonalData("mario.rossi@example.org"), "[EMAIL]");
  EXPECT_EQ(MaskPersonalData("to <Mario.Rossi+cpi@mail.regione.piemonte.it>."), "to <[EMAIL]>.");
  EXPECT_EQ(MaskPersonalData("email=a_b-c%d@x-y.example.com,next"), "email=[EMAIL],next");
}

TEST(MaskPersonalDataTest, LeavesAtSignsThatAreNotAddressesAlone) {
  for (const std::string text : {"user@localhost", "@handle", "a@b", "price @ 3", "x@y.1"}) {
    EXPECT_EQ(MaskPersonalData(text), text) << text;
  }
}

TEST(MaskPersonalDataTest, MasksPhoneNumbers) {
  for (const std::string phone :
       {"+393331234567", "+39 333 123 4567", "+39 333-1234567", "3331234567", "333 1234567",
        "333-123-4567", "333.1234567", "0039 333 1234567", "011 1234567", "0111234567",
        "06 12345678", "011-567.8901", "+44 20 7946 0958", "+1 202 555 0123",
        "+4915112345678", "393331234567"}) {
    EXPECT_EQ(MaskPersonalData(phone), "[PHONE]") << phone;
    EXPECT_EQ(MaskPersonalData("tel: " + phone + ", grazie"), "tel: [PHONE], grazie") << phone;
    EXPECT_EQ(MaskPersonalData("mobile=" + phone), "mobile=[PHONE]") << phone;
  }
}

TEST(MaskPersonalDataTest, MasksElevenDigitTaxIds) {
  EXPECT_EQ(MaskPersonalData("P.IVA 12345678901"), "P.IVA [TAX_ID]");
  EXPECT_EQ(MaskPersonalData("cf=80087670016 (Regione)"), "cf=[TAX_ID] (Regione)");
  EXPECT_EQ(MaskPersonalData("01234567890"), "[TAX_ID]");
  EXPECT_EQ(MaskPersonalData("tel 3331234567 12 volte"), "tel [PHONE] 12 volte");
}

TEST(MaskPersonalDataTest, LeavesTimesIdsAndAmountsAlone) {
  for (const std::string text :
       {"2024-05-01T10:00:00.000000Z", "at 2026-12-06 03:22:19 UTC", "01/12/2024", "01-12-2024",
        "2024.12.01", "0190f3a2-b4c5-7d6e-8f90-123456789012",
        "01934b9e-0c8a-7b41-9d6a-3f5e2a1c0b9d", "01934123-0c8a-7b41-9d6a-3f5e2a1c0b9d",
        "12345678-1234-1234-1234-123456789012", "00000000-0000-0000-0000-000000000000",
        "file 3331234567.log", "v0112345678-rc1",
        "id 0190f3a2b4c5d6e7", "1733456789123456", "1733456789", "took 0.333333333 s",
        "€ 1.234.567,89", "3333333.50 EUR", "30.00", "127.0.0.1:50050", "10.0.0.12",
        "page 3 of 12", "slot 12345", "v1.2.3", "/api/v1/offices/TO-01", "TO-01 300 seats",
        "seq=3", "latency_us=333123", "ATECO 62.01.00", "ISTAT 001272", "CAP 10121",
        "attempt 10 of 10", "sha 3a7bd3e2360a3d29eea436fcfb7e44c735d117c4"}) {
    EXPECT_EQ(MaskPersonalData(text), text) << text;
  }
}

TEST(MaskPersonalDataTest, MasksEverythingInOneLine) {
  EXPECT_EQ(MaskPersonalData("RSSMRA85T10A562S mario@rossi.it +393331234567 12345678901"),
            "[CF] [EMAIL] [PHONE] [TAX_ID]");
}

TEST(FormatLineTest, ProducesOneLineOfValidJson) {
  const std::string line =
      FormatLine("2024-05-01T10:00:00.000000Z", Level::kWarn, "booking", "corr-1",
                 "slot \"A\" taken\nretrying", {{"site", "TO-01"}, {"attempt", "2"}});
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  auto json = nlohmann::json::parse(line, nullptr, false);
  ASSERT_TRUE(json.is_object()) << line;
  EXPECT_EQ(json["time"], "2024-05-01T10:00:00.000000Z");
  EXPECT_EQ(json["level"], "warn");
  EXPECT_EQ(json["service"], "booking");
  EXPECT_EQ(json["correlation_id"], "corr-1");
  EXPECT_EQ(json["message"], "slot \"A\" taken\nretrying");
  EXPECT_EQ(json["site"], "TO-01");
  EXPECT_EQ(json["attempt"], "2");
}

TEST(FormatLineTest, NamesEveryLevel) {
  const std::pair<Level, const char*> cases[] = {
      {Level::kDebug, "debug"}, {Level::kInfo, "info"}, {Level::kWarn, "warn"},
      {Level::kError, "error"}};
  for (const auto& [level, name] : cases) {
    auto json = nlohmann::json::parse(FormatLine("t", level, "s", "", "m", {}));
    EXPECT_EQ(json["level"], name);
  }
}

TEST(FormatLineTest, MasksTheCorrelationId) {
  // The correlation id comes from clients (x-correlation-id): it is masked like any field.
  const std::string line =
      FormatLine("t", Level::kInfo, "svc", "RSSMRA85T10A562S", "hello", {});
  EXPECT_THAT(line, Not(HasSubstr("RSSMRA85T10A562S")));
  auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["correlation_id"], "[CF]");
  json = nlohmann::json::parse(FormatLine("t", Level::kInfo, "svc", "mario.rossi@example.org",
                                          "hello", {}));
  EXPECT_EQ(json["correlation_id"], "[EMAIL]");
  json = nlohmann::json::parse(FormatLine("t", Level::kInfo, "svc", "+39 333 1234567", "m", {}));
  EXPECT_EQ(json["correlation_id"], "[PHONE]");
}

TEST(FormatLineTest, OmitsCorrelationIdWhenEmpty) {
  auto json = nlohmann::json::parse(FormatLine("t", Level::kInfo, "svc", "", "hello", {}));
  EXPECT_FALSE(json.contains("correlation_id"));
  EXPECT_EQ(json["message"], "hello");
}

TEST(FormatLineTest, MasksMessageAndFieldValues) {
  const std::string line =
      FormatLine("t", Level::kInfo, "svc", "c", "login of RSSMRA85T10A562S",
                 {{"citizen", "rssmra85t10a56ns"}, {"note", "cf RSSMRA85T10A562S twice"}});
  EXPECT_THAT(line, Not(HasSubstr("RSSMRA85T10A562S")));
  EXPECT_THAT(line, Not(HasSubstr("rssmra85t10a56ns")));
  auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["message"], "login of [CF]");
  EXPECT_EQ(json["citizen"], "[CF]");
  EXPECT_EQ(json["note"], "cf [CF] twice");
}

TEST(FormatLineTest, InvalidUtf8StillYieldsValidJson) {
  const std::string line =
      FormatLine("t", Level::kInfo, "svc", "", std::string("bad \xff\xfe bytes"), {{"k", "\xc3"}});
  auto json = nlohmann::json::parse(line, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << line;
  EXPECT_THAT(json["message"].get<std::string>(), HasSubstr("bad"));
}

TEST(ParseLevelTest, AcceptsKnownNamesOnly) {
  Level level = Level::kInfo;
  ASSERT_TRUE(ParseLevel("debug", &level));
  EXPECT_EQ(level, Level::kDebug);
  ASSERT_TRUE(ParseLevel("error", &level));
  EXPECT_EQ(level, Level::kError);
  ASSERT_TRUE(ParseLevel("warn", &level));
  EXPECT_EQ(level, Level::kWarn);
  ASSERT_TRUE(ParseLevel("info", &level));
  EXPECT_EQ(level, Level::kInfo);
  EXPECT_FALSE(ParseLevel("verbose", &level));
  EXPECT_FALSE(ParseLevel("INFO", &level));
  EXPECT_EQ(level, Level::kInfo);  // unchanged on failure
}

TEST(ScopedCorrelationIdTest, NestsAndRestores) {
  EXPECT_EQ(CurrentCorrelationId(), "");
  {
    ScopedCorrelationId outer("outer");
    EXPECT_EQ(CurrentCorrelationId(), "outer");
    {
      ScopedCorrelationId inner("inner");
      EXPECT_EQ(CurrentCorrelationId(), "inner");
    }
    EXPECT_EQ(CurrentCorrelationId(), "outer");
  }
  EXPECT_EQ(CurrentCorrelationId(), "");
}

TEST(ScopedCorrelationIdTest, IsPerThread) {
  ScopedCorrelationId scope("main-thread");
  std::string seen = "unset";
  std::thread other([&seen] { seen = CurrentCorrelationId(); });
  other.join();
  EXPECT_EQ(seen, "");
  EXPECT_EQ(CurrentCorrelationId(), "main-thread");
}

}  // namespace
}  // namespace sisl::platform::log
