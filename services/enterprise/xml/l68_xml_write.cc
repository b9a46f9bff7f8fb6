// WriteL68Xml: the returns as a libxml2 tree, checked against the XSD, then serialised.

#include <libxml/tree.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "services/enterprise/xml/l68_xml.h"
#include "services/enterprise/xml/l68_xml_internal.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::xml {
namespace {

using internal::X;

constexpr int kLastExclusion = static_cast<int>(L68Exclusion::kConstructionSiteStaff);

class Writer final {
 public:
  explicit Writer(xmlNs* ns) : ns_(ns) {}

  xmlNode* Add(xmlNode* parent, const char* name, const std::string& text) {
    return xmlNewTextChild(parent, ns_, X(name), X(text.c_str()));
  }
  xmlNode* Add(xmlNode* parent, const char* name, int64_t value) {
    return Add(parent, name, absl::StrCat(value));
  }
  xmlNode* Node(xmlNode* parent, const char* name) {
    return xmlNewChild(parent, ns_, X(name), nullptr);
  }
  void YesNo(xmlNode* parent, const char* name, bool yes) { Add(parent, name, yes ? "SI" : "NO"); }

  void Prospetto(xmlNode* p, const L68XmlReturn& r);

 private:
  void Quadro1(xmlNode* parent, const L68XmlReturn& r);
  void Quadro2(xmlNode* parent, const L68XmlReturn& r, const L68ProvinceInput& p);
  void Quadro3(xmlNode* parent, const L68Return& figures);
  void Figures(xmlNode* parent, const L68Figures& f, bool suspended);

  xmlNs* ns_;
};

// At most `n` characters of UTF-8 `s` (never half a character).
std::string Prefix(const std::string& s, size_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == n) return s.substr(0, i);
  }
  return s;
}

std::string Hours(int minutes) { return absl::StrFormat("%02d:%02d", minutes / 60, minutes % 60); }

const char* CategoryCode(L68CompanyCategory c) {
  switch (c) {
    case L68CompanyCategory::kA:
      return "A";
    case L68CompanyCategory::kB:
      return "B";
    case L68CompanyCategory::kC:
      return "C";
    default:
      return "N";
  }
}

void Writer::Prospetto(xmlNode* p, const L68XmlReturn& r) {
  xmlSetProp(p, X("codicecomunicazione"), X("0000000000000000"));
  if (!r.protocol.empty()) xmlSetProp(p, X("protocollo"), X(r.protocol.c_str()));
  if (!r.previous_protocol.empty()) {
    xmlSetProp(p, X("protocolloprecedente"), X(r.previous_protocol.c_str()));
  }
  const std::string sent = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", r.sent_at, absl::UTCTimeZone());
  xmlSetProp(p, X("dataInvio"), X(sent.c_str()));
  xmlSetProp(p, X("versione"), X("SISL-UNIPI-1"));
  Quadro1(p, r);
  for (const L68ProvinceInput& province : r.input.provinces) Quadro2(p, r, province);
  Quadro3(p, r.figures);
  Add(p, "tipocomunicazione",
      r.kind == L68XmlKind::kCorrection     ? "03"
      : r.kind == L68XmlKind::kCancellation ? "04"
                                            : "01");
}

void Writer::Quadro1(xmlNode* parent, const L68XmlReturn& r) {
  xmlNode* q = Node(parent, "quadro1");
  xmlNode* dati = Node(q, "datiprospetto");
  Add(dati, "datariferimento", absl::StrFormat("%04d-12-31", r.input.year));
  Add(dati, "categoriaazienda", CategoryCode(r.figures.category));
  Add(dati, "nlavoratorinazionali", r.figures.national.workers_in_force.value);
  const L68XmlCompany& c = r.company;
  xmlNode* azienda = Node(q, "datiaziendali");
  Add(azienda, "codicefiscale", c.fiscal_code);
  Add(azienda, "denominazione", Prefix(c.name, 150));
  if (!c.ateco_code.empty()) Add(azienda, "settore", c.ateco_code);
  YesNo(azienda, "pubblicaamministrazione", c.public_administration);
  xmlNode* sede = Node(azienda, "sedelegale");
  Add(sede, "comune", c.office_belfiore.empty() ? "0000" : c.office_belfiore);
  Add(sede, "provincia", c.office_province);
  if (!c.office_postcode.empty()) Add(sede, "cap", c.office_postcode);
  if (!c.office_address.empty()) Add(sede, "indirizzo", Prefix(c.office_address, 150));
  if (!c.pec.empty()) Add(sede, "pec", c.pec);
  bool suspended = false;
  for (const L68ProvinceResult& p : r.figures.provinces) suspended |= p.obligation_suspended;
  YesNo(q, "sospensioniincorso", suspended);
}

void Writer::Quadro2(xmlNode* parent, const L68XmlReturn& r, const L68ProvinceInput& p) {
  xmlNode* q = Node(parent, "quadro2");
  Add(q, "provincia", p.province);
  YesNo(q, "sedelegale", p.province == r.input.registered_office_province);
  for (const L68Employee& e : p.employees) {
    xmlNode* l = Node(q, "lavoratori");
    Add(l, "numero", e.count);
    Add(l, "categoria",
        e.role == L68Role::kDisabled    ? "D"
        : e.role == L68Role::kProtected ? "C"
                                        : "O");
    const bool hours = e.working_time == L68WorkingTime::kPartTime ||
                       e.working_time == L68WorkingTime::kIntermittent;
    Add(l, "orario",
        e.working_time == L68WorkingTime::kPartTime       ? "PT"
        : e.working_time == L68WorkingTime::kIntermittent ? "IN"
                                                          : "TP");
    if (hours) {
      Add(l, "orariosettimanale", Hours(e.weekly_minutes));
      Add(l, "orariocontrattuale", Hours(e.full_time_weekly_minutes));
    }
    if (e.exclusion.has_value()) Add(l, "categoriaesclusa", ExclusionXmlCode(*e.exclusion));
    if (e.in_force_on_17_01_2000) YesNo(l, "inforzaal17012000", true);
  }
  if (p.other_disabled_coverage != 0) {
    Add(q, "disabilinondipendenti", p.other_disabled_coverage);
  }
  if (p.exemption_percent != 0) Add(Node(q, "esonero"), "percentuale", p.exemption_percent);
  if (p.suspension.has_value()) {
    xmlNode* s = Node(q, "sospensione");
    Add(s, "numerolavoratori", p.suspension->workers);
    Add(s, "causale", p.suspension->cause);
  }
  for (const L68Compensation& c : r.input.compensations) {
    if (c.from_province != p.province) continue;
    xmlNode* n = Node(q, "compensazione");
    Add(n, "provinciadestinazione", c.to_province);
    Add(n, "categoria", c.kind == L68QuotaKind::kProtected ? "C" : "D");
    Add(n, "numero", c.positions);
  }
}

void Writer::Figures(xmlNode* n, const L68Figures& f, bool suspended) {
  Add(n, "lavoratoriinforza", f.workers_in_force.value);
  Add(n, "basecomputo", f.base.value);
  Add(n, "basecomputoart18", f.base_protected.value);
  Add(n, "quotariserva", f.quota.value);
  Add(n, "quotariservaart18", f.quota_protected.value);
  Add(n, "esonerati", f.exempted.value);
  Add(n, "compensazioni", f.compensation.value);
  Add(n, "postidovuti", f.positions_due.value);
  Add(n, "disabiliinforza", f.disabled_coverage.value);
  Add(n, "coperti", f.covered.value);
  Add(n, "scoperture", f.uncovered.value);
  Add(n, "catprotetteinforza", f.protected_in_force.value);
  Add(n, "scopertureart18", f.uncovered_protected.value);
  YesNo(n, "sospensioneincorso", suspended);
}

void Writer::Quadro3(xmlNode* parent, const L68Return& figures) {
  xmlNode* q = Node(parent, "quadro3");
  bool suspended = false;
  for (const L68ProvinceResult& p : figures.provinces) suspended |= p.obligation_suspended;
  Figures(Node(q, "riepilogonazionale"), figures.national, suspended);
  for (const L68ProvinceResult& p : figures.provinces) {
    xmlNode* n = Node(q, "riepilogoprovinciale");
    Add(n, "provincia", p.province);
    Figures(n, p.figures, p.obligation_suspended);
  }
}

}  // namespace

std::string ExclusionXmlCode(L68Exclusion exclusion) {
  return absl::StrFormat("%04d", static_cast<int>(exclusion));
}

std::optional<L68Exclusion> ExclusionFromXmlCode(absl::string_view code) {
  for (int i = 1; i <= kLastExclusion; ++i) {
    if (absl::StrFormat("%04d", i) == code) return static_cast<L68Exclusion>(i);
  }
  return std::nullopt;
}

absl::StatusOr<std::string> WriteL68Xml(const std::vector<L68XmlReturn>& returns) {
  RETURN_IF_ERROR(internal::Schema().status());  // also initialises libxml2
  if (returns.empty()) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "XML_NO_RETURNS",
                           "nothing to write");
  }
  internal::DocPtr doc(xmlNewDoc(X("1.0")));
  const bool many = returns.size() > 1;
  xmlNode* root = xmlNewNode(nullptr, X(many ? "prospetti" : "prospetto"));
  xmlDocSetRootElement(doc.get(), root);
  xmlNs* ns = xmlNewNs(root, X(kUnipiNamespace), nullptr);
  xmlSetNs(root, ns);
  Writer w(ns);
  if (many) {
    for (const L68XmlReturn& r : returns) w.Prospetto(w.Node(root, "prospetto"), r);
  } else {
    w.Prospetto(root, returns.front());
  }
  internal::ProblemSink sink;
  if (!internal::ValidateDoc(doc.get(), sink)) {
    const L68XmlProblem first = sink.empty() ? L68XmlProblem{} : sink.problems().front();
    return platform::Error(
        absl::StatusCode::kInternal, "XML_SCHEMA_MISMATCH",
        absl::StrCat("the exported return does not pass the XSD: ", first.message));
  }
  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc.get(), &out, &size, "UTF-8", 1);
  if (out == nullptr) {
    return platform::Error(absl::StatusCode::kResourceExhausted, "OUT_OF_MEMORY",
                           "the XML could not be serialised");
  }
  std::string text(reinterpret_cast<const char*>(out), static_cast<size_t>(size));
  xmlFree(out);
  return text;
}

}  // namespace sisl::enterprise::xml
