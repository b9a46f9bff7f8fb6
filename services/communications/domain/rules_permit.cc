// PRM: the residence permit of a worker whose citizenship has no free movement in Italy
// (reference::IsFreeMovementCitizenship on the event date).

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "services/communications/domain/rules_helpers.h"
#include "services/reference/code_lists.h"
#include "services/reference/municipalities.h"

namespace sisl::communications::rules_internal {
namespace {

// The permit document types (tipo documento) of the CO. The reference library has no such list
// yet; COMONL names 3-6, communication.h 1 and 2. To move to services/reference.
struct DocumentType {
  absl::string_view code;
  bool open_ended;  // no expiry: carta di soggiorno, carta permanente
  bool pending;     // renewal or first permit under way: an expired document is still good
};
constexpr std::array<DocumentType, 6> kDocumentTypes = {{
    {"1", false, false},  // permesso di soggiorno
    {"2", true, false},   // carta di soggiorno (EU long-term residence)
    {"3", false, true},   // in rinnovo
    {"4", false, true},   // in attesa di permesso
    {"5", true, false},   // carta permanente
    {"6", false, false},  // altro provvedimento
}};

const DocumentType* FindDocumentType(absl::string_view code) {
  auto it = std::find_if(kDocumentTypes.begin(), kDocumentTypes.end(),
                         [&](const DocumentType& t) { return t.code == code; });
  return it == kDocumentTypes.end() ? nullptr : &*it;
}

// True when the worker needs a permit: complete forms, citizenship stated and well-formed, no
// free movement on the event date.
bool NeedsPermit(const Communication& c) {
  const std::string& citizenship = c.worker.citizenship;
  return IsFullForm(c) && reference::IsWellFormedCitizenship(citizenship) &&
         !reference::IsFreeMovementCitizenship(citizenship, EventDate(c));
}

const Permit* RequiredPermit(const Communication& c) {
  return NeedsPermit(c) && c.worker.permit ? &*c.worker.permit : nullptr;
}

// The events that start or prolong work: the permit must be in force on their date.
bool StartsOrProlongs(EventKind event) {
  return event == EventKind::kHire || event == EventKind::kExtension ||
         event == EventKind::kTransformation || event == EventKind::kMissionStart ||
         event == EventKind::kMissionExtension;
}

bool ExpiredOnEvent(const Communication& c) {
  const Permit* permit = RequiredPermit(c);
  if (permit == nullptr || !permit->expiry || !StartsOrProlongs(c.event)) return false;
  const DocumentType* type = FindDocumentType(permit->document_type);
  return (type == nullptr || !type->pending) && *permit->expiry < EventDate(c);
}

bool ExpiresDuringRelationship(const Communication& c) {
  const Permit* permit = RequiredPermit(c);
  const std::optional<absl::CivilDay>& end = c.event == EventKind::kExtension && c.extension
                                                 ? std::optional(c.extension->new_end)
                                                 : c.contract.end;
  return permit != nullptr && permit->expiry && end && *permit->expiry >= EventDate(c) &&
         *permit->expiry < *end;
}

}  // namespace

void AddPermitRules(std::vector<Rule>& rules) {
  rules.insert(
      rules.end(),
      {
          {"PRM-001", kError, kAreaPermit, "worker.permit",
           "Per un lavoratore senza libera circolazione in Italia servono i dati del permesso di "
           "soggiorno.",
           "A worker without free movement in Italy needs residence permit data.",
           [](const Communication& c, const RuleContext&) {
             return NeedsPermit(c) && !c.worker.permit;
           }},
          {"PRM-002", kError, kAreaPermit, "worker.permit.document_type",
           "Il tipo di documento di soggiorno è obbligatorio.",
           "The permit document type is required.",
           [](const Communication& c, const RuleContext&) {
             const Permit* p = RequiredPermit(c);
             return p != nullptr && IsBlank(p->document_type);
           }},
          {"PRM-003", kError, kAreaPermit, "worker.permit.document_type",
           "Il tipo di documento di soggiorno non è tra quelli ammessi (1-6).",
           "The permit document type is not one of the allowed ones (1-6).",
           [](const Communication& c, const RuleContext&) {
             const Permit* p = RequiredPermit(c);
             return p != nullptr && !IsBlank(p->document_type) &&
                    FindDocumentType(p->document_type) == nullptr;
           }},
          {"PRM-004", kError, kAreaPermit, "worker.permit.number",
           "Il numero del documento di soggiorno è obbligatorio.",
           "The permit document number is required.",
           [](const Communication& c, const RuleContext&) {
             const Permit* p = RequiredPermit(c);
             return p != nullptr && IsBlank(p->number);
           }},
          {"PRM-005", kError, kAreaPermit, "worker.permit.reason",
           "Il motivo del permesso di soggiorno è obbligatorio.", "The permit reason is required.",
           [](const Communication& c, const RuleContext&) {
             const Permit* p = RequiredPermit(c);
             return p != nullptr && IsBlank(p->reason);
           }},
          {"PRM-006", kError, kAreaPermit, "worker.permit.police_office",
           "La questura che ha rilasciato il documento è obbligatoria.",
           "The issuing police office (questura) is required.",
           [](const Communication& c, const RuleContext&) {
             const Permit* p = RequiredPermit(c);
             return p != nullptr && IsBlank(p->police_office);
           }},
          {"PRM-007", kError, kAreaPermit, "worker.permit.police_office",
           "La questura va indicata con il codice catastale di un comune esistente.",
           "The police office is given as the Belfiore code of an existing municipality.",
           [](const Communication& c, const RuleContext&) {
             const Permit* p = RequiredPermit(c);
             return p != nullptr && !IsBlank(p->police_office) &&
                    reference::Municipalities::Default().ByBelfiore(p->police_office) == nullptr;
           }},
          {"PRM-008", kError, kAreaPermit, "worker.permit.expiry",
           "La data di scadenza del permesso è obbligatoria, salvo per carta di soggiorno e carta "
           "permanente.",
           "The permit expiry is required, except for a residence card or permanent card.",
           [](const Communication& c, const RuleContext&) {
             const Permit* p = RequiredPermit(c);
             if (p == nullptr || p->expiry || IsBlank(p->document_type)) return false;
             const DocumentType* type = FindDocumentType(p->document_type);
             return type != nullptr && !type->open_ended;
           }},
          {"PRM-009", kError, kAreaPermit, "worker.permit.expiry",
           "Il permesso di soggiorno è scaduto alla data dell'evento (salvo rinnovo in corso).",
           "The residence permit has expired on the event date (unless a renewal is under way).",
           [](const Communication& c, const RuleContext&) { return ExpiredOnEvent(c); }},
          {"PRM-010", kWarning, kAreaPermit, "worker.permit.expiry",
           "Il permesso di soggiorno scade prima della fine prevista del rapporto.",
           "The residence permit expires before the planned end of the relationship.",
           [](const Communication& c, const RuleContext&) { return ExpiresDuringRelationship(c); }},
          {"PRM-011", kWarning, kAreaPermit, "worker.permit",
           "Il lavoratore ha libera circolazione in Italia: i dati del permesso non servono.",
           "The worker has free movement in Italy: permit data is not needed.",
           [](const Communication& c, const RuleContext&) {
             return IsFullForm(c) && c.worker.permit &&
                    reference::IsFreeMovementCitizenship(c.worker.citizenship, EventDate(c));
           }},
          {"PRM-012", kError, kAreaPermit, "worker.permit.reason",
           "Il motivo del permesso va indicato con il suo codice (da 1 a 5 lettere maiuscole o "
           "cifre).",
           "The permit reason is given as its code (1 to 5 capital letters or digits).",
           [](const Communication& c, const RuleContext&) {
             const Permit* p = RequiredPermit(c);
             if (p == nullptr || IsBlank(p->reason)) return false;
             if (p->reason.size() > 5) return true;
             for (char ch : p->reason) {
               if (!(ch >= 'A' && ch <= 'Z') && !(ch >= '0' && ch <= '9')) return true;
             }
             return false;
           }},
      });
}

}  // namespace sisl::communications::rules_internal
