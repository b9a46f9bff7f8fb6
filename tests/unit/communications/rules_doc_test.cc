// docs/communications-rules.md is RulesMarkdown()'s output: this test fails when they differ.
// To regenerate the file after changing the catalogue, run the test with
// SISL_WRITE_RULES_DOC=1 in the environment.

#include "services/communications/domain/rules_doc.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/communications/domain/rules.h"
#include "services/platform/testing/source_dir.h"

namespace sisl::communications {
namespace {

std::filesystem::path DocPath() {
  return platform::testing::SourceDir() / "docs" / "communications-rules.md";
}

TEST(RulesDoc, CommittedFileMatchesTheCatalogue) {
  const std::string markdown = RulesMarkdown();
  const std::filesystem::path path = DocPath();
  if (const char* write = std::getenv("SISL_WRITE_RULES_DOC"); write && std::string(write) == "1") {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << markdown;
    ASSERT_TRUE(out.good()) << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing: run with SISL_WRITE_RULES_DOC=1";
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(committed.str(), markdown)
      << path << " is stale: run communications_unit_test with SISL_WRITE_RULES_DOC=1";
}

TEST(RulesDoc, ListsEveryRuleOnceWithBothMessages) {
  const std::string markdown = RulesMarkdown();
  EXPECT_TRUE(absl::StartsWith(markdown, "# "));
  for (const Rule& rule : RuleCatalogue()) {
    const std::string row = absl::StrCat("| ", rule.code, " | ");
    const size_t at = markdown.find(row);
    ASSERT_NE(at, std::string::npos) << rule.code;
    EXPECT_EQ(markdown.find(row, at + 1), std::string::npos) << rule.code;
    const std::string line = markdown.substr(at, markdown.find('\n', at) - at);
    EXPECT_TRUE(absl::StrContains(line, rule.message_en)) << rule.code;
    EXPECT_TRUE(absl::StrContains(line, rule.field)) << rule.code;
  }
  EXPECT_TRUE(absl::StrContains(markdown, "## DLN - Deadlines"));
}

}  // namespace
}  // namespace sisl::communications
