// From the quotas to the positions still to fill (DOMAIN.md §12): uncovered = quota - exempted
// positions - compensations between provinces - disabled in force (with the abatement for
// protected-category workers in force on 17 January 2000).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/enterprise/domain/l68_internal.h"
#include "services/platform/errors.h"

namespace sisl::enterprise::l68 {
namespace {

L68Figure Compensation(const Work& w, size_t i, L68QuotaKind kind) {
  const std::string& here = w.out.provinces[i].province;
  L68Figure f;
  for (const L68Compensation& c : w.input.compensations) {
    if (c.kind != kind) continue;
    if (c.from_province == here) {
      f.value += c.positions;
      f.steps.push_back(
          MakeStep("COMPENSATION_GIVEN",
                   absl::StrCat("Compensazione territoriale: ", c.positions,
                                " posizioni in più da coprire qui al posto di ", c.to_province,
                                " (+", c.positions, ")."),
                   absl::StrCat("Territorial compensation: ", c.positions,
                                " more positions to cover here instead of ", c.to_province, " (+",
                                c.positions, ")."),
                   {Text("to_province", c.to_province), Num("positions", c.positions)}));
    } else if (c.to_province == here) {
      f.value -= c.positions;
      f.steps.push_back(
          MakeStep("COMPENSATION_RECEIVED",
                   absl::StrCat("Compensazione territoriale: ", c.positions,
                                " posizioni di questa provincia coperte in ", c.from_province,
                                " (-", c.positions, ")."),
                   absl::StrCat("Territorial compensation: ", c.positions,
                                " positions of this province covered in ", c.from_province, " (-",
                                c.positions, ")."),
                   {Text("from_province", c.from_province), Num("positions", c.positions)}));
    }
  }
  if (f.steps.empty()) {
    f.steps.push_back(MakeStep("NO_COMPENSATION", "Nessuna compensazione territoriale.",
                               "No territorial compensation.", {Num("compensation", 0)}));
  }
  return f;
}

L68Figure NationalCompensation(const Work& w, L68QuotaKind kind) {
  const bool any = std::any_of(w.input.compensations.begin(), w.input.compensations.end(),
                               [kind](const L68Compensation& c) { return c.kind == kind; });
  L68Figure f;
  f.steps.push_back(
      any ? MakeStep("COMPENSATION_NET",
                     "Le compensazioni tra province si annullano nel riepilogo nazionale: 0.",
                     "Compensations between provinces cancel out in the national summary: 0.",
                     {Num("compensation", 0)})
          : MakeStep("NO_COMPENSATION", "Nessuna compensazione territoriale.",
                     "No territorial compensation.", {Num("compensation", 0)}));
  return f;
}

L68Figure Due(const L68Figure& quota, const L68Figure* exempted, const L68Figure& comp) {
  const int64_t ex = exempted == nullptr ? 0 : exempted->value;
  L68Figure f{quota.value - ex + comp.value, {}};
  f.steps.push_back(
      MakeStep("POSITIONS_DUE",
               absl::StrCat("Posizioni da coprire = quota ", quota.value, " - esonerate ", ex,
                            " + compensazione ", comp.value, " = ", f.value, "."),
               absl::StrCat("Positions due = quota ", quota.value, " - exempted ", ex,
                            " + compensation ", comp.value, " = ", f.value, "."),
               {Num("quota", quota.value), Num("exempted", ex), Num("compensation", comp.value),
                Num("positions_due", f.value)}));
  return f;
}

L68Step CoverageStep(const Tally& t) {
  const Fraction exact = t.DisabledUnits();
  return MakeStep(
      "DISABLED_COVERAGE",
      absl::StrCat("Disabili in forza che coprono la quota: ", t.disabled_full_time,
                   " a tempo pieno, ", t.disabled_above_half,
                   " a tempo parziale oltre il 50% dell'orario (uno ciascuno), ",
                   t.disabled_pro_rata, " fino al 50% (in proporzione: ",
                   t.disabled_pro_rata_units.ToString(), "); totale ", exact.ToString(), "."),
      absl::StrCat("Disabled workers in force covering the quota: ", t.disabled_full_time,
                   " full time, ", t.disabled_above_half,
                   " part time above 50% of the hours (one each), ", t.disabled_pro_rata,
                   " up to 50% (pro rata: ", t.disabled_pro_rata_units.ToString(), "); total ",
                   exact.ToString(), "."),
      {Num("full_time", t.disabled_full_time), Num("part_time_above_half", t.disabled_above_half),
       Num("part_time_pro_rata", t.disabled_pro_rata),
       Num("pro_rata_units", t.disabled_pro_rata_units), Num("exact", exact)});
}

void AddOtherCoverage(L68Figure& f, int64_t other) {
  if (other == 0) return;
  f.value += other;
  f.steps.push_back(MakeStep(
      "OTHER_COVERAGE",
      absl::StrCat("Altri disabili che coprono la quota (somministrati per almeno 12 mesi, "
                   "convenzioni): ",
                   other, "."),
      absl::StrCat("Other disabled people covering the quota (agency missions of 12 months or "
                   "more, agreements): ",
                   other, "."),
      {Num("other_coverage", other)}));
}

// Covered, uncovered and excess of one side (disabled or protected) of a province.
void Settle(const L68Figure& due, int64_t counted, const char* counted_it, const char* counted_en,
            L68Figure& covered, L68Figure& uncovered, L68Figure& excess) {
  covered = {std::min(due.value, counted), {}};
  covered.steps.push_back(MakeStep(
      "COVERED",
      absl::StrCat("Coperte = il minore tra posizioni da coprire (", due.value, ") e ", counted_it,
                   " (", counted, "): ", covered.value, "."),
      absl::StrCat("Covered = the lesser of positions due (", due.value, ") and ", counted_en, " (",
                   counted, "): ", covered.value, "."),
      {Num("positions_due", due.value), Num("counted", counted), Num("covered", covered.value)}));
  uncovered = {due.value - covered.value, {}};
  uncovered.steps.push_back(
      MakeStep("UNCOVERED",
               absl::StrCat("Scoperture = posizioni da coprire ", due.value, " - coperte ",
                            covered.value, " = ", uncovered.value, "."),
               absl::StrCat("Uncovered = positions due ", due.value, " - covered ", covered.value,
                            " = ", uncovered.value, "."),
               {Num("positions_due", due.value), Num("covered", covered.value),
                Num("uncovered", uncovered.value)}));
  excess = {counted - covered.value, {}};
  excess.steps.push_back(MakeStep(
      "EXCESS",
      absl::StrCat("In eccedenza rispetto alle posizioni da coprire: ", counted, " - ",
                   covered.value, " = ", excess.value, "."),
      absl::StrCat("Above the positions due: ", counted, " - ", covered.value, " = ", excess.value,
                   "."),
      {Num("counted", counted), Num("covered", covered.value), Num("excess", excess.value)}));
}

L68Step SuspensionStep(const L68Suspension& s) {
  return MakeStep(
      "SUSPENSION",
      absl::StrCat("Obbligo sospeso (", s.cause, ") per ", s.workers,
                   " lavoratori: le scoperture non sono esigibili finché dura la sospensione."),
      absl::StrCat("Obligation suspended (", s.cause, ") for ", s.workers,
                   " workers: uncovered positions are not due while the suspension lasts."),
      {Text("cause", s.cause), Num("workers", s.workers)});
}

absl::Status CheckDue(const L68Figure& due, const std::string& province, const char* which) {
  if (due.value >= 0) return absl::OkStatus();
  return platform::Error(absl::StatusCode::kFailedPrecondition,
                         "L68_COMPENSATION_EXCEEDS_POSITIONS_DUE",
                         absl::StrCat("compensations take more ", which, " positions from ",
                                      province, " than it owes"),
                         {{"province", province}, {"positions_due", absl::StrCat(due.value)}});
}

}  // namespace

absl::Status ComputeCoverage(Work& w) {
  const size_t n = w.out.provinces.size();
  L68Figures& nf = w.out.national;
  const Tally& nat = w.national;

  // Disabled coverage, rounded on the national total and apportioned.
  const Fraction coverage_exact = nat.DisabledUnits();
  const int64_t coverage = coverage_exact.RoundAboveHalf();
  std::vector<Fraction> exact(n);
  for (size_t i = 0; i < n; ++i) exact[i] = w.tallies[i].DisabledUnits();
  const Apportionment shares = Apportion(exact, coverage, w.office);

  std::vector<int64_t> before_abatement(n);
  for (size_t i = 0; i < n; ++i) {
    L68ProvinceResult& p = w.out.provinces[i];
    L68Figures& f = p.figures;
    f.compensation = Compensation(w, i, L68QuotaKind::kDisabled);
    f.positions_due = Due(f.quota, &f.exempted, f.compensation);
    if (absl::Status st = CheckDue(f.positions_due, p.province, "disabled"); !st.ok()) return st;
    f.compensation_protected = Compensation(w, i, L68QuotaKind::kProtected);
    f.positions_due_protected = Due(f.quota_protected, nullptr, f.compensation_protected);
    if (absl::Status st = CheckDue(f.positions_due_protected, p.province, "protected"); !st.ok()) {
      return st;
    }
    f.disabled_coverage = {shares.shares[i], {CoverageStep(w.tallies[i])}};
    AddRounding(f.disabled_coverage, exact[i], exact[i].RoundAboveHalf());
    AddApportioned(f.disabled_coverage, shares.adjustments[i], coverage);
    AddOtherCoverage(f.disabled_coverage, w.tallies[i].other_coverage);
    before_abatement[i] = f.positions_due.value - f.disabled_coverage.value;
  }
  nf.compensation = NationalCompensation(w, L68QuotaKind::kDisabled);
  nf.compensation_protected = NationalCompensation(w, L68QuotaKind::kProtected);
  nf.disabled_coverage = {coverage, {CoverageStep(nat)}};
  AddRounding(nf.disabled_coverage, coverage_exact, coverage);
  AddOtherCoverage(nf.disabled_coverage, nat.other_coverage);

  // Abatement: protected workers in force on 17 January 2000 beyond the art.18 quota count
  // against the disabled quota, up to that quota and to the uncovered positions.
  int64_t open = 0;
  for (int64_t v : before_abatement) open += std::max<int64_t>(v, 0);
  const int64_t quota18 = nf.quota_protected.value;
  const int64_t excess18 = std::max<int64_t>(nat.protected_workers - quota18, 0);
  const int64_t abatement = std::min({quota18, excess18, nat.protected_17_01_2000, open});
  const L68Step abatement_step = MakeStep(
      "ABATEMENT",
      absl::StrCat("Abbattimento per i lavoratori protetti in forza al 17/01/2000: il minore tra "
                   "quota art.18 (",
                   quota18, "), protetti oltre la quota (", excess18,
                   "), protetti in forza al "
                   "17/01/2000 (",
                   nat.protected_17_01_2000, ") e scoperture (", open, "): ", abatement, "."),
      absl::StrCat("Abatement for protected workers in force on 17/01/2000: the least of the "
                   "art.18 quota (",
                   quota18, "), protected workers above it (", excess18,
                   "), protected workers in force on 17/01/2000 (", nat.protected_17_01_2000,
                   ") and uncovered positions (", open, "): ", abatement, "."),
      {Num("protected_quota", quota18), Num("protected_above_quota", excess18),
       Num("in_force_17_01_2000", nat.protected_17_01_2000), Num("uncovered_before", open),
       Num("abatement", abatement)});
  nf.abatement = {abatement, {abatement_step}};
  // Provinces with the most uncovered positions first; the registered office first on ties.
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (before_abatement[a] != before_abatement[b]) {
      return before_abatement[a] > before_abatement[b];
    }
    return a == w.office && b != w.office;
  });
  int64_t left = abatement;
  for (size_t i : order) {
    const int64_t take = std::min(left, std::max<int64_t>(before_abatement[i], 0));
    left -= take;
    L68Figure& a = w.out.provinces[i].figures.abatement;
    a = {take, {abatement_step}};
    if (abatement > 0) {
      a.steps.push_back(MakeStep(
          "ABATEMENT_SHARE",
          absl::StrCat("L'abbattimento va alle province con più scoperture: ", take,
                       " in questa provincia (scoperture prima dell'abbattimento: ",
                       before_abatement[i], ")."),
          absl::StrCat(
              "The abatement goes to the provinces with the most uncovered positions: ", take,
              " in this province (uncovered before the abatement: ", before_abatement[i], ")."),
          {Num("abatement", take), Num("uncovered_before", before_abatement[i])}));
    }
  }

  for (size_t i = 0; i < n; ++i) {
    L68ProvinceResult& p = w.out.provinces[i];
    L68Figures& f = p.figures;
    const int64_t counted = f.disabled_coverage.value + f.abatement.value;
    Settle(f.positions_due, counted, "disabili computabili più abbattimento",
           "disabled counted plus abatement", f.covered, f.uncovered, f.excess);
    f.protected_in_force = {w.tallies[i].protected_workers, {}};
    f.protected_in_force.steps.push_back(MakeStep(
        "PROTECTED_IN_FORCE",
        absl::StrCat("Lavoratori delle categorie protette (art.18) in forza: ",
                     f.protected_in_force.value, "."),
        absl::StrCat("Protected-category workers (art.18) in force: ", f.protected_in_force.value,
                     "."),
        {Num("protected_in_force", f.protected_in_force.value)}));
    Settle(f.positions_due_protected, f.protected_in_force.value, "protetti in forza",
           "protected workers in force", f.covered_protected, f.uncovered_protected,
           f.excess_protected);
    const std::optional<L68Suspension>& s = w.input.provinces[i].suspension;
    p.obligation_suspended = s.has_value();
    if (s.has_value()) {
      const L68Step step = SuspensionStep(*s);
      f.suspended_workers = {s->workers, {step}};
      f.uncovered.steps.push_back(step);
      f.uncovered_protected.steps.push_back(step);
    } else {
      f.suspended_workers = {0,
                             {MakeStep("NO_SUSPENSION", "Nessuna sospensione dell'obbligo.",
                                       "No suspension of the obligation.", {Num("workers", 0)})}};
    }
  }

  nf.protected_in_force = NationalSum(w, &L68Figures::protected_in_force, "Protetti in forza",
                                      "Protected workers in force");
  nf.positions_due =
      NationalSum(w, &L68Figures::positions_due, "Posizioni da coprire", "Positions due");
  nf.covered = NationalSum(w, &L68Figures::covered, "Posizioni coperte", "Covered positions");
  nf.uncovered = NationalSum(w, &L68Figures::uncovered, "Scoperture", "Uncovered positions");
  nf.excess = NationalSum(w, &L68Figures::excess, "Eccedenze", "Excess");
  if (n > 1) {
    nf.uncovered.steps.push_back(MakeStep(
        "NO_NETTING_BETWEEN_PROVINCES",
        "Un'eccedenza in una provincia copre un'altra provincia solo con una compensazione "
        "territoriale.",
        "An excess in one province covers another province only through a territorial "
        "compensation.",
        {}));
  }
  nf.positions_due_protected = NationalSum(w, &L68Figures::positions_due_protected,
                                           "Posizioni da coprire art.18", "Art.18 positions due");
  nf.covered_protected = NationalSum(w, &L68Figures::covered_protected, "Posizioni art.18 coperte",
                                     "Art.18 covered positions");
  nf.uncovered_protected = NationalSum(w, &L68Figures::uncovered_protected, "Scoperture art.18",
                                       "Art.18 uncovered positions");
  nf.excess_protected =
      NationalSum(w, &L68Figures::excess_protected, "Eccedenze art.18", "Art.18 excess");
  nf.suspended_workers = NationalSum(w, &L68Figures::suspended_workers, "Lavoratori in sospensione",
                                     "Suspended workers");
  return absl::OkStatus();
}

}  // namespace sisl::enterprise::l68
