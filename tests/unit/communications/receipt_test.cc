// The receipt of an accepted communication: the PDF (cairo) in both languages and the XML
// receipt (well-formed, valid against xml/schemas/receipt.xsd, names escaped).
#include "services/communications/receipt/receipt.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/testing/source_dir.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/unit/communications/xml_test_samples.h"

namespace sisl::communications {
namespace {

using platform::testing::HasReason;
using platform::testing::SourceDir;

constexpr char kCode[] = "0126UL00000A7K3Q";

ReceiptData Receipt() {
  ReceiptData d;
  d.communication = xml_test::UnilavHire();
  d.communication.code = kCode;
  d.code = kCode;
  d.protocol_at = absl::FromCivil(absl::CivilSecond(2026, 3, 4, 8, 15, 0), absl::UTCTimeZone());
  d.due = absl::CivilDay(2026, 3, 1);
  d.days_late = 2;
  d.warnings = {{"DLN-001", Severity::kWarning, "contract.start",
                 "Assunzione comunicata oltre il giorno precedente l'inizio del rapporto.",
                 "Hire filed after the day before the relationship starts."}};
  d.filed_for = d.communication.employer.fiscal_code;
  return d;
}

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The PDF's text as poppler extracts it, or nullopt when pdftotext is not installed.
std::optional<std::string> PdfText(const std::string& pdf) {
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) return std::nullopt;
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     absl::StrCat("sisl-receipt-", platform::NewUuidV7(), ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  std::string text;
  if (FILE* p = popen(absl::StrCat("pdftotext -enc UTF-8 '", file.string(), "' -").c_str(), "r")) {
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
    pclose(p);
  }
  std::filesystem::remove(file);
  return text;
}

TEST(ReceiptPdfTest, RendersAnA4PdfInBothLanguages) {
  for (Language lang : {Language::kItalian, Language::kEnglish}) {
    absl::StatusOr<std::string> pdf = RenderReceiptPdf(Receipt(), lang);
    ASSERT_TRUE(pdf.ok()) << pdf.status();
    EXPECT_TRUE(absl::StartsWith(*pdf, "%PDF-"));
    EXPECT_TRUE(absl::StrContains(*pdf, "%%EOF"));
    EXPECT_GT(pdf->size(), 4000u);
    EXPECT_LT(pdf->size(), 400000u);
    EXPECT_EQ(Count(*pdf, "/Type /Page %"), 1);
    EXPECT_TRUE(absl::StrContains(*pdf, "/MediaBox [ 0 0 595.28 841.89 ]"));
    // Text was drawn with an embedded font, and the code is in the document's title.
    EXPECT_TRUE(absl::StrContains(*pdf, "/FontFile")) << "no font embedded";
    EXPECT_TRUE(absl::StrContains(*pdf, kCode));
    EXPECT_TRUE(absl::StrContains(*pdf, lang == Language::kItalian
                                            ? "(Ricevuta di comunicazione obbligatoria "
                                            : "(Receipt of mandatory communication "));
  }
}

TEST(ReceiptPdfTest, IsReproducible) {
  EXPECT_EQ(*RenderReceiptPdf(Receipt(), Language::kItalian),
            *RenderReceiptPdf(Receipt(), Language::kItalian));
}

TEST(ReceiptPdfTest, ItsTextHoldsTheCodeThePersonAndTheLateness) {
  absl::StatusOr<std::string> pdf = RenderReceiptPdf(Receipt(), Language::kItalian);
  ASSERT_TRUE(pdf.ok()) << pdf.status();
  std::optional<std::string> text = PdfText(*pdf);
  ASSERT_TRUE(text.has_value())
      << "pdftotext (poppler-utils, scripts/install-deps.sh test) is missing";
  EXPECT_TRUE(absl::StrContains(*text, kCode)) << *text;
  EXPECT_TRUE(absl::StrContains(*text, "Ricevuta di comunicazione obbligatoria"));
  EXPECT_TRUE(absl::StrContains(*text, "RSSMRA85T10L219G"));
  EXPECT_TRUE(absl::StrContains(*text, "04/03/2026 09:15:00 (Europe/Rome)"));
  EXPECT_TRUE(absl::StrContains(*text, "DLN-001"));
  EXPECT_TRUE(absl::StrContains(*text, "comunicazione tardiva"));
}

TEST(ReceiptPdfTest, ManyWarningsSpillOntoMorePages) {
  ReceiptData d = Receipt();
  d.communication.nature = Nature::kCorrection;
  d.previous_code = "0126UL00000A7K3P";
  for (int i = 0; i < 80; ++i) {
    d.warnings.push_back({absl::StrCat("GEN-", 100 + i), Severity::kWarning, "field",
                          "Un'avvertenza piuttosto lunga che occupa più di una riga del "
                          "documento, così da mettere alla prova l'a capo automatico.",
                          "A rather long warning taking more than one line of the document, "
                          "to exercise word wrapping."});
  }
  for (Language lang : {Language::kItalian, Language::kEnglish}) {
    absl::StatusOr<std::string> pdf = RenderReceiptPdf(d, lang);
    ASSERT_TRUE(pdf.ok()) << pdf.status();
    EXPECT_GE(Count(*pdf, "/Type /Page %"), 3);
  }
}

TEST(ReceiptPdfTest, RendersOtherFormsAndEmptyParts) {
  ReceiptData d = Receipt();
  d.communication.form = Form::kVardatori;
  d.communication.event = EventKind::kEmployerChange;
  d.communication.employer_change = EmployerChange{"TRANSFER",
                                                   absl::CivilDay(2026, 3, 1),
                                                   "01234567890",
                                                   "Vecchia S.p.A.",
                                                   {"RSSMRA85T10L219G", "KMRYSF90C15Z330J"}};
  d.days_late = 0;
  d.warnings.clear();
  EXPECT_TRUE(RenderReceiptPdf(d, Language::kEnglish).ok());
  EXPECT_TRUE(RenderReceiptPdf(ReceiptData{}, Language::kItalian).ok());
}

TEST(ReceiptPdfTest, RefusesTextThatIsNotUtf8) {
  ReceiptData d = Receipt();
  d.communication.worker.surname = "Ross\xff";
  EXPECT_THAT(RenderReceiptPdf(d, Language::kItalian).status(), HasReason("RECEIPT_RENDER_FAILED"));
}

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

DocPtr Parse(const std::string& xml) {
  return DocPtr(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "receipt.xml", nullptr,
                              XML_PARSE_NONET));
}

// Validates against the XSD read from the source tree (not the copy compiled into the library).
bool ValidAgainstXsd(xmlDoc* doc) {
  const std::string xsd = ReadFile(SourceDir() / "services/communications/xml/schemas/receipt.xsd");
  EXPECT_FALSE(xsd.empty()) << "receipt.xsd not found under " << SourceDir();
  xmlSchemaParserCtxt* parser = xmlSchemaNewMemParserCtxt(xsd.data(), static_cast<int>(xsd.size()));
  xmlSchema* schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (schema == nullptr) return false;
  xmlSchemaValidCtxt* ctxt = xmlSchemaNewValidCtxt(schema);
  const bool valid = xmlSchemaValidateDoc(ctxt, doc) == 0;
  xmlSchemaFreeValidCtxt(ctxt);
  xmlSchemaFree(schema);
  return valid;
}

std::string Text(xmlDoc* doc, const char* element) {
  for (xmlNode* n = xmlDocGetRootElement(doc)->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST element)) {
      xmlChar* s = xmlNodeGetContent(n);
      std::string out(reinterpret_cast<const char*>(s));
      xmlFree(s);
      return out;
    }
  }
  return "";
}

TEST(ReceiptXmlTest, IsWellFormedAndValidAgainstItsSchema) {
  absl::StatusOr<std::string> xml = RenderReceiptXml(Receipt());
  ASSERT_TRUE(xml.ok()) << xml.status();
  DocPtr doc = Parse(*xml);
  ASSERT_NE(doc, nullptr) << *xml;
  EXPECT_TRUE(ValidAgainstXsd(doc.get())) << *xml;
  xmlNode* root = xmlDocGetRootElement(doc.get());
  EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href), kReceiptNamespace);
  EXPECT_EQ(Text(doc.get(), "Code"), kCode);
  EXPECT_EQ(Text(doc.get(), "ProtocolAt"), "2026-03-04T08:15:00Z");
  EXPECT_EQ(Text(doc.get(), "Form"), "UL");
  EXPECT_EQ(Text(doc.get(), "Event"), "hire");
  EXPECT_EQ(Text(doc.get(), "WorkerFiscalCode"), "RSSMRA85T10L219G");
  EXPECT_EQ(Text(doc.get(), "DueDate"), "2026-03-01");
  EXPECT_EQ(Text(doc.get(), "DaysLate"), "2");
  EXPECT_TRUE(absl::StrContains(*xml, "<Warning rule=\"DLN-001\" field=\"contract.start\">"));
  // No names of people in the XML receipt.
  EXPECT_FALSE(absl::StrContains(*xml, "Rossi"));
}

TEST(ReceiptXmlTest, EscapesNamesAndMessages) {
  ReceiptData d = Receipt();
  d.communication.employer.name = "Rossi & Figli <S.r.l.> \"quoted\"";
  d.warnings.front().message_en = "a < b & c > d";
  absl::StatusOr<std::string> xml = RenderReceiptXml(d);
  ASSERT_TRUE(xml.ok()) << xml.status();
  EXPECT_TRUE(absl::StrContains(*xml, "Rossi &amp; Figli &lt;S.r.l.&gt; &quot;quoted&quot;"))
      << *xml;
  DocPtr doc = Parse(*xml);
  ASSERT_NE(doc, nullptr) << *xml;
  EXPECT_TRUE(ValidAgainstXsd(doc.get()));
  xmlNode* employer = nullptr;
  for (xmlNode* n = xmlDocGetRootElement(doc.get())->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "Employer")) employer = n;
  }
  ASSERT_NE(employer, nullptr);
  xmlChar* name = xmlGetProp(employer, BAD_CAST "name");
  EXPECT_STREQ(reinterpret_cast<const char*>(name), "Rossi & Figli <S.r.l.> \"quoted\"");
  xmlFree(name);
}

TEST(ReceiptXmlTest, ListsTheWorkersOfAnEmployerChangeAndTheChain) {
  ReceiptData d = Receipt();
  d.communication.form = Form::kVardatori;
  d.communication.event = EventKind::kEmployerChange;
  d.communication.nature = Nature::kCorrection;
  d.previous_code = "0126VD00000A7K3P";
  d.communication.employer_change = EmployerChange{"TRANSFER",
                                                   absl::CivilDay(2026, 3, 1),
                                                   "01234567890",
                                                   "Vecchia S.p.A.",
                                                   {"RSSMRA85T10L219G", "KMRYSF90C15Z330J"}};
  absl::StatusOr<std::string> xml = RenderReceiptXml(d);
  ASSERT_TRUE(xml.ok()) << xml.status();
  EXPECT_EQ(Count(*xml, "<WorkerFiscalCode>"), 2);
  EXPECT_TRUE(absl::StrContains(*xml, "<PreviousCode>0126VD00000A7K3P</PreviousCode>"));
  DocPtr doc = Parse(*xml);
  ASSERT_NE(doc, nullptr);
  EXPECT_TRUE(ValidAgainstXsd(doc.get()));
}

TEST(ReceiptXmlTest, RefusesWhatItsSchemaRefuses) {
  ReceiptData d = Receipt();
  d.code = "SHORT";
  EXPECT_THAT(RenderReceiptXml(d).status(), HasReason("RECEIPT_SCHEMA_VIOLATION"));
  d = Receipt();
  d.communication.employer.name = "Ross\xff";
  EXPECT_THAT(RenderReceiptXml(d).status(), HasReason("RECEIPT_RENDER_FAILED"));
}

}  // namespace
}  // namespace sisl::communications
