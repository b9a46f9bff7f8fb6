// The company category and the quotas (DOMAIN.md §7, §12): category C (15-35) owes one disabled
// worker, B (36-50) two, A (above 50) 7% of the base; protected categories (art.18) owe none up
// to a base of 50, one for 51-150 and 1% above. A fraction counts only above 0.50. Partial
// exemptions cover at most 60% of a province's quota.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/enterprise/domain/l68_internal.h"

namespace sisl::enterprise::l68 {
namespace {

constexpr int kMaxExemptionPercent = 60;

L68CompanyCategory CategoryOf(int64_t base) {
  if (base < 15) return L68CompanyCategory::kNotSubject;
  if (base <= 35) return L68CompanyCategory::kC;
  if (base <= 50) return L68CompanyCategory::kB;
  return L68CompanyCategory::kA;
}

L68Step CategoryStep(int64_t base, L68CompanyCategory c) {
  std::string it, en;
  switch (c) {
    case L68CompanyCategory::kA:
      it = "categoria A (più di 50 lavoratori computabili)";
      en = "category A (more than 50 computable workers)";
      break;
    case L68CompanyCategory::kB:
      it = "categoria B (da 36 a 50 lavoratori computabili)";
      en = "category B (36 to 50 computable workers)";
      break;
    case L68CompanyCategory::kC:
      it = "categoria C (da 15 a 35 lavoratori computabili)";
      en = "category C (15 to 35 computable workers)";
      break;
    default:
      it = "non soggetta all'obbligo (meno di 15 lavoratori computabili)";
      en = "not subject to the obligation (fewer than 15 computable workers)";
      break;
  }
  return MakeStep("COMPANY_CATEGORY",
                  absl::StrCat("Base di computo nazionale ", base, ": ", it, "."),
                  absl::StrCat("National computation base ", base, ": ", en, "."),
                  {Num("national_base", base), Text("category", std::string(CategoryName(c)))});
}

L68Step PercentStep(const char* code, int percent, int64_t base, const Fraction& exact,
                    bool provincial) {
  const char* which_it = provincial ? "della base provinciale" : "della base nazionale";
  const char* which_en = provincial ? "of the provincial base" : "of the national base";
  return MakeStep(
      code, absl::StrCat(percent, "% ", which_it, " ", base, " = ", exact.ToString(), "."),
      absl::StrCat(percent, "% ", which_en, " ", base, " = ", exact.ToString(), "."),
      {Num("base", base), Text("percent", absl::StrCat(percent, "%")), Num("exact", exact)});
}

L68Step AtRegisteredOfficeStep(const Work& w, size_t i, int64_t national, bool protected_quota) {
  const std::string& office = w.out.provinces[w.office].province;
  const int64_t here = i == w.office ? national : 0;
  return MakeStep(
      "QUOTA_AT_REGISTERED_OFFICE",
      absl::StrCat(protected_quota ? "Con una base art.18 da 51 a 150 lavoratori"
                                   : "Per le aziende da 15 a 50 lavoratori computabili",
                   " la quota (", national, ") va alla provincia della sede legale (", office,
                   "): ", here, " in questa provincia."),
      absl::StrCat(protected_quota ? "With an art.18 base of 51 to 150 workers"
                                   : "For companies with 15 to 50 computable workers",
                   " the quota (", national, ") goes to the province of the registered office (",
                   office, "): ", here, " in this province."),
      {Num("national_quota", national), Text("registered_office", office), Num("quota", here)});
}

// The shares of a percentage quota (7% or 1%) of each provincial base, adding up to `national`.
void PercentShares(Work& w, int percent, int64_t national, L68Figure L68Figures::*quota,
                   const L68Figure L68Figures::*base, const L68Step& lead) {
  const size_t n = w.out.provinces.size();
  std::vector<Fraction> exact(n);
  for (size_t i = 0; i < n; ++i) {
    exact[i] = Fraction::Of(percent * (w.out.provinces[i].figures.*base).value, 100);
  }
  const Apportionment a = Apportion(exact, national, w.office);
  for (size_t i = 0; i < n; ++i) {
    L68Figures& f = w.out.provinces[i].figures;
    L68Figure& q = f.*quota;
    q = {a.shares[i], {lead}};
    q.steps.push_back(PercentStep("QUOTA_SHARE", percent, (f.*base).value, exact[i], true));
    AddRounding(q, exact[i], exact[i].RoundAboveHalf());
    AddApportioned(q, a.adjustments[i], national);
  }
}

void DisabledQuota(Work& w) {
  const int64_t base = w.out.national.base.value;
  const L68CompanyCategory c = CategoryOf(base);
  w.out.category = c;
  const L68Step category = CategoryStep(base, c);
  L68Figure& nq = w.out.national.quota;
  nq = {0, {category}};
  switch (c) {
    case L68CompanyCategory::kA: {
      const Fraction exact = Fraction::Of(7 * base, 100);
      nq.value = exact.RoundAboveHalf();
      nq.steps.push_back(PercentStep("QUOTA_PERCENT", 7, base, exact, false));
      AddRounding(nq, exact, nq.value);
      PercentShares(w, 7, nq.value, &L68Figures::quota, &L68Figures::base, category);
      return;
    }
    case L68CompanyCategory::kB:
    case L68CompanyCategory::kC: {
      nq.value = c == L68CompanyCategory::kB ? 2 : 1;
      const L68Step fixed = MakeStep(
          "QUOTA_FIXED",
          absl::StrCat("Categoria ", CategoryName(c), ": ", nq.value,
                       nq.value == 1 ? " lavoratore disabile" : " lavoratori disabili",
                       " (dal 2018 l'obbligo non attende una nuova assunzione, D.lgs. 151/2015)."),
          absl::StrCat("Category ", CategoryName(c), ": ", nq.value,
                       nq.value == 1 ? " disabled worker" : " disabled workers",
                       " (since 2018 the obligation no longer waits for a new hire, D.lgs. "
                       "151/2015)."),
          {Text("category", std::string(CategoryName(c))), Num("quota", nq.value)});
      nq.steps.push_back(fixed);
      for (size_t i = 0; i < w.out.provinces.size(); ++i) {
        L68Figure& q = w.out.provinces[i].figures.quota;
        q = {i == w.office ? nq.value : 0, {category, fixed}};
        q.steps.push_back(AtRegisteredOfficeStep(w, i, nq.value, false));
      }
      return;
    }
    default:
      break;
  }
  const L68Step none =
      MakeStep("NOT_SUBJECT", "Meno di 15 lavoratori computabili: nessun obbligo di assunzione.",
               "Fewer than 15 computable workers: no obligation to hire.", {Num("quota", 0)});
  nq.steps.push_back(none);
  for (L68ProvinceResult& p : w.out.provinces) p.figures.quota = {0, {category, none}};
}

void ProtectedQuota(Work& w) {
  const int64_t base = w.out.national.base_protected.value;
  L68Figure& nq = w.out.national.quota_protected;
  const char* band_it = base <= 50    ? "fino a 50 nessuna quota"
                        : base <= 150 ? "da 51 a 150 un lavoratore"
                                      : "oltre 150 l'1%";
  const char* band_en = base <= 50    ? "up to 50 no quota"
                        : base <= 150 ? "51 to 150 one worker"
                                      : "above 150 1%";
  const L68Step band =
      MakeStep("PROTECTED_QUOTA_BAND",
               absl::StrCat("Base di computo art.18 nazionale ", base, ": ", band_it, "."),
               absl::StrCat("National art.18 computation base ", base, ": ", band_en, "."),
               {Num("national_base", base)});
  nq = {0, {band}};
  if (base > 150) {
    const Fraction exact = Fraction::Of(base, 100);
    nq.value = exact.RoundAboveHalf();
    nq.steps.push_back(PercentStep("PROTECTED_QUOTA_PERCENT", 1, base, exact, false));
    AddRounding(nq, exact, nq.value);
    PercentShares(w, 1, nq.value, &L68Figures::quota_protected, &L68Figures::base_protected, band);
    return;
  }
  nq.value = base > 50 ? 1 : 0;
  for (size_t i = 0; i < w.out.provinces.size(); ++i) {
    L68Figure& q = w.out.provinces[i].figures.quota_protected;
    q = {base > 50 && i == w.office ? 1 : 0, {band}};
    if (base > 50) q.steps.push_back(AtRegisteredOfficeStep(w, i, 1, true));
  }
}

L68Figure Exemption(const L68ProvinceInput& in, int64_t quota) {
  L68Figure f;
  if (in.exemption_percent == 0) {
    f.steps.push_back(MakeStep("NO_EXEMPTION", "Nessun esonero parziale autorizzato.",
                               "No authorised partial exemption.", {Num("exempted", 0)}));
    return f;
  }
  const int applied = std::min(in.exemption_percent, kMaxExemptionPercent);
  if (applied < in.exemption_percent) {
    f.steps.push_back(MakeStep(
        "EXEMPTION_CAPPED",
        absl::StrCat("Esonero richiesto: ", in.exemption_percent, "%; si applica al massimo il ",
                     kMaxExemptionPercent, "% della quota."),
        absl::StrCat("Exemption of ", in.exemption_percent, "% requested: at most ",
                     kMaxExemptionPercent, "% of the quota applies."),
        {Text("requested", absl::StrCat(in.exemption_percent, "%")),
         Text("applied", absl::StrCat(applied, "%"))}));
  }
  const Fraction exact = Fraction::Of(quota * applied, 100);
  f.value = exact.Floor();
  f.steps.push_back(MakeStep(
      "EXEMPTION",
      absl::StrCat("Esonero parziale: ", applied, "% della quota ", quota, " = ", exact.ToString(),
                   ", per difetto ", f.value,
                   " posizioni esonerate (l'esonero non supera la percentuale autorizzata)."),
      absl::StrCat("Partial exemption: ", applied, "% of the quota ", quota, " = ",
                   exact.ToString(), ", rounded down to ", f.value,
                   " exempted positions (the exemption never exceeds the authorised share)."),
      {Text("percent", absl::StrCat(applied, "%")), Num("quota", quota), Num("exact", exact),
       Num("exempted", f.value)}));
  return f;
}

}  // namespace

void ComputeQuotas(Work& w) {
  DisabledQuota(w);
  ProtectedQuota(w);
  for (size_t i = 0; i < w.out.provinces.size(); ++i) {
    L68Figures& f = w.out.provinces[i].figures;
    f.exempted = Exemption(w.input.provinces[i], f.quota.value);
  }
  w.out.national.exempted =
      NationalSum(w, &L68Figures::exempted, "Posizioni esonerate", "Exempted positions");
}

}  // namespace sisl::enterprise::l68
