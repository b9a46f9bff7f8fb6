// The template engine (services/notifications/domain/template_engine.h): interpolation, HTML
// escaping, sections, standalone section lines, and every syntax or render error with its
// reason and position.
#include "services/notifications/domain/template_engine.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::notifications {
namespace {

using ::sisl::platform::testing::HasReason;
using ::testing::ElementsAre;
using ::testing::Field;

std::string Render(absl::string_view source, const TemplateValues& values,
                   Escaping escaping = Escaping::kNone) {
  absl::StatusOr<Template> t = Template::Compile("t", source, escaping);
  EXPECT_TRUE(t.ok()) << t.status();
  if (!t.ok()) return "";
  absl::StatusOr<std::string> out = t->Render(values);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : "";
}

void ExpectErrorAt(const absl::Status& status, int line, int column) {
  EXPECT_THAT(status, HasReason("TEMPLATE_ERROR"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  auto metadata = platform::ErrorMetadata(status);
  EXPECT_EQ(metadata["template"], "name.it.txt") << status;
  EXPECT_EQ(metadata["line"], std::to_string(line)) << status;
  EXPECT_EQ(metadata["column"], std::to_string(column)) << status;
}

absl::Status CompileError(absl::string_view source) {
  return Template::Compile("name.it.txt", source, Escaping::kNone).status();
}

TEST(TemplateEngineTest, InterpolatesVariables) {
  EXPECT_EQ(Render("Hi {{name}}, see {{ place }}.", {{"name", "Ada"}, {"place", "Turin"}}),
            "Hi Ada, see Turin.");
  EXPECT_EQ(Render("no tags", {}), "no tags");
  EXPECT_EQ(Render("", {}), "");
}

TEST(TemplateEngineTest, EscapesHtmlOnlyInHtmlTemplates) {
  TemplateValues v = {{"x", "<script>alert('1')</script> & \"co\""}};
  EXPECT_EQ(Render("<p>{{x}}</p>", v, Escaping::kHtml),
            "<p>&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt; &amp; &quot;co&quot;</p>");
  EXPECT_EQ(Render("{{x}}", v, Escaping::kNone), "<script>alert('1')</script> & \"co\"");
  EXPECT_EQ(EscapeHtml("a&b"), "a&amp;b");
}

TEST(TemplateEngineTest, SectionsOnFlagsAndTexts) {
  const char* source = "[{{#f}}yes{{/f}}{{^f}}no{{/f}}]";
  EXPECT_EQ(Render(source, {{"f", true}}), "[yes]");
  EXPECT_EQ(Render(source, {{"f", false}}), "[no]");
  EXPECT_EQ(Render(source, {{"f", "text"}}), "[yes]");
  EXPECT_EQ(Render(source, {{"f", ""}}), "[no]");
}

TEST(TemplateEngineTest, NestedSections) {
  const char* source = "{{#a}}A{{#b}}B{{b}}{{/b}}{{^b}}-{{/b}}{{/a}}";
  EXPECT_EQ(Render(source, {{"a", true}, {"b", "x"}}), "ABx");
  EXPECT_EQ(Render(source, {{"a", true}, {"b", ""}}), "A-");
  EXPECT_EQ(Render(source, {{"a", false}, {"b", "x"}}), "");
}

TEST(TemplateEngineTest, StandaloneSectionLinesTakeTheirLine) {
  const char* source = "a\n  {{#x}}  \nb\n{{/x}}\n{{^x}}\nnot\n{{/x}}\nc\n";
  EXPECT_EQ(Render(source, {{"x", true}}), "a\nb\nc\n");
  EXPECT_EQ(Render(source, {{"x", false}}), "a\nnot\nc\n");
  // At the very start and end, and with Windows line ends.
  EXPECT_EQ(Render("{{#x}}\r\nb\r\n{{/x}}", {{"x", true}}), "b\r\n");
  // Inline sections keep the text around them.
  EXPECT_EQ(Render("a {{#x}}b{{/x}} c\n", {{"x", false}}), "a  c\n");
  // A variable on the line makes it no standalone line.
  EXPECT_EQ(Render("{{v}}{{#x}}\nb{{/x}}\n", {{"v", "v"}, {"x", true}}), "v\nb\n");
}

TEST(TemplateEngineTest, CompiledOnceRenderedManyTimes) {
  absl::StatusOr<Template> t = Template::Compile("t", "{{#x}}{{x}}{{/x}}", Escaping::kNone);
  ASSERT_TRUE(t.ok());
  Template copy = *t;
  for (int i = 0; i < 3; ++i) {
    std::string value = std::to_string(i);
    EXPECT_EQ(*t->Render({{"x", value}}), value);
    EXPECT_EQ(*copy.Render({{"x", value}}), value);
  }
}

TEST(TemplateEngineTest, ListsItsVariablesOnceInOrder) {
  absl::StatusOr<Template> t =
      Template::Compile("t", "{{b}}\n{{#a}}{{b}}{{/a}}{{^c}}{{/c}}", Escaping::kNone);
  ASSERT_TRUE(t.ok());
  EXPECT_THAT(t->variables(),
              ElementsAre(Field(&VariableUse::name, "b"), Field(&VariableUse::name, "a"),
                          Field(&VariableUse::name, "c")));
  EXPECT_EQ(t->variables()[1].position.line, 2);
  EXPECT_EQ(t->variables()[1].position.column, 1);
}

TEST(TemplateEngineTest, UnknownVariableIsAnErrorWithItsPosition) {
  absl::StatusOr<Template> t = Template::Compile("name.it.txt", "one\nè {{who}}", Escaping::kNone);
  ASSERT_TRUE(t.ok());
  ExpectErrorAt(t->Render({}).status(), 2, 3);
  EXPECT_THAT(t->Render({}).status().message(), ::testing::HasSubstr("unknown variable 'who'"));
  EXPECT_TRUE(t->Render({{"who", "x"}}).ok());
}

TEST(TemplateEngineTest, UnknownSectionVariableIsAnError) {
  absl::StatusOr<Template> t = Template::Compile("name.it.txt", "{{#f}}x{{/f}}", Escaping::kNone);
  ASSERT_TRUE(t.ok());
  ExpectErrorAt(t->Render({}).status(), 1, 1);
}

TEST(TemplateEngineTest, FlagCannotBeInterpolated) {
  absl::StatusOr<Template> t = Template::Compile("name.it.txt", "ab{{f}}", Escaping::kNone);
  ASSERT_TRUE(t.ok());
  ExpectErrorAt(t->Render({{"f", true}}).status(), 1, 3);
}

TEST(TemplateEngineTest, UnclosedSectionIsAnErrorAtItsOpening) {
  ExpectErrorAt(CompileError("line\n  {{#video}}link"), 2, 3);
  EXPECT_THAT(CompileError("{{#a}}{{#b}}{{/b}}").message(),
              ::testing::HasSubstr("unclosed section 'a'"));
}

TEST(TemplateEngineTest, MismatchedAndStrayClosingTags) {
  ExpectErrorAt(CompileError("{{#a}}{{#b}}{{/a}}{{/b}}"), 1, 13);
  ExpectErrorAt(CompileError("x\n{{/a}}"), 2, 1);
}

TEST(TemplateEngineTest, UnclosedAndInvalidTags) {
  ExpectErrorAt(CompileError("ab {{name"), 1, 4);
  ExpectErrorAt(CompileError("{{}}"), 1, 1);
  ExpectErrorAt(CompileError("{{two words}}"), 1, 1);
  ExpectErrorAt(CompileError("{{>partial}}"), 1, 1);
  ExpectErrorAt(CompileError("{{{raw}}}"), 1, 1);
  ExpectErrorAt(CompileError("{{!comment}}"), 1, 1);
  ExpectErrorAt(CompileError("{{#}}{{/}}"), 1, 1);
  EXPECT_TRUE(Template::Compile("ok", "{{ a_1 }}{{# b }}{{/ b }}", Escaping::kNone).ok());
}

}  // namespace
}  // namespace sisl::notifications
