// ReadRecord: a record that passed its form's XSD, into the domain. The XSD has checked shapes
// and presence; what is left is what the XSD cannot say: the event code and the part present
// must agree, and a code must have a domain value.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/communications/xml/co_xml.h"
#include "services/communications/xml/co_xml_internal.h"

namespace sisl::communications::xml::internal {
namespace {

class Parser final {
 public:
  Parser(Form form, int line_offset) : form_(form), line_offset_(line_offset) {}

  absl::StatusOr<Communication> Read(const xmlNode* root, int64_t record);

 private:
  // The first element child of `parent` named `name`, in the form's namespace.
  const xmlNode* Child(const xmlNode* parent, const char* name) const {
    if (parent == nullptr) return nullptr;
    for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
      if (InNamespace(c, ns_, name)) return c;
    }
    return nullptr;
  }
  static std::string Text(const xmlNode* n) {
    if (n == nullptr) return "";
    XmlCharPtr content(xmlNodeGetContent(n));
    return content != nullptr ? C(content.get()) : "";
  }
  static std::string Attr(const xmlNode* n, const char* name) {
    if (n == nullptr) return "";
    XmlCharPtr value(xmlGetNoNsProp(n, X(name)));
    return value != nullptr ? C(value.get()) : "";
  }
  static bool Has(const xmlNode* n, const char* name) {
    return n != nullptr && xmlHasNsProp(n, X(name), nullptr) != nullptr;
  }
  void Bad(const xmlNode* n, std::string message) {
    problems_.push_back(
        {n == nullptr ? 0 : static_cast<int>(n->line) + line_offset_, 0, std::move(message)});
  }
  absl::CivilDay Day(const xmlNode* n, const char* name) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(Attr(n, name), &day)) Bad(n, absl::StrCat(name, ": not a date"));
    return day;
  }
  std::optional<absl::CivilDay> OptDay(const xmlNode* n, const char* name) {
    if (!Has(n, name)) return std::nullopt;
    return Day(n, name);
  }
  double Hours(const xmlNode* n) {
    double hours = 0;
    if (Has(n, "oreSettimanaliMedie") &&
        !absl::SimpleAtod(Attr(n, "oreSettimanaliMedie"), &hours)) {
      Bad(n, "oreSettimanaliMedie: not a number");
    }
    return hours;
  }

  Address ReadAddress(const xmlNode* n) const {
    return {Text(Child(n, "Comune")), Text(Child(n, "cap")), Text(Child(n, "Indirizzo"))};
  }
  Employer ReadEmployer(const xmlNode* n) const;
  Worker ReadWorker(const xmlNode* n);
  Contract ReadContract(const xmlNode* n);
  void ReadEventParts(const xmlNode* root, Communication& c);
  Mission ReadMission(const xmlNode* n);
  EmployerChange ReadEmployerChange(const xmlNode* root);

  Form form_;
  int line_offset_;  // the copy's lines are relative to the record's start
  std::string ns_{FormNamespace(form_)};
  std::vector<Problem> problems_;
};

Employer Parser::ReadEmployer(const xmlNode* n) const {
  Employer e;
  e.fiscal_code = Attr(n, "codiceFiscale");
  e.name = Attr(n, "denominazione");
  e.registered_office = ReadAddress(Child(n, "SedeLegale"));
  e.workplace = ReadAddress(Child(n, "SedeLavoro"));
  e.ateco = Text(Child(n, "Settore"));
  e.public_administration = Text(Child(n, "PubblicaAmministrazione")) == "SI";
  e.pec = Text(Child(n, "e-mail"));
  return e;
}

Worker Parser::ReadWorker(const xmlNode* n) {
  Worker w;
  w.fiscal_code = Attr(n, "codiceFiscale");
  const xmlNode* a = Child(n, "AnagraficaCompleta");
  w.surname = Text(Child(a, "cognome"));
  w.name = Text(Child(a, "nome"));
  w.sex = Text(Child(a, "sesso")) == "F" ? reference::Sex::kFemale : reference::Sex::kMale;
  const xmlNode* birth = Child(a, "nascita");
  w.birth_place_code = Attr(birth, "comune");
  w.birth_date = Day(birth, "data");
  w.citizenship = Text(Child(a, "cittadinanza"));
  if (const xmlNode* p = Child(n, "PermessoSoggiorno"); p != nullptr) {
    w.permit = Permit{Attr(p, "tipoDocumento"), Attr(p, "numeroDocumento"),
                      Attr(p, "motivoPermesso"), OptDay(p, "dataScadenzaPS"), Attr(p, "questura")};
  }
  w.domicile = ReadAddress(Child(n, "Domicilio"));
  w.education_level = Text(Child(n, "LivelloIstruzione"));
  return w;
}

Contract Parser::ReadContract(const xmlNode* n) {
  Contract k;
  k.start = Day(n, "dataInizio");
  k.end = OptDay(n, "dataFine");
  k.contract_type = Attr(n, "tipologiaContrattuale");
  k.social_security_body = Attr(n, "entePrevidenziale");
  k.l68 = Attr(n, "legge68") == "SI";
  k.seasonal = Attr(n, "lavoroStagionale") == "SI";
  k.agricultural = Attr(n, "lavoroInAgricoltura") == "SI";
  k.training_end = OptDay(n, "dataFinePeriodoFormativo");
  k.ccnl = Text(Child(n, "ccnl"));
  k.level = Text(Child(n, "livelloInquadramento"));
  if (const xmlNode* t = Child(n, "tipoOrario"); t != nullptr) {
    k.working_time = Attr(t, "codice");
    k.weekly_hours = Hours(t);
  }
  k.profession = Text(Child(n, "qualificaProfessionale"));
  if (const xmlNode* pay = Child(n, "retribuzioneAnnua");
      pay != nullptr && !absl::SimpleAtoi(Text(pay), &k.annual_pay_eur)) {
    Bad(pay, "retribuzioneAnnua: not a number");
  }
  k.inail_pat = Text(Child(n, "PatINAIL"));
  return k;
}

void Parser::ReadEventParts(const xmlNode* root, Communication& c) {
  if (const xmlNode* p = Child(root, "Proroga"); p != nullptr) {
    c.extension = Extension{Day(p, "dataFineProroga")};
  }
  if (const xmlNode* t = Child(root, "Trasformazione"); t != nullptr) {
    Transformation tr;
    tr.code = Attr(t, "codiceTrasformazione");
    tr.date = Day(t, "dataTrasformazione");
    tr.new_contract_type = Attr(t, "tipologiaContrattuale");
    if (const xmlNode* w = Child(t, "tipoOrario"); w != nullptr) {
      tr.new_working_time = Attr(w, "codice");
      tr.new_weekly_hours = Hours(w);
    }
    c.transformation = std::move(tr);
  }
  const xmlNode* transfer = Child(root, "Trasferimento");
  const xmlNode* secondment = Child(root, "Distacco");
  if (secondment != nullptr && c.event != EventKind::kSecondment) {
    Bad(secondment, "Distacco goes with tipoEvento DIS");
  }
  if (transfer != nullptr && c.event == EventKind::kSecondment) {
    Bad(transfer, "tipoEvento DIS needs Distacco, not Trasferimento");
  }
  if (const xmlNode* t = transfer != nullptr ? transfer : secondment; t != nullptr) {
    Transfer tr;
    tr.date = Day(t, "dataInizio");
    tr.end = OptDay(t, "dataFine");
    tr.new_workplace = ReadAddress(Child(t, "SedeLavoro"));
    const xmlNode* host = Child(t, "DatoreDistaccatario");
    tr.host_employer_fiscal_code = Attr(host, "codiceFiscale");
    tr.host_employer_name = Attr(host, "denominazione");
    c.transfer = std::move(tr);
  }
  if (const xmlNode* t = Child(root, "Cessazione"); t != nullptr) {
    c.termination = Termination{Day(t, "dataCessazione"), Attr(t, "causa")};
  }
  // The part each event needs (the XSD allows at most one part, and none).
  const char* needed = nullptr;
  bool present = false;
  switch (c.event) {
    case EventKind::kExtension:
      needed = "Proroga", present = c.extension.has_value();
      break;
    case EventKind::kTransformation:
      needed = "Trasformazione", present = c.transformation.has_value();
      break;
    case EventKind::kTransfer:
      needed = "Trasferimento", present = transfer != nullptr;
      break;
    case EventKind::kSecondment:
      needed = "Distacco", present = secondment != nullptr;
      break;
    case EventKind::kTermination:
    case EventKind::kMissionTermination:
      needed = "Cessazione", present = c.termination.has_value();
      break;
    case EventKind::kMissionStart:
    case EventKind::kMissionExtension:
      needed = "DittaUtilizzatrice", present = c.mission.has_value();
      break;
    default:
      break;
  }
  if (needed != nullptr && !present) {
    Bad(Child(root, "DatiInvio"),
        absl::StrCat("tipoEvento ", EventXmlCode(c.event), " needs ", needed));
  }
}

Mission Parser::ReadMission(const xmlNode* n) {
  Mission m;
  m.user_fiscal_code = Attr(n, "codiceFiscale");
  m.user_name = Attr(n, "denominazione");
  m.agency_contract_number = Attr(n, "numeroContrattoSomm");
  m.user_ateco = Text(Child(n, "Settore"));
  m.user_public_administration = Text(Child(n, "PubblicaAmministrazione")) == "SI";
  const xmlNode* mission = Child(n, "Missione");
  m.start = Day(mission, "dataInizioMissione");
  m.end = OptDay(mission, "dataFineMissione");
  m.workplace = ReadAddress(Child(mission, "SedeLavoro"));
  m.profession = Text(Child(mission, "qualificaProfessionale"));
  m.ccnl = Text(Child(mission, "ccnl"));
  m.level = Text(Child(mission, "livelloInquadramento"));
  const xmlNode* time = Child(mission, "tipoOrario");
  m.working_time = Attr(time, "codice");
  m.weekly_hours = Hours(time);
  m.inail_pat = Text(Child(mission, "PatINAIL"));
  return m;
}

EmployerChange Parser::ReadEmployerChange(const xmlNode* root) {
  EmployerChange v;
  const xmlNode* previous = Child(root, "DatorePrecedente");
  v.previous_fiscal_code = Attr(previous, "codiceFiscale");
  v.previous_name = Attr(previous, "denominazione");
  const xmlNode* n = Child(root, "Variazione");
  const std::string kind = Attr(n, "tipoVariazione");
  v.kind = kind == "VR" ? "NAME" : kind == "TA" ? "TRANSFER" : kind;
  v.date = Day(n, "dataVariazione");
  for (const xmlNode* c = n != nullptr ? n->children : nullptr; c != nullptr; c = c->next) {
    if (InNamespace(c, ns_, "Lavoratore"))
      v.worker_fiscal_codes.push_back(Attr(c, "codiceFiscale"));
  }
  return v;
}

absl::StatusOr<Communication> Parser::Read(const xmlNode* root, int64_t record) {
  Communication c;
  c.form = form_;
  c.code = Attr(root, "codiceComunicazione");
  if (c.code == std::string(16, '0')) c.code.clear();
  c.previous_code = Attr(root, "codiceComunicazionePrec");
  if (Has(root, "dataInvio")) {
    absl::CivilSecond sent;
    if (absl::ParseCivilTime(Attr(root, "dataInvio"), &sent)) {
      c.sent_at = sent;
    } else {
      Bad(root, "dataInvio: not a date and time");
    }
  }
  const xmlNode* sending = Child(root, "DatiInvio");
  const std::string nature = Attr(sending, "tipoComunicazione");
  if (std::optional<Nature> n = NatureFromCode(nature); n.has_value()) {
    c.nature = *n;
  } else {
    Bad(sending, absl::StrCat("tipoComunicazione ", nature, " is not handled by SISL"));
  }
  const std::string event = Attr(sending, "tipoEvento");
  if (std::optional<EventKind> e = EventFromXmlCode(event); e.has_value()) {
    c.event = *e;
  } else {
    Bad(sending, absl::StrCat("unknown tipoEvento ", event));
  }
  c.employer = ReadEmployer(Child(root, "DatoreLavoro"));
  if (form_ == Form::kVardatori) {
    c.employer_change = ReadEmployerChange(root);
  } else {
    c.worker = ReadWorker(Child(root, "Lavoratore"));
    c.contract = ReadContract(Child(root, "Rapporto"));
  }
  if (const xmlNode* a = Child(root, "Agenzia"); a != nullptr) {
    c.agency =
        Agency{Attr(a, "codiceFiscale"), Attr(a, "denominazione"), Attr(a, "numeroIscrizioneAlbo")};
  }
  if (const xmlNode* m = Child(root, "DittaUtilizzatrice"); m != nullptr) {
    c.mission = ReadMission(m);
  }
  if (const xmlNode* u = Child(root, "Urgenza"); u != nullptr)
    c.urgency = Urgency{Attr(u, "motivo")};
  if (form_ != Form::kVardatori && form_ != Form::kUniurg) ReadEventParts(root, c);
  if (!problems_.empty()) {
    return XmlError(
        "XML_RECORD_INVALID",
        absl::StrCat("record ", record, " (", FormRootElement(form_), ") cannot be read"),
        problems_, record);
  }
  return c;
}

}  // namespace

absl::StatusOr<Communication> ReadRecord(const xmlNode* root, Form form, int64_t record,
                                         int line_offset) {
  return Parser(form, line_offset).Read(root, record);
}

}  // namespace sisl::communications::xml::internal
