// Internals of the rule catalogue (rules.h): the area lists the catalogue is assembled from and
// the small predicates the rules share. Every code list, fiscal code, municipality and holiday
// comes from services/reference; nothing here copies a list, except the two tables the
// reference library does not have yet (transformation codes, permit document types), which
// live in rules_transformation.cc and rules_permit.cc until they move there.
#ifndef SISL_SERVICES_COMMUNICATIONS_DOMAIN_RULES_HELPERS_H_
#define SISL_SERVICES_COMMUNICATIONS_DOMAIN_RULES_HELPERS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/communications/domain/communication.h"
#include "services/communications/domain/rules.h"

namespace sisl::communications::rules_internal {

// The areas, as Rule::area spells them, in the order of the documentation.
inline constexpr absl::string_view kAreaGeneral = "general";
inline constexpr absl::string_view kAreaEmployer = "employer";
inline constexpr absl::string_view kAreaWorker = "worker";
inline constexpr absl::string_view kAreaPermit = "permit";
inline constexpr absl::string_view kAreaContract = "contract";
inline constexpr absl::string_view kAreaWorkingTime = "working_time";
inline constexpr absl::string_view kAreaExtension = "extension";
inline constexpr absl::string_view kAreaTransformation = "transformation";
inline constexpr absl::string_view kAreaTransfer = "transfer";
inline constexpr absl::string_view kAreaTermination = "termination";
inline constexpr absl::string_view kAreaAgency = "agency";
inline constexpr absl::string_view kAreaUrgency = "urgency";
inline constexpr absl::string_view kAreaEmployerChange = "employer_change";
inline constexpr absl::string_view kAreaCorrection = "correction";
inline constexpr absl::string_view kAreaDeadline = "deadline";

inline constexpr Severity kError = Severity::kError;
inline constexpr Severity kWarning = Severity::kWarning;

// One function per area file appends that area's rules.
void AddGeneralRules(std::vector<Rule>& rules);         // GEN, rules_general.cc
void AddEmployerRules(std::vector<Rule>& rules);        // EMP, rules_employer.cc
void AddWorkerRules(std::vector<Rule>& rules);          // WRK, rules_worker.cc
void AddPermitRules(std::vector<Rule>& rules);          // PRM, rules_permit.cc
void AddContractRules(std::vector<Rule>& rules);        // CTR, rules_contract.cc
void AddWorkingTimeRules(std::vector<Rule>& rules);     // HRS, rules_hours.cc
void AddExtensionRules(std::vector<Rule>& rules);       // EXT, rules_extension.cc
void AddTransformationRules(std::vector<Rule>& rules);  // TRF, rules_transformation.cc
void AddTransferRules(std::vector<Rule>& rules);        // TRS, rules_transfer.cc
void AddTerminationRules(std::vector<Rule>& rules);     // TRM, rules_termination.cc
void AddAgencyRules(std::vector<Rule>& rules);          // SOM, rules_agency.cc
void AddUrgencyRules(std::vector<Rule>& rules);         // URG, rules_urgency.cc
void AddEmployerChangeRules(std::vector<Rule>& rules);  // VAR, rules_employer_change.cc
void AddCorrectionRules(std::vector<Rule>& rules);      // COR, rules_correction.cc
void AddDeadlineRules(std::vector<Rule>& rules);        // DLN, rules_deadline.cc

// --- What a communication carries ------------------------------------------------------------
// A cancellation carries only the code it cancels: content rules skip it.
bool IsCancellation(const Communication& c);
// Worker and relationship data: every form but VARDATORI, cancellations excluded.
bool HasRelationship(const Communication& c);
// The complete forms (UNILAV, UNISOMM), cancellations excluded: the UNIURG is a short form and
// leaves the details (education, domicile, CCNL, profession, ...) to the UNILAV after it.
bool IsFullForm(const Communication& c);
// A hire (or a UNISOMM mission start, which hires the worker for the mission) on any form but
// VARDATORI, cancellations excluded.
bool IsHireEvent(const Communication& c);
bool IsDetailedHire(const Communication& c);  // IsHireEvent on a complete form

// --- Text and codes ---------------------------------------------------------------------------
bool IsBlank(absl::string_view s);
bool IsDigits(absl::string_view s);              // non-empty, ASCII digits only
bool IsUpperAlnum(absl::string_view s);          // non-empty, A-Z and 0-9 only
bool IsWellFormedPostcode(absl::string_view s);  // five digits
bool IsWellFormedEmail(absl::string_view s);     // local@domain.tld, printable, no spaces
bool IsWellFormedPat(absl::string_view s);       // INAIL PAT: 8 to 10 digits
std::string NormalizedCode(absl::string_view fiscal_code);  // reference::NormalizeFiscalCode
// A valid Italian fiscal code of a company (11 digits, VAT check) or of a person (16
// characters, check letter). The code is normalized first.
bool IsValidFiscalCode(absl::string_view fiscal_code);
bool SameFiscalCode(absl::string_view a, absl::string_view b);  // normalized, both non-blank
// A Belfiore code of a municipality in force on `day`, or (when allowed) of a foreign country.
bool IsPlaceOn(absl::string_view code, absl::CivilDay day, bool allow_foreign);

// --- Dates ------------------------------------------------------------------------------------
// `day` plus `months` calendar months, the day of month clamped to the month's last day.
absl::CivilDay AddMonths(absl::CivilDay day, int months);
// The last day of a period of `months` months that starts on `start`.
absl::CivilDay PeriodEnd(absl::CivilDay start, int months);

// --- Contract types (read from reference::CoContractTypes' labels) ----------------------------
bool IsOpenEndedType(absl::string_view type);       // "... TEMPO INDETERMINATO"
bool IsFixedTermType(absl::string_view type);       // "... TEMPO DETERMINATO ...", traineeships
bool IsApprenticeshipType(absl::string_view type);  // "APPRENDISTATO ..."
bool IsTraineeshipType(absl::string_view type);     // "TIROCINIO ..."
bool IsAgencyWorkType(absl::string_view type);      // "... SOMMINISTRAZIONE ..."
bool IsEmploymentType(absl::string_view type);      // family A: subordinate employment
bool IsPartTime(absl::string_view working_time);    // P, V, M
// The relationship's contract as the store knows it, else as this communication states it.
std::string RelationshipType(const Communication& c, const RuleContext& context);
absl::CivilDay RelationshipStart(const Communication& c, const RuleContext& context);
std::optional<absl::CivilDay> RelationshipEnd(const Communication& c, const RuleContext& context);
bool RelationshipClosed(const RuleContext& context);  // known and terminated
// Fixed-term for the 24-month and extension limits (a seasonal contract is exempt).
bool IsCappedFixedTerm(const Communication& c, const RuleContext& context);

// --- ATECO ------------------------------------------------------------------------------------
// The section letter of an ATECO code in the edition in force on `day` (else in the other
// edition); "" when neither has it.
std::string AtecoSection(absl::string_view ateco, absl::CivilDay day);
bool IsTourism(const Employer& employer, absl::CivilDay day);  // section I
bool IsSchoolOrTraining(absl::string_view ateco);              // division 85
// True when the code is in the ATECO edition in force on the event day or on the filing day: a
// late filing may use the edition in force when it is filed (rules_employer.cc).
bool IsAtecoInForce(absl::string_view ateco, absl::CivilDay event, absl::CivilDay filed);

}  // namespace sisl::communications::rules_internal

#endif  // SISL_SERVICES_COMMUNICATIONS_DOMAIN_RULES_HELPERS_H_
