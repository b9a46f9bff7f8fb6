#include "services/matching/domain/types.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/errors.h"
#include "services/reference/code_lists.h"
#include "services/reference/text_folding.h"

namespace sisl::matching {

absl::string_view CefrLevelName(CefrLevel level) {
  switch (level) {
    case CefrLevel::kA1:
      return "A1";
    case CefrLevel::kA2:
      return "A2";
    case CefrLevel::kB1:
      return "B1";
    case CefrLevel::kB2:
      return "B2";
    case CefrLevel::kC1:
      return "C1";
    case CefrLevel::kC2:
      return "C2";
    case CefrLevel::kUnspecified:
      break;
  }
  return "";
}

absl::string_view WorkingModeName(WorkingMode mode) {
  switch (mode) {
    case WorkingMode::kOnSite:
      return "on-site";
    case WorkingMode::kRemote:
      return "remote";
    case WorkingMode::kHybrid:
      return "hybrid";
    case WorkingMode::kUnspecified:
      break;
  }
  return "";
}

absl::string_view EducationLevelName(EducationLevel level) {
  static constexpr absl::string_view kNames[] = {"unspecified",    "none",
                                                 "primary",        "lower secondary",
                                                 "vocational",     "upper secondary",
                                                 "post-secondary", "university diploma",
                                                 "degree",         "post-graduate",
                                                 "doctorate"};
  return kNames[static_cast<int>(level)];
}

absl::string_view L68CategoryName(L68Category category) {
  switch (category) {
    case L68Category::kDisabled:
      return "art.1";
    case L68Category::kProtected:
      return "art.18";
    case L68Category::kNone:
      break;
  }
  return "none";
}

absl::StatusOr<EducationLevel> EducationLevelFromCoCode(absl::string_view field,
                                                        absl::string_view code) {
  const absl::CivilDay any_day(2020, 1, 1);  // the CO education codes have not changed
  if (absl::Status st = reference::ValidateEducationLevel(field, code, any_day); !st.ok()) {
    return st;
  }
  if (reference::CoEducationLevels().Find(code) == nullptr) {
    return platform::InvalidField("UNKNOWN_EDUCATION_LEVEL", field,
                                  absl::StrCat("'", code, "' is not a CO education level"));
  }
  switch (code[0]) {
    case '0':
      return EducationLevel::kNone;
    case '1':
      return EducationLevel::kPrimary;
    case '2':
      return EducationLevel::kLowerSecondary;
    case '3':
      return EducationLevel::kVocationalSecondary;
    case '4':
      return EducationLevel::kUpperSecondary;
    case '5':
      return EducationLevel::kPostSecondary;
    case '6':
      return EducationLevel::kUniversityDiploma;
    case '7':
      return EducationLevel::kDegree;
    case '8':
      return EducationLevel::kPostGraduate;
    default:
      return EducationLevel::kDoctorate;
  }
}

absl::Status ProblemsStatus(const std::vector<FieldProblem>& problems, absl::string_view what) {
  if (problems.empty()) return absl::OkStatus();
  std::vector<platform::FieldViolation> violations;
  std::vector<std::string> reasons;
  for (const FieldProblem& p : problems) {
    violations.push_back({p.field, absl::StrCat(p.reason, ": ", p.description)});
    reasons.push_back(p.reason);
  }
  const FieldProblem& first = problems.front();
  return platform::Error(absl::StatusCode::kInvalidArgument, first.reason,
                         absl::StrCat(what, " is not valid: ", first.field, " ", first.description),
                         {{"reasons", absl::StrJoin(reasons, ",")}, {"field", first.field}},
                         violations);
}

std::string NormalizeTag(absl::string_view text) {
  const std::string folded = reference::ToAsciiUpper(text);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace sisl::matching
