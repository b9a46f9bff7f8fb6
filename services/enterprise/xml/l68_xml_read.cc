// ReadL68Xml: a streaming reader (xmlTextReader) over the document; each `prospetto` is expanded
// alone, copied into a small document of its own, checked against the XSD and read, then the
// reader moves past it, so a file of many returns is never one tree.

#include <libxml/xmlreader.h>

#include <climits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/enterprise/xml/l68_xml.h"
#include "services/enterprise/xml/l68_xml_internal.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::xml {
namespace {

using internal::IsUnipi;
using internal::ProblemSink;
using internal::XmlInvalid;

struct ReaderFree {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};

const xmlNode* Child(const xmlNode* parent, const char* name) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (IsUnipi(c, name)) return c;
  }
  return nullptr;
}

std::vector<const xmlNode*> Children(const xmlNode* parent, const char* name) {
  std::vector<const xmlNode*> out;
  if (parent == nullptr) return out;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (IsUnipi(c, name)) out.push_back(c);
  }
  return out;
}

std::string Text(const xmlNode* n) {
  if (n == nullptr) return "";
  xmlChar* content = xmlNodeGetContent(n);
  std::string out = content != nullptr ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return out;
}

int Int(const xmlNode* n) {
  int v = 0;
  return absl::SimpleAtoi(Text(n), &v) ? v : 0;
}

// "hh:mm" (the XSD's Orario) in minutes.
int Minutes(const xmlNode* n) {
  const std::string t = Text(n);
  int h = 0, m = 0;
  if (t.size() != 5 || !absl::SimpleAtoi(t.substr(0, 2), &h) ||
      !absl::SimpleAtoi(t.substr(3, 2), &m)) {
    return 0;
  }
  return h * 60 + m;
}

int Line(const xmlNode* n) { return n == nullptr ? 0 : static_cast<int>(xmlGetLineNo(n)); }

// The company and the year, also from a prospetto the XSD refused (for its result).
void ReadHeader(const xmlNode* p, L68XmlDocument& doc) {
  const xmlNode* q1 = Child(p, "quadro1");
  doc.company_fiscal_code = Text(Child(Child(q1, "datiaziendali"), "codicefiscale"));
  const std::string day = Text(Child(Child(q1, "datiprospetto"), "datariferimento"));
  if (day.size() >= 4 && !absl::SimpleAtoi(day.substr(0, 4), &doc.year)) doc.year = 0;
}

L68Employee ReadEmployee(const xmlNode* l, L68XmlDocument& doc) {
  L68Employee e;
  e.count = Int(Child(l, "numero"));
  const std::string role = Text(Child(l, "categoria"));
  e.role = role == "D"   ? L68Role::kDisabled
           : role == "C" ? L68Role::kProtected
                         : L68Role::kOrdinary;
  const std::string time = Text(Child(l, "orario"));
  e.working_time = time == "PT"   ? L68WorkingTime::kPartTime
                   : time == "IN" ? L68WorkingTime::kIntermittent
                                  : L68WorkingTime::kFullTime;
  e.weekly_minutes = Minutes(Child(l, "orariosettimanale"));
  e.full_time_weekly_minutes = Minutes(Child(l, "orariocontrattuale"));
  if (const xmlNode* x = Child(l, "categoriaesclusa"); x != nullptr) {
    e.exclusion = ExclusionFromXmlCode(Text(x));
    if (!e.exclusion.has_value()) doc.problems.push_back({Line(x), 0, "unknown excluded category"});
  }
  e.in_force_on_17_01_2000 = Text(Child(l, "inforzaal17012000")) == "SI";
  return e;
}

// A prospetto the XSD accepted, into the computation's input.
void ReadProspetto(const xmlNode* p, L68XmlDocument& doc) {
  L68ReturnInput& in = doc.input;
  in.year = doc.year;
  for (const xmlNode* q : Children(p, "quadro2")) {
    L68ProvinceInput province;
    province.province = Text(Child(q, "provincia"));
    if (Text(Child(q, "sedelegale")) == "SI") {
      if (!in.registered_office_province.empty()) {
        doc.problems.push_back(
            {Line(q), 0, "only one quadro2 may be the registered office's (sedelegale SI)"});
      }
      in.registered_office_province = province.province;
    }
    for (const xmlNode* l : Children(q, "lavoratori")) {
      province.employees.push_back(ReadEmployee(l, doc));
    }
    province.other_disabled_coverage = Int(Child(q, "disabilinondipendenti"));
    province.exemption_percent = Int(Child(Child(q, "esonero"), "percentuale"));
    if (const xmlNode* s = Child(q, "sospensione"); s != nullptr) {
      province.suspension =
          L68Suspension{Int(Child(s, "numerolavoratori")), Text(Child(s, "causale"))};
    }
    for (const xmlNode* c : Children(q, "compensazione")) {
      in.compensations.push_back(
          {Text(Child(c, "categoria")) == "C" ? L68QuotaKind::kProtected : L68QuotaKind::kDisabled,
           province.province, Text(Child(c, "provinciadestinazione")), Int(Child(c, "numero"))});
    }
    in.provinces.push_back(std::move(province));
  }
}

// Checks and reads the expanded `prospetto` through a document of its own.
L68XmlDocument ReadOne(const xmlNode* expanded, int index) {
  L68XmlDocument doc;
  doc.index = index;
  doc.line = Line(expanded);
  internal::DocPtr small(xmlNewDoc(internal::X("1.0")));
  xmlNode* copy = xmlDocCopyNode(const_cast<xmlNode*>(expanded), small.get(), 1);
  if (copy == nullptr) {
    doc.problems.push_back({doc.line, 0, "out of memory"});
    return doc;
  }
  xmlDocSetRootElement(small.get(), copy);
  ReadHeader(copy, doc);
  ProblemSink sink;
  if (!internal::ValidateDoc(small.get(), sink)) {
    doc.problems = sink.problems();
    return doc;
  }
  ReadProspetto(copy, doc);
  return doc;
}

absl::Status Refuse(xmlTextReader* r, const std::string& what) {
  return XmlInvalid(
      what, {{xmlTextReaderGetParserLineNumber(r), xmlTextReaderGetParserColumnNumber(r), what}});
}

}  // namespace

absl::StatusOr<std::vector<L68XmlDocument>> ReadL68Xml(absl::string_view text, int max_returns) {
  RETURN_IF_ERROR(internal::Schema().status());
  if (text.size() > static_cast<size_t>(INT_MAX)) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "XML_TOO_LARGE",
                           "the document is too large");
  }
  std::unique_ptr<xmlTextReader, ReaderFree> owner(xmlReaderForMemory(
      text.data(), static_cast<int>(text.size()), "l68.xml", nullptr, internal::kParseOptions));
  xmlTextReader* r = owner.get();
  if (r == nullptr) {
    return platform::Error(absl::StatusCode::kResourceExhausted, "OUT_OF_MEMORY",
                           "the XML reader could not start");
  }
  ProblemSink errors;
  xmlTextReaderSetStructuredErrorHandler(r, &ProblemSink::Handler, &errors);
  std::vector<L68XmlDocument> docs;
  bool wrapper = false;
  int ret = xmlTextReaderRead(r);
  while (ret == 1 && errors.empty()) {
    const int type = xmlTextReaderNodeType(r);
    if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE) {
      return Refuse(r, "DOCTYPE declarations and entity references are not allowed");
    }
    if (type != XML_READER_TYPE_ELEMENT) {
      ret = xmlTextReaderRead(r);
      continue;
    }
    const xmlNode* node = xmlTextReaderCurrentNode(r);
    const bool prospetto = IsUnipi(node, "prospetto");
    if (xmlTextReaderDepth(r) == 0 && IsUnipi(node, "prospetti")) {
      wrapper = true;
      ret = xmlTextReaderRead(r);
      continue;
    }
    if (!prospetto || xmlTextReaderDepth(r) != (wrapper ? 1 : 0)) {
      return Refuse(r, absl::StrCat("expected a prospetto (or prospetti around them) in namespace ",
                                    kUnipiNamespace));
    }
    if (static_cast<int>(docs.size()) >= max_returns) {
      return platform::Error(absl::StatusCode::kInvalidArgument, "XML_TOO_MANY_RETURNS",
                             absl::StrCat("at most ", max_returns, " returns in one document"),
                             {{"max_returns", absl::StrCat(max_returns)}});
    }
    const xmlNode* expanded = xmlTextReaderExpand(r);
    if (expanded == nullptr) {  // not well-formed: the error is in `errors`
      ret = -1;
      break;
    }
    docs.push_back(ReadOne(expanded, static_cast<int>(docs.size()) + 1));
    ret = xmlTextReaderNext(r);  // past the subtree, which the reader then frees
  }
  if (ret < 0 || !errors.empty()) {
    return XmlInvalid("the XML document is not well-formed", errors.problems());
  }
  if (docs.empty()) return XmlInvalid("the document holds no prospetto", {});
  return docs;
}

}  // namespace sisl::enterprise::xml
