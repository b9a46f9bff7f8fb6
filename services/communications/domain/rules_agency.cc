// SOM: agency work (UNISOMM): the agency, its register number, the user company and the
// mission, which must lie inside the agency relationship.

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "services/communications/domain/rules_helpers.h"
#include "services/reference/code_lists.h"

namespace sisl::communications::rules_internal {
namespace {

constexpr size_t kMaxRegisterNumber = 20;  // numeroIscrizioneAlbo, at most 20 characters
constexpr size_t kMaxContractNumber = 20;

bool IsUnisomm(const Communication& c) { return c.form == Form::kUnisomm && !IsCancellation(c); }
bool IsMissionEvent(const Communication& c) {
  return c.event == EventKind::kMissionStart || c.event == EventKind::kMissionExtension ||
         c.event == EventKind::kMissionTermination;
}
const Agency* AgencyOf(const Communication& c) {
  return IsUnisomm(c) && c.agency ? &*c.agency : nullptr;
}
const Mission* MissionOf(const Communication& c) {
  return IsUnisomm(c) && c.mission ? &*c.mission : nullptr;
}

// The ministry's register number (e.g. "1100-SG"): letters, digits, '-', '/', '.', with a digit.
bool IsWellFormedRegisterNumber(absl::string_view s) {
  if (s.empty() || s.size() > kMaxRegisterNumber || !absl::ascii_isalnum(s.front())) return false;
  const bool allowed = std::all_of(s.begin(), s.end(), [](char ch) {
    return absl::ascii_isdigit(ch) || absl::ascii_isupper(ch) || ch == '-' || ch == '/' ||
           ch == '.';
  });
  return allowed &&
         std::any_of(s.begin(), s.end(), [](char ch) { return absl::ascii_isdigit(ch); });
}

bool MissionOutsideRelationship(const Communication& c, const RuleContext& x) {
  const Mission* m = MissionOf(c);
  const std::optional<absl::CivilDay> end = RelationshipEnd(c, x);
  return m != nullptr && end && (m->start > *end || (m->end && *m->end > *end));
}

}  // namespace

void AddAgencyRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"SOM-001", kError, kAreaAgency, "agency",
           "Il modulo UNISOMM richiede i dati dell'agenzia di somministrazione.",
           "The UNISOMM form needs the temporary-work agency's data.",
           [](const Communication& c, const RuleContext&) { return IsUnisomm(c) && !c.agency; }},
          {"SOM-002", kError, kAreaAgency, "agency.fiscal_code",
           "Il codice fiscale dell'agenzia è obbligatorio e deve essere valido.",
           "The agency's fiscal code is required and must be valid.",
           [](const Communication& c, const RuleContext&) {
             const Agency* a = AgencyOf(c);
             return a != nullptr && !IsValidFiscalCode(a->fiscal_code);
           }},
          {"SOM-003", kError, kAreaAgency, "agency.fiscal_code",
           "Nel modulo UNISOMM il datore di lavoro è l'agenzia: i codici fiscali devono "
           "coincidere.",
           "On UNISOMM the employer is the agency: the fiscal codes must be the same.",
           [](const Communication& c, const RuleContext&) {
             const Agency* a = AgencyOf(c);
             return a != nullptr && !IsBlank(a->fiscal_code) && !IsBlank(c.employer.fiscal_code) &&
                    !SameFiscalCode(a->fiscal_code, c.employer.fiscal_code);
           }},
          {"SOM-004", kError, kAreaAgency, "agency.name",
           "La denominazione dell'agenzia è obbligatoria.", "The agency's name is required.",
           [](const Communication& c, const RuleContext&) {
             const Agency* a = AgencyOf(c);
             return a != nullptr && IsBlank(a->name);
           }},
          {"SOM-005", kError, kAreaAgency, "agency.register_number",
           "Il numero di iscrizione all'albo delle agenzie per il lavoro è obbligatorio.",
           "The agency's register number (albo) is required.",
           [](const Communication& c, const RuleContext&) {
             const Agency* a = AgencyOf(c);
             return a != nullptr && IsBlank(a->register_number);
           }},
          {"SOM-006", kError, kAreaAgency, "agency.register_number",
           "Il numero di iscrizione all'albo ha al massimo 20 caratteri (lettere maiuscole, "
           "cifre, '-', '/', '.') e contiene almeno una cifra.",
           "The register number has at most 20 characters (upper-case letters, digits, '-', "
           "'/', '.') and at least one digit.",
           [](const Communication& c, const RuleContext&) {
             const Agency* a = AgencyOf(c);
             return a != nullptr && !IsBlank(a->register_number) &&
                    !IsWellFormedRegisterNumber(a->register_number);
           }},
          {"SOM-007", kWarning, kAreaAgency, "agency",
           "I dati dell'agenzia e della missione si indicano solo nel modulo UNISOMM: sono "
           "ignorati.",
           "Agency and mission data belong to the UNISOMM form only: they are ignored.",
           [](const Communication& c, const RuleContext&) {
             return c.form != Form::kUnisomm && !IsCancellation(c) && (c.agency || c.mission);
           }},
          {"SOM-008", kError, kAreaAgency, "mission",
           "Gli eventi di missione richiedono i dati della missione.",
           "Mission events need the mission's data.",
           [](const Communication& c, const RuleContext&) {
             return IsUnisomm(c) && IsMissionEvent(c) && !c.mission;
           }},
          {"SOM-009", kError, kAreaAgency, "mission.user_fiscal_code",
           "Il codice fiscale dell'utilizzatore è obbligatorio e deve essere valido.",
           "The user company's fiscal code is required and must be valid.",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             return m != nullptr && !IsValidFiscalCode(m->user_fiscal_code);
           }},
          {"SOM-010", kError, kAreaAgency, "mission.user_fiscal_code",
           "L'utilizzatore deve essere diverso dall'agenzia e dal lavoratore.",
           "The user company must differ from the agency and from the worker.",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             return m != nullptr && (SameFiscalCode(m->user_fiscal_code, c.employer.fiscal_code) ||
                                     SameFiscalCode(m->user_fiscal_code, c.worker.fiscal_code));
           }},
          {"SOM-011", kError, kAreaAgency, "mission.user_name",
           "La denominazione dell'utilizzatore è obbligatoria.",
           "The user company's name is required.",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             return m != nullptr && IsBlank(m->user_name);
           }},
          {"SOM-012", kError, kAreaAgency, "mission.user_ateco",
           "Il settore ATECO dell'utilizzatore è obbligatorio e deve essere in vigore all'inizio "
           "della missione o alla data di invio.",
           "The user company's ATECO sector is required and must be in force when the mission "
           "starts or on the filing day.",
           [](const Communication& c, const RuleContext& x) {
             const Mission* m = MissionOf(c);
             return m != nullptr && !IsAtecoInForce(m->user_ateco, m->start, x.today);
           }},
          {"SOM-013", kError, kAreaAgency, "mission.agency_contract_number",
           "Il numero del contratto di somministrazione è obbligatorio (al massimo 20 "
           "caratteri).",
           "The agency contract number is required (at most 20 characters).",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             return m != nullptr && (IsBlank(m->agency_contract_number) ||
                                     m->agency_contract_number.size() > kMaxContractNumber);
           }},
          {"SOM-014", kError, kAreaAgency, "mission.start",
           "La missione non può iniziare prima del rapporto con l'agenzia.",
           "The mission cannot start before the relationship with the agency.",
           [](const Communication& c, const RuleContext& x) {
             const Mission* m = MissionOf(c);
             return m != nullptr && m->start < RelationshipStart(c, x);
           }},
          {"SOM-015", kError, kAreaAgency, "mission.end",
           "La fine della missione non può precedere il suo inizio.",
           "The mission cannot end before it starts.",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             return m != nullptr && m->end && *m->end < m->start;
           }},
          {"SOM-016", kError, kAreaAgency, "mission.end",
           "La missione deve svolgersi entro la durata del rapporto con l'agenzia.",
           "The mission must lie inside the relationship with the agency.",
           [](const Communication& c, const RuleContext& x) {
             return MissionOutsideRelationship(c, x);
           }},
          {"SOM-017", kError, kAreaAgency, "mission.workplace.municipality_code",
           "Il comune della sede della missione è obbligatorio e deve esistere all'inizio della "
           "missione.",
           "The mission workplace municipality is required and must exist when the mission "
           "starts.",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             return m != nullptr && !IsPlaceOn(m->workplace.municipality_code, m->start, true);
           }},
          {"SOM-018", kError, kAreaAgency, "mission.profession",
           "La qualifica professionale della missione è obbligatoria e deve essere valida.",
           "The mission's profession is required and must be valid.",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             return m != nullptr &&
                    !reference::ValidateCoProfession("mission.profession", m->profession, m->start)
                         .ok();
           }},
          {"SOM-019", kError, kAreaAgency, "mission.ccnl",
           "Il CCNL della missione è obbligatorio e deve essere valido.",
           "The mission's CCNL is required and must be valid.",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             return m != nullptr &&
                    !reference::ValidateCcnl("mission.ccnl", m->ccnl, m->start).ok();
           }},
          {"SOM-020", kError, kAreaAgency, "mission.working_time",
           "L'orario della missione è obbligatorio e valido; a tempo parziale le ore settimanali "
           "sono più di 0 e meno di 40.",
           "The mission's working time is required and valid; part-time weekly hours are above "
           "0 and below 40.",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             if (m == nullptr) return false;
             return !reference::ValidateWorkingTime("mission.working_time", m->working_time,
                                                    m->start)
                         .ok() ||
                    (IsPartTime(m->working_time) && !(m->weekly_hours > 0 && m->weekly_hours < 40));
           }},
          {"SOM-021", kError, kAreaAgency, "mission.inail_pat",
           "La PAT INAIL della missione, se indicata, è di 8-10 cifre.",
           "The mission's INAIL PAT number, when given, is 8 to 10 digits.",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             return m != nullptr && !m->inail_pat.empty() && !IsWellFormedPat(m->inail_pat);
           }},
          {"SOM-022", kError, kAreaAgency, "mission.end",
           "La proroga della missione deve indicare la nuova data di fine della missione.",
           "A mission extension must give the mission's new end date.",
           [](const Communication& c, const RuleContext&) {
             const Mission* m = MissionOf(c);
             return m != nullptr && c.event == EventKind::kMissionExtension && !m->end;
           }},
      });
}

}  // namespace sisl::communications::rules_internal
