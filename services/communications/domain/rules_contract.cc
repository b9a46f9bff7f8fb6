// CTR: the relationship (contract type for form and employer, dates, CCNL, profession,
// social-security body, traineeship and apprenticeship limits).

#include <string>
#include <vector>

#include "services/communications/domain/rules_helpers.h"
#include "services/reference/code_lists.h"
#include "services/reference/fiscal_code.h"

namespace sisl::communications::rules_internal {
namespace {

constexpr int kFixedTermMonths = 24;
constexpr int kTraineeshipMonths = 12;
constexpr int kMinTrainingMonths = 6;

const std::string& Type(const Communication& c) { return c.contract.contract_type; }

bool HasType(const Communication& c) { return HasRelationship(c) && !IsBlank(Type(c)); }

// The worker's age on the start of an apprenticeship hire is outside [low, high] (whole years).
bool AgeOutside(const Communication& c, const RuleContext& x, int low, int high) {
  if (!IsDetailedHire(c) || c.worker.birth_date > x.today) return false;
  const int age = reference::AgeOn(c.worker.birth_date, c.contract.start);
  return age < low || age > high;
}

}  // namespace

void AddContractRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"CTR-001", kError, kAreaContract, "contract.contract_type",
           "La tipologia contrattuale è obbligatoria.", "The contract type is required.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && IsBlank(Type(c));
           }},
          {"CTR-002", kError, kAreaContract, "contract.contract_type",
           "La tipologia contrattuale non esiste o non è in vigore alla data di inizio.",
           "The contract type does not exist or is not in force on the start date.",
           [](const Communication& c, const RuleContext&) {
             return HasType(c) && !reference::ValidateContractType("contract.contract_type",
                                                                   Type(c), c.contract.start)
                                       .ok();
           }},
          {"CTR-003", kError, kAreaContract, "contract.contract_type",
           "Il contratto di formazione e lavoro (A.03.04) è ammesso solo per le pubbliche "
           "amministrazioni.",
           "The training and work contract (A.03.04) is for public administrations only.",
           [](const Communication& c, const RuleContext&) {
             return HasType(c) && Type(c) == "A.03.04" && !c.employer.public_administration;
           }},
          {"CTR-004", kError, kAreaContract, "contract.contract_type",
           "Le tipologie di lavoro in somministrazione si comunicano solo con UNISOMM.",
           "Agency-work contract types are filed on UNISOMM only.",
           [](const Communication& c, const RuleContext&) {
             return HasType(c) && c.form != Form::kUnisomm && IsAgencyWorkType(Type(c));
           }},
          {"CTR-005", kError, kAreaContract, "contract.contract_type",
           "Nel modulo UNISOMM il rapporto con l'agenzia è di lavoro subordinato (tipologie A.*).",
           "On UNISOMM the relationship with the agency is employment (A.* types).",
           [](const Communication& c, const RuleContext&) {
             return HasType(c) && c.form == Form::kUnisomm && !IsEmploymentType(Type(c));
           }},
          {"CTR-006", kError, kAreaContract, "contract.end",
           "La data di fine è obbligatoria per i rapporti a termine, i tirocini e il lavoro "
           "stagionale.",
           "The end date is required for fixed-term relationships, traineeships and seasonal "
           "work.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && (IsFixedTermType(Type(c)) || c.contract.seasonal) &&
                    !c.contract.end;
           }},
          {"CTR-007", kError, kAreaContract, "contract.end",
           "La data di fine non può precedere la data di inizio.",
           "The end date cannot be before the start date.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && c.contract.end && *c.contract.end < c.contract.start;
           }},
          {"CTR-008", kError, kAreaContract, "contract.end",
           "Un rapporto a tempo indeterminato non ha data di fine.",
           "An open-ended relationship has no end date.",
           [](const Communication& c, const RuleContext&) {
             return HasType(c) && IsOpenEndedType(Type(c)) && c.contract.end;
           }},
          {"CTR-009", kError, kAreaContract, "contract.ccnl",
           "Il CCNL applicato è obbligatorio per il lavoro subordinato.",
           "The collective agreement (CCNL) is required for employment.",
           [](const Communication& c, const RuleContext&) {
             return IsFullForm(c) && IsEmploymentType(Type(c)) && IsBlank(c.contract.ccnl);
           }},
          {"CTR-010", kError, kAreaContract, "contract.ccnl",
           "Il codice CCNL non esiste o non è valido alla data dell'evento.",
           "The CCNL code does not exist or is not valid on the event date.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && !IsBlank(c.contract.ccnl) &&
                    !reference::ValidateCcnl("contract.ccnl", c.contract.ccnl, EventDate(c)).ok();
           }},
          {"CTR-011", kWarning, kAreaContract, "contract.level",
           "Manca il livello di inquadramento del CCNL.", "The CCNL level is missing.",
           [](const Communication& c, const RuleContext&) {
             return IsFullForm(c) && IsEmploymentType(Type(c)) && !IsBlank(c.contract.ccnl) &&
                    IsBlank(c.contract.level);
           }},
          {"CTR-012", kError, kAreaContract, "contract.profession",
           "La qualifica professionale (ISTAT CP2011) è obbligatoria.",
           "The profession (ISTAT CP2011) is required.",
           [](const Communication& c, const RuleContext&) {
             return IsFullForm(c) && IsBlank(c.contract.profession);
           }},
          {"CTR-013", kError, kAreaContract, "contract.profession",
           "La qualifica professionale non esiste o non è valida alla data dell'evento.",
           "The profession code does not exist or is not valid on the event date.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && !IsBlank(c.contract.profession) &&
                    !reference::ValidateCoProfession("contract.profession", c.contract.profession,
                                                     EventDate(c))
                         .ok();
           }},
          {"CTR-014", kError, kAreaContract, "contract.social_security_body",
           "L'ente previdenziale è obbligatorio.", "The social-security body is required.",
           [](const Communication& c, const RuleContext&) {
             return IsFullForm(c) && IsBlank(c.contract.social_security_body);
           }},
          {"CTR-015", kError, kAreaContract, "contract.social_security_body",
           "Il codice dell'ente previdenziale non esiste o non è valido alla data dell'evento.",
           "The social-security body code does not exist or is not valid on the event date.",
           [](const Communication& c, const RuleContext&) {
             const std::string& body = c.contract.social_security_body;
             return HasRelationship(c) && !IsBlank(body) &&
                    (!reference::IsWellFormedSocialSecurityBody(body) ||
                     !reference::CheckCode(reference::CoSocialSecurityBodies(),
                                           "contract.social_security_body", body, EventDate(c),
                                           "UNKNOWN_SOCIAL_SECURITY_BODY")
                          .ok());
           }},
          {"CTR-016", kError, kAreaContract, "contract.inail_pat",
           "La PAT INAIL, se indicata, è di 8-10 cifre.",
           "The INAIL PAT number, when given, is 8 to 10 digits.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && !c.contract.inail_pat.empty() &&
                    !IsWellFormedPat(c.contract.inail_pat);
           }},
          {"CTR-017", kError, kAreaContract, "contract.annual_pay_eur",
           "La retribuzione annua non può essere negativa.", "The annual pay cannot be negative.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && c.contract.annual_pay_eur < 0;
           }},
          {"CTR-018", kError, kAreaContract, "contract.seasonal",
           "Il lavoro stagionale non è ammesso con il tempo indeterminato né con il tirocinio.",
           "Seasonal work is not allowed with open-ended contracts or traineeships.",
           [](const Communication& c, const RuleContext&) {
             return HasType(c) && c.contract.seasonal &&
                    (IsOpenEndedType(Type(c)) || IsTraineeshipType(Type(c)));
           }},
          {"CTR-019", kWarning, kAreaContract, "contract.end",
           "Il contratto a termine supera 24 mesi: oltre tale durata si trasforma a tempo "
           "indeterminato salvo diversa previsione dei contratti collettivi (D.Lgs. 81/2015 "
           "art. 19).",
           "The fixed-term contract exceeds 24 months: beyond that it becomes open-ended unless "
           "collective agreements provide otherwise (D.Lgs. 81/2015 art. 19).",
           [](const Communication& c, const RuleContext& x) {
             return IsHireEvent(c) && IsCappedFixedTerm(c, x) && c.contract.end &&
                    *c.contract.end > PeriodEnd(c.contract.start, kFixedTermMonths);
           }},
          {"CTR-020", kError, kAreaContract, "contract.end",
           "Il tirocinio non può durare più di 12 mesi.",
           "A traineeship cannot last more than 12 months.",
           [](const Communication& c, const RuleContext&) {
             return HasType(c) && IsTraineeshipType(Type(c)) && c.contract.end &&
                    *c.contract.end > PeriodEnd(c.contract.start, kTraineeshipMonths);
           }},
          {"CTR-021", kError, kAreaContract, "contract.training_end",
           "Per l'apprendistato la data di fine del periodo formativo è obbligatoria.",
           "An apprenticeship needs the end of its training period.",
           [](const Communication& c, const RuleContext&) {
             return IsFullForm(c) && IsApprenticeshipType(Type(c)) && !c.contract.training_end;
           }},
          {"CTR-022", kError, kAreaContract, "contract.training_end",
           "Il periodo formativo dell'apprendistato dura almeno 6 mesi dall'inizio.",
           "An apprenticeship's training period lasts at least 6 months from the start.",
           [](const Communication& c, const RuleContext&) {
             return HasType(c) && IsApprenticeshipType(Type(c)) && c.contract.training_end &&
                    *c.contract.training_end < PeriodEnd(c.contract.start, kMinTrainingMonths);
           }},
          {"CTR-023", kWarning, kAreaContract, "contract.training_end",
           "La fine del periodo formativo si indica solo per l'apprendistato.",
           "The end of the training period is given for apprenticeships only.",
           [](const Communication& c, const RuleContext&) {
             return HasType(c) && c.contract.training_end && !IsApprenticeshipType(Type(c));
           }},
          {"CTR-024", kError, kAreaContract, "contract.training_end",
           "Il periodo formativo non può finire dopo la fine del rapporto.",
           "The training period cannot end after the relationship.",
           [](const Communication& c, const RuleContext&) {
             return HasRelationship(c) && c.contract.training_end && c.contract.end &&
                    *c.contract.training_end > *c.contract.end;
           }},
          {"CTR-025", kError, kAreaContract, "worker.birth_date",
           "L'apprendistato per la qualifica e il diploma (A.03.08) è per lavoratori tra 15 e 25 "
           "anni all'assunzione.",
           "The apprenticeship for vocational qualifications (A.03.08) is for workers aged 15 to "
           "25 at hire.",
           [](const Communication& c, const RuleContext& x) {
             return HasType(c) && Type(c) == "A.03.08" && AgeOutside(c, x, 15, 25);
           }},
          {"CTR-026", kError, kAreaContract, "worker.birth_date",
           "L'apprendistato professionalizzante (A.03.09) e di alta formazione (A.03.10) è per "
           "lavoratori tra 18 e 29 anni all'assunzione.",
           "The vocational (A.03.09) and higher-education (A.03.10) apprenticeships are for "
           "workers aged 18 to 29 at hire.",
           [](const Communication& c, const RuleContext& x) {
             return HasType(c) && (Type(c) == "A.03.09" || Type(c) == "A.03.10") &&
                    AgeOutside(c, x, 18, 29);
           }},
          {"CTR-027", kWarning, kAreaContract, "contract.agricultural",
           "Il rapporto è indicato come agricolo ma il settore ATECO del datore non è "
           "l'agricoltura (sezione A).",
           "The relationship is marked agricultural but the employer's ATECO sector is not "
           "agriculture (section A).",
           [](const Communication& c, const RuleContext&) {
             if (!HasRelationship(c) || !c.contract.agricultural) return false;
             const std::string section = AtecoSection(c.employer.ateco, EventDate(c));
             return !section.empty() && section != "A";
           }},
      });
}

}  // namespace sisl::communications::rules_internal
