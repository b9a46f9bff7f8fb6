// Write, read, write again: the domain objects and the bytes come back unchanged, for every
// form and event, one document at a time and as a batch.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/communications/xml/co_xml.h"
#include "services/platform/errors.h"
#include "tests/unit/communications/xml_test_samples.h"

namespace sisl::communications::xml {
namespace {

using xml_test::AllSamples;

// Every record of `text`, failing the test on any error.
std::vector<Communication> ReadAll(const std::string& text) {
  std::vector<Communication> out;
  auto reader = CommunicationXmlReader::FromMemory(text);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return out;
  while (true) {
    auto record = (*reader)->Next();
    EXPECT_TRUE(record.ok()) << record.status();
    if (!record.ok() || !record->has_value()) break;
    EXPECT_EQ((*record)->index, static_cast<int64_t>(out.size()) + 1);
    EXPECT_TRUE((*record)->communication.ok()) << (*record)->communication.status();
    if ((*record)->communication.ok()) out.push_back(*(*record)->communication);
  }
  return out;
}

std::string Batch(const std::vector<Communication>& all) {
  std::string text;
  BatchXmlWriter writer([&text](absl::string_view bytes) { absl::StrAppend(&text, bytes); });
  for (const Communication& c : all) EXPECT_TRUE(writer.Add(c).ok());
  EXPECT_TRUE(writer.Finish().ok());
  EXPECT_EQ(writer.count(), static_cast<int64_t>(all.size()));
  return text;
}

TEST(CommunicationXmlRoundTripTest, EveryFormAndEventComesBackEqual) {
  for (const Communication& c : AllSamples()) {
    SCOPED_TRACE(absl::StrCat(FormRootElement(c.form), " ", EventCode(c.event)));
    absl::StatusOr<std::string> first = WriteCommunicationXml(c);
    ASSERT_TRUE(first.ok()) << first.status();
    EXPECT_TRUE(absl::StrContains(*first, absl::StrCat("xmlns=\"", FormNamespace(c.form), "\"")));
    EXPECT_TRUE(absl::StrContains(*first, absl::StrCat("versione=\"", FormVersion(c.form), "\"")));
    EXPECT_TRUE(absl::StrContains(*first, absl::StrCat("tipoEvento=\"", EventXmlCode(c.event))));
    std::vector<Communication> read = ReadAll(*first);
    ASSERT_EQ(read.size(), 1u);
    EXPECT_TRUE(read[0] == c) << *first;
    absl::StatusOr<std::string> second = WriteCommunicationXml(read[0]);
    ASSERT_TRUE(second.ok()) << second.status();
    EXPECT_EQ(*first, *second);
  }
}

TEST(CommunicationXmlRoundTripTest, UnilavHireLooksLikeTheFormat) {
  absl::StatusOr<std::string> xml = WriteCommunicationXml(xml_test::UnilavHire());
  ASSERT_TRUE(xml.ok()) << xml.status();
  EXPECT_TRUE(absl::StartsWith(*xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<UNILAV "));
  for (const char* part :
       {"codiceComunicazione=\"0000000000000000\"", "dataInvio=\"2026-03-01T18:42:05\"",
        "<DatiInvio tipoComunicazione=\"01\" tipoEvento=\"AVV\"/>",
        "<DatoreLavoro codiceFiscale=\"07643520011\"", "<Comune>L219</Comune>",
        "<Settore>28.41.00</Settore>", "<Lavoratore codiceFiscale=\"RSSMRA85T10L219G\">",
        "<nascita comune=\"L219\" data=\"1985-12-10\"/>", "tipologiaContrattuale=\"A.02.00\"",
        "legge68=\"NO\"", "<tipoOrario codice=\"P\" oreSettimanaliMedie=\"24.5\"/>",
        "<qualificaProfessionale>7.2.1.1.0.2</qualificaProfessionale>",
        "<PatINAIL>012345678</PatINAIL>", "<e-mail>omsubalpine@pec.it</e-mail>"}) {
    EXPECT_TRUE(absl::StrContains(*xml, part)) << part << "\n" << *xml;
  }
  EXPECT_FALSE(absl::StrContains(*xml, "codiceComunicazionePrec"));
}

TEST(CommunicationXmlRoundTripTest, NaturesAndPreviousCodeRoundTrip) {
  for (Nature n : {Nature::kOrdinary, Nature::kAfterUrgency, Nature::kCorrection,
                   Nature::kCancellation, Nature::kByOffice}) {
    Communication c = xml_test::UnilavEvent(EventKind::kTermination);
    c.nature = n;
    c.previous_code = "0102026000000042";
    c.sent_at.reset();
    absl::StatusOr<std::string> xml = WriteCommunicationXml(c);
    ASSERT_TRUE(xml.ok()) << xml.status();
    EXPECT_TRUE(absl::StrContains(*xml, absl::StrCat("tipoComunicazione=\"", NatureCode(n))));
    std::vector<Communication> read = ReadAll(*xml);
    ASSERT_EQ(read.size(), 1u);
    EXPECT_TRUE(read[0] == c);
  }
}

TEST(CommunicationXmlRoundTripTest, TextIsEscapedAndAccentsKept) {
  Communication c = xml_test::UnilavHire();
  c.employer.name = "Caffè & Pasticceria \"Baratti\" <Torino> d'Italia";
  c.worker.surname = "D'Agostino Niccolò";
  c.employer.workplace.street = "Piazza Castello 29 - Galleria Subalpina";
  absl::StatusOr<std::string> xml = WriteCommunicationXml(c);
  ASSERT_TRUE(xml.ok()) << xml.status();
  EXPECT_TRUE(absl::StrContains(*xml, "Caffè &amp; Pasticceria &quot;Baratti&quot; &lt;Torino&gt;"))
      << *xml;
  std::vector<Communication> read = ReadAll(*xml);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_TRUE(read[0] == c);
  EXPECT_EQ(read[0].employer.name, c.employer.name);
}

TEST(CommunicationXmlRoundTripTest, BatchRoundTripsRecordsAndBytes) {
  const std::vector<Communication> all = AllSamples();
  const std::string first = Batch(all);
  EXPECT_TRUE(absl::StartsWith(first,
                               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<Comunicazioni xmlns=\"urn:sisl:communications:batch:1\""));
  EXPECT_TRUE(absl::EndsWith(first, "</Comunicazioni>\n"));
  const std::vector<Communication> read = ReadAll(first);
  ASSERT_EQ(read.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_TRUE(read[i] == all[i]) << i;
  EXPECT_EQ(Batch(read), first);
}

TEST(CommunicationXmlRoundTripTest, EmptyBatchIsAnEmptyEnvelope) {
  const std::string text = Batch({});
  auto reader = CommunicationXmlReader::FromMemory(text);
  ASSERT_TRUE(reader.ok());
  auto record = (*reader)->Next();
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_FALSE(record->has_value());
}

TEST(CommunicationXmlRoundTripTest, BatchWriterRefusesAfterFinishAndSkipsBadRecords) {
  std::string text;
  BatchXmlWriter writer([&text](absl::string_view bytes) { absl::StrAppend(&text, bytes); });
  Communication bad = xml_test::UnilavHire();
  bad.worker.fiscal_code = "not a code";
  absl::Status st = writer.Add(bad);
  EXPECT_EQ(platform::ErrorReason(st), "XML_SCHEMA_VIOLATION") << st;
  EXPECT_TRUE(text.empty());  // nothing written for a refused record
  ASSERT_TRUE(writer.Add(xml_test::UnilavHire()).ok());
  ASSERT_TRUE(writer.Finish().ok());
  EXPECT_EQ(writer.count(), 1);
  EXPECT_EQ(writer.Finish().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(writer.Add(xml_test::UnilavHire()).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReadAll(text).size(), 1u);
}

TEST(CommunicationXmlRoundTripTest, EventCodesMapBothWays) {
  for (EventKind e :
       {EventKind::kHire, EventKind::kExtension, EventKind::kTransformation, EventKind::kTransfer,
        EventKind::kSecondment, EventKind::kTermination, EventKind::kMissionStart,
        EventKind::kMissionExtension, EventKind::kMissionTermination, EventKind::kEmployerChange}) {
    EXPECT_EQ(EventFromXmlCode(EventXmlCode(e)), e);
  }
  EXPECT_EQ(EventFromXmlCode("XYZ"), std::nullopt);
}

}  // namespace
}  // namespace sisl::communications::xml
