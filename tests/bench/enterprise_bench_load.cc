// enterprise_bench --load: companies and published vacancies written straight into the
// enterprise schema (COPY), as the service would have stored them after create, submit and
// approve: each vacancy goes through the domain's ApplyTransition (so its content passes the
// service's own validation and its history is the real one), its record is VacancyToJson, its
// search_text FoldForSearch(title + " " + description) and its place PlaceOf(municipality) (the
// province, the centroid and reference::CompetentCpi), exactly the columns VacancyStore::Insert
// and ::Update write.
//
// What the data looks like (deterministic for a seed):
//   - companies: names from Piedmontese surnames and trades, an 11-digit fiscal code with its
//     check digit, the registered office in a Piedmont municipality drawn by population, an
//     ATECO 2025 subcategory; company_cpis and a first company_versions row as CompanyStore
//     writes them;
//   - vacancies: a company drawn with Zipf weights (a few post many), the workplace its office
//     (60%) or a Piedmont municipality drawn by population; a 5-level CP2011 profession in force
//     (weighted towards the groups job centres see most: 5 sales and services, 6 crafts, 3
//     technicians, 4 clerks, 7-8 operators); contract A.01.00 permanent 45%, A.02.00 fixed term
//     40% (3-24 months), A.03.09 apprenticeship 15%; working time F 75%, P 25%; ~5% reserved
//     under L.68/99 (art.1 or art.18); ~10% anonymous; published_at spread over the last 60 days
//     (publication_date its day in Europe/Rome), expiry 15-120 days ahead so the scheduler
//     closes none of them during the run; title from the profession's label, description of
//     30-80 words drawn from DescriptionWords() plus the workplace and the contract.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/enterprise/app/places.h"
#include "services/enterprise/domain/company.h"
#include "services/enterprise/domain/vacancy.h"
#include "services/enterprise/store/company_store.h"
#include "services/enterprise/store/json_codec.h"
#include "services/platform/clock.h"
#include "services/platform/ids.h"
#include "services/reference/code_lists.h"
#include "services/reference/municipalities.h"
#include "tests/bench/enterprise_bench.h"

namespace sisl::bench {

const std::vector<absl::string_view>& DescriptionWords() {
  static const std::vector<absl::string_view> words = {
      "esperienza",    "lavoro",        "azienda",         "ricerca",         "personale",
      "settore",       "attività",      "clienti",         "gestione",        "candidato",
      "requisiti",     "offre",         "orario",          "formazione",      "squadra",
      "disponibilità", "produzione",    "servizio",        "magazzino",       "turni",
      "patente",       "vendita",       "cucina",          "logistica",       "manutenzione",
      "impianti",      "contabilità",   "amministrazione", "pulizie",         "assistenza",
      "commerciale",   "tecnico",       "informatica",     "software",        "cantiere",
      "edilizia",      "trasporto",     "consegne",        "qualità",         "sicurezza",
      "macchine",      "meccanica",     "elettrico",       "saldatura",       "montaggio",
      "ristorante",    "negozio",       "cassa",           "scaffali",        "ordini",
      "fatture",       "inglese",       "francese",        "tedesco",         "computer",
      "gestionale",    "progettazione", "disegno",         "officina",        "carrello",
      "elevatore",     "spedizioni",    "imballaggio",     "confezionamento", "alimentare",
      "agricoltura",   "vigneto",       "raccolta",        "allevamento",     "infermiere",
      "anziani",       "bambini",       "educatore",       "sanitario",       "ospedale",
      "farmacia",      "laboratorio",   "analisi",         "chimica",         "tessile",
      "sartoria",      "legno",         "falegnameria",    "verniciatura",    "idraulico",
      "caldaie",       "autista",       "furgone",         "camion",          "notturno",
      "festivi",       "stagionale",    "turismo",         "albergo",         "reception",
      "camere",        "cuoco",         "pizzeria",        "pasticceria",     "panetteria",
      "macelleria",    "gastronomia",   "operaio",         "impiegato",       "tirocinio",
      "diploma",       "laurea",        "qualifica",       "crescita",        "retribuzione",
      "mensa",         "flessibilità",  "precisione",      "autonomia",       "puntualità",
      "motivazione",   "serietà",       "affidabilità",    "comunicazione",   "organizzazione",
      "vendemmia",
  };
  return words;
}

namespace {

using enterprise::Company;
using enterprise::L68Reservation;
using enterprise::Vacancy;
using enterprise::VacancyAction;
using enterprise::VacancyActorRole;
using enterprise::VacancyContent;
using enterprise::VacancyState;
using enterprise::VacancyTransition;

constexpr const char* kSurnames[] = {
    "Rossi",   "Bianchi",   "Ferrero",   "Gallo",   "Costa",    "Fontana", "Conti",
    "Ricci",   "Bruno",     "Marino",    "Greco",   "Lombardi", "Barbero", "Giordano",
    "Rinaldi", "Bertolino", "Gribaudo",  "Cravero", "Rosso",    "Bosio",   "Vercellone",
    "Aimar",   "Chiapello", "Dematteis", "Einaudi", "Operti",   "Bergese", "Allasia",
    "Testa",   "Vigna",     "Mondino",   "Garelli", "Olivero",  "Audisio", "Ghione"};
constexpr const char* kTrades[] = {"",
                                   "Officine ",
                                   "Costruzioni ",
                                   "Trasporti ",
                                   "Servizi ",
                                   "Ristorazione ",
                                   "Logistica ",
                                   "Meccanica ",
                                   "Studio ",
                                   "Agricola ",
                                   "Tessile ",
                                   "Impianti ",
                                   "Alimentari ",
                                   "Elettronica ",
                                   "Hotel ",
                                   "Assistenza "};
struct Form {
  const char* suffix;
  enterprise::LegalForm form;
};
constexpr Form kForms[] = {{" S.r.l.", enterprise::LegalForm::kLimitedCompany},
                           {" S.r.l.", enterprise::LegalForm::kLimitedCompany},
                           {" S.p.A.", enterprise::LegalForm::kJointStockCompany},
                           {" S.n.c.", enterprise::LegalForm::kGeneralPartnership},
                           {" S.a.s.", enterprise::LegalForm::kLimitedPartnership},
                           {" Soc. Coop.", enterprise::LegalForm::kCooperative}};
constexpr const char* kTitleSuffixes[] = {"",
                                          "",
                                          "",
                                          " - tempo pieno",
                                          " - part time",
                                          " con esperienza",
                                          " junior",
                                          " senior",
                                          " per nuova apertura",
                                          " su turni",
                                          " (anche prima esperienza)"};

// The partita IVA check digit of the first 10 digits.
char VatCheckDigit(const std::string& ten) {
  int sum = 0;
  for (int i = 0; i < 10; ++i) {
    int d = ten[i] - '0';
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

// "ADDETTI ALLE VENDITE AL MINUTO" -> "Addetti alle vendite al minuto", cut at a word boundary.
std::string SentenceCase(const std::string& label, size_t max) {
  std::string s = label;
  for (char& c : s) c = absl::ascii_tolower(static_cast<unsigned char>(c));
  // Accented capitals (UTF-8 "À" .. "Ù": C3 80..9F) to their lower case (C3 A0..BF).
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xC3 &&
        (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0x80) {
      s[i + 1] = static_cast<char>(static_cast<unsigned char>(s[i + 1]) | 0x20);
    }
  }
  if (s.size() > max) {
    const size_t cut = s.rfind(' ', max);
    s.resize(cut == std::string::npos ? max : cut);
    while (!s.empty() && (s.back() == ',' || s.back() == ' ')) s.pop_back();
  }
  if (!s.empty()) s[0] = absl::ascii_toupper(static_cast<unsigned char>(s[0]));
  return s;
}

class Generator final {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {
    for (const reference::Municipality* m :
         reference::Municipalities::Default().InRegion(reference::kPiedmont)) {
      if (!m->location.has_value() || !m->population.has_value()) continue;
      if (enterprise::PlaceOf(m->istat_code).cpi_code.empty()) continue;
      places_.push_back(m);
      population_.push_back(static_cast<double>(*m->population));
    }
    by_population_ = std::discrete_distribution<size_t>(population_.begin(), population_.end());
    // Weights of the CP2011 major groups (1 managers .. 9 armed forces).
    const std::map<char, double> group = {{'1', 1},  {'2', 5}, {'3', 9}, {'4', 9}, {'5', 16},
                                          {'6', 12}, {'7', 8}, {'8', 9}, {'9', 0}};
    std::map<char, int> units;
    for (const reference::CodeEntry& e : reference::Cp2011Professions().entries()) {
      if (e.level == 5 && !e.valid_to.has_value()) {
        professions_.push_back(&e);
        ++units[e.code[0]];
      }
    }
    std::vector<double> w;
    for (const reference::CodeEntry* e : professions_) {
      w.push_back(group.at(e->code[0]) / units[e->code[0]]);
    }
    by_profession_ = std::discrete_distribution<size_t>(w.begin(), w.end());
    for (const reference::CodeEntry& e : reference::Ateco2025().entries()) {
      if (e.level == 6) ateco_.push_back(e.code);
    }
    std::vector<double> zipf;
    for (size_t i = 0; i < DescriptionWords().size(); ++i) zipf.push_back(1 / std::pow(i + 1, 1.1));
    by_word_ = std::discrete_distribution<size_t>(zipf.begin(), zipf.end());
  }

  size_t places() const { return places_.size(); }
  size_t professions() const { return professions_.size(); }

  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[static_cast<size_t>(Int(0, N - 1))];
  }
  const reference::Municipality& Place() { return *places_[by_population_(rng_)]; }
  const reference::CodeEntry& Profession() { return *professions_[by_profession_(rng_)]; }
  absl::string_view Word() { return DescriptionWords()[by_word_(rng_)]; }
  const std::string& Ateco() { return ateco_[static_cast<size_t>(Int(0, ateco_.size() - 1))]; }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
  std::vector<const reference::Municipality*> places_;
  std::vector<double> population_;
  std::discrete_distribution<size_t> by_population_;
  std::vector<const reference::CodeEntry*> professions_;
  std::discrete_distribution<size_t> by_profession_;
  std::vector<std::string> ateco_;
  std::discrete_distribution<size_t> by_word_;
};

std::string PersonId(Generator& g) {
  return absl::StrFormat("%016x%016x%016x%016x", g.rng()(), g.rng()(), g.rng()(), g.rng()());
}

Company MakeCompany(Generator& g, int index) {
  Company c;
  const std::string ten =
      absl::StrFormat("%07d%03d", 1000000 + index * 37 % 8999999, 1 + index % 99);
  c.fiscal_code = ten + VatCheckDigit(ten);
  c.vat_number = c.fiscal_code;
  const Form& form = g.Pick(kForms);
  const std::string surname = g.Pick(kSurnames);
  c.name = absl::StrCat(
      form.form == enterprise::LegalForm::kCooperative ? "Cooperativa " : "", g.Pick(kTrades),
      surname, g.Uniform() < 0.2 ? absl::StrCat(" & ", g.Pick(kSurnames)) : "", form.suffix);
  c.legal_form = form.form;
  c.ateco_code = g.Ateco();
  c.sector = enterprise::CompanySector::kPrivate;
  const reference::Municipality& office = g.Place();
  c.registered_office = {"Sede legale", office.istat_code,
                         absl::StrCat("via ", g.Pick(kSurnames), " ", g.Int(1, 180)), ""};
  if (g.Uniform() < 0.3) {
    const reference::Municipality& site = g.Place();
    c.operating_sites.push_back({absl::StrCat("Stabilimento di ", site.name), site.istat_code,
                                 absl::StrCat("corso ", g.Pick(kSurnames), " ", g.Int(1, 90)), ""});
  }
  std::string slug = absl::AsciiStrToLower(surname);
  c.pec = absl::StrCat(slug, index, "@pec.it");
  c.workforce = static_cast<int64_t>(std::exp(1 + 5 * g.Uniform()));
  return c;
}

std::string Description(Generator& g, const reference::Municipality& place,
                        const std::string& contract_type) {
  std::vector<std::string> sentences;
  const int words = g.Int(30, 80);
  std::vector<std::string> sentence;
  for (int i = 0; i < words; ++i) {
    sentence.emplace_back(g.Word());
    if (static_cast<int>(sentence.size()) >= g.Int(6, 12) || i + 1 == words) {
      std::string s = absl::StrJoin(sentence, " ");
      s[0] = absl::ascii_toupper(static_cast<unsigned char>(s[0]));
      sentences.push_back(s + ".");
      sentence.clear();
    }
  }
  sentences.push_back(
      absl::StrCat("Sede di lavoro: ", place.name, " (", place.province_code, ")."));
  sentences.push_back(contract_type == "A.01.00"   ? "Si offre contratto a tempo indeterminato."
                      : contract_type == "A.02.00" ? "Si offre contratto a tempo determinato."
                                                   : "Si offre contratto di apprendistato.");
  return absl::StrJoin(sentences, " ");
}

struct Made {
  Vacancy vacancy;
  enterprise::store::VacancyPlace place;
  absl::Time created_at, published_at;
};

}  // namespace

int Load(const LoadOptions& o) {
  const absl::Time t0 = absl::Now();
  absl::TimeZone rome;
  if (!absl::LoadTimeZone("Europe/Rome", &rome)) {
    std::fprintf(stderr, "enterprise_bench: no Europe/Rome time zone\n");
    return 1;
  }
  absl::StatusOr<PgConn> conn = PgConn::Connect(o.db_url, "enterprise");
  if (!conn.ok()) {
    std::fprintf(stderr, "enterprise_bench: %s\n", conn.status().ToString().c_str());
    return 1;
  }
  auto existing =
      conn->Query("SELECT (SELECT COUNT(*) FROM vacancies), (SELECT COUNT(*) FROM companies)");
  if (!existing.ok()) {
    std::fprintf(stderr,
                 "enterprise_bench: the enterprise schema is not there (%s): start "
                 "sisl-enterprise on this database once first\n",
                 existing.status().ToString().c_str());
    return 1;
  }
  if ((*existing)[0][0] != "0" || (*existing)[0][1] != "0") {
    std::fprintf(stderr,
                 "enterprise_bench: the database already holds %s vacancies and %s "
                 "companies: load into a fresh one\n",
                 (*existing)[0][0].c_str(), (*existing)[0][1].c_str());
    return 1;
  }

  Generator g(o.seed);
  const absl::Time now = absl::Now();
  const absl::CivilDay today = absl::ToCivilDay(now, rome);
  absl::Duration gen = absl::ZeroDuration(), copy = absl::ZeroDuration();

  // ---- companies ----
  absl::Time t = absl::Now();
  std::vector<Company> companies;
  std::string rows, cpis, versions;
  for (int i = 0; i < o.companies; ++i) {
    Company c = MakeCompany(g, i);
    const int64_t at = absl::ToUnixMicros(now - absl::Hours(24 * g.Int(61, 900)));
    const std::string record = enterprise::store::CompanyToJson(c);
    for (const std::string& f : {c.fiscal_code, c.name, enterprise::store::FoldForSearch(c.name),
                                 record, std::string("1"), absl::StrCat(at)}) {
      CopyField(rows, f);
      rows += '\t';
    }
    rows += absl::StrCat(at, "\n");
    for (const std::string& cpi : enterprise::CpisOf(c)) {
      absl::StrAppend(&cpis, c.fiscal_code, "\t", cpi, "\n");
    }
    for (const std::string& f :
         {c.fiscal_code, std::string("1"), absl::StrCat(at), PersonId(g), std::string("company"),
          std::string(""), std::string("registrazione")}) {
      CopyField(versions, f);
      versions += '\t';
    }
    CopyField(versions, record);
    versions += '\n';
    companies.push_back(std::move(c));
  }
  gen += absl::Now() - t;
  t = absl::Now();
  for (const auto& [table, data] :
       {std::pair<std::string, std::string*>{"companies (fiscal_code, name, name_folded, record, "
                                             "version, created_at, updated_at)",
                                             &rows},
        {"company_cpis (fiscal_code, cpi_code)", &cpis},
        {"company_versions (fiscal_code, version, changed_at, actor, actor_role, "
         "changed_fields, reason, record)",
         &versions}}) {
    if (absl::Status st = conn->Copy(table, *data); !st.ok()) {
      std::fprintf(stderr, "enterprise_bench: %s\n", st.ToString().c_str());
      return 1;
    }
  }
  copy += absl::Now() - t;

  // ---- vacancies: publication times first, so ids (UUIDv7 of the creation time) follow ----
  t = absl::Now();
  std::vector<double> company_weights;
  for (int i = 0; i < o.companies; ++i) company_weights.push_back(1 / std::pow(i + 1, 0.8));
  std::discrete_distribution<int> by_company(company_weights.begin(), company_weights.end());
  std::vector<absl::Time> published;
  for (int i = 0; i < o.vacancies; ++i) {
    published.push_back(now - absl::Seconds(g.Uniform() * 60 * 86400) - absl::Seconds(60));
  }
  std::sort(published.begin(), published.end());
  platform::FakeClock clock(now);
  const std::string operator_id = PersonId(g);
  std::map<std::string, int> contract_count, time_count;
  int l68 = 0, anonymous = 0;
  const int kBatch = 5000;
  for (int start = 0; start < o.vacancies; start += kBatch) {
    std::string data;
    for (int i = start; i < std::min(o.vacancies, start + kBatch); ++i) {
      const Company& company = companies[static_cast<size_t>(by_company(g.rng()))];
      const reference::Municipality& place =
          g.Uniform() < 0.6 ? *reference::Municipalities::Default().ByIstatCode(
                                  company.registered_office.municipality_istat_code)
                            : g.Place();
      const reference::CodeEntry& profession = g.Profession();
      VacancyContent c;
      c.title = absl::StrCat(SentenceCase(profession.label_it, 110), g.Pick(kTitleSuffixes));
      const double kind = g.Uniform();
      c.contract_type = kind < 0.45 ? "A.01.00" : kind < 0.85 ? "A.02.00" : "A.03.09";
      if (c.contract_type == "A.02.00") c.duration_months = g.Int(3, 24);
      if (c.contract_type == "A.03.09") c.duration_months = 36;
      c.description = Description(g, place, c.contract_type);
      c.profession_code = profession.code;
      c.positions = g.Uniform() < 0.7 ? 1 : g.Int(2, 6);
      c.workplace_municipality = place.istat_code;
      c.working_time = g.Uniform() < 0.75 ? "F" : "P";
      c.weekly_hours = c.working_time == "F" ? 40 : g.Int(15, 30);
      if (g.Uniform() < 0.6) {
        const int64_t monthly = 120000 + 10000 * g.Int(0, 15);
        c.salary = enterprise::SalaryBand{monthly, monthly + 10000 * g.Int(0, 8),
                                          enterprise::SalaryPeriod::kMonth};
      }
      if (g.Uniform() < 0.5) {
        static constexpr const char* kLevels[] = {"20", "30", "40", "40", "70"};
        c.education = enterprise::EducationRequirement{
            g.Pick(kLevels), g.Uniform() < 0.5 ? enterprise::RequirementLevel::kRequired
                                               : enterprise::RequirementLevel::kPreferred};
      }
      if (g.Uniform() < 0.6) {
        c.experience = enterprise::ExperienceRequirement{
            12 * g.Int(0, 5), g.Uniform() < 0.5 ? enterprise::RequirementLevel::kRequired
                                                : enterprise::RequirementLevel::kPreferred};
      }
      if (g.Uniform() < 0.3) {
        c.languages.push_back(
            {"en", g.Uniform() < 0.5 ? enterprise::CefrLevel::kB1 : enterprise::CefrLevel::kB2,
             enterprise::RequirementLevel::kPreferred});
      }
      if (g.Uniform() < 0.2) {
        c.driving_licences.push_back({"B", enterprise::RequirementLevel::kRequired});
      }
      if (g.Uniform() < 0.15) {
        c.it_skills.push_back({"Pacchetto Office", enterprise::RequirementLevel::kPreferred});
      }
      const double r = g.Uniform();
      c.l68_reservation = r < 0.03   ? L68Reservation::kDisabled
                          : r < 0.05 ? L68Reservation::kProtected
                                     : L68Reservation::kNone;
      c.anonymous = g.Uniform() < 0.1;
      const absl::Time published_at = published[static_cast<size_t>(i)];
      const absl::Time created_at = published_at - absl::Seconds(3600 + g.Uniform() * 9 * 86400);
      c.publication_date = absl::ToCivilDay(published_at, rome);
      c.expiry_date = today + g.Int(15, 120);

      Vacancy v;
      clock.Set(created_at);
      v.id = platform::NewUuidV7(clock);
      v.company = company.fiscal_code;
      v.content = std::move(c);
      v.state = VacancyState::kDraft;
      const std::string person = PersonId(g);
      const absl::Time submitted = created_at + absl::Seconds(g.Uniform() * 3600);
      absl::StatusOr<Vacancy> next =
          enterprise::ApplyTransition(v, VacancyTransition{VacancyAction::kSubmit,
                                                           VacancyActorRole::kCompany,
                                                           person,
                                                           {},
                                                           {},
                                                           absl::ToCivilDay(submitted, rome),
                                                           submitted});
      for (VacancyAction a : {VacancyAction::kApprove, VacancyAction::kPublish}) {
        if (!next.ok()) break;
        next = enterprise::ApplyTransition(*next, VacancyTransition{a,
                                                                    VacancyActorRole::kOperator,
                                                                    operator_id,
                                                                    {},
                                                                    {},
                                                                    v.content.publication_date,
                                                                    published_at});
      }
      if (!next.ok()) {
        std::fprintf(stderr, "enterprise_bench: vacancy %d refused by the domain: %s\n", i,
                     next.status().ToString().c_str());
        return 1;
      }
      const Vacancy& p = *next;
      const enterprise::store::VacancyPlace where = enterprise::PlaceOf(place.istat_code);
      ++contract_count[p.content.contract_type];
      ++time_count[p.content.working_time];
      l68 += p.content.l68_reservation != L68Reservation::kNone;
      anonymous += p.content.anonymous;
      // The columns of VacancyStore::Insert/Update, in the table's order.
      const std::string fields[] = {
          p.id,
          p.company,
          std::string(enterprise::VacancyStateName(p.state)),
          where.cpi_code,
          p.content.profession_code,
          where.province,
          p.content.workplace_municipality,
          absl::StrFormat("%.17g", *where.latitude),
          absl::StrFormat("%.17g", *where.longitude),
          p.content.contract_type,
          p.content.working_time,
          p.content.l68_reservation == L68Reservation::kNone ? "0" : "1",
          absl::FormatCivilTime(p.content.publication_date),
          absl::FormatCivilTime(p.content.expiry_date),
          absl::StrCat(absl::ToUnixMicros(published_at)),
          enterprise::store::FoldForSearch(
              absl::StrCat(p.content.title, " ", p.content.description)),
          enterprise::store::VacancyToJson(p),
          absl::StrCat(absl::ToUnixMicros(created_at)),
      };
      for (const std::string& f : fields) {
        CopyField(data, f);
        data += '\t';
      }
      data += absl::StrCat(absl::ToUnixMicros(published_at), "\n");
    }
    gen += absl::Now() - t;
    t = absl::Now();
    if (absl::Status st = conn->Copy(
            "vacancies (id, company, state, cpi_code, profession_code, province, municipality,"
            " latitude, longitude, contract_type, working_time, l68_reserved, publication_date,"
            " expiry_date, published_at, search_text, record, created_at, updated_at)",
            data);
        !st.ok()) {
      std::fprintf(stderr, "enterprise_bench: %s\n", st.ToString().c_str());
      return 1;
    }
    copy += absl::Now() - t;
    t = absl::Now();
  }
  // What autovacuum would have done by the time a real table held this much: statistics for the
  // planner and the visibility map for index-only scans. A VACUUM right after the load often
  // leaves the visibility map empty (the rows' transactions are not yet older than every
  // snapshot's horizon on this shared server): vacuum again, a second apart, until every page of
  // `vacancies` is all-visible (at most 60 s).
  const absl::Time v0 = absl::Now();
  for (const char* table : {"companies", "company_cpis", "company_versions", "vacancies"}) {
    if (absl::Status st = conn->Exec(absl::StrCat("VACUUM (ANALYZE) ", table)); !st.ok()) {
      std::fprintf(stderr, "enterprise_bench: %s\n", st.ToString().c_str());
      return 1;
    }
  }
  std::string pages = "?", visible = "?";
  for (int attempt = 0; attempt < 60; ++attempt) {
    auto vm = conn->Query(
        "SELECT relpages, relallvisible FROM pg_class WHERE oid = 'vacancies'::regclass");
    if (!vm.ok()) break;
    pages = (*vm)[0][0];
    visible = (*vm)[0][1];
    if (pages == visible) break;
    absl::SleepFor(absl::Seconds(1));
    for (const char* table : {"companies", "vacancies"}) {
      if (absl::Status st = conn->Exec(absl::StrCat("VACUUM ", table)); !st.ok()) {
        std::fprintf(stderr, "enterprise_bench: %s\n", st.ToString().c_str());
        return 1;
      }
    }
  }
  std::printf("LOAD\tvisibility\tpages\t%s\tall_visible\t%s\n", pages.c_str(), visible.c_str());
  const absl::Duration vacuum = absl::Now() - v0;
  auto size = conn->Query(
      "SELECT pg_size_pretty(pg_total_relation_size('vacancies')),"
      " pg_size_pretty(pg_relation_size('vacancies')), (SELECT COUNT(DISTINCT municipality) FROM "
      "vacancies), (SELECT COUNT(DISTINCT profession_code) FROM vacancies)");
  std::printf("LOAD\tvacancies\t%d\tcompanies\t%d\n", o.vacancies, o.companies);
  std::printf("LOAD\tseconds\tgenerate\t%.2f\tcopy\t%.2f\tvacuum_analyze\t%.2f\ttotal\t%.2f\n",
              absl::ToDoubleSeconds(gen), absl::ToDoubleSeconds(copy),
              absl::ToDoubleSeconds(vacuum), absl::ToDoubleSeconds(absl::Now() - t0));
  if (size.ok()) {
    std::printf("LOAD\tsize\t%s\theap\t%s\tmunicipalities\t%s\tprofessions\t%s\n",
                (*size)[0][0].c_str(), (*size)[0][1].c_str(), (*size)[0][2].c_str(),
                (*size)[0][3].c_str());
  }
  std::printf(
      "LOAD\tmix\tA.01.00\t%d\tA.02.00\t%d\tA.03.09\t%d\tF\t%d\tP\t%d\tl68\t%d\tanonymous\t%d"
      "\tplaces\t%zu\tprofession_units\t%zu\n",
      contract_count["A.01.00"], contract_count["A.02.00"], contract_count["A.03.09"],
      time_count["F"], time_count["P"], l68, anonymous, g.places(), g.professions());
  return 0;
}

}  // namespace sisl::bench
