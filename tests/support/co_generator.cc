// The communication generator: the stream's population (employers, agencies), its workers, and
// the record loop. Hires and events are built in co_generator_events.cc, faults in
// co_generator_faults.cc.
#include "tests/support/co_generator.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/reference/code_lists.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/vat_number.h"
#include "tests/support/co_generator_internal.h"

namespace sisl::communications::testing {
namespace internal {
namespace {

constexpr int kEmployers = 3000;
constexpr int kLargeEmployers = 150;  // drawn 20 times as often as the others
constexpr size_t kPoolCapacity = 4096;

// An 11-digit VAT number, unused so far: company number, the tax office (the province's ISTAT
// code), check digit.
std::string VatNumber(Rng& rng, absl::string_view office, absl::flat_hash_set<std::string>& used) {
  for (;;) {
    const std::string first10 = absl::StrFormat("%07d%s", rng.Uniform(1, 9999999), office);
    std::string code = first10 + *reference::VatNumberCheckDigit(first10);
    if (used.insert(code).second) return code;
  }
}

std::string Pat(Rng& rng) {
  return absl::StrFormat("%d%07d", rng.Uniform(1, 999), rng.Uniform(0, 9999999));
}

std::string Pec(absl::string_view name) {
  std::string local;
  for (char ch : name) {
    const unsigned char u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) && u < 0x80) local.push_back(static_cast<char>(std::tolower(u)));
    if (local.size() >= 50) break;
  }
  return absl::StrCat(local.empty() ? "azienda" : local, "@pec.it");
}

}  // namespace

State::State(const GeneratorOptions& opts)
    : options(opts), rng(opts.seed ^ 0x5157A1C0FFEEull), tables(GetTables()) {
  const std::vector<absl::string_view> legal = {"S.r.l.", "S.r.l.", "S.p.A.",
                                                "S.n.c.", "S.a.s.", "Soc. Coop."};
  std::vector<double> weights;
  for (int i = 0; i < kEmployers; ++i) {
    EmployerProfile p;
    const bool pa = i % 67 == 66;
    p.section = pa ? 'O' : tables.sections[rng.Weighted(tables.section_cum)];
    const Place& workplace = tables.piedmont[rng.Weighted(tables.piedmont_cum)];
    const Place& office =
        i < kLargeEmployers && rng.Chance(0.3) ? rng.Pick(tables.other_offices) : workplace;
    Employer& e = p.employer;
    e.fiscal_code = VatNumber(rng, absl::string_view(office.municipality->istat_code).substr(0, 3),
                              used_fiscal_codes);
    if (pa) {
      e.name = absl::StrCat("Comune di ", workplace.municipality->name);
    } else if (rng.Chance(0.45)) {
      e.name = absl::StrCat(rng.Pick(tables.names[0].surnames), " ",
                            rng.Pick(tables.words_by_section.at(p.section)), " ", rng.Pick(legal));
    } else if (rng.Chance(0.3)) {
      e.name = absl::StrCat(rng.Pick(tables.names[0].surnames), " & ",
                            rng.Pick(tables.names[0].surnames), " S.n.c.");
    } else {
      e.name = absl::StrCat(rng.Pick(tables.place_words), " ",
                            rng.Pick(tables.words_by_section.at(p.section)), " ", rng.Pick(legal));
    }
    e.public_administration = pa;
    e.registered_office = RandomAddress(office);
    e.workplace = office.municipality == workplace.municipality && rng.Chance(0.7)
                      ? e.registered_office
                      : RandomAddress(workplace);
    e.pec = Pec(e.name);
    if (pa) {
      p.ateco2007 = p.ateco2025 = "84.11.10";
      p.ccnl = "EP";
    } else {
      p.ateco2007 = rng.Pick(tables.ateco[0].at(p.section));
      p.ateco2025 = rng.Pick(tables.ateco[1].at(p.section));
      p.ccnl = rng.Pick(tables.ccnl_by_section.at(p.section));
    }
    p.inail_pat = Pat(rng);
    employers.push_back(std::move(p));
    weights.push_back(i < kLargeEmployers ? 20.0 : 1.0);
  }
  employer_cum = Cumulative(weights);

  const Place* torino = nullptr;
  for (const Place& p : tables.piedmont) {
    if (p.municipality->belfiore_code == "L219") torino = &p;
  }
  const char* const kAgencies[] = {"Subalpina Lavoro S.p.A.",       "Mole Staffing S.r.l.",
                                   "Piemonte Risorse Umane S.p.A.", "Alpi Work Agency S.r.l.",
                                   "Monviso Interinale S.p.A.",     "Langhe Lavoro S.r.l."};
  int albo = 1100;
  for (const char* name : kAgencies) {
    EmployerProfile p;
    p.section = 'N';
    p.employer.fiscal_code = VatNumber(rng, "001", used_fiscal_codes);
    p.employer.name = name;
    p.employer.registered_office = RandomAddress(*torino);
    p.employer.workplace = p.employer.registered_office;
    p.employer.pec = Pec(name);
    p.ateco2007 = p.ateco2025 = "78.20.00";
    p.ccnl = "267";
    p.inail_pat = Pat(rng);
    p.agency = Agency{p.employer.fiscal_code, name, absl::StrFormat("%d-SG", albo += 7)};
    agencies.push_back(std::move(p));
  }
}

Address State::RandomAddress(const Place& place) {
  return Address{place.municipality->belfiore_code, place.postcode,
                 absl::StrCat(rng.Pick(tables.streets), " ", rng.Uniform(1, 180))};
}

size_t State::PickEmployer(bool private_only) {
  for (;;) {
    const size_t i = rng.Weighted(employer_cum);
    if (!private_only || !employers[i].employer.public_administration) return i;
  }
}

std::string State::AtecoOn(const EmployerProfile& e, absl::CivilDay day) const {
  return &reference::AtecoInForce(day) == &reference::Ateco2025() ? e.ateco2025 : e.ateco2007;
}

void State::Commit(size_t rel, const Communication& c) {
  OpenRelationship& r = open[rel];
  switch (c.event) {
    case EventKind::kExtension:
      r.hire.contract.end = c.extension->new_end;
      r.facts.end = c.extension->new_end;
      ++r.facts.extensions;
      break;
    case EventKind::kTransformation: {
      const Transformation& t = *c.transformation;
      r.hire.contract.contract_type = r.facts.contract_type = t.new_contract_type;
      if (t.code == "DI") r.hire.contract.end = r.facts.end = std::nullopt;
      if (!t.new_working_time.empty()) {
        r.hire.contract.working_time = r.facts.working_time = t.new_working_time;
        r.hire.contract.weekly_hours = t.new_weekly_hours;
      }
      break;
    }
    case EventKind::kTermination:
      open[rel] = std::move(open.back());
      open.pop_back();
      break;
    default:
      break;
  }
}

}  // namespace internal

using internal::Kind;

CommunicationGenerator::CommunicationGenerator(const GeneratorOptions& options)
    : options_(options), state_(std::make_unique<internal::State>(options)) {}

CommunicationGenerator::~CommunicationGenerator() = default;

GeneratedRecord CommunicationGenerator::Next() {
  internal::State& s = *state_;
  static const std::vector<double> kKindCum = internal::Cumulative({52, 18, 10, 7, 11, 2});
  GeneratedRecord r;
  r.index = s.index++;
  const bool invalid = s.rng.Chance(options_.invalid_share);
  Kind kind = static_cast<Kind>(s.rng.Weighted(kKindCum));
  std::optional<size_t> rel;
  if (kind == Kind::kTermination || kind == Kind::kExtension || kind == Kind::kTransformation) {
    rel = s.FindRelationship(kind);
    if (!rel) kind = Kind::kHire;
  }
  internal::HireSpec spec;
  const bool starts = kind == Kind::kHire || kind == Kind::kUrgentHire || kind == Kind::kMission;
  if (starts && !invalid && options_.late_share > 0 && s.rng.Chance(options_.late_share)) {
    r.late = true;
    spec.start = options_.today - s.rng.Uniform(62, 90);
  }
  size_t employer = 0;
  switch (kind) {
    case Kind::kHire:
      r.communication = s.MakeHire(Form::kUnilav, spec, &employer);
      break;
    case Kind::kUrgentHire:
      r.communication = s.MakeHire(Form::kUniurg, spec);
      break;
    case Kind::kMission:
      r.communication = s.MakeMission(spec);
      break;
    case Kind::kExtension:
      s.MakeExtension(*rel, r.communication);
      break;
    case Kind::kTransformation:
      s.MakeTransformation(*rel, r.communication);
      break;
    case Kind::kTermination:
      s.MakeTermination(*rel, r.communication);
      break;
  }
  if (rel) {
    r.relationship = s.open[*rel].facts;
    r.hire_index = s.open[*rel].hire_index;
  }
  if (invalid) {
    s.ApplyFault(kind, r);
    r.valid = false;
    return r;
  }
  if (rel) {
    s.Commit(*rel, r.communication);
  } else if (kind == Kind::kHire && !r.late) {
    internal::OpenRelationship o;
    o.hire = r.communication;
    o.facts.contract_type = o.hire.contract.contract_type;
    o.facts.start = o.hire.contract.start;
    o.facts.end = o.hire.contract.end;
    o.facts.working_time = o.hire.contract.working_time;
    o.hire_index = r.index;
    o.employer = employer;
    if (s.open.size() < internal::kPoolCapacity) {
      s.open.push_back(std::move(o));
    } else {
      s.open[s.rng.Index(s.open.size())] = std::move(o);
    }
  }
  return r;
}

RuleContext ContextFor(const GeneratedRecord& record, absl::CivilDay today) {
  RuleContext context;
  context.today = today;
  context.relationship = record.relationship;
  return context;
}

ExpectedTotals ExpectedCounts(const GeneratorOptions& options, int64_t n) {
  ExpectedTotals totals;
  CommunicationGenerator gen(options);
  for (int64_t i = 0; i < n; ++i) {
    const GeneratedRecord r = gen.Next();
    if (r.valid) {
      ++totals.accepted;
    } else {
      ++totals.refused;
      ++totals.by_fault[r.fault];
    }
  }
  return totals;
}

}  // namespace sisl::communications::testing
