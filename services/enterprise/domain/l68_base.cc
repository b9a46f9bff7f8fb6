// The computation bases (DOMAIN.md §12): workers in force, minus disabled workers in force,
// excluded categories and protected-category workers (at most 1% of the workforce), with
// part-time and intermittent workers counted pro rata. Pro-rata units and the 1% deduction are
// rounded once, nationally, and apportioned to the provinces so that they add up.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/enterprise/domain/l68_internal.h"

namespace sisl::enterprise::l68 {
namespace {

size_t Index(L68Exclusion e) { return static_cast<size_t>(e); }

Fraction Ratio(const L68Employee& e) {
  return Fraction::Of(e.weekly_minutes, e.full_time_weekly_minutes);
}

L68Figure WorkersInForce(const Tally& t, const std::string& day) {
  L68Figure f{t.workers, {}};
  f.steps.push_back(MakeStep("WORKERS_IN_FORCE",
                             absl::StrCat("Lavoratori in forza al ", day, ": ", t.workers, "."),
                             absl::StrCat("Workers in force on ", day, ": ", t.workers, "."),
                             {Num("workers_in_force", t.workers)}));
  return f;
}

L68Figure DisabledInForce(const Tally& t) {
  L68Figure f{t.disabled, {}};
  f.steps.push_back(MakeStep(
      "DISABLED_NOT_COUNTED",
      absl::StrCat(
          "I lavoratori disabili già in forza (art.1 L.68/99) non si computano: ", t.disabled, "."),
      absl::StrCat(
          "Disabled workers already employed (art.1 L.68/99) are not counted: ", t.disabled, "."),
      {Num("disabled_in_force", t.disabled)}));
  return f;
}

L68Figure Excluded(const Tally& t, bool disabled_base) {
  L68Figure f;
  for (size_t i = 1; i < kExclusionCount; ++i) {
    const auto e = static_cast<L68Exclusion>(i);
    if (t.excluded[i] == 0) continue;
    if (!disabled_base && ScopeOf(e) != L68ExclusionScope::kBoth) continue;
    f.value += t.excluded[i];
    f.steps.push_back(
        MakeStep("EXCLUDED_CATEGORY",
                 absl::StrCat("Categoria esclusa dalla base di computo, ", ExclusionLabelIt(e),
                              ": ", t.excluded[i], "."),
                 absl::StrCat("Category excluded from the computation base, ", ExclusionLabelEn(e),
                              ": ", t.excluded[i], "."),
                 {Text("category", std::string(ExclusionCode(e))), Num("workers", t.excluded[i])}));
  }
  const char* base_it = disabled_base ? "art.3 (disabili)" : "art.18 (categorie protette)";
  const char* base_en = disabled_base ? "art.3 (disabled)" : "art.18 (protected categories)";
  f.steps.push_back(MakeStep(
      "EXCLUDED_TOTAL",
      absl::StrCat("Totale delle categorie escluse dalla base ", base_it, ": ", f.value, "."),
      absl::StrCat("Total of the categories excluded from the ", base_en, " base: ", f.value, "."),
      {Num("excluded", f.value)}));
  return f;
}

L68Step ProtectedCapStep(const Tally& national, const Fraction& one_percent, int64_t cap,
                         int64_t deducted) {
  return MakeStep(
      "PROTECTED_CAP",
      absl::StrCat(
          "Lavoratori delle categorie protette (art.18) in forza: ", national.protected_workers,
          "; si detraggono fino all'1% dei lavoratori in forza (1% di ", national.workers, " = ",
          one_percent.ToString(), ", arrotondato ", cap, "): se ne detraggono ", deducted, "."),
      absl::StrCat("Protected-category workers (art.18) in force: ", national.protected_workers,
                   "; they are deducted up to 1% of the workers in force (1% of ", national.workers,
                   " = ", one_percent.ToString(), ", rounded ", cap, "): ", deducted, " deducted."),
      {Num("protected_in_force", national.protected_workers),
       Num("workers_in_force", national.workers), Num("one_percent", one_percent), Num("cap", cap),
       Num("deducted", deducted)});
}

L68Step PartTimeStep(const Tally& t) {
  return MakeStep("PART_TIME_PRO_RATA",
                  absl::StrCat("Lavoratori a tempo parziale e intermittenti: ", t.part_time_workers,
                               ", computati in proporzione all'orario rispetto al tempo pieno: ",
                               t.part_time_units.ToString(), " unità."),
                  absl::StrCat("Part-time and intermittent workers: ", t.part_time_workers,
                               ", counted pro rata to their hours against full time: ",
                               t.part_time_units.ToString(), " units."),
                  {Num("workers", t.part_time_workers), Num("units_exact", t.part_time_units)});
}

// The base from the figures already computed: in force - disabled - excluded - protected -
// (part-time workers - their units).
L68Figure Base(const L68Figures& f, bool disabled_base) {
  const L68Figure& excluded = disabled_base ? f.excluded_disabled_base : f.excluded_protected_base;
  L68Figure b;
  b.value = f.workers_in_force.value - f.disabled_in_force.value - excluded.value -
            f.protected_deducted.value - (f.part_time_workers.value - f.part_time_units.value);
  for (const L68Figure* part : {&f.workers_in_force, &f.disabled_in_force, &excluded,
                                &f.protected_deducted, &f.part_time_units}) {
    AppendSteps(b, *part);
  }
  const std::string terms_it = absl::StrCat(
      f.workers_in_force.value, " in forza - ", f.disabled_in_force.value, " disabili - ",
      excluded.value, " esclusi - ", f.protected_deducted.value, " protetti - (",
      f.part_time_workers.value, " a tempo parziale - ", f.part_time_units.value, " unità)");
  const std::string terms_en = absl::StrCat(
      f.workers_in_force.value, " in force - ", f.disabled_in_force.value, " disabled - ",
      excluded.value, " excluded - ", f.protected_deducted.value, " protected - (",
      f.part_time_workers.value, " part-time - ", f.part_time_units.value, " units)");
  b.steps.push_back(MakeStep(
      disabled_base ? "BASE" : "BASE_PROTECTED",
      absl::StrCat("Base di computo ", disabled_base ? "art.3" : "art.18", " = ", terms_it, " = ",
                   b.value, "."),
      absl::StrCat("Computation base ", disabled_base ? "art.3" : "art.18", " = ", terms_en, " = ",
                   b.value, "."),
      {Num("workers_in_force", f.workers_in_force.value),
       Num("disabled_in_force", f.disabled_in_force.value), Num("excluded", excluded.value),
       Num("protected_deducted", f.protected_deducted.value),
       Num("part_time_workers", f.part_time_workers.value),
       Num("part_time_units", f.part_time_units.value), Num("base", b.value)}));
  return b;
}

std::vector<L68ExclusionLine> ExclusionLines(const Tally& t) {
  std::vector<L68ExclusionLine> lines;
  for (size_t i = 1; i < kExclusionCount; ++i) {
    if (t.excluded[i] == 0) continue;
    const auto e = static_cast<L68Exclusion>(i);
    lines.push_back({e, ScopeOf(e), t.excluded[i]});
  }
  return lines;
}

}  // namespace

int64_t Tally::ExcludedFromDisabledBase() const {
  int64_t n = 0;
  for (size_t i = 1; i < kExclusionCount; ++i) n += excluded[i];
  return n;
}

int64_t Tally::ExcludedFromProtectedBase() const {
  int64_t n = 0;
  for (size_t i = 1; i < kExclusionCount; ++i) {
    if (ScopeOf(static_cast<L68Exclusion>(i)) == L68ExclusionScope::kBoth) n += excluded[i];
  }
  return n;
}

Fraction Tally::DisabledUnits() const {
  return Fraction::Whole(disabled_full_time + disabled_above_half) + disabled_pro_rata_units;
}

void Tally::Add(const Tally& o) {
  workers += o.workers;
  disabled += o.disabled;
  for (size_t i = 0; i < kExclusionCount; ++i) excluded[i] += o.excluded[i];
  protected_workers += o.protected_workers;
  protected_17_01_2000 += o.protected_17_01_2000;
  part_time_workers += o.part_time_workers;
  part_time_units += o.part_time_units;
  disabled_full_time += o.disabled_full_time;
  disabled_above_half += o.disabled_above_half;
  disabled_pro_rata += o.disabled_pro_rata;
  disabled_pro_rata_units += o.disabled_pro_rata_units;
  other_coverage += o.other_coverage;
}

Tally TallyProvince(const L68ProvinceInput& p) {
  Tally t;
  for (const L68Employee& e : p.employees) {
    const bool pro_rata = e.working_time != L68WorkingTime::kFullTime;
    t.workers += e.count;
    switch (e.role) {
      case L68Role::kDisabled:
        t.disabled += e.count;
        // Coverage: a disabled part-timer counts as one above 50% of the hours, else pro rata.
        if (!pro_rata) {
          t.disabled_full_time += e.count;
        } else if (Fraction::Of(1, 2) < Ratio(e)) {
          t.disabled_above_half += e.count;
        } else {
          t.disabled_pro_rata += e.count;
          t.disabled_pro_rata_units += Ratio(e) * Fraction::Whole(e.count);
        }
        break;
      case L68Role::kProtected:
        t.protected_workers += e.count;
        if (e.in_force_on_17_01_2000) t.protected_17_01_2000 += e.count;
        break;
      case L68Role::kOrdinary:
      case L68Role::kUnspecified:
        if (e.exclusion.has_value()) {
          t.excluded[Index(*e.exclusion)] += e.count;
        } else if (pro_rata) {
          t.part_time_workers += e.count;
          t.part_time_units += Ratio(e) * Fraction::Whole(e.count);
        }
        break;
    }
  }
  t.other_coverage = p.other_disabled_coverage;
  return t;
}

void ComputeBases(Work& w) {
  const size_t n = w.tallies.size();
  const Tally& nat = w.national;
  L68Figures& nf = w.out.national;

  // Protected workers: deducted nationally up to 1% of the workers in force, shared among the
  // provinces in proportion to their protected workers.
  const Fraction one_percent = Fraction::Of(nat.workers, 100);
  const int64_t cap = one_percent.RoundAboveHalf();
  const int64_t deducted = std::min(nat.protected_workers, cap);
  const L68Step cap_step = ProtectedCapStep(nat, one_percent, cap, deducted);
  std::vector<Fraction> protected_exact(n);
  for (size_t i = 0; i < n; ++i) {
    protected_exact[i] =
        nat.protected_workers == 0
            ? Fraction()
            : Fraction::Of(deducted * w.tallies[i].protected_workers, nat.protected_workers);
  }
  const Apportionment protected_shares = Apportion(protected_exact, deducted, w.office);

  // Part-time and intermittent units, rounded on the national total.
  const int64_t units = nat.part_time_units.RoundAboveHalf();
  std::vector<Fraction> units_exact(n);
  for (size_t i = 0; i < n; ++i) units_exact[i] = w.tallies[i].part_time_units;
  const Apportionment unit_shares = Apportion(units_exact, units, w.office);

  for (size_t i = 0; i < n; ++i) {
    const Tally& t = w.tallies[i];
    L68ProvinceResult& p = w.out.provinces[i];
    p.exclusions = ExclusionLines(t);
    L68Figures& f = p.figures;
    f.workers_in_force = WorkersInForce(t, w.day);
    f.disabled_in_force = DisabledInForce(t);
    f.excluded_disabled_base = Excluded(t, true);
    f.excluded_protected_base = Excluded(t, false);

    f.protected_deducted = {protected_shares.shares[i], {cap_step}};
    if (n > 1) {
      f.protected_deducted.steps.push_back(MakeStep(
          "PROTECTED_SHARE",
          absl::StrCat("Parte della detrazione nazionale (", deducted,
                       ") in proporzione ai lavoratori protetti della provincia (",
                       t.protected_workers, " su ", nat.protected_workers,
                       "): ", protected_exact[i].ToString(), "."),
          absl::StrCat("Share of the national deduction (", deducted,
                       ") in proportion to the province's protected workers (", t.protected_workers,
                       " of ", nat.protected_workers, "): ", protected_exact[i].ToString(), "."),
          {Num("national_deducted", deducted), Num("protected_in_force", t.protected_workers),
           Num("exact_share", protected_exact[i])}));
      AddRounding(f.protected_deducted, protected_exact[i], protected_shares.shares[i]);
      AddApportioned(f.protected_deducted, protected_shares.adjustments[i], deducted);
    }

    f.part_time_workers = {t.part_time_workers, {PartTimeStep(t)}};
    f.part_time_units = {unit_shares.shares[i], {PartTimeStep(t)}};
    AddRounding(f.part_time_units, t.part_time_units, t.part_time_units.RoundAboveHalf());
    AddApportioned(f.part_time_units, unit_shares.adjustments[i], units);

    f.base = Base(f, true);
    f.base_protected = Base(f, false);
  }

  w.out.exclusions = ExclusionLines(nat);
  nf.workers_in_force = WorkersInForce(nat, w.day);
  nf.disabled_in_force = DisabledInForce(nat);
  nf.excluded_disabled_base = Excluded(nat, true);
  nf.excluded_protected_base = Excluded(nat, false);
  nf.protected_deducted = {deducted, {cap_step}};
  nf.part_time_workers = {nat.part_time_workers, {PartTimeStep(nat)}};
  nf.part_time_units = {units, {PartTimeStep(nat)}};
  AddRounding(nf.part_time_units, nat.part_time_units, units);
  nf.base = Base(nf, true);
  nf.base_protected = Base(nf, false);
}

}  // namespace sisl::enterprise::l68
