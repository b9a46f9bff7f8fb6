// Schema rejections (with the line named), records the XSD accepts but the domain cannot take,
// text the writer refuses, and hostile documents (DOCTYPE, entities).

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "services/communications/xml/co_xml.h"
#include "services/platform/errors.h"
#include "tests/unit/communications/xml_test_samples.h"

namespace sisl::communications::xml {
namespace {

// The 1-based line of the first occurrence of `needle`.
int LineOf(const std::string& text, absl::string_view needle) {
  const size_t at = text.find(std::string(needle));
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

// The single record's result of `text`.
absl::StatusOr<Communication> ReadOne(const std::string& text) {
  auto reader = CommunicationXmlReader::FromMemory(text);
  if (!reader.ok()) return reader.status();
  auto record = (*reader)->Next();
  if (!record.ok()) return record.status();
  if (!record->has_value()) return absl::NotFoundError("no record");
  return (*record)->communication;
}

std::string Hire() {
  absl::StatusOr<std::string> xml = WriteCommunicationXml(xml_test::UnilavHire());
  EXPECT_TRUE(xml.ok()) << xml.status();
  return xml.value_or("");
}

bool HasViolation(const absl::Status& st, absl::string_view prefix, absl::string_view part) {
  for (const platform::FieldViolation& v : platform::ErrorFieldViolations(st)) {
    if (absl::StartsWith(v.description, prefix) && absl::StrContains(v.description, part)) {
      return true;
    }
  }
  return false;
}

TEST(CommunicationXmlSchemaTest, BadFiscalCodePatternIsRefusedWithItsLine) {
  std::string xml = Hire();
  const int line = LineOf(xml, "<Lavoratore codiceFiscale=");
  absl::StrReplaceAll({{"codiceFiscale=\"RSSMRA85T10L219G\"", "codiceFiscale=\"RSSMRA85T10L21\""}},
                      &xml);
  absl::StatusOr<Communication> c = ReadOne(xml);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::ErrorReason(c.status()), "XML_SCHEMA_VIOLATION");
  EXPECT_EQ(platform::ErrorMetadata(c.status())["line"], absl::StrCat(line));
  EXPECT_EQ(platform::ErrorMetadata(c.status())["record"], "1");
  EXPECT_TRUE(HasViolation(c.status(), absl::StrCat("line ", line, ","), "codiceFiscale"))
      << c.status();
  EXPECT_TRUE(absl::StrContains(c.status().message(), "Lavoratore")) << c.status();
}

TEST(CommunicationXmlSchemaTest, MissingElementIsRefusedWithItsLine) {
  std::string xml = Hire();
  const std::string element = "<qualificaProfessionale>7.2.1.1.0.2</qualificaProfessionale>";
  ASSERT_TRUE(absl::StrContains(xml, element));
  absl::StrReplaceAll({{element, ""}}, &xml);
  absl::StatusOr<Communication> c = ReadOne(xml);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(platform::ErrorReason(c.status()), "XML_SCHEMA_VIOLATION");
  EXPECT_TRUE(absl::StrContains(c.status().message(), "qualificaProfessionale")) << c.status();
  // libxml2 names the element where the missing one was expected (the retribuzioneAnnua).
  const int line = LineOf(xml, "<retribuzioneAnnua>");
  EXPECT_TRUE(HasViolation(c.status(), absl::StrCat("line ", line, ","), "")) << c.status();
}

TEST(CommunicationXmlSchemaTest, WrongVersionAndMunicipalityAreRefused) {
  std::string xml = Hire();
  absl::StrReplaceAll({{"versione=\"CO190701R1\"", "versione=\"CO130131\""},
                       {"<Comune>G674</Comune>", "<Comune>Pinerolo</Comune>"}},
                      &xml);
  absl::StatusOr<Communication> c = ReadOne(xml);
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(HasViolation(c.status(), "line ", "versione")) << c.status();
  EXPECT_TRUE(
      HasViolation(c.status(), absl::StrCat("line ", LineOf(xml, "Pinerolo"), ","), "Comune"))
      << c.status();
}

TEST(CommunicationXmlSchemaTest, WriterRefusesDataTheSchemaRefuses) {
  Communication c = xml_test::UnilavHire();
  c.employer.ateco = "2841";
  absl::StatusOr<std::string> xml = WriteCommunicationXml(c);
  ASSERT_FALSE(xml.ok());
  EXPECT_EQ(platform::ErrorReason(xml.status()), "XML_SCHEMA_VIOLATION");
  EXPECT_TRUE(absl::StrContains(xml.status().message(), "Settore")) << xml.status();

  c = xml_test::UnilavHire();
  c.employer.pec = std::string(75, 'a') + "@pec.it";  // 82 characters
  EXPECT_EQ(platform::ErrorReason(WriteCommunicationXml(c).status()), "XML_SCHEMA_VIOLATION");

  c = xml_test::UnilavEvent(EventKind::kTermination);
  c.extension = Extension{absl::CivilDay(2027, 1, 1)};  // two event parts
  EXPECT_EQ(platform::ErrorReason(WriteCommunicationXml(c).status()), "XML_SCHEMA_VIOLATION");
}

TEST(CommunicationXmlSchemaTest, WriterRefusesControlCharactersAndBadUtf8) {
  Communication c = xml_test::UnilavHire();
  c.worker.surname = "Rossi\nBianchi";
  absl::Status st = WriteCommunicationXml(c).status();
  EXPECT_EQ(platform::ErrorReason(st), "XML_INVALID_TEXT") << st;
  EXPECT_EQ(platform::ErrorMetadata(st)["element"], "cognome");
  c.worker.surname = "Rossi\xC3";
  EXPECT_EQ(platform::ErrorReason(WriteCommunicationXml(c).status()), "XML_INVALID_TEXT");
  c.worker.surname = std::string("Ro\0ssi", 6);
  EXPECT_EQ(platform::ErrorReason(WriteCommunicationXml(c).status()), "XML_INVALID_TEXT");
}

TEST(CommunicationXmlSchemaTest, CodesTheDomainDoesNotHandleAreRecordErrors) {
  std::string xml = Hire();
  absl::StrReplaceAll({{"tipoComunicazione=\"01\"", "tipoComunicazione=\"07\""}}, &xml);
  absl::StatusOr<Communication> c = ReadOne(xml);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(platform::ErrorReason(c.status()), "XML_RECORD_INVALID");
  EXPECT_TRUE(absl::StrContains(c.status().message(), "tipoComunicazione 07")) << c.status();
}

TEST(CommunicationXmlSchemaTest, EventAndPartMustAgree) {
  // An extension without its Proroga.
  std::string xml = Hire();
  absl::StrReplaceAll({{"tipoEvento=\"AVV\"", "tipoEvento=\"PRO\""}}, &xml);
  absl::StatusOr<Communication> c = ReadOne(xml);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(platform::ErrorReason(c.status()), "XML_RECORD_INVALID");
  EXPECT_TRUE(HasViolation(c.status(), absl::StrCat("line ", LineOf(xml, "<DatiInvio"), ","),
                           "needs Proroga"))
      << c.status();

  // A secondment's part under a transfer event.
  absl::StatusOr<std::string> secondment =
      WriteCommunicationXml(xml_test::UnilavEvent(EventKind::kSecondment));
  ASSERT_TRUE(secondment.ok());
  std::string text = *secondment;
  absl::StrReplaceAll({{"tipoEvento=\"DIS\"", "tipoEvento=\"TRS\""}}, &text);
  EXPECT_EQ(platform::ErrorReason(ReadOne(text).status()), "XML_RECORD_INVALID");
}

TEST(CommunicationXmlSchemaTest, EventNotOfTheFormIsRefused) {
  std::string xml = Hire();
  absl::StrReplaceAll({{"tipoEvento=\"AVV\"", "tipoEvento=\"MIN\""}}, &xml);
  EXPECT_EQ(platform::ErrorReason(ReadOne(xml).status()), "XML_SCHEMA_VIOLATION");
}

TEST(CommunicationXmlSchemaTest, DoctypeWithExternalEntityIsRefused) {
  std::string xml = Hire();
  absl::StrReplaceAll({{"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<!DOCTYPE UNILAV [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"},
                       {"<cognome>Rossi</cognome>", "<cognome>&xxe;</cognome>"}},
                      &xml);
  auto reader = CommunicationXmlReader::FromMemory(xml);
  ASSERT_TRUE(reader.ok());
  auto record = (*reader)->Next();
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(platform::ErrorReason(record.status()), "XML_FORBIDDEN") << record.status();
  // The failure sticks.
  EXPECT_EQ(platform::ErrorReason((*reader)->Next().status()), "XML_FORBIDDEN");
}

TEST(CommunicationXmlSchemaTest, BillionLaughsIsRefused) {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
      "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
      "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
      "]>\n<Comunicazioni xmlns=\"urn:sisl:communications:batch:1\" versione=\"&lol5;\"/>\n";
  absl::Status st = ValidateCommunicationXml(xml);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(platform::ErrorReason(st) == "XML_FORBIDDEN" ||
              platform::ErrorReason(st) == "XML_NOT_WELL_FORMED")
      << st;
}

TEST(CommunicationXmlSchemaTest, UndeclaredEntityIsNotWellFormed) {
  std::string xml = Hire();
  absl::StrReplaceAll({{"<cognome>Rossi</cognome>", "<cognome>&rossi;</cognome>"}}, &xml);
  absl::Status st = ValidateCommunicationXml(xml);
  EXPECT_EQ(platform::ErrorReason(st), "XML_NOT_WELL_FORMED") << st;
}

TEST(CommunicationXmlSchemaTest, ValidateCommunicationXmlAcceptsTheWritersOutput) {
  for (const Communication& c : xml_test::AllSamples()) {
    absl::StatusOr<std::string> xml = WriteCommunicationXml(c);
    ASSERT_TRUE(xml.ok()) << xml.status();
    EXPECT_TRUE(ValidateCommunicationXml(*xml).ok());
  }
  EXPECT_EQ(platform::ErrorReason(ValidateCommunicationXml("<x/>")), "XML_UNEXPECTED_ROOT");
  EXPECT_EQ(platform::ErrorReason(ValidateCommunicationXml(
                "<Comunicazioni xmlns=\"urn:sisl:communications:batch:1\"/>")),
            "XML_SCHEMA_VIOLATION");  // versione missing
}

}  // namespace
}  // namespace sisl::communications::xml
