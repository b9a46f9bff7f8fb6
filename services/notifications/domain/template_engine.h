// A small Mustache-like template engine of our own, for the message templates:
//
//   {{name}}              the variable's text; HTML-escaped in templates compiled for HTML
//   {{#flag}}...{{/flag}} the inside when `flag` is true or a non-empty text
//   {{^flag}}...{{/flag}} the inside when `flag` is false or an empty text
//
// A section tag alone on its line takes the line with it (as in Mustache), so plain-text
// templates keep their layout. No partials, lists, lambdas or triple braces. A template is
// compiled once into a tree and rendered many times; a syntax error at compile time, or a
// variable without a value at render time, is INVALID_ARGUMENT with reason TEMPLATE_ERROR and
// the metadata `template`, `line` and `column` (1-based, of the offending tag).
#ifndef SISL_SERVICES_NOTIFICATIONS_DOMAIN_TEMPLATE_ENGINE_H_
#define SISL_SERVICES_NOTIFICATIONS_DOMAIN_TEMPLATE_ENGINE_H_

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sisl::notifications {

inline constexpr absl::string_view kTemplateError = "TEMPLATE_ERROR";

// A value: a text (interpolated; a section's condition when non-empty) or a flag (sections only).
using TemplateValue = std::variant<std::string, bool>;
using TemplateValues = absl::flat_hash_map<std::string, TemplateValue>;

enum class Escaping { kNone, kHtml };

// Where a tag starts in its template (1-based).
struct SourcePosition {
  int line = 1;
  int column = 1;
};

// A variable named by a template, at its first use.
struct VariableUse {
  std::string name;
  SourcePosition position;
};

// `&`, `<`, `>`, `"` and `'` as HTML character references.
std::string EscapeHtml(absl::string_view text);

// INVALID_ARGUMENT TEMPLATE_ERROR "<template>:<line>:<column>: <what>".
absl::Status TemplateError(absl::string_view template_name, SourcePosition position,
                           absl::string_view what);

class Template final {
 public:
  // Parses `source`; `name` identifies the template in errors (e.g. the file name).
  static absl::StatusOr<Template> Compile(absl::string_view name, absl::string_view source,
                                          Escaping escaping);

  // Renders with `values`; every variable the template reaches must have one.
  absl::StatusOr<std::string> Render(const TemplateValues& values) const;

  const std::string& name() const { return name_; }
  Escaping escaping() const { return escaping_; }
  // Every variable the template names (interpolated or as a section), in order of first use.
  const std::vector<VariableUse>& variables() const { return variables_; }

  struct Node;  // the compiled tree (template_engine.cc)

 private:
  Template(std::string name, Escaping escaping, std::shared_ptr<const std::vector<Node>> nodes,
           std::vector<VariableUse> variables);

  std::string name_;
  Escaping escaping_;
  std::shared_ptr<const std::vector<Node>> nodes_;  // immutable: copies share it
  std::vector<VariableUse> variables_;
};

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_DOMAIN_TEMPLATE_ENGINE_H_
