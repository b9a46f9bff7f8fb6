// The tables the communication generator draws from: name lists, the citizenship mix, and the
// municipalities, ATECO codes, professions and CCNLs of services/reference, selected once.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "services/reference/code_lists.h"
#include "services/reference/municipalities.h"
#include "tests/support/co_generator_internal.h"

namespace sisl::communications::testing::internal {
namespace {

using reference::Municipality;

// The tables are checked against the reference data once; a mismatch is a broken build.
void Require(bool ok, absl::string_view what) {
  if (ok) return;
  std::fprintf(stderr, "co_generator tables: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

// Postcode prefixes of Piedmont's provinces, and the postcodes of their chief towns.
std::string PiedmontPostcode(const Municipality& m) {
  struct Prov {
    absl::string_view sigla, prefix, chief_istat, chief_postcode;
  };
  static constexpr Prov kProvinces[] = {
      {"TO", "10", "001272", "10121"}, {"VC", "13", "002158", "13100"},
      {"NO", "28", "003106", "28100"}, {"CN", "12", "004078", "12100"},
      {"AT", "14", "005005", "14100"}, {"AL", "15", "006003", "15121"},
      {"BI", "13", "096004", "13900"}, {"VB", "28", "103072", "28921"},
  };
  for (const Prov& p : kProvinces) {
    if (p.sigla != m.province_code) continue;
    if (m.istat_code == p.chief_istat) return std::string(p.chief_postcode);
    const int tail = std::atoi(m.istat_code.substr(m.istat_code.size() - 2).c_str());
    return absl::StrFormat("%s0%02d", p.prefix, tail);
  }
  return "10100";
}

// Employers' sections (ATECO letters), weighted roughly as Piedmont's hires.
constexpr struct {
  char section;
  double weight;
  const char* ccnls;  // CCNL codes of the sector, comma-separated
  const char* words;  // words of company names, comma-separated
} kSections[] = {
    {'C', 22, "113,115,116,013,035,100,159,028,182",
     "Meccanica,Plastiche,Automotive,Tessile,Alimentari,Arredamenti,Metalli"},
    {'G', 17, "042,185,335,496", "Commerciale,Distribuzione,Forniture,Market"},
    {'I', 12, "167,483,337", "Ristorazione,Hotel,Ospitalità,Catering"},
    {'N', 10, "119,120,218,494", "Servizi,Multiservizi,Pulizie,Vigilanza"},
    {'F', 9, "068,069,071", "Costruzioni,Edilizia,Impianti"},
    {'Q', 8, "326,201,405", "Assistenza,Servizi Sanitari,Cura"},
    {'H', 6, "151,327", "Trasporti,Logistica,Spedizioni"},
    {'M', 5, "152,153", "Studio Tecnico,Consulenze,Progetti"},
    {'J', 3, "209,042", "Informatica,Software,Digitale"},
    {'A', 3, "011,010", "Agricola,Vivai,Cantine"},
    {'P', 2, "143", "Formazione,Scuola"},
    {'S', 2, "021,042", "Servizi alla Persona,Estetica"},
    {'K', 1, "051", "Finanziaria,Credito"},
};

char SectionOf(const reference::CodeList& list, const reference::CodeEntry& entry) {
  const reference::CodeEntry* e = &entry;
  while (e != nullptr && e->level > 1) e = list.Find(e->parent);
  return e == nullptr || e->code.empty() ? '?' : e->code[0];
}

Tables Build() {
  Tables t;
  const auto& registry = reference::Municipalities::Default();
  t.registry = &registry;

  std::vector<double> weights;
  for (const Municipality* m : registry.InRegion(reference::kPiedmont)) {
    const absl::string_view province = absl::string_view(m->istat_code).substr(0, 3);
    if (province != "001" && province != "002" && province != "003" && province != "004" &&
        province != "005" && province != "006" && province != "096" && province != "103") {
      continue;
    }
    t.piedmont.push_back({m, PiedmontPostcode(*m)});
    weights.push_back(static_cast<double>(m->population.value_or(500)));
  }
  Require(t.piedmont.size() > 1000u, "piedmont");
  t.piedmont_cum = Cumulative(weights);
  weights.clear();
  for (const Municipality& m : registry.all()) {
    if (!m.current() || m.istat_code.empty() || !m.population) continue;
    t.italy.push_back(&m);
    weights.push_back(static_cast<double>(*m.population));
  }
  t.italy_cum = Cumulative(weights);
  for (const auto& [code, postcode] :
       {std::pair{"F205", "20121"}, std::pair{"H501", "00187"}, std::pair{"D969", "16121"}}) {
    const Municipality* m = registry.ByBelfiore(code);
    Require(m != nullptr && m->current(), code);
    t.other_offices.push_back({m, postcode});
  }
  for (const char* code : {"L219", "L750", "F952", "D205", "A479", "A182", "A859", "L746"}) {
    const Municipality* m = registry.ByBelfiore(code);
    Require(m != nullptr && m->current() && m->region == reference::kPiedmont, code);
    t.police_offices.push_back(code);
  }

  t.names = BuildNames();
  t.countries = BuildCountries();
  weights.clear();
  const absl::CivilDay today_ish(2025, 1, 1);
  for (size_t i = 0; i < t.countries.size(); ++i) {
    const Country& c = t.countries[i];
    Require(reference::CoCitizenship().IsValidOn(c.citizenship, today_ish), c.citizenship);
    Require(c.z_code.empty() || registry.CountryByCode(c.z_code) != nullptr, c.z_code);
    weights.push_back(c.weight);
    if (!reference::IsFreeMovementCitizenship(c.citizenship, today_ish)) t.non_eu.push_back(i);
  }
  t.country_cum = Cumulative(weights);

  const reference::CodeList* editions[2] = {&reference::Ateco2007(), &reference::Ateco2025()};
  for (int e = 0; e < 2; ++e) {
    for (const reference::CodeEntry& entry : editions[e]->entries()) {
      // Codes in force to the edition's end (2007: closed in the 2022 update are left out).
      if (entry.level != 6 ||
          !entry.IsValidOn(e == 0 ? absl::CivilDay(2024, 12, 31) : absl::CivilDay(2025, 1, 1)) ||
          (e == 1 && entry.valid_to)) {
        continue;
      }
      t.ateco[e][SectionOf(*editions[e], entry)].push_back(entry.code);
    }
  }
  weights.clear();
  for (const auto& s : kSections) {
    Require(!t.ateco[0][s.section].empty() && !t.ateco[1][s.section].empty(),
            absl::string_view(&s.section, 1));
    t.sections.push_back(s.section);
    weights.push_back(s.weight);
    for (absl::string_view code : absl::StrSplit(s.ccnls, ',')) {
      Require(reference::Ccnl().IsValidOn(code, today_ish), code);
      t.ccnl_by_section[s.section].emplace_back(code);
    }
    for (absl::string_view word : absl::StrSplit(s.words, ',')) {
      t.words_by_section[s.section].push_back(word);
    }
  }
  t.section_cum = Cumulative(weights);

  for (const reference::CodeEntry& entry : reference::Cp2011Professions().entries()) {
    if (entry.level != 6 || entry.valid_to) continue;
    t.professions[static_cast<size_t>(entry.code[0] - '0')].push_back(entry.code);
  }
  // Major groups 2..8 (no managers, no armed forces), weighted as hires are.
  t.profession_group_cum = Cumulative({0, 0, 6, 12, 12, 22, 16, 14, 18, 0});

  t.streets = {"Via Roma",
               "Corso Vittorio Emanuele II",
               "Via Garibaldi",
               "Via Cavour",
               "Via Mazzini",
               "Corso Francia",
               "Via Nizza",
               "Piazza Castello",
               "Via Po",
               "Strada del Drosso",
               "Via XX Settembre",
               "Corso Giulio Cesare",
               "Via Torino",
               "Via Milano",
               "Viale della Libertà",
               "Via dell'Industria",
               "Via Artigiani",
               "Regione Prati",
               "Frazione San Rocco",
               "Via Cesare Battisti",
               "Corso Unione Sovietica"};
  t.place_words = {"Alpi",       "Monviso", "Langhe",   "Canavese", "Subalpina", "Roero",
                   "Monferrato", "Ossola",  "Sesia",    "Val Susa", "Po",        "Mole",
                   "Superga",    "Dora",    "Eporedia", "Tanaro"};
  t.urgency_reasons = {"Sostituzione improvvisa di un lavoratore assente",
                       "Picco di lavoro imprevisto per un ordine urgente",
                       "Avvio non programmabile di un servizio",
                       "Intervento urgente dopo un evento atmosferico"};

  // Codes no list has: a well-formed Belfiore code, ATECO code and profession.
  for (const char* code : {"Y999", "Y998", "Y997"}) {
    if (registry.ByBelfiore(code) == nullptr && registry.CountryByCode(code) == nullptr) {
      t.unknown_municipality = code;
      break;
    }
  }
  for (const char* code : {"04.11.00", "34.01.00", "48.10.00"}) {
    if (reference::Ateco2007().Find(code) == nullptr &&
        reference::Ateco2025().Find(code) == nullptr) {
      t.unknown_ateco = code;
      break;
    }
  }
  for (const char* code : {"9.9.9.9.9.9", "8.9.9.9.9.9", "7.9.9.9.9.9"}) {
    if (reference::Cp2011Professions().Find(code) == nullptr) {
      t.unknown_profession = code;
      break;
    }
  }
  Require(
      !t.unknown_municipality.empty() && !t.unknown_ateco.empty() && !t.unknown_profession.empty(),
      "unknown codes");
  return t;
}

}  // namespace

size_t Rng::Weighted(const std::vector<double>& cumulative) {
  const double x = Unit() * cumulative.back();
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
  return std::min(static_cast<size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

std::vector<double> Cumulative(const std::vector<double>& weights) {
  std::vector<double> out;
  out.reserve(weights.size());
  double sum = 0;
  for (double w : weights) out.push_back(sum += w);
  return out;
}

absl::CivilDay AddMonths(absl::CivilDay day, int months) {
  const absl::CivilMonth month = absl::CivilMonth(day) + months;
  const absl::CivilDay last = absl::CivilDay(month + 1) - 1;
  const absl::CivilDay wanted(month.year(), month.month(), day.day());
  return wanted.month() == month.month() ? wanted : last;
}

absl::CivilDay PeriodEnd(absl::CivilDay start, int months) { return AddMonths(start, months) - 1; }

const Tables& GetTables() {
  static const Tables* const tables = new Tables(Build());
  return *tables;
}

}  // namespace sisl::communications::testing::internal
