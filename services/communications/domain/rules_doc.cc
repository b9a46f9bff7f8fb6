#include "services/communications/domain/rules_doc.h"

#include <array>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "services/communications/domain/rules.h"
#include "services/communications/domain/rules_helpers.h"

namespace sisl::communications {
namespace {

namespace ri = rules_internal;

struct AreaTitle {
  absl::string_view area;
  absl::string_view prefix;
  absl::string_view title;
};

constexpr std::array<AreaTitle, 15> kAreas = {{
    {ri::kAreaGeneral, "GEN", "Form, nature and event"},
    {ri::kAreaEmployer, "EMP", "Employer"},
    {ri::kAreaWorker, "WRK", "Worker"},
    {ri::kAreaPermit, "PRM", "Residence permit"},
    {ri::kAreaContract, "CTR", "Contract"},
    {ri::kAreaWorkingTime, "HRS", "Working time"},
    {ri::kAreaExtension, "EXT", "Extension"},
    {ri::kAreaTransformation, "TRF", "Transformation"},
    {ri::kAreaTransfer, "TRS", "Transfer and secondment"},
    {ri::kAreaTermination, "TRM", "Termination"},
    {ri::kAreaAgency, "SOM", "Agency work (UNISOMM)"},
    {ri::kAreaUrgency, "URG", "Urgent hire (UNIURG)"},
    {ri::kAreaEmployerChange, "VAR", "Employer change (VARDATORI)"},
    {ri::kAreaCorrection, "COR", "Corrections and cancellations"},
    {ri::kAreaDeadline, "DLN", "Deadlines"},
}};

std::string Cell(absl::string_view text) {
  return absl::StrReplaceAll(text, {{"|", "\\|"}, {"\n", " "}});
}

}  // namespace

std::string RulesMarkdown() {
  const std::vector<Rule>& rules = RuleCatalogue();
  std::string out =
      "# Mandatory communications: validation rules\n\n"
      "<!-- Generated from the rule catalogue (services/communications/domain/rules*.cc) by\n"
      "     RulesMarkdown(); do not edit: tests/unit/communications/rules_doc_test.cc fails when\n"
      "     this file and the catalogue differ. -->\n\n";
  absl::StrAppend(
      &out, "Every UNILAV, UNISOMM, UNIURG and VARDATORI filing is checked against these ",
      rules.size(),
      " rules. An **error** refuses the filing; a **warning** is kept on the receipt and the "
      "filing is accepted (late filing is always a warning). Codes are stable: a retired code is "
      "never reused. Code lists, fiscal codes, municipalities and holidays come from "
      "`services/reference`, checked as valid on the event date (an ATECO code may also be the one "
      "in force on the filing day). Lateness is counted in working days (Sundays, national "
      "holidays, Easter and Easter Monday skipped) and reported in the warning.\n");
  for (const AreaTitle& area : kAreas) {
    absl::StrAppend(&out, "\n## ", area.prefix, " - ", area.title, "\n\n",
                    "| Code | Severity | Field | Italiano | English |\n"
                    "| --- | --- | --- | --- | --- |\n");
    for (const Rule& rule : rules) {
      if (rule.area != area.area) continue;
      absl::StrAppend(&out, "| ", rule.code, " | ",
                      rule.severity == Severity::kError ? "error" : "warning", " | `", rule.field,
                      "` | ", Cell(rule.message_it), " | ", Cell(rule.message_en), " |\n");
    }
  }
  return out;
}

}  // namespace sisl::communications
