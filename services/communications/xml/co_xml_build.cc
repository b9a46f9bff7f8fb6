// BuildRecord: one communication as a libxml2 tree in its form's namespace, checked against the
// form's XSD. Parts the form does not carry (an agency in a UNILAV, the worker of a VARDATORI)
// are not written. Optional elements and attributes are written only when the domain has a
// value, so what is read back is what was written.

#include <cstdint>
#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/communications/xml/co_xml.h"
#include "services/communications/xml/co_xml_internal.h"
#include "services/platform/errors.h"

namespace sisl::communications::xml::internal {
namespace {

// True when `s` is UTF-8 of characters XML 1.0 allows, without control characters (tabs and
// line breaks included: no field of the forms holds them, and attributes would lose them).
bool CleanText(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    uint32_t cp = 0;
    int extra = 0;
    if (b < 0x80) {
      cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      cp = b & 0x1F, extra = 1;
    } else if ((b & 0xF0) == 0xE0) {
      cp = b & 0x0F, extra = 2;
    } else if ((b & 0xF8) == 0xF0) {
      cp = b & 0x07, extra = 3;
    } else {
      return false;
    }
    if (i + static_cast<size_t>(extra) >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      const unsigned char c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp < 0x20 || cp == 0x7F || (cp >= 0xD800 && cp <= 0xDFFF) ||
        cp == 0xFFFE || cp == 0xFFFF || cp > 0x10FFFF) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }

// Up to two decimals, no trailing zeros ("38", "37.5").
std::string Hours(double h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", h);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

class Builder final {
 public:
  explicit Builder(Form form) : form_(form) {}

  absl::StatusOr<DocPtr> Build(const Communication& c, bool validate);

 private:
  xmlNode* Node(xmlNode* parent, const char* name) {
    return xmlNewChild(parent, ns_, X(name), nullptr);
  }
  void Text(xmlNode* parent, const char* name, const std::string& text) {
    Check(name, text);
    xmlNewTextChild(parent, ns_, X(name), X(text.c_str()));
  }
  void OptText(xmlNode* parent, const char* name, const std::string& text) {
    if (!text.empty()) Text(parent, name, text);
  }
  void Attr(xmlNode* node, const char* name, const std::string& value) {
    Check(name, value);
    xmlSetProp(node, X(name), X(value.c_str()));
  }
  void OptAttr(xmlNode* node, const char* name, const std::string& value) {
    if (!value.empty()) Attr(node, name, value);
  }
  void YesNo(xmlNode* node, const char* name, bool yes) { Attr(node, name, yes ? "SI" : "NO"); }
  void Check(const char* name, const std::string& text) {
    if (bad_field_.empty() && !CleanText(text)) bad_field_ = name;
  }

  void WriteAddress(xmlNode* parent, const char* name, const Address& a);
  void WriteEmployer(xmlNode* parent, const Employer& e);
  void WriteWorker(xmlNode* parent, const Worker& w);
  void WorkingTime(xmlNode* parent, const std::string& code, double hours);
  void WriteContract(xmlNode* parent, const Contract& k);
  void EventParts(xmlNode* parent, const Communication& c);
  void WriteAgency(xmlNode* parent, const Agency& a);
  void WriteMission(xmlNode* parent, const Mission& m);
  void WriteEmployerChange(xmlNode* parent, const EmployerChange& v);

  Form form_;
  xmlNs* ns_ = nullptr;
  std::string bad_field_;
};

void Builder::WriteAddress(xmlNode* parent, const char* name, const Address& a) {
  xmlNode* n = Node(parent, name);
  Text(n, "Comune", a.municipality_code);
  OptText(n, "cap", a.postcode);
  OptText(n, "Indirizzo", a.street);
}

void Builder::WriteEmployer(xmlNode* parent, const Employer& e) {
  xmlNode* n = Node(parent, "DatoreLavoro");
  Attr(n, "codiceFiscale", e.fiscal_code);
  Attr(n, "denominazione", e.name);
  WriteAddress(n, "SedeLegale", e.registered_office);
  WriteAddress(n, "SedeLavoro", e.workplace);
  OptText(n, "Settore", e.ateco);
  Text(n, "PubblicaAmministrazione", e.public_administration ? "SI" : "NO");
  OptText(n, "e-mail", e.pec);
}

void Builder::WriteWorker(xmlNode* parent, const Worker& w) {
  xmlNode* n = Node(parent, "Lavoratore");
  Attr(n, "codiceFiscale", w.fiscal_code);
  xmlNode* a = Node(n, "AnagraficaCompleta");
  Text(a, "cognome", w.surname);
  Text(a, "nome", w.name);
  Text(a, "sesso", w.sex == reference::Sex::kFemale ? "F" : "M");
  xmlNode* birth = Node(a, "nascita");
  Attr(birth, "comune", w.birth_place_code);
  Attr(birth, "data", Day(w.birth_date));
  Text(a, "cittadinanza", w.citizenship);
  if (w.permit.has_value()) {
    const Permit& p = *w.permit;
    xmlNode* ps = Node(n, "PermessoSoggiorno");
    Attr(ps, "tipoDocumento", p.document_type);
    OptAttr(ps, "numeroDocumento", p.number);
    Attr(ps, "motivoPermesso", p.reason);
    if (p.expiry.has_value()) Attr(ps, "dataScadenzaPS", Day(*p.expiry));
    OptAttr(ps, "questura", p.police_office);
  }
  // UNIURG may leave the domicile and education to the UNILAV that follows.
  if (form_ != Form::kUniurg || w.domicile != Address{}) {
    WriteAddress(n, "Domicilio", w.domicile);
  }
  if (form_ != Form::kUniurg || !w.education_level.empty()) {
    Text(n, "LivelloIstruzione", w.education_level);
  }
}

void Builder::WorkingTime(xmlNode* parent, const std::string& code, double hours) {
  xmlNode* n = Node(parent, "tipoOrario");
  Attr(n, "codice", code);
  if (hours != 0) Attr(n, "oreSettimanaliMedie", Hours(hours));
}

void Builder::WriteContract(xmlNode* parent, const Contract& k) {
  xmlNode* n = Node(parent, "Rapporto");
  Attr(n, "dataInizio", Day(k.start));
  if (k.end.has_value()) Attr(n, "dataFine", Day(*k.end));
  Attr(n, "tipologiaContrattuale", k.contract_type);
  OptAttr(n, "entePrevidenziale", k.social_security_body);
  YesNo(n, "legge68", k.l68);
  YesNo(n, "lavoroStagionale", k.seasonal);
  YesNo(n, "lavoroInAgricoltura", k.agricultural);
  if (k.training_end.has_value()) Attr(n, "dataFinePeriodoFormativo", Day(*k.training_end));
  OptText(n, "ccnl", k.ccnl);
  OptText(n, "livelloInquadramento", k.level);
  if (form_ != Form::kUniurg || !k.working_time.empty() || k.weekly_hours != 0) {
    WorkingTime(n, k.working_time, k.weekly_hours);
  }
  if (form_ != Form::kUniurg || !k.profession.empty()) {
    Text(n, "qualificaProfessionale", k.profession);
  }
  if (k.annual_pay_eur != 0) Text(n, "retribuzioneAnnua", absl::StrCat(k.annual_pay_eur));
  OptText(n, "PatINAIL", k.inail_pat);
}

void Builder::EventParts(xmlNode* parent, const Communication& c) {
  if (c.extension.has_value()) {
    Attr(Node(parent, "Proroga"), "dataFineProroga", Day(c.extension->new_end));
  }
  if (c.transformation.has_value()) {
    const Transformation& t = *c.transformation;
    xmlNode* n = Node(parent, "Trasformazione");
    Attr(n, "codiceTrasformazione", t.code);
    Attr(n, "dataTrasformazione", Day(t.date));
    Attr(n, "tipologiaContrattuale", t.new_contract_type);
    if (!t.new_working_time.empty() || t.new_weekly_hours != 0) {
      WorkingTime(n, t.new_working_time, t.new_weekly_hours);
    }
  }
  if (c.transfer.has_value()) {
    const Transfer& t = *c.transfer;
    xmlNode* n = Node(parent, c.event == EventKind::kSecondment ? "Distacco" : "Trasferimento");
    Attr(n, "dataInizio", Day(t.date));
    if (t.end.has_value()) Attr(n, "dataFine", Day(*t.end));
    WriteAddress(n, "SedeLavoro", t.new_workplace);
    if (!t.host_employer_fiscal_code.empty() || !t.host_employer_name.empty()) {
      xmlNode* host = Node(n, "DatoreDistaccatario");
      Attr(host, "codiceFiscale", t.host_employer_fiscal_code);
      OptAttr(host, "denominazione", t.host_employer_name);
    }
  }
  if (c.termination.has_value()) {
    xmlNode* n = Node(parent, "Cessazione");
    Attr(n, "dataCessazione", Day(c.termination->date));
    Attr(n, "causa", c.termination->cause);
  }
}

void Builder::WriteAgency(xmlNode* parent, const Agency& a) {
  xmlNode* n = Node(parent, "Agenzia");
  Attr(n, "codiceFiscale", a.fiscal_code);
  Attr(n, "denominazione", a.name);
  Attr(n, "numeroIscrizioneAlbo", a.register_number);
}

void Builder::WriteMission(xmlNode* parent, const Mission& m) {
  xmlNode* n = Node(parent, "DittaUtilizzatrice");
  Attr(n, "codiceFiscale", m.user_fiscal_code);
  Attr(n, "denominazione", m.user_name);
  Attr(n, "numeroContrattoSomm", m.agency_contract_number);
  OptText(n, "Settore", m.user_ateco);
  Text(n, "PubblicaAmministrazione", m.user_public_administration ? "SI" : "NO");
  xmlNode* mission = Node(n, "Missione");
  Attr(mission, "dataInizioMissione", Day(m.start));
  if (m.end.has_value()) Attr(mission, "dataFineMissione", Day(*m.end));
  WriteAddress(mission, "SedeLavoro", m.workplace);
  Text(mission, "qualificaProfessionale", m.profession);
  OptText(mission, "ccnl", m.ccnl);
  OptText(mission, "livelloInquadramento", m.level);
  WorkingTime(mission, m.working_time, m.weekly_hours);
  OptText(mission, "PatINAIL", m.inail_pat);
}

void Builder::WriteEmployerChange(xmlNode* parent, const EmployerChange& v) {
  xmlNode* previous = Node(parent, "DatorePrecedente");
  Attr(previous, "codiceFiscale", v.previous_fiscal_code);
  Attr(previous, "denominazione", v.previous_name);
  xmlNode* n = Node(parent, "Variazione");
  // The domain's kinds as the XSD's codes; anything else is refused by the XSD as written.
  Attr(n, "tipoVariazione", v.kind == "NAME" ? "VR" : v.kind == "TRANSFER" ? "TA" : v.kind);
  Attr(n, "dataVariazione", Day(v.date));
  for (const std::string& worker : v.worker_fiscal_codes) {
    Attr(Node(n, "Lavoratore"), "codiceFiscale", worker);
  }
}

absl::StatusOr<DocPtr> Builder::Build(const Communication& c, bool validate) {
  DocPtr doc(xmlNewDoc(X("1.0")));
  if (doc == nullptr) {
    return platform::Error(absl::StatusCode::kResourceExhausted, "OUT_OF_MEMORY", "no memory");
  }
  const std::string root_name(FormRootElement(form_));
  xmlNode* root = xmlNewNode(nullptr, X(root_name.c_str()));
  xmlDocSetRootElement(doc.get(), root);
  const std::string ns(FormNamespace(form_));
  ns_ = xmlNewNs(root, X(ns.c_str()), nullptr);
  xmlSetNs(root, ns_);
  Attr(root, "codiceComunicazione", c.code.empty() ? std::string(16, '0') : c.code);
  OptAttr(root, "codiceComunicazionePrec", c.previous_code);
  Attr(root, "versione", std::string(FormVersion(form_)));
  if (c.sent_at.has_value()) Attr(root, "dataInvio", absl::FormatCivilTime(*c.sent_at));
  xmlNode* sending = Node(root, "DatiInvio");
  Attr(sending, "tipoComunicazione", std::string(NatureCode(c.nature)));
  Attr(sending, "tipoEvento", std::string(EventXmlCode(c.event)));
  WriteEmployer(root, c.employer);
  switch (form_) {
    case Form::kUnilav:
      WriteWorker(root, c.worker);
      WriteContract(root, c.contract);
      EventParts(root, c);
      break;
    case Form::kUnisomm:
      if (c.agency.has_value()) WriteAgency(root, *c.agency);
      WriteWorker(root, c.worker);
      WriteContract(root, c.contract);
      if (c.mission.has_value()) WriteMission(root, *c.mission);
      EventParts(root, c);
      break;
    case Form::kUniurg:
      WriteWorker(root, c.worker);
      WriteContract(root, c.contract);
      if (c.urgency.has_value()) Attr(Node(root, "Urgenza"), "motivo", c.urgency->reason);
      break;
    case Form::kVardatori:
      if (c.employer_change.has_value()) WriteEmployerChange(root, *c.employer_change);
      break;
  }
  if (!bad_field_.empty()) {
    return platform::Error(
        absl::StatusCode::kInvalidArgument, "XML_INVALID_TEXT",
        absl::StrCat("field ", bad_field_,
                     " is not valid UTF-8 or holds control characters (tabs, line breaks)"),
        {{"element", bad_field_}});
  }
  ProblemSink sink;
  if (validate && !ValidateDoc(doc.get(), form_, sink)) {
    return XmlError("XML_SCHEMA_VIOLATION",
                    absl::StrCat("the communication does not fit the ", root_name, " schema"),
                    sink.problems());
  }
  return doc;
}

}  // namespace

absl::StatusOr<DocPtr> BuildRecord(const Communication& c, bool validate) {
  return Builder(c.form).Build(c, validate);
}

}  // namespace sisl::communications::xml::internal
