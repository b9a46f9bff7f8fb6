// What TemplateCatalogue::FromFiles checks before anything is sent: every type x language x part
// present and compiling, only declared variables, no stray files.
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/notifications/domain/catalogue.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/unit/notifications/test_messages.h"

namespace sisl::notifications {
namespace embedded_templates {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_templates

namespace {

using ::sisl::platform::testing::HasReason;
using ::testing::HasSubstr;

std::vector<platform::EmbeddedFile> Embedded() { return embedded_templates::Files(); }

platform::EmbeddedFile& FileNamed(std::vector<platform::EmbeddedFile>& files,
                                  const std::string& name) {
  auto it = absl::c_find_if(files, [&](const auto& f) { return f.name == name; });
  EXPECT_NE(it, files.end()) << name;
  return *it;
}

absl::Status Load(const std::vector<platform::EmbeddedFile>& files) {
  return TemplateCatalogue::FromFiles(files, testing::Rome()).status();
}

TEST(CatalogueLoadTest, EmbeddedTemplatesAreCompleteAndNothingElse) {
  std::vector<platform::EmbeddedFile> files = Embedded();
  EXPECT_EQ(files.size(), kAllMessageTypes.size() * kAllLanguages.size() * kAllParts.size());
  EXPECT_TRUE(Load(files).ok()) << Load(files);
  EXPECT_EQ(TemplateFileName(MessageType::kAppointmentConfirmation, Language::kArabic, Part::kHtml),
            "appointment_confirmation.ar.html");
}

TEST(CatalogueLoadTest, HtmlPartsEscapeAndOthersDoNot) {
  absl::StatusOr<TemplateCatalogue> c = TemplateCatalogue::FromFiles(Embedded(), testing::Rome());
  ASSERT_TRUE(c.ok());
  for (Part part : kAllParts) {
    EXPECT_EQ(c->Get(MessageType::kProfileExpiring, Language::kFrench, part).escaping(),
              part == Part::kHtml ? Escaping::kHtml : Escaping::kNone);
  }
}

TEST(CatalogueLoadTest, MissingTemplate) {
  std::vector<platform::EmbeddedFile> files = Embedded();
  files.erase(
      absl::c_find_if(files, [](const auto& f) { return f.name == "proposal_received.fr.md"; }));
  absl::Status status = Load(files);
  EXPECT_THAT(status, HasReason("TEMPLATE_MISSING"));
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::ErrorMetadata(status)["template"], "proposal_received.fr.md");
}

TEST(CatalogueLoadTest, UndeclaredVariable) {
  std::vector<platform::EmbeddedFile> files = Embedded();
  // profile_expiring declares no video_link.
  FileNamed(files, "profile_expiring.ar.txt").content += "\n{{video_link}}\n";
  absl::Status status = Load(files);
  EXPECT_THAT(status, HasReason("TEMPLATE_ERROR"));
  EXPECT_EQ(platform::ErrorMetadata(status)["template"], "profile_expiring.ar.txt");
  EXPECT_THAT(status.message(), HasSubstr("unknown variable 'video_link'"));
}

TEST(CatalogueLoadTest, TemplateThatDoesNotCompile) {
  std::vector<platform::EmbeddedFile> files = Embedded();
  FileNamed(files, "appointment_reminder.en.html").content = "<p>{{#video_link}}</p>\n";
  absl::Status status = Load(files);
  EXPECT_THAT(status, HasReason("TEMPLATE_ERROR"));
  auto metadata = platform::ErrorMetadata(status);
  EXPECT_EQ(metadata["template"], "appointment_reminder.en.html");
  EXPECT_EQ(metadata["line"], "1");
  EXPECT_EQ(metadata["column"], "4");
  EXPECT_THAT(status.message(), HasSubstr("unclosed section 'video_link'"));
}

TEST(CatalogueLoadTest, StrayFilesAreRefused) {
  for (const char* name : {"README.md", "appointment_confirmation.de.txt",
                           "appointment_confirmed.it.txt", "appointment_confirmation.it.pdf"}) {
    std::vector<platform::EmbeddedFile> files = Embedded();
    files.push_back({name, "x"});
    EXPECT_THAT(Load(files), HasReason("TEMPLATE_ERROR")) << name;
  }
}

}  // namespace
}  // namespace sisl::notifications
