// The process-wide code lists, parsed once from the CSV files compiled into the binary.

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/platform/status_macros.h"
#include "services/reference/code_lists.h"
#include "services/reference/data_files.h"

namespace sisl::reference {
namespace {

// The data files are part of the build, so a missing or broken one is a defect of the binary,
// not a condition to handle: stop with the reason.
absl::StatusOr<CodeList> ParseDataFile(absl::string_view file_name) {
  ASSIGN_OR_RETURN(absl::string_view content, DataFile(file_name));
  return CodeList::Parse(content);
}

const CodeList* LoadCodeList(absl::string_view file_name) {
  absl::StatusOr<CodeList> list = ParseDataFile(file_name);
  if (!list.ok()) {
    std::fprintf(stderr, "sisl::reference: %s: %s\n", std::string(file_name).c_str(),
                 list.status().ToString().c_str());
    std::abort();
  }
  return new CodeList(*std::move(list));
}

}  // namespace

#define SISL_REFERENCE_CODE_LIST(Accessor, file_name)          \
  const CodeList& Accessor() {                                  \
    static const CodeList* const list = LoadCodeList(file_name); \
    return *list;                                               \
  }

SISL_REFERENCE_CODE_LIST(Cp2011Professions, "cp2011_professions.csv")
SISL_REFERENCE_CODE_LIST(Ateco2007, "ateco_2007.csv")
SISL_REFERENCE_CODE_LIST(Ateco2025, "ateco_2025.csv")
SISL_REFERENCE_CODE_LIST(CoContractTypes, "co_contract_types.csv")
SISL_REFERENCE_CODE_LIST(CoWorkingTime, "co_working_time.csv")
SISL_REFERENCE_CODE_LIST(CoTerminationCauses, "co_termination_causes.csv")
SISL_REFERENCE_CODE_LIST(CoEducationLevels, "co_education_levels.csv")
SISL_REFERENCE_CODE_LIST(CoCitizenship, "co_citizenship.csv")
SISL_REFERENCE_CODE_LIST(Ccnl, "co_ccnl.csv")
SISL_REFERENCE_CODE_LIST(CoCommunicationTypes, "co_communication_types.csv")
SISL_REFERENCE_CODE_LIST(CoForms, "co_forms.csv")
SISL_REFERENCE_CODE_LIST(CoSocialSecurityBodies, "co_social_security_bodies.csv")
SISL_REFERENCE_CODE_LIST(CoTransformationCodes, "co_transformation_codes.csv")

#undef SISL_REFERENCE_CODE_LIST

std::vector<const CodeList*> AllCodeLists() {
  return {&Cp2011Professions(),   &Ateco2007(),           &Ateco2025(),
          &CoContractTypes(),     &CoWorkingTime(),       &CoTerminationCauses(),
          &CoEducationLevels(),   &CoCitizenship(),       &Ccnl(),
          &CoCommunicationTypes(), &CoForms(),            &CoSocialSecurityBodies(),
          &CoTransformationCodes()};
}

const CodeList& AtecoInForce(absl::CivilDay day) {
  return day >= absl::CivilDay(2025, 1, 1) ? Ateco2025() : Ateco2007();
}

}  // namespace sisl::reference
