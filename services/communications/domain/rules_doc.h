// The documentation of the rule catalogue, generated from it: docs/communications-rules.md is
// RulesMarkdown()'s output (a unit test keeps the two equal).
#ifndef SISL_SERVICES_COMMUNICATIONS_DOMAIN_RULES_DOC_H_
#define SISL_SERVICES_COMMUNICATIONS_DOMAIN_RULES_DOC_H_

#include <string>

namespace sisl::communications {

// Markdown: a title, a short introduction, then one table per area (code, severity, field,
// Italian and English messages), in the catalogue's code order within each area.
std::string RulesMarkdown();

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_DOMAIN_RULES_DOC_H_
