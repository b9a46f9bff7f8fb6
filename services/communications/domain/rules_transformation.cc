// TRF: the transformation of a relationship (to open-ended, end of the training period,
// working-time changes). The transformation codes are COMONL's (regione-piemonte/comonl); the
// reference library has no such list yet, so the table below is the one local code list of the
// catalogue, to move to services/reference.

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "services/communications/domain/rules_helpers.h"
#include "services/reference/code_lists.h"

namespace sisl::communications::rules_internal {
namespace {

enum class Origin {
  kAny,
  kFixedTermOrTraineeship,
  kApprenticeship,
  kQualificationApprentice,
  kTrainingContract,
  kInsertionContract
};

struct TransformationCode {
  absl::string_view code;
  Origin origin;
  // The contract types the relationship may become, comma-separated; "" when unchanged/any.
  absl::string_view new_types;
  bool to_open_ended;  // not allowed for seasonal work
  bool public_only;
};

constexpr std::array<TransformationCode, 9> kCodes = {{
    {"AI", Origin::kApprenticeship, "A.01.00", true, false},  // apprenticeship to open-ended
    {"DI", Origin::kFixedTermOrTraineeship,
     "A.01.00,A.04.02,A.05.02,A.07.02,A.08.02,M.02.00,N.01.00", true, false},  // to open-ended
    {"DP", Origin::kQualificationApprentice, "A.03.09", false, false},         // to A.03.09
    {"FF", Origin::kApprenticeship, "", true, false},            // end of the training period
    {"FI", Origin::kTrainingContract, "A.01.00", true, true},    // CFL to open-ended (PA)
    {"II", Origin::kInsertionContract, "A.01.00", true, false},  // insertion to open-ended
    {"PP", Origin::kAny, "", false, false},                      // part-time to full time
    {"PV", Origin::kAny, "", false, true},                       // vertical progression (PA)
    {"TP", Origin::kAny, "", false, false},                      // full time to part-time
}};

const absl::CivilDay kLastAiStart(2011, 10, 25);  // AI for relationships started until then

bool IsTransformation(const Communication& c) {
  return HasRelationship(c) && c.event == EventKind::kTransformation;
}
const Transformation* Data(const Communication& c) {
  return IsTransformation(c) && c.transformation ? &*c.transformation : nullptr;
}
const TransformationCode* Find(const Communication& c) {
  const Transformation* t = Data(c);
  if (t == nullptr) return nullptr;
  auto it = std::find_if(kCodes.begin(), kCodes.end(),
                         [&](const TransformationCode& k) { return k.code == t->code; });
  return it == kCodes.end() ? nullptr : &*it;
}
bool CodeIs(const Communication& c, absl::string_view code) {
  const TransformationCode* k = Find(c);
  return k != nullptr && k->code == code;
}

// The contract type before the transformation: the store's, else this communication's when it
// is not already the new one; "" when unknown.
std::string OriginType(const Communication& c, const RuleContext& x) {
  if (x.relationship && !x.relationship->contract_type.empty()) {
    return x.relationship->contract_type;
  }
  const Transformation* t = Data(c);
  return t != nullptr && c.contract.contract_type != t->new_contract_type ? c.contract.contract_type
                                                                          : "";
}

bool OriginMismatch(const Communication& c, const RuleContext& x) {
  const TransformationCode* k = Find(c);
  const std::string origin = OriginType(c, x);
  if (k == nullptr || origin.empty()) return false;
  switch (k->origin) {
    case Origin::kAny:
      return false;
    case Origin::kFixedTermOrTraineeship:
      return !IsFixedTermType(origin);
    case Origin::kApprenticeship:
      return !IsApprenticeshipType(origin);
    case Origin::kQualificationApprentice:
      return origin != "A.03.08";
    case Origin::kTrainingContract:
      return origin != "A.03.04";
    case Origin::kInsertionContract:
      return origin != "A.03.07";
  }
  return false;
}

bool NewTypeMismatch(const Communication& c) {
  const TransformationCode* k = Find(c);
  if (k == nullptr || k->new_types.empty()) return false;
  const std::string& type = c.transformation->new_contract_type;
  for (absl::string_view allowed : absl::StrSplit(k->new_types, ',')) {
    if (allowed == type) return false;
  }
  return true;
}

// PP needs a part-time relationship, TP a full-time one (when the store knows it).
bool WorkingTimeOriginMismatch(const Communication& c, const RuleContext& x) {
  if (!x.relationship || x.relationship->working_time.empty()) return false;
  const std::string& before = x.relationship->working_time;
  return (CodeIs(c, "PP") && !IsPartTime(before)) || (CodeIs(c, "TP") && before != "F");
}

}  // namespace

void AddTransformationRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"TRF-001", kError, kAreaTransformation, "transformation",
           "Una trasformazione deve indicarne i dati (codice, data, nuovo contratto).",
           "A transformation must give its data (code, date, new contract).",
           [](const Communication& c, const RuleContext&) {
             return IsTransformation(c) && !c.transformation;
           }},
          {"TRF-002", kError, kAreaTransformation, "transformation.code",
           "Il codice di trasformazione è obbligatorio.", "The transformation code is required.",
           [](const Communication& c, const RuleContext&) {
             const Transformation* t = Data(c);
             return t != nullptr && IsBlank(t->code);
           }},
          {"TRF-003", kError, kAreaTransformation, "transformation.code",
           "Il codice di trasformazione non esiste (ammessi AI, DI, DP, FF, FI, II, PP, PV, TP).",
           "Unknown transformation code (allowed: AI, DI, DP, FF, FI, II, PP, PV, TP).",
           [](const Communication& c, const RuleContext&) {
             const Transformation* t = Data(c);
             // The codes are services/reference's list; what each means is kCodes'.
             return t != nullptr && !IsBlank(t->code) && t->code != "TL" && t->code != "DL" &&
                    (Find(c) == nullptr ||
                     reference::CoTransformationCodes().Find(t->code) == nullptr);
           }},
          {"TRF-004", kError, kAreaTransformation, "transformation.code",
           "Trasferimento (TL) e distacco (DL) si comunicano come eventi di trasferimento o "
           "distacco, non come trasformazione.",
           "Transfer (TL) and secondment (DL) are filed as transfer or secondment events, not "
           "as a transformation.",
           [](const Communication& c, const RuleContext&) {
             const Transformation* t = Data(c);
             return t != nullptr && (t->code == "TL" || t->code == "DL");
           }},
          {"TRF-005", kError, kAreaTransformation, "transformation.date",
           "La data di trasformazione deve essere successiva all'inizio del rapporto.",
           "The transformation date must be after the start of the relationship.",
           [](const Communication& c, const RuleContext& x) {
             const Transformation* t = Data(c);
             return t != nullptr && t->date <= RelationshipStart(c, x);
           }},
          {"TRF-006", kError, kAreaTransformation, "transformation.date",
           "La data di trasformazione non può essere successiva alla fine del rapporto.",
           "The transformation date cannot be after the end of the relationship.",
           [](const Communication& c, const RuleContext& x) {
             const Transformation* t = Data(c);
             const std::optional<absl::CivilDay> end = RelationshipEnd(c, x);
             return t != nullptr && end && t->date > *end;
           }},
          {"TRF-007", kError, kAreaTransformation, "transformation.new_contract_type",
           "La nuova tipologia contrattuale non esiste o non è in vigore alla data di "
           "trasformazione.",
           "The new contract type does not exist or is not in force on the transformation date.",
           [](const Communication& c, const RuleContext&) {
             const Transformation* t = Data(c);
             return t != nullptr && !t->new_contract_type.empty() &&
                    !reference::ValidateContractType("transformation.new_contract_type",
                                                     t->new_contract_type, t->date)
                         .ok();
           }},
          {"TRF-008", kError, kAreaTransformation, "transformation.new_contract_type",
           "La nuova tipologia contrattuale non è coerente con il codice di trasformazione (ad "
           "esempio AI, FI, II portano ad A.01.00, DP ad A.03.09).",
           "The new contract type does not fit the transformation code (e.g. AI, FI, II lead "
           "to A.01.00, DP to A.03.09).",
           [](const Communication& c, const RuleContext&) { return NewTypeMismatch(c); }},
          {"TRF-009", kError, kAreaTransformation, "transformation.code",
           "Il rapporto di partenza non ammette questa trasformazione: a tempo indeterminato "
           "(DI) solo da contratto a termine o tirocinio, AI e FF solo da apprendistato, DP da "
           "A.03.08, FI da A.03.04, II da A.03.07.",
           "The relationship cannot be transformed so: to open-ended (DI) only from fixed-term "
           "or traineeship, AI and FF only from apprenticeship, DP from A.03.08, FI from "
           "A.03.04, II from A.03.07.",
           [](const Communication& c, const RuleContext& x) { return OriginMismatch(c, x); }},
          {"TRF-010", kError, kAreaTransformation, "transformation.code",
           "Le trasformazioni FI e PV sono ammesse solo per le pubbliche amministrazioni.",
           "The FI and PV transformations are for public administrations only.",
           [](const Communication& c, const RuleContext&) {
             const TransformationCode* k = Find(c);
             return k != nullptr && k->public_only && !c.employer.public_administration;
           }},
          {"TRF-011", kError, kAreaTransformation, "transformation.new_working_time",
           "La trasformazione da tempo parziale a tempo pieno (PP) richiede il nuovo orario F.",
           "The part-time to full-time transformation (PP) needs the new working time F.",
           [](const Communication& c, const RuleContext&) {
             return CodeIs(c, "PP") && c.transformation->new_working_time != "F";
           }},
          {"TRF-012", kError, kAreaTransformation, "transformation.new_working_time",
           "La trasformazione da tempo pieno a tempo parziale (TP) richiede un nuovo orario "
           "parziale (P, V, M).",
           "The full-time to part-time transformation (TP) needs a part-time new working time "
           "(P, V, M).",
           [](const Communication& c, const RuleContext&) {
             return CodeIs(c, "TP") && !IsPartTime(c.transformation->new_working_time);
           }},
          {"TRF-013", kError, kAreaTransformation, "transformation.new_working_time",
           "Il nuovo tipo di orario non esiste o non è valido alla data di trasformazione.",
           "The new working-time code does not exist or is not valid on the transformation date.",
           [](const Communication& c, const RuleContext&) {
             const Transformation* t = Data(c);
             return t != nullptr && !t->new_working_time.empty() &&
                    !reference::ValidateWorkingTime("transformation.new_working_time",
                                                    t->new_working_time, t->date)
                         .ok();
           }},
          {"TRF-014", kError, kAreaTransformation, "transformation.new_weekly_hours",
           "Con il nuovo orario a tempo parziale le ore settimanali sono più di 0 e meno di 40.",
           "With a part-time new working time the weekly hours are above 0 and below 40.",
           [](const Communication& c, const RuleContext&) {
             const Transformation* t = Data(c);
             return t != nullptr && IsPartTime(t->new_working_time) &&
                    !(t->new_weekly_hours > 0 && t->new_weekly_hours < 40);
           }},
          {"TRF-015", kError, kAreaTransformation, "contract.seasonal",
           "Il lavoro stagionale non può essere trasformato a tempo indeterminato né concludere "
           "il periodo formativo (DI, AI, FI, II, FF).",
           "Seasonal work cannot be transformed to open-ended nor end its training period (DI, "
           "AI, FI, II, FF).",
           [](const Communication& c, const RuleContext&) {
             const TransformationCode* k = Find(c);
             return k != nullptr && k->to_open_ended && c.contract.seasonal;
           }},
          {"TRF-016", kError, kAreaTransformation, "transformation.code",
           "AI vale per i rapporti iniziati fino al 25/10/2011, FF per quelli iniziati dal "
           "26/10/2011.",
           "AI is for relationships started until 2011-10-25, FF for those started from "
           "2011-10-26.",
           [](const Communication& c, const RuleContext& x) {
             const absl::CivilDay start = RelationshipStart(c, x);
             return (CodeIs(c, "AI") && start > kLastAiStart) ||
                    (CodeIs(c, "FF") && start <= kLastAiStart);
           }},
          {"TRF-017", kError, kAreaTransformation, "event",
           "Il rapporto è già cessato: non può essere trasformato.",
           "The relationship has already ended: it cannot be transformed.",
           [](const Communication& c, const RuleContext& x) {
             return IsTransformation(c) && RelationshipClosed(x);
           }},
          {"TRF-018", kError, kAreaTransformation, "transformation.code",
           "La trasformazione dell'orario non è coerente con l'orario attuale del rapporto (PP "
           "parte da un tempo parziale, TP da un tempo pieno).",
           "The working-time transformation does not fit the relationship's current working "
           "time (PP starts from part-time, TP from full time).",
           [](const Communication& c, const RuleContext& x) {
             return WorkingTimeOriginMismatch(c, x);
           }},
      });
}

}  // namespace sisl::communications::rules_internal
