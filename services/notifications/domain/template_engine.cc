#include "services/notifications/domain/template_engine.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications {

struct Template::Node {
  enum class Kind { kText, kVariable, kSection, kInverted };
  Kind kind = Kind::kText;
  std::string text;  // the literal text, or the variable's name
  SourcePosition position;
  std::vector<Node> children;  // sections only
};

namespace {

using Node = Template::Node;

SourcePosition PositionAt(absl::string_view source, size_t offset) {
  SourcePosition p;
  for (size_t i = 0; i < offset && i < source.size(); ++i) {
    if (source[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) {
      ++p.column;  // columns count characters, not UTF-8 continuation bytes
    }
  }
  return p;
}

bool IsBlank(absl::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

bool IsValidName(absl::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

class Parser {
 public:
  Parser(absl::string_view name, absl::string_view source) : name_(name), source_(source) {}

  absl::StatusOr<std::vector<Node>> Parse() {
    std::vector<Node> open;  // the sections opened and not yet closed
    std::vector<Node> root;
    auto current = [&]() -> std::vector<Node>& {
      return open.empty() ? root : open.back().children;
    };
    size_t text_begin = 0;
    size_t cursor = 0;
    while (true) {
      size_t tag = source_.find("{{", cursor);
      if (tag == absl::string_view::npos) break;
      size_t end = source_.find("}}", tag + 2);
      if (end == absl::string_view::npos) return Error(tag, "unclosed tag '{{'");
      size_t after = end + 2;
      absl::string_view inner = absl::StripAsciiWhitespace(source_.substr(tag + 2, end - tag - 2));
      char sigil = inner.empty() ? '\0' : inner.front();
      bool is_section_tag = sigil == '#' || sigil == '^' || sigil == '/';
      absl::string_view tag_name =
          is_section_tag ? absl::StripAsciiWhitespace(inner.substr(1)) : inner;
      if (!IsValidName(tag_name)) {
        return Error(tag, absl::StrCat("invalid tag '{{", inner,
                                       "}}': names are letters, digits and '_'; only #, ^ and / "
                                       "sections are supported"));
      }
      // A section tag alone on its line takes the whole line, newline included.
      size_t text_end = tag;
      size_t next = after;
      if (is_section_tag) {
        size_t line_start = tag;
        while (line_start > 0 && source_[line_start - 1] != '\n') --line_start;
        size_t line_end = source_.find('\n', after);
        absl::string_view rest = source_.substr(
            after, (line_end == absl::string_view::npos ? source_.size() : line_end) - after);
        if (line_start >= text_begin && IsBlank(source_.substr(line_start, tag - line_start)) &&
            IsBlank(rest)) {
          text_end = line_start;
          next = line_end == absl::string_view::npos ? source_.size() : line_end + 1;
        }
      }
      AddText(current(), text_begin, text_end);
      SourcePosition position = PositionAt(source_, tag);
      std::string name(tag_name);
      if (sigil == '#' || sigil == '^') {
        Use(name, position);
        Node section;
        section.kind = sigil == '#' ? Node::Kind::kSection : Node::Kind::kInverted;
        section.text = std::move(name);
        section.position = position;
        open.push_back(std::move(section));
      } else if (sigil == '/') {
        if (open.empty()) {
          return Error(tag, absl::StrCat("'{{/", name, "}}' closes no open section"));
        }
        if (open.back().text != name) {
          const Node& o = open.back();
          return Error(tag, absl::StrCat("'{{/", name, "}}' closes section '", o.text,
                                         "' opened at ", o.position.line, ":", o.position.column));
        }
        Node done = std::move(open.back());
        open.pop_back();
        current().push_back(std::move(done));
      } else {
        Use(name, position);
        current().push_back({Node::Kind::kVariable, std::move(name), position, {}});
      }
      text_begin = next;
      cursor = next;
    }
    if (!open.empty()) {
      const Node& o = open.back();
      return TemplateError(name_, o.position,
                           absl::StrCat("unclosed section '", o.text, "': no '{{/", o.text, "}}'"));
    }
    AddText(root, text_begin, source_.size());
    return root;
  }

  std::vector<VariableUse> TakeVariables() { return std::move(variables_); }

 private:
  absl::Status Error(size_t offset, absl::string_view what) const {
    return TemplateError(name_, PositionAt(source_, offset), what);
  }

  void AddText(std::vector<Node>& nodes, size_t begin, size_t end) const {
    if (end <= begin) return;
    nodes.push_back({Node::Kind::kText, std::string(source_.substr(begin, end - begin)), {}, {}});
  }

  void Use(const std::string& name, SourcePosition position) {
    if (seen_.insert(name).second) variables_.push_back({name, position});
  }

  absl::string_view name_;
  absl::string_view source_;
  absl::flat_hash_set<std::string> seen_;
  std::vector<VariableUse> variables_;
};

absl::Status RenderNodes(const std::string& template_name, Escaping escaping,
                         const std::vector<Node>& nodes, const TemplateValues& values,
                         std::string& out) {
  for (const Node& node : nodes) {
    if (node.kind == Node::Kind::kText) {
      out.append(node.text);
      continue;
    }
    auto it = values.find(node.text);
    if (it == values.end()) {
      return TemplateError(template_name, node.position,
                           absl::StrCat("unknown variable '", node.text, "'"));
    }
    const TemplateValue& value = it->second;
    if (node.kind == Node::Kind::kVariable) {
      const std::string* text = std::get_if<std::string>(&value);
      if (text == nullptr) {
        return TemplateError(template_name, node.position,
                             absl::StrCat("'", node.text, "' is a flag: use it as a section"));
      }
      out.append(escaping == Escaping::kHtml ? EscapeHtml(*text) : *text);
      continue;
    }
    const bool* flag = std::get_if<bool>(&value);
    bool truthy = flag != nullptr ? *flag : !std::get<std::string>(value).empty();
    if (truthy == (node.kind == Node::Kind::kSection)) {
      RETURN_IF_ERROR(RenderNodes(template_name, escaping, node.children, values, out));
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::string EscapeHtml(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&#39;");
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

absl::Status TemplateError(absl::string_view template_name, SourcePosition position,
                           absl::string_view what) {
  return platform::Error(
      absl::StatusCode::kInvalidArgument, kTemplateError,
      absl::StrCat(template_name, ":", position.line, ":", position.column, ": ", what),
      {{"template", std::string(template_name)},
       {"line", absl::StrCat(position.line)},
       {"column", absl::StrCat(position.column)}});
}

Template::Template(std::string name, Escaping escaping,
                   std::shared_ptr<const std::vector<Node>> nodes,
                   std::vector<VariableUse> variables)
    : name_(std::move(name)),
      escaping_(escaping),
      nodes_(std::move(nodes)),
      variables_(std::move(variables)) {}

absl::StatusOr<Template> Template::Compile(absl::string_view name, absl::string_view source,
                                           Escaping escaping) {
  Parser parser(name, source);
  ASSIGN_OR_RETURN(std::vector<Node> nodes, parser.Parse());
  return Template(std::string(name), escaping,
                  std::make_shared<const std::vector<Node>>(std::move(nodes)),
                  parser.TakeVariables());
}

absl::StatusOr<std::string> Template::Render(const TemplateValues& values) const {
  std::string out;
  RETURN_IF_ERROR(RenderNodes(name_, escaping_, *nodes_, values, out));
  return out;
}

}  // namespace sisl::notifications
