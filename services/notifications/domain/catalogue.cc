#include "services/notifications/domain/catalogue.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications {
namespace embedded_templates {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_templates

namespace {

size_t Index(MessageType type, Language language, Part part) {
  return (static_cast<size_t>(type) * kAllLanguages.size() + static_cast<size_t>(language)) *
             kAllParts.size() +
         static_cast<size_t>(part);
}

// Whether `name` is `<type>.<language>.<part>` of known words.
bool IsTemplateFileName(absl::string_view name) {
  std::vector<absl::string_view> words = absl::StrSplit(name, '.');
  if (words.size() != 3 || !MessageTypeFromName(words[0]) || !PartFromSuffix(words[2])) {
    return false;
  }
  return absl::c_any_of(kAllLanguages, [&](Language l) { return LanguageCode(l) == words[1]; });
}

// A one-line part (subject, SMS) without the file's final newline or surrounding blanks.
bool IsOneLine(Part part) { return part == Part::kSubject || part == Part::kSms; }

}  // namespace

std::string TemplateFileName(MessageType type, Language language, Part part) {
  return absl::StrCat(MessageTypeName(type), ".", LanguageCode(language), ".", PartSuffix(part));
}

TemplateCatalogue::TemplateCatalogue(std::vector<Template> templates, absl::TimeZone zone)
    : templates_(std::move(templates)), zone_(zone) {}

absl::StatusOr<TemplateCatalogue> TemplateCatalogue::Load(absl::TimeZone zone) {
  return FromFiles(embedded_templates::Files(), zone);
}

absl::StatusOr<TemplateCatalogue> TemplateCatalogue::FromFiles(
    const std::vector<platform::EmbeddedFile>& files, absl::TimeZone zone) {
  absl::flat_hash_map<std::string, const std::string*> by_name;
  for (const platform::EmbeddedFile& f : files) {
    if (!IsTemplateFileName(f.name)) {
      return TemplateError(f.name, {}, "not a template: names are <type>.<language>.<part>");
    }
    by_name[f.name] = &f.content;
  }
  std::vector<Template> templates;
  templates.reserve(kAllMessageTypes.size() * kAllLanguages.size() * kAllParts.size());
  for (MessageType type : kAllMessageTypes) {
    std::vector<std::string> allowed = TemplateVariableNames(type);
    for (Language language : kAllLanguages) {
      for (Part part : kAllParts) {
        std::string name = TemplateFileName(type, language, part);
        auto it = by_name.find(name);
        if (it == by_name.end()) {
          return platform::Error(absl::StatusCode::kFailedPrecondition, "TEMPLATE_MISSING",
                                 absl::StrCat("no template ", name), {{"template", name}});
        }
        absl::string_view source = *it->second;
        if (IsOneLine(part)) source = absl::StripAsciiWhitespace(source);
        ASSIGN_OR_RETURN(
            Template t, Template::Compile(name, source,
                                          part == Part::kHtml ? Escaping::kHtml : Escaping::kNone));
        for (const VariableUse& use : t.variables()) {
          if (!absl::c_binary_search(allowed, use.name)) {
            return TemplateError(name, use.position,
                                 absl::StrCat("unknown variable '", use.name, "': ",
                                              MessageTypeName(type), " does not declare it"));
          }
        }
        templates.push_back(std::move(t));
      }
    }
  }
  return TemplateCatalogue(std::move(templates), zone);
}

const Template& TemplateCatalogue::Get(MessageType type, Language language, Part part) const {
  return templates_[Index(type, language, part)];
}

absl::StatusOr<RenderedMessage> TemplateCatalogue::Render(MessageType type, Language language,
                                                          const MessageValues& values) const {
  ASSIGN_OR_RETURN(TemplateValues expanded, ExpandValues(type, values, language, zone_));
  RenderedMessage m;
  ASSIGN_OR_RETURN(m.subject, Get(type, language, Part::kSubject).Render(expanded));
  ASSIGN_OR_RETURN(m.text, Get(type, language, Part::kText).Render(expanded));
  ASSIGN_OR_RETURN(m.html, Get(type, language, Part::kHtml).Render(expanded));
  ASSIGN_OR_RETURN(m.sms, Get(type, language, Part::kSms).Render(expanded));
  ASSIGN_OR_RETURN(m.markdown, Get(type, language, Part::kMarkdown).Render(expanded));
  // A value may end a one-line part with blanks; a subject or an SMS never has a line break.
  for (std::string* line : {&m.subject, &m.sms}) {
    absl::StrReplaceAll({{"\r\n", " "}, {"\n", " "}, {"\r", " "}}, line);
    *line = std::string(absl::StripAsciiWhitespace(*line));
  }
  return m;
}

}  // namespace sisl::notifications
