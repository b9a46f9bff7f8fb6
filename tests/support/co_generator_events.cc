// The records of the communication generator: hires (UNILAV, UNIURG), mission starts (UNISOMM)
// and the events on a relationship the stream opened (extension, transformation, termination).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "services/reference/code_lists.h"
#include "tests/support/co_generator_internal.h"

namespace sisl::communications::testing::internal {
namespace {

bool IsFixedTerm(absl::string_view type) { return type == "A.02.00" || type == "A.02.01"; }
bool IsPartTime(absl::string_view wt) { return wt == "P" || wt == "V" || wt == "M"; }

// Age limits by contract type: apprenticeships 18-29 (A.03.08 from 16 to 24), intermittent
// work under 25 or over 55, collaborations from 25.
std::pair<int, int> AgeRange(absl::string_view type, Rng& rng) {
  if (type == "A.03.09") return {18, 29};
  if (type == "A.03.08") return {16, 24};
  if (type == "A.05.02") return rng.Chance(0.7) ? std::pair{18, 24} : std::pair{56, 66};
  if (type == "C.01.00") return {18, 35};
  if (type == "B.03.00") return {25, 66};
  return {18, 66};
}

}  // namespace

std::string State::PickContractType(const EmployerProfile& e) {
  if (e.employer.public_administration) return rng.Chance(0.6) ? "A.02.00" : "A.01.00";
  static const std::vector<std::pair<absl::string_view, double>> kTypes = {
      {"A.02.00", 52}, {"A.01.00", 20}, {"A.03.09", 7}, {"A.05.02", 6},
      {"C.01.00", 6},  {"A.02.01", 4},  {"B.03.00", 3}, {"A.03.08", 2}};
  static const std::vector<double> kCum = [] {
    std::vector<double> w;
    for (const auto& [type, weight] : kTypes) w.push_back(weight);
    return Cumulative(w);
  }();
  return std::string(kTypes[rng.Weighted(kCum)].first);
}

std::string State::Profession(absl::CivilDay day) {
  for (;;) {
    const auto& group = tables.professions[rng.Weighted(tables.profession_group_cum)];
    const std::string& code = rng.Pick(group);
    if (reference::Cp2011Professions().IsValidOn(code, day)) return code;
  }
}

void State::FillContract(Contract& k, const EmployerProfile& e, absl::CivilDay start,
                         const std::string& type, const Worker& worker) {
  k.start = start;
  k.contract_type = type;
  const auto months = [&](std::initializer_list<int> choices) {
    return PeriodEnd(start, *(choices.begin() + rng.Index(choices.size())));
  };
  if (IsFixedTerm(type)) {
    const int r = rng.Uniform(0, 99);
    const int days = r < 25   ? rng.Uniform(7, 30)
                     : r < 60 ? rng.Uniform(31, 92)
                     : r < 85 ? rng.Uniform(93, 183)
                              : rng.Uniform(184, 365);
    k.end = start + (days - 1);
  } else if (type == "A.05.02") {
    if (rng.Chance(0.5)) k.end = months({1, 3, 6, 12});
  } else if (type == "C.01.00") {
    k.end = months({3, 6, 6, 6, 12});
  } else if (type == "B.03.00") {
    k.end = months({3, 6, 12});
  } else if (type == "A.03.09") {
    k.training_end = months({24, 36, 36});
  } else if (type == "A.03.08") {
    k.training_end = months({24, 36});
  }
  if (type == "A.05.02" || type == "B.03.00") {
    k.working_time = "N";
  } else if (rng.Chance(0.72)) {
    k.working_time = "F";
  } else {
    const double r = rng.Unit();
    k.working_time = r < 0.7 ? "P" : r < 0.85 ? "V" : "M";
    static const std::vector<int> kHours = {12, 15, 18, 20, 20, 24, 25, 30, 30, 32};
    k.weekly_hours = rng.Pick(kHours);
  }
  const bool no_ccnl = type == "C.01.00" || type == "B.03.00";
  k.ccnl = no_ccnl ? "ND" : e.ccnl;
  static const std::vector<std::string> kLevels = {"1", "2", "3", "3", "4", "4", "5", "5", "6"};
  k.level = no_ccnl ? "" : rng.Pick(kLevels);
  k.profession = Profession(start);
  k.social_security_body = type == "C.01.00" ? "29" : "01";
  k.inail_pat = e.inail_pat;
  if (type == "C.01.00") {
    k.annual_pay_eur = 12LL * rng.Uniform(600, 900);
  } else if (type == "A.05.02") {
    k.annual_pay_eur = 0;
  } else {
    long long pay = rng.Uniform(21000, 42000);
    if (IsPartTime(k.working_time)) pay = pay * static_cast<long long>(k.weekly_hours) / 40;
    if (type == "A.03.09" || type == "A.03.08") pay = pay * 8 / 10;
    k.annual_pay_eur = pay;
  }
  k.l68 = (type == "A.01.00" || type == "A.02.00") && rng.Chance(0.015);
  k.seasonal = e.section == 'I' && IsFixedTerm(type) && rng.Chance(0.2);
  k.agricultural = e.section == 'A';
  (void)worker;
}

Communication State::MakeHire(Form form, const HireSpec& spec, size_t* employer_index) {
  const size_t ei = PickEmployer(false);
  const EmployerProfile& e = employers[ei];
  if (employer_index != nullptr) *employer_index = ei;
  const absl::CivilDay start =
      spec.start ? *spec.start
                 : options.today + (rng.Chance(0.7) ? rng.Uniform(1, 7) : rng.Uniform(8, 45));
  std::string type = spec.contract_type ? *spec.contract_type : PickContractType(e);
  // An urgent hire is for employment only (URG-011).
  if (form == Form::kUniurg && !absl::StartsWith(type, "A.")) type = "A.02.00";
  auto [min_age, max_age] = AgeRange(type, rng);
  if (spec.min_age) min_age = *spec.min_age;
  if (spec.max_age) max_age = *spec.max_age;
  Communication c;
  c.form = form;
  c.nature = Nature::kOrdinary;
  c.event = EventKind::kHire;
  c.employer = e.employer;
  c.employer.ateco = AtecoOn(e, start);
  c.worker = MakeWorker(start, min_age, max_age, spec.non_eu);
  FillContract(c.contract, e, start, type, c.worker);
  if (form == Form::kUniurg) c.urgency = Urgency{std::string(rng.Pick(tables.urgency_reasons))};
  return c;
}

Communication State::MakeMission(const HireSpec& spec) {
  const EmployerProfile& agency = agencies[rng.Index(agencies.size())];
  const EmployerProfile& user = employers[PickEmployer(true)];
  const absl::CivilDay start =
      spec.start ? *spec.start
                 : options.today + (rng.Chance(0.7) ? rng.Uniform(1, 7) : rng.Uniform(8, 30));
  const std::string type =
      spec.contract_type ? *spec.contract_type : (rng.Chance(0.85) ? "A.02.00" : "A.01.00");
  Communication c;
  c.form = Form::kUnisomm;
  c.nature = Nature::kOrdinary;
  c.event = EventKind::kMissionStart;
  c.employer = agency.employer;
  c.employer.ateco = AtecoOn(agency, start);
  c.agency = agency.agency;
  c.worker = MakeWorker(start, spec.min_age.value_or(18), spec.max_age.value_or(66), spec.non_eu);
  FillContract(c.contract, user, start, type, c.worker);
  c.contract.inail_pat = agency.inail_pat;
  c.contract.seasonal = false;
  c.contract.agricultural = false;  // the relationship is with the agency
  Mission m;
  m.user_fiscal_code = user.employer.fiscal_code;
  m.user_name = user.employer.name;
  m.user_ateco = AtecoOn(user, start);
  m.agency_contract_number = absl::StrFormat("%d/%06d", start.year(), ++contract_serial);
  m.start = start;
  m.end = c.contract.end ? c.contract.end : PeriodEnd(start, rng.Uniform(1, 6));
  m.workplace = user.employer.workplace;
  m.profession = c.contract.profession;
  m.ccnl = c.contract.ccnl;
  m.level = c.contract.level;
  m.working_time = c.contract.working_time;
  m.weekly_hours = c.contract.weekly_hours;
  m.inail_pat = user.inail_pat;
  c.mission = std::move(m);
  return c;
}

// --- Events on an open relationship ----------------------------------------------------------

namespace {

// Event dates stay within `limit`, a year after the filing day (GEN-007).
bool CanExtend(const OpenRelationship& r, absl::CivilDay limit) {
  const RelationshipFacts& f = r.facts;
  return IsFixedTerm(f.contract_type) && f.end && f.extensions < 4 &&
         *f.end < PeriodEnd(f.start, 24) && *f.end <= limit;
}
// Seasonal work is never made open-ended (TRF-015).
bool CanMakeOpenEnded(const OpenRelationship& r) {
  return IsFixedTerm(r.facts.contract_type) && !r.hire.contract.seasonal && r.facts.end &&
         *r.facts.end > r.facts.start;
}
bool CanChangeHours(const OpenRelationship& r) {
  const std::string& t = r.facts.contract_type;
  return t == "A.01.00" || IsFixedTerm(t);
}

}  // namespace

std::optional<size_t> State::FindRelationship(Kind kind) {
  // A stream's first events wait for a few open relationships to choose from.
  if (open.size() < 32) return std::nullopt;
  for (int attempt = 0; attempt < 8; ++attempt) {
    const size_t i = rng.Index(open.size());
    const OpenRelationship& r = open[i];
    if (kind == Kind::kTermination || (kind == Kind::kExtension && CanExtend(r, Limit())) ||
        (kind == Kind::kTransformation && (CanMakeOpenEnded(r) || CanChangeHours(r)))) {
      return i;
    }
  }
  return std::nullopt;
}

Communication State::EventBase(const OpenRelationship& rel, EventKind event, absl::CivilDay day) {
  Communication c = rel.hire;
  c.form = Form::kUnilav;
  c.nature = Nature::kOrdinary;
  c.event = event;
  c.urgency.reset();
  c.employer.ateco = AtecoOn(employers[rel.employer], day);
  // A permit that expires before the event has been renewed since the hire.
  Permit* permit = c.worker.permit ? &*c.worker.permit : nullptr;
  if (permit != nullptr && permit->expiry && *permit->expiry <= day) {
    permit->expiry = day + rng.Uniform(180, 730);
  }
  return c;
}

bool State::MakeExtension(size_t i, Communication& c) {
  const OpenRelationship& r = open[i];
  if (!CanExtend(r, Limit())) return false;
  const absl::CivilDay old_end = *r.facts.end;
  const absl::CivilDay limit = PeriodEnd(r.facts.start, 24);
  const absl::CivilDay new_end = std::min(limit, old_end + rng.Uniform(30, 183));
  c = EventBase(r, EventKind::kExtension, old_end);
  c.extension = Extension{new_end};
  return true;
}

bool State::MakeTransformation(size_t i, Communication& c) {
  const OpenRelationship& r = open[i];
  const bool open_ended = CanMakeOpenEnded(r);
  const bool hours = CanChangeHours(r);
  if (!open_ended && !hours) return false;
  Transformation t;
  const absl::CivilDay last = std::min(Limit(), r.facts.end ? *r.facts.end : r.facts.start + 365);
  t.date = r.facts.start + rng.Uniform(1, std::max(1, static_cast<int>(last - r.facts.start)));
  t.new_contract_type = r.facts.contract_type;
  if (open_ended && (!hours || rng.Chance(0.6))) {
    t.code = "DI";
    t.new_contract_type = "A.01.00";
  } else if (IsPartTime(r.facts.working_time)) {
    t.code = "PP";
    t.new_working_time = "F";
  } else {
    t.code = "TP";
    t.new_working_time = "P";
    t.new_weekly_hours = rng.Chance(0.5) ? 20 : 30;
  }
  c = EventBase(r, EventKind::kTransformation, t.date);
  c.transformation = std::move(t);
  return true;
}

void State::MakeTermination(size_t i, Communication& c) {
  const OpenRelationship& r = open[i];
  static const std::vector<std::pair<absl::string_view, double>> kCauses = {
      {"DI", 45}, {"LI", 20}, {"RC", 15}, {"SC", 8}, {"LG", 6}, {"CA", 6}};
  static const std::vector<double> kCum = [] {
    std::vector<double> w;
    for (const auto& [code, weight] : kCauses) w.push_back(weight);
    return Cumulative(w);
  }();
  // Apprentices may also go during training (AD resignation, AM dismissal: TRM-005).
  static const std::vector<absl::string_view> kApprenticeCauses = {"DI", "LI", "AD", "AM"};
  const absl::CivilDay start = r.facts.start;
  // Before the planned end (ending on it needs no filing, TRM-008), within the year (GEN-007).
  const absl::CivilDay last = std::min(Limit(), r.facts.end ? *r.facts.end - 1 : start + 730);
  Termination t;
  t.date = last > start ? start + rng.Uniform(1, static_cast<int>(last - start)) : start;
  t.cause = absl::StartsWith(r.facts.contract_type, "A.03.")
                ? std::string(rng.Pick(kApprenticeCauses))
                : std::string(kCauses[rng.Weighted(kCum)].first);
  c = EventBase(r, EventKind::kTermination, t.date);
  c.termination = std::move(t);
}

}  // namespace sisl::communications::testing::internal
