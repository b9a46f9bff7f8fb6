// Matching benchmark (issue 13), driven by tests/bench/run_matching_bench.sh:
//   (1) loads N generated profiles (tests/support/matching_generator.h, seed fixed) into a
//       MatchingIndex (Reserve, UpsertProfile each, Compact) and measures the memory it keeps:
//       the allocator's live bytes (mallinfo2) and the process RSS before and after (the
//       generator's tables and the reference data loaded before), and the index's own account;
//   (2) top-50 candidates (operator run, explanations included) for V generated vacancies on one
//       core (the process pins itself): p50/p99/mean/max;
//   (3) the baseline: the same profiles COPYed into PostgreSQL (tables of the bench's own schema,
//       indexed), the same ranking as ONE SQL query per vacancy (filters, the integer score with
//       the same weights, ties by person id) for a sample of the vacancies; compared with the
//       index's top 50 (same people, scores, order) and timed.
// Output: tab-separated lines KV name value, TARGET name value target PASS|MISS, MISMATCH ...
#include <malloc.h>
#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "services/matching/domain/index.h"
#include "services/reference/code_lists.h"
#include "services/reference/cpi_areas.h"
#include "services/reference/municipalities.h"
#include "tests/bench/bench_pg.h"
#include "tests/support/matching_generator.h"

namespace sisl::bench::matching_bench {
namespace {

using ::sisl::matching::CandidateProfile;
using ::sisl::matching::MatchingIndex;
using ::sisl::matching::MatchQuery;
using ::sisl::matching::MatchResult;
using ::sisl::matching::PreparedProfile;
using ::sisl::matching::PreparedVacancy;
using ::sisl::matching::Vacancy;
using ::sisl::matching::Weights;
using ::sisl::matching::WeightsByCpi;
using Clock = std::chrono::steady_clock;

void Kv(const std::string& k, const std::string& v) {
  std::printf("KV\t%s\t%s\n", k.c_str(), v.c_str());
}
void Kv(const std::string& k, double v) { Kv(k, absl::StrFormat("%.3f", v)); }
void Target(const std::string& k, double value, const std::string& target, bool pass) {
  std::printf("TARGET\t%s\t%.3f\t%s\t%s\n", k.c_str(), value, target.c_str(),
              pass ? "PASS" : "MISS");
}

double Seconds(Clock::time_point a) {
  return std::chrono::duration<double>(Clock::now() - a).count();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t k = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size()))) - 1;
  return v[std::min(k, v.size() - 1)];
}

double Mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

size_t RssBytes() {
  std::ifstream f("/proc/self/statm");
  size_t pages = 0, resident = 0;
  f >> pages >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

size_t LiveHeap() { return mallinfo2().uordblks + mallinfo2().hblkhd; }

// A PostgreSQL array literal of text values.
std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}
template <typename T>
std::string IntArray(const std::vector<T>& values) {
  std::vector<std::string> s;
  for (const T& v : values) s.push_back(absl::StrCat(static_cast<int>(v)));
  return "{" + absl::StrJoin(s, ",") + "}";
}
std::string Day(const std::optional<absl::CivilDay>& d) {
  return d.has_value() ? absl::FormatCivilTime(*d) : "\\N";
}
std::string Double(double x) { return absl::StrFormat("%.17g", x); }

// Appends the COPY rows of one profile (as the index prepares it) to the three tables' texts.
void CopyRows(const PreparedProfile& pp, std::string& profiles, std::string& desired,
              std::string& experiences) {
  const CandidateProfile& p = pp.profile;
  const std::string lat = pp.location ? Double(pp.location->lat) : "\\N";
  const std::string lon = pp.location ? Double(pp.location->lon) : "\\N";
  std::vector<std::string> langs;
  std::vector<int> levels;
  for (const auto& l : p.languages) {
    langs.push_back(l.language);
    levels.push_back(static_cast<int>(l.level));
  }
  const auto field = [](std::string& out, const std::string& v, char end) {
    if (v == "\\N") {
      out += v;
    } else {
      CopyField(out, v);
    }
    out += end;
  };
  field(profiles, p.person_id, '\t');
  field(profiles, lat, '\t');
  field(profiles, lon, '\t');
  for (int v :
       {p.mobility_radius_km, static_cast<int>(p.education), static_cast<int>(p.availability),
        static_cast<int>(p.visibility), static_cast<int>(p.l68)}) {
    field(profiles, absl::StrCat(v), '\t');
  }
  field(profiles, Day(p.validated_on), '\t');
  field(profiles, Day(p.unemployed_since), '\t');
  field(profiles, TextArray(langs), '\t');
  field(profiles, IntArray(levels), '\t');
  field(profiles, TextArray(pp.skills), '\t');
  field(profiles, TextArray(pp.licences), '\t');
  field(profiles, TextArray(pp.registers), '\n');
  for (const auto& d : pp.desired) {
    if (d.group.empty()) continue;  // can match no vacancy
    field(desired, p.person_id, '\t');
    field(desired, d.group, '\t');
    field(desired, d.unit, '\t');
    field(desired, TextArray(d.contract_types), '\t');
    field(desired, IntArray(d.working_modes), '\t');
    field(desired, lat, '\t');
    field(desired, lon, '\t');
    field(desired, absl::StrCat(p.mobility_radius_km), '\n');
  }
  for (const auto& e : pp.experiences) {
    field(experiences, p.person_id, '\t');
    field(experiences, e.unit, '\t');
    field(experiences, absl::FormatCivilTime(e.from), '\t');
    field(experiences, Day(e.to), '\n');
  }
}

constexpr const char* kSchema = R"sql(
DROP SCHEMA IF EXISTS matching_bench CASCADE;
CREATE SCHEMA matching_bench;
SET search_path TO matching_bench;
CREATE TABLE profile (
  person_id text COLLATE "C" NOT NULL, lat float8, lon float8, radius int NOT NULL,
  education int NOT NULL, availability int NOT NULL, visibility int NOT NULL, l68 int NOT NULL,
  validated_on date, unemployed_since date, langs text[] NOT NULL, levels int[] NOT NULL,
  skills text[] NOT NULL, licences text[] NOT NULL, registers text[] NOT NULL);
CREATE TABLE desired (
  person_id text COLLATE "C" NOT NULL, grp text NOT NULL, unit text NOT NULL,
  contracts text[] NOT NULL, modes int[] NOT NULL, lat float8, lon float8, radius int NOT NULL);
CREATE TABLE experience (
  person_id text COLLATE "C" NOT NULL, unit text NOT NULL, d_from date NOT NULL, d_to date);
)sql";

constexpr const char* kIndexes = R"sql(
ALTER TABLE profile ADD PRIMARY KEY (person_id);
CREATE INDEX desired_group_lat_lon ON desired (grp, lat, lon)
  INCLUDE (person_id, unit, radius, contracts, modes);
CREATE INDEX desired_group_remote ON desired (grp) INCLUDE (person_id, unit, contracts, modes);
CREATE INDEX experience_person_unit ON experience (person_id, unit) INCLUDE (d_from, d_to);
)sql";
constexpr const char* kVacuum[] = {"VACUUM ANALYZE profile", "VACUUM ANALYZE desired",
                                   "VACUUM ANALYZE experience"};

// floor(10000 * w * clamp(num, 0, den) / (den * total)), den > 0: scoring.cc's Accumulator.
std::string Points(const std::string& w, const std::string& num, const std::string& den) {
  return absl::StrCat("((10000::bigint * ", w, " * LEAST(GREATEST((", num, ")::bigint, 0), (", den,
                      ")::bigint)) / ((", den, ")::bigint * $29))");
}

// The ranking of a vacancy in one statement. Parameters:
//  $1 group  $2 unit  $3 contract type  $4 working mode  $5 remote
//  $6..$9 bounding box (lat min, lat max, lon min, lon max) around the workplace, area radius
//  $10 L.68 reservation  $11 operator run  $12 today  $13 licences  $14 registers  $15 language
//  codes  $16 their levels  $17 required flags  $18 area radius km  $19 workplace lat  $20 lon
//  $21 skills  $22 experience cap  $23 min education  weights: $24 profession  $25 group
//  percent  $26 skills  $27 languages  $28 experience  $29 total  $30 education  $31 distance
//  $32 L.68  $33 long-term unemployment  $34 limit
std::string RankingSql() {
  const std::string lang_met =
      "(SELECT count(*) FROM unnest($15::text[], $16::int[]) r(code, lvl) "
      "WHERE coalesce(c.levels[array_position(c.langs, r.code)], 0) >= r.lvl)";
  const std::string skills_met =
      "(SELECT count(*) FROM unnest($21::text[]) s WHERE s = ANY(c.skills))";
  const std::string limit = "(LEAST(c.radius, $18) * 10)";
  return absl::StrCat(R"sql(
WITH d AS (
  SELECT person_id, bool_or(unit = $2) AS exact
  FROM desired
  WHERE grp = $1
    AND (cardinality(contracts) = 0 OR $3 = ANY(contracts))
    AND (cardinality(modes) = 0 OR $4::int = ANY(modes))
    AND ($5 OR (lat BETWEEN $6 AND $7 AND lon BETWEEN $8 AND $9))
  GROUP BY person_id),
c AS (
  SELECT p.*, d.exact,
         CASE WHEN $5 THEN 0
              ELSE (SELECT CASE WHEN y - trunc(y) >= 0.5 THEN trunc(y) + 1 ELSE trunc(y) END
                    FROM (SELECT 10 * ((2::float8 * 6371.0088::float8) *
                                  asin(least(1::float8, sqrt(sin(dlat / 2) * sin(dlat / 2) +
                                       cos(p.lat * k) * cos($19::float8 * k) * sin(dlon / 2) *
                                       sin(dlon / 2))))) AS y
                          FROM (SELECT ($19::float8 - p.lat) * (pi() / 180::float8) AS dlat,
                                       ($20::float8 - p.lon) * (pi() / 180::float8) AS dlon,
                                       pi() / 180::float8 AS k) r) h)::bigint
         END AS dist
  FROM d JOIN profile p USING (person_id)
  WHERE ($10 = 0 OR p.l68 = $10)
    AND p.availability = 1
    AND (p.visibility IN (1, 3) OR (p.visibility = 2 AND $11))
    AND p.validated_on IS NOT NULL
    AND NOT (p.l68 = 0 AND $12::date >= p.validated_on + 365)
    AND p.licences @> $13::text[] AND p.registers @> $14::text[]
    AND NOT EXISTS (SELECT 1 FROM unnest($15::text[], $16::int[], $17::bool[]) r(code, lvl, req)
                    WHERE r.req AND coalesce(p.levels[array_position(p.langs, r.code)], 0) < r.lvl)
)
SELECT c.person_id, )sql",
                      "CASE WHEN c.exact THEN ", Points("$24", "100", "100"), " ELSE ",
                      Points("$24", "$25", "100"), " END",
                      " + CASE WHEN cardinality($21::text[]) = 0 THEN ", Points("$26", "1", "1"),
                      " ELSE ", Points("$26", skills_met, "cardinality($21::text[])"), " END",
                      " + CASE WHEN cardinality($15::text[]) = 0 THEN ", Points("$27", "1", "1"),
                      " ELSE ", Points("$27", lang_met, "cardinality($15::text[])"), " END", " + ",
                      Points("$28", "LEAST(ex.months, $22)", "$22"), " + ",
                      Points("$30",
                             "CASE WHEN $23 = 0 OR (c.education <> 0 AND c.education >= "
                             "$23) THEN 1 ELSE 0 END",
                             "1"),
                      " + CASE WHEN $5 OR ", limit, " = 0 THEN ", Points("$31", "1", "1"), " ELSE ",
                      Points("$31", absl::StrCat(limit, " - c.dist"), limit), " END", " + ",
                      Points("$32", "CASE WHEN c.l68 <> 0 THEN 1 ELSE 0 END", "1"), " + ",
                      Points("$33",
                             "CASE WHEN c.unemployed_since IS NOT NULL AND $12::date - "
                             "c.unemployed_since >= 365 THEN 1 ELSE 0 END",
                             "1"),
                      R"sql( AS score
FROM c
CROSS JOIN LATERAL (
  SELECT coalesce(sum(GREATEST(0, t - GREATEST(fr, coalesce(prev + 1, fr)) + 1)), 0) / 30 AS months
  FROM (SELECT fr, t, max(t) OVER (ORDER BY fr, t ROWS BETWEEN UNBOUNDED PRECEDING
                                   AND 1 PRECEDING) AS prev
        FROM (SELECT e.d_from AS fr, LEAST(coalesce(e.d_to, $12::date), $12::date) AS t
              FROM experience e
              WHERE e.person_id = c.person_id AND e.unit = $2 AND e.d_from <= $12::date) e0
        WHERE t >= fr) w) ex
WHERE $5 OR (c.dist <= c.radius * 10 AND c.dist <= $18 * 10)
ORDER BY score DESC, c.person_id
LIMIT $34)sql");
}

std::vector<std::string> RankingParams(const PreparedVacancy& pv, const Weights& w,
                                       const MatchQuery& q) {
  const Vacancy& v = pv.vacancy;
  const bool remote = v.working_mode == matching::WorkingMode::kRemote;
  std::vector<std::string> codes, required;
  std::vector<int> levels;
  for (const auto& l : v.languages) {
    codes.push_back(l.language);
    levels.push_back(static_cast<int>(l.min_level));
    required.push_back(l.required ? "t" : "f");
  }
  // A box certainly holding every point within the area radius (1% margin).
  std::string lat_min = "", lat_max = "", lon_min = "", lon_max = "", vlat = "", vlon = "";
  if (pv.location.has_value()) {
    const double dlat = v.area_radius_km / (6371.0088 * M_PI / 180.0) * 1.01 + 0.001;
    const double top = std::min(89.0, std::abs(pv.location->lat) + dlat);
    const double dlon = std::min(180.0, dlat / std::cos(top * M_PI / 180.0));
    lat_min = Double(pv.location->lat - dlat);
    lat_max = Double(pv.location->lat + dlat);
    lon_min = Double(pv.location->lon - dlon);
    lon_max = Double(pv.location->lon + dlon);
    vlat = Double(pv.location->lat);
    vlon = Double(pv.location->lon);
  }
  const int cap = v.min_experience_months > 0 ? v.min_experience_months : w.experience_cap_months;
  return {pv.group,
          pv.unit,
          v.contract_type,
          absl::StrCat(static_cast<int>(v.working_mode)),
          remote ? "t" : "f",
          lat_min,
          lat_max,
          lon_min,
          lon_max,
          absl::StrCat(static_cast<int>(v.l68_reservation)),
          q.operator_run ? "t" : "f",
          absl::FormatCivilTime(q.today),
          TextArray(pv.licences),
          TextArray(pv.registers),
          TextArray(codes),
          IntArray(levels),
          "{" + absl::StrJoin(required, ",") + "}",
          absl::StrCat(v.area_radius_km),
          vlat,
          vlon,
          TextArray(pv.skills),
          absl::StrCat(cap),
          absl::StrCat(static_cast<int>(v.min_education)),
          absl::StrCat(w.profession),
          absl::StrCat(w.profession_group_percent),
          absl::StrCat(w.skills),
          absl::StrCat(w.languages),
          absl::StrCat(w.experience),
          absl::StrCat(w.Total()),
          absl::StrCat(w.education),
          absl::StrCat(w.distance),
          absl::StrCat(w.l68_priority),
          absl::StrCat(w.long_term_unemployed),
          absl::StrCat(q.limit)};
}

int Main(std::map<std::string, std::string> flags) {
  int64_t n_profiles = 0, n_vacancies = 0, n_pg = 0, seed = 0;
  if (!absl::SimpleAtoi(flags["profiles"], &n_profiles) ||
      !absl::SimpleAtoi(flags["vacancies"], &n_vacancies) ||
      !absl::SimpleAtoi(flags["pg-vacancies"], &n_pg) || !absl::SimpleAtoi(flags["seed"], &seed)) {
    std::fprintf(stderr, "matching_bench: bad numbers\n");
    return 2;
  }
  absl::CivilDay today;
  if (!absl::ParseCivilTime(flags["today"], &today)) {
    std::fprintf(stderr, "matching_bench: --today=YYYY-MM-DD\n");
    return 2;
  }
  int cpu = -1;
  absl::SimpleAtoi(flags["cpu"], &cpu);
  Kv("profiles", absl::StrCat(n_profiles));
  Kv("vacancies", absl::StrCat(n_vacancies));
  Kv("seed", absl::StrCat(seed));
  Kv("today", absl::FormatCivilTime(today));

  // The reference data and the generator's tables, before the baseline of memory.
  const testing::MatchingGenerator gen(static_cast<uint64_t>(seed), today);
  (void)reference::CpiSites();
  (void)gen.Profile(0);
  WeightsByCpi weights = *WeightsByCpi::Parse({{"CPI-TO-15.distance", "20"},
                                               {"CPI-TO-15.experience", "25"},
                                               {"CPI-CN-08.l68_priority", "20"}});
  malloc_trim(0);
  const size_t heap0 = LiveHeap(), rss0 = RssBytes();

  // (1) Load.
  auto index = std::make_unique<MatchingIndex>(weights);
  const auto t_load = Clock::now();
  index->Reserve(static_cast<size_t>(n_profiles));
  for (int64_t i = 0; i < n_profiles; ++i) index->UpsertProfile(gen.Profile(i));
  const double upsert_s = Seconds(t_load);
  const auto t_compact = Clock::now();
  index->Compact();
  const double compact_s = Seconds(t_compact);
  const double load_s = Seconds(t_load);
  malloc_trim(0);
  const size_t heap1 = LiveHeap(), rss1 = RssBytes();
  const auto mem = index->ProfileMemory();
  const double n = static_cast<double>(n_profiles);
  Kv("load_s", load_s);
  Kv("load_upserts_s", upsert_s);
  Kv("load_compact_s", compact_s);
  Kv("load_profiles_per_s", n / load_s);
  Kv("bytes_per_profile_heap", static_cast<double>(heap1 - heap0) / n);
  Kv("bytes_per_profile_rss", static_cast<double>(rss1 - rss0) / n);
  Kv("bytes_per_profile_index", static_cast<double>(mem.Total()) / n);
  Kv("bytes_records", static_cast<double>(mem.records) / n);
  Kv("bytes_side", static_cast<double>(mem.side) / n);
  Kv("bytes_ids", static_cast<double>(mem.arena) / n);
  Kv("bytes_id_set", static_cast<double>(mem.id_set) / n);
  Kv("bytes_postings", static_cast<double>(mem.postings) / n);
  Kv("bytes_dictionaries", static_cast<double>(mem.dictionaries) / n);

  // (2) Queries on one core.
  std::vector<PreparedVacancy> vacancies;
  for (int64_t i = 0; i < n_vacancies; ++i) {
    Vacancy v = gen.Vacancy(i);
    index->UpsertVacancy(v);
    vacancies.push_back(matching::PrepareVacancy(std::move(v), index->group_level()));
  }
  if (cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof(set), &set) != 0) std::perror("sched_setaffinity");
  }
  Kv("cpu", absl::StrCat(sched_getcpu()));
  const MatchQuery query{.today = today, .operator_run = true, .limit = 50};
  for (size_t i = 0; i < std::min<size_t>(50, vacancies.size()); ++i) {
    (void)index->CandidatesFor(vacancies[i].vacancy.id, query);  // warm-up
  }
  std::vector<double> lat_ms;
  std::vector<std::vector<MatchResult>> results;
  size_t total_results = 0, full = 0;
  for (const PreparedVacancy& v : vacancies) {
    const auto t = Clock::now();
    auto r = index->CandidatesFor(v.vacancy.id, query);
    lat_ms.push_back(Seconds(t) * 1000);
    if (!r.ok()) {
      std::fprintf(stderr, "CandidatesFor %s: %s\n", v.vacancy.id.c_str(),
                   r.status().ToString().c_str());
      return 1;
    }
    total_results += r->size();
    full += r->size() == 50 ? 1 : 0;
    results.push_back(*std::move(r));
  }
  const double p50 = Percentile(lat_ms, 50), p99 = Percentile(lat_ms, 99);
  {
    std::vector<size_t> order(lat_ms.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return lat_ms[a] > lat_ms[b]; });
    for (size_t k = 0; k < std::min<size_t>(5, order.size()); ++k) {
      const Vacancy& v = vacancies[order[k]].vacancy;
      std::printf("SLOW\t%s\t%.3f\t%s\t%s\t%d km\t%zu results\n", v.id.c_str(), lat_ms[order[k]],
                  v.profession_code.c_str(),
                  std::string(matching::WorkingModeName(v.working_mode)).c_str(), v.area_radius_km,
                  results[order[k]].size());
    }
  }
  Kv("index_p50_ms", p50);
  Kv("index_p90_ms", Percentile(lat_ms, 90));
  Kv("index_p99_ms", p99);
  Kv("index_mean_ms", Mean(lat_ms));
  Kv("index_max_ms", Percentile(lat_ms, 100));
  Kv("index_mean_results",
     static_cast<double>(total_results) / static_cast<double>(vacancies.size()));
  Kv("index_full_lists", absl::StrCat(full));
  Target("index_p99_ms", p99, "<= 5 ms", p99 <= 5);
  Target("bytes_per_profile", static_cast<double>(heap1 - heap0) / n,
         "<= 300 (allocator's live bytes)", static_cast<double>(heap1 - heap0) / n <= 300);

  // (3) PostgreSQL.
  if (flags["db"].empty()) return 0;
  auto conn = PgConn::Connect(flags["db"], "");
  if (!conn.ok()) {
    std::fprintf(stderr, "matching_bench: %s\n", conn.status().ToString().c_str());
    return 1;
  }
  PgConn& pg = *conn;
  const auto check = [](const absl::Status& st, const char* what) {
    if (!st.ok()) {
      std::fprintf(stderr, "matching_bench: %s: %s\n", what, st.ToString().c_str());
      std::exit(1);
    }
  };
  check(pg.Exec(kSchema), "schema");
  const auto t_copy = Clock::now();
  constexpr int64_t kChunk = 50000;
  for (int64_t from = 0; from < n_profiles; from += kChunk) {
    std::string profiles, desired, experiences;
    for (int64_t i = from; i < std::min(n_profiles, from + kChunk); ++i) {
      CopyRows(matching::PrepareProfile(gen.Profile(i), index->group_level()), profiles, desired,
               experiences);
    }
    check(pg.Copy("profile", profiles), "COPY profile");
    check(pg.Copy("desired", desired), "COPY desired");
    check(pg.Copy("experience", experiences), "COPY experience");
  }
  Kv("pg_copy_s", Seconds(t_copy));
  const auto t_idx = Clock::now();
  check(pg.Exec(kIndexes), "indexes");
  for (const char* vacuum : kVacuum) check(pg.Exec(vacuum), "vacuum");
  Kv("pg_index_s", Seconds(t_idx));
  auto size = pg.Query(
      "SELECT pg_total_relation_size('profile') + pg_total_relation_size('desired') + "
      "pg_total_relation_size('experience')");
  if (size.ok()) Kv("pg_bytes", (*size)[0][0]);
  check(pg.Exec("SET max_parallel_workers_per_gather = 0; SET work_mem = '64MB'; "
                "SET jit = off"),
        "settings");
  const std::string sql = RankingSql();
  // Warm-up: the tables into the cache.
  check(pg.Exec("SELECT count(*) FROM profile; SELECT count(*) FROM desired; "
                "SELECT count(*) FROM experience"),
        "warm-up");
  const size_t sample = std::min<size_t>(static_cast<size_t>(n_pg), vacancies.size());
  std::vector<double> pg_ms, same_ms;
  size_t mismatches = 0, compared_rows = 0;
  for (size_t i = 0; i < sample; ++i) {
    const PreparedVacancy& v = vacancies[i];
    const auto params = RankingParams(v, weights.For(v.vacancy.cpi_code), query);
    const auto t = Clock::now();
    auto rows = pg.Query(sql, params);
    pg_ms.push_back(Seconds(t) * 1000);
    same_ms.push_back(lat_ms[i]);
    if (!rows.ok()) {
      std::fprintf(stderr, "matching_bench: ranking %s: %s\n", v.vacancy.id.c_str(),
                   rows.status().ToString().c_str());
      return 1;
    }
    const std::vector<MatchResult>& mine = results[i];
    bool same = rows->size() == mine.size();
    for (size_t k = 0; same && k < mine.size(); ++k) {
      same = (*rows)[k][0] == mine[k].person_id && (*rows)[k][1] == absl::StrCat(mine[k].score);
    }
    compared_rows += mine.size();
    if (!same) {
      ++mismatches;
      std::printf("MISMATCH\t%s\tindex %zu rows, SQL %zu rows\n", v.vacancy.id.c_str(), mine.size(),
                  rows->size());
      for (size_t k = 0; k < std::max(mine.size(), rows->size()) && k < 5; ++k) {
        std::printf("MISMATCH\t%s\t#%zu\t%s %d\t%s %s\n", v.vacancy.id.c_str(), k,
                    k < mine.size() ? mine[k].person_id.c_str() : "-",
                    k < mine.size() ? mine[k].score : -1,
                    k < rows->size() ? (*rows)[k][0].c_str() : "-",
                    k < rows->size() ? (*rows)[k][1].c_str() : "-");
      }
    }
    if ((i + 1) % 50 == 0)
      std::fprintf(stderr, "== PostgreSQL: %zu of %zu vacancies\n", i + 1, sample);
  }
  const double pg50 = Percentile(pg_ms, 50), pg99 = Percentile(pg_ms, 99);
  const double s50 = Percentile(same_ms, 50), s99 = Percentile(same_ms, 99);
  Kv("pg_vacancies", absl::StrCat(sample));
  Kv("pg_p50_ms", pg50);
  Kv("pg_p90_ms", Percentile(pg_ms, 90));
  Kv("pg_p99_ms", pg99);
  Kv("pg_mean_ms", Mean(pg_ms));
  Kv("pg_max_ms", Percentile(pg_ms, 100));
  Kv("sample_index_p50_ms", s50);
  Kv("sample_index_p99_ms", s99);
  Kv("ratio_p50", pg50 / s50);
  Kv("ratio_p99", pg99 / s99);
  Kv("ratio_mean", Mean(pg_ms) / Mean(same_ms));
  Kv("compared_vacancies", absl::StrCat(sample));
  Kv("compared_rows", absl::StrCat(compared_rows));
  Kv("mismatched_vacancies", absl::StrCat(mismatches));
  Target("same_results", static_cast<double>(mismatches), "0 vacancies differing", mismatches == 0);
  Target("ratio_p50", pg50 / s50, ">= 50x (p50 of PostgreSQL / p50 of the index, same vacancies)",
         pg50 / s50 >= 50);
  if (flags["keep-schema"] != "1") check(pg.Exec("DROP SCHEMA matching_bench CASCADE"), "drop");
  return mismatches == 0 ? 0 : 1;
}

}  // namespace
}  // namespace sisl::bench::matching_bench

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags = {{"profiles", "1000000"},
                                              {"vacancies", "1000"},
                                              {"pg-vacancies", "200"},
                                              {"seed", "13"},
                                              {"today", "2025-06-01"},
                                              {"cpu", "-1"},
                                              {"db", ""},
                                              {"keep-schema", "0"}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos || !flags.count(arg.substr(2, eq - 2))) {
      std::fprintf(stderr,
                   "usage: matching_bench [--profiles=1000000] [--vacancies=1000] "
                   "[--pg-vacancies=200] [--seed=13] [--today=2025-06-01] [--cpu=N] [--db=URL] "
                   "[--keep-schema=1]\n");
      return 2;
    }
    flags[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
  }
  setvbuf(stdout, nullptr, _IOLBF, 0);
  return sisl::bench::matching_bench::Main(flags);
}
