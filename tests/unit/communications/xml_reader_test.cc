// The streaming reader over batches: bad records reported alone, broken files, limits, and a
// generated 20,000-record file read from disk.

#include <unistd.h>

#include <cstdio>
#include <fstream>
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

std::string Batch(const std::vector<Communication>& all) {
  std::string text;
  BatchXmlWriter writer([&text](absl::string_view bytes) { absl::StrAppend(&text, bytes); });
  for (const Communication& c : all) EXPECT_TRUE(writer.Add(c).ok());
  EXPECT_TRUE(writer.Finish().ok());
  return text;
}

// A file under the test's temporary directory, removed at the end.
class TempFile final {
 public:
  explicit TempFile(absl::string_view name)
      : path_(absl::StrCat(::testing::TempDir(), "/", name, "_", getpid(), ".xml")) {}
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(CommunicationXmlReaderTest, MalformedRecordDoesNotStopTheBatch) {
  std::vector<Communication> all = {xml_test::Generated(1), xml_test::Generated(2),
                                    xml_test::Generated(3), xml_test::Generated(4)};
  std::string text = Batch(all);
  // Record 3 gets a fiscal code of the wrong shape (the XML stays well-formed).
  const std::string bad_code = all[2].worker.fiscal_code;
  absl::StrReplaceAll({{absl::StrCat("\"", bad_code, "\""), "\"RSSMRA85T10L2X9G\""}}, &text);
  auto reader = CommunicationXmlReader::FromMemory(text);
  ASSERT_TRUE(reader.ok()) << reader.status();
  std::vector<int64_t> good, bad;
  while (true) {
    auto record = (*reader)->Next();
    ASSERT_TRUE(record.ok()) << record.status();
    if (!record->has_value()) break;
    const CommunicationRecord& r = **record;
    EXPECT_EQ(r.form, Form::kUnilav);
    if (r.communication.ok()) {
      good.push_back(r.index);
      EXPECT_TRUE(*r.communication == all[r.index - 1]);
    } else {
      bad.push_back(r.index);
      EXPECT_EQ(platform::ErrorReason(r.communication.status()), "XML_SCHEMA_VIOLATION");
      EXPECT_EQ(platform::ErrorMetadata(r.communication.status())["record"], "3");
      EXPECT_GT(r.line, 2);
    }
  }
  EXPECT_EQ(good, (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(bad, (std::vector<int64_t>{3}));
  EXPECT_EQ((*reader)->records(), 4);
}

TEST(CommunicationXmlReaderTest, UnknownElementInTheEnvelopeIsARecordError) {
  std::string text = Batch({xml_test::Generated(1), xml_test::Generated(2)});
  absl::StrReplaceAll({{"</Comunicazioni>", "  <Altro xmlns=\"urn:x\"/>\n</Comunicazioni>"}},
                      &text);
  auto reader = CommunicationXmlReader::FromMemory(text);
  ASSERT_TRUE(reader.ok());
  int ok = 0;
  std::optional<CommunicationRecord> last;
  while (true) {
    auto record = (*reader)->Next();
    ASSERT_TRUE(record.ok()) << record.status();
    if (!record->has_value()) break;
    if ((*record)->communication.ok()) ++ok;
    last = std::move(**record);
  }
  EXPECT_EQ(ok, 2);
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->index, 3);
  EXPECT_FALSE(last->form.has_value());
  EXPECT_EQ(platform::ErrorReason(last->communication.status()), "XML_SCHEMA_VIOLATION");
}

TEST(CommunicationXmlReaderTest, NotWellFormedFileFailsWithTheIndexReached) {
  std::string text =
      Batch({xml_test::Generated(1), xml_test::Generated(2), xml_test::Generated(3)});
  // Record 2 loses an end tag: the file is no longer XML.
  const size_t second = text.find("<UNILAV", text.find("</UNILAV>"));
  ASSERT_NE(second, std::string::npos);
  const size_t cut = text.find("</cognome>", second);
  text.erase(cut, std::string("</cognome>").size());
  auto reader = CommunicationXmlReader::FromMemory(text);
  ASSERT_TRUE(reader.ok());
  auto first = (*reader)->Next();
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(first->has_value());
  EXPECT_TRUE((*first)->communication.ok());
  auto broken = (*reader)->Next();
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::ErrorReason(broken.status()), "XML_NOT_WELL_FORMED");
  EXPECT_EQ(platform::ErrorMetadata(broken.status())["record"], "2");
  EXPECT_FALSE(platform::ErrorMetadata(broken.status())["line"].empty());
  EXPECT_TRUE(absl::StrContains(broken.status().message(), "at record 2")) << broken.status();
  EXPECT_EQ(platform::ErrorReason((*reader)->Next().status()), "XML_NOT_WELL_FORMED");
}

TEST(CommunicationXmlReaderTest, GarbageAndEmptyInputFail) {
  for (const std::string& text : {std::string(""), std::string("not xml"),
                                  std::string("<UNILAV xmlns=\"http://servizi.lavoro.gov.it/"
                                              "unilav\">"),
                                  std::string("<a><b></a>")}) {
    EXPECT_FALSE(ValidateCommunicationXml(text).ok()) << text;
  }
}

TEST(CommunicationXmlReaderTest, SingleDocumentIsABatchOfOne) {
  absl::StatusOr<std::string> xml = WriteCommunicationXml(xml_test::Uniurg());
  ASSERT_TRUE(xml.ok());
  auto reader = CommunicationXmlReader::FromMemory(*xml);
  ASSERT_TRUE(reader.ok());
  auto record = (*reader)->Next();
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ((*record)->index, 1);
  EXPECT_EQ((*record)->line, 2);
  EXPECT_EQ((*record)->form, Form::kUniurg);
  EXPECT_TRUE((*record)->communication.ok());
  auto end = (*reader)->Next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
  EXPECT_FALSE((*reader)->Next()->has_value());
}

TEST(CommunicationXmlReaderTest, LimitsAreEnforced) {
  const std::string text = Batch({xml_test::Generated(1), xml_test::Generated(2)});
  XmlReaderLimits limits;
  limits.max_records = 1;
  auto reader = CommunicationXmlReader::FromMemory(text, limits);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)->Next().ok());
  EXPECT_EQ(platform::ErrorReason((*reader)->Next().status()), "XML_TOO_LARGE");

  limits = {};
  limits.max_bytes = 100;
  EXPECT_EQ(platform::ErrorReason(CommunicationXmlReader::FromMemory(text, limits).status()),
            "XML_TOO_LARGE");
  TempFile file("limits");
  std::ofstream(file.path()) << text;
  auto from_file = CommunicationXmlReader::FromFile(file.path(), limits);
  ASSERT_TRUE(from_file.ok());
  EXPECT_EQ(platform::ErrorReason((*from_file)->Next().status()), "XML_TOO_LARGE");

  limits = {};
  limits.max_record_nodes = 10;
  reader = CommunicationXmlReader::FromMemory(text, limits);
  ASSERT_TRUE(reader.ok());
  auto record = (*reader)->Next();
  ASSERT_TRUE(record.ok() && record->has_value());
  EXPECT_EQ(platform::ErrorReason((*record)->communication.status()), "XML_TOO_LARGE");
}

TEST(CommunicationXmlReaderTest, MissingFileIsNotFound) {
  auto reader = CommunicationXmlReader::FromFile("/nonexistent/communications.xml");
  EXPECT_EQ(reader.status().code(), absl::StatusCode::kNotFound);
}

TEST(CommunicationXmlReaderTest, StreamsAGenerated20000RecordFile) {
  constexpr int kRecords = 20000;
  TempFile file("batch20000");
  {
    std::ofstream out(file.path(), std::ios::binary);
    BatchXmlWriter writer([&out](absl::string_view bytes) { out << bytes; });
    for (int i = 0; i < kRecords; ++i) ASSERT_TRUE(writer.Add(xml_test::Generated(i)).ok());
    ASSERT_TRUE(writer.Finish().ok());
  }
  auto reader = CommunicationXmlReader::FromFile(file.path());
  ASSERT_TRUE(reader.ok()) << reader.status();
  int64_t count = 0, ok = 0;
  while (true) {
    auto record = (*reader)->Next();
    ASSERT_TRUE(record.ok()) << record.status();
    if (!record->has_value()) break;
    ++count;
    ASSERT_EQ((*record)->index, count);
    if ((*record)->communication.ok()) ++ok;
    if (count == 12345) {
      ASSERT_TRUE((*record)->communication.ok()) << (*record)->communication.status();
      EXPECT_TRUE(*(*record)->communication == xml_test::Generated(12344));
    }
  }
  EXPECT_EQ(count, kRecords);
  EXPECT_EQ(ok, kRecords);
}

}  // namespace
}  // namespace sisl::communications::xml
