#include "services/matching/domain/filters.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/matching/domain/profession.h"

namespace sisl::matching {
namespace {

std::string DeciKm(int64_t decikm) { return absl::StrFormat("%.1f km", decikm / 10.0); }

template <typename T>
bool AcceptsAny(const std::vector<T>& accepted, const T& value) {
  return accepted.empty() || std::find(accepted.begin(), accepted.end(), value) != accepted.end();
}

CefrLevel LevelOf(const CandidateProfile& p, const std::string& language) {
  for (const LanguageSkill& l : p.languages) {
    if (l.language == language) return l.level;
  }
  return CefrLevel::kUnspecified;
}

class Check final {
 public:
  explicit Check(bool with_detail) : with_detail_(with_detail) {}

  // An exclusion whose detail is built by `detail` only when asked for.
  template <typename F>
  std::optional<Exclusion> Fail(FilterCode code, F detail) const {
    Exclusion e{code, ""};
    if (with_detail_) e.detail = detail();
    return e;
  }

 private:
  bool with_detail_;
};

std::optional<Exclusion> Professions(const PreparedVacancy& pv, const PreparedProfile& pp,
                                     const Check& check, FilterFacts& facts) {
  const Vacancy& v = pv.vacancy;
  bool in_group = false, contract_ok = false, mode_ok = false;
  for (const PreparedDesired& d : pp.desired) {
    if (pv.group.empty() || d.group != pv.group) continue;
    in_group = true;
    if (!AcceptsAny(d.contract_types, v.contract_type)) continue;
    contract_ok = true;
    if (!AcceptsAny(d.working_modes, v.working_mode)) continue;
    mode_ok = true;
    if (d.unit == pv.unit) facts.exact_profession = true;
  }
  if (!in_group) {
    return check.Fail(FilterCode::kProfession, [&] {
      return absl::StrCat("no desired profession in group ", pv.group.empty() ? "?" : pv.group,
                          " of the vacancy's ", v.profession_code, " (",
                          ProfessionLabel(v.profession_code), ")");
    });
  }
  if (!contract_ok) {
    return check.Fail(FilterCode::kContractType, [&] {
      return absl::StrCat("contract type ", v.contract_type,
                          " not accepted for the desired professions of group ", pv.group);
    });
  }
  if (!mode_ok) {
    return check.Fail(FilterCode::kWorkingMode, [&] {
      return absl::StrCat("working mode ", WorkingModeName(v.working_mode),
                          " not accepted for the desired professions of group ", pv.group);
    });
  }
  return std::nullopt;
}

std::optional<Exclusion> Distance(const PreparedVacancy& pv, const PreparedProfile& pp,
                                  const Check& check, FilterFacts& facts) {
  if (pv.vacancy.working_mode == WorkingMode::kRemote) {
    facts.remote = true;
    return std::nullopt;
  }
  if (!pp.location.has_value() || !pv.location.has_value()) {
    return check.Fail(FilterCode::kDistanceCandidateRadius, [&] {
      return std::string(pp.location.has_value() ? "the workplace has no known location"
                                                 : "the domicile has no known location");
    });
  }
  const int64_t d = std::llround(reference::DistanceKm(*pp.location, *pv.location) * 10);
  facts.distance_decikm = d;
  const int candidate = pp.profile.mobility_radius_km, area = pv.vacancy.area_radius_km;
  if (d > int64_t{candidate} * 10) {
    return check.Fail(FilterCode::kDistanceCandidateRadius, [&] {
      return absl::StrCat("distance ", DeciKm(d), " > candidate radius ", candidate, " km");
    });
  }
  if (d > int64_t{area} * 10) {
    return check.Fail(FilterCode::kDistanceVacancyArea, [&] {
      return absl::StrCat("distance ", DeciKm(d), " > vacancy area ", area, " km");
    });
  }
  return std::nullopt;
}

std::optional<Exclusion> Requirements(const PreparedVacancy& pv, const PreparedProfile& pp,
                                      const Check& check) {
  for (const std::string& licence : pv.licences) {
    if (!SortedContains(pp.licences, licence)) {
      return check.Fail(FilterCode::kLicence,
                        [&] { return absl::StrCat("driving licence ", licence, " missing"); });
    }
  }
  for (const LanguageRequirement& r : pv.vacancy.languages) {
    if (!r.required) continue;
    const CefrLevel has = LevelOf(pp.profile, r.language);
    if (has < r.min_level) {
      return check.Fail(FilterCode::kLanguage, [&] {
        return absl::StrCat("language ", r.language, ": ",
                            has == CefrLevel::kUnspecified ? "none" : CefrLevelName(has), " < ",
                            CefrLevelName(r.min_level), " required");
      });
    }
  }
  for (const std::string& reg : pv.registers) {
    if (!SortedContains(pp.registers, reg)) {
      return check.Fail(FilterCode::kRegister,
                        [&] { return absl::StrCat("professional register ", reg, " missing"); });
    }
  }
  return std::nullopt;
}

std::optional<Exclusion> Status(const PreparedVacancy& pv, const PreparedProfile& pp,
                                const MatchQuery& query, const Check& check) {
  const CandidateProfile& p = pp.profile;
  const L68Category reserved = pv.vacancy.l68_reservation;
  if (reserved != L68Category::kNone && p.l68 != reserved) {
    return check.Fail(FilterCode::kL68Reservation, [&] {
      return absl::StrCat("vacancy reserved to L.68/99 ", L68CategoryName(reserved),
                          "; candidate: ", L68CategoryName(p.l68));
    });
  }
  if (p.availability != Availability::kAvailable) {
    return check.Fail(FilterCode::kAvailability, [&] {
      return absl::StrCat("candidate is ", AvailabilityName(p.availability));
    });
  }
  const bool visible = p.visibility == Visibility::kVisibleToCompanies ||
                       p.visibility == Visibility::kAnonymous ||
                       (p.visibility == Visibility::kCpiOnly && query.operator_run);
  if (!visible) {
    return check.Fail(FilterCode::kVisibility, [&] {
      return absl::StrCat("profile ", VisibilityName(p.visibility),
                          ", matching not run by a CPI operator");
    });
  }
  if (!p.validated_on.has_value()) {
    return check.Fail(FilterCode::kNotValidated,
                      [] { return std::string("profile not validated by an operator"); });
  }
  if (IsExpired(p, query.today)) {
    return check.Fail(FilterCode::kExpired, [&] {
      return absl::StrCat("profile expired on ", absl::FormatCivilTime(*ExpiryDate(p)));
    });
  }
  return std::nullopt;
}

}  // namespace

absl::string_view FilterCodeName(FilterCode code) {
  static constexpr absl::string_view kNames[] = {"VACANCY_NOT_OPEN",
                                                 "PROFESSION",
                                                 "CONTRACT_TYPE",
                                                 "WORKING_MODE",
                                                 "DISTANCE_CANDIDATE_RADIUS",
                                                 "DISTANCE_VACANCY_AREA",
                                                 "LICENCE",
                                                 "LANGUAGE",
                                                 "REGISTER",
                                                 "L68_RESERVATION",
                                                 "AVAILABILITY",
                                                 "VISIBILITY",
                                                 "NOT_VALIDATED",
                                                 "EXPIRED"};
  return kNames[static_cast<int>(code)];
}

std::optional<Exclusion> FirstExclusion(const PreparedVacancy& vacancy,
                                        const PreparedProfile& profile, const MatchQuery& query,
                                        bool with_detail, FilterFacts* facts) {
  const Check check(with_detail);
  FilterFacts local;
  if (!IsOpen(vacancy.vacancy)) {
    return check.Fail(FilterCode::kVacancyNotOpen, [&] {
      return absl::StrCat("vacancy ", VacancyStateName(vacancy.vacancy.state), ", ",
                          vacancy.vacancy.positions_filled, " of ", vacancy.vacancy.positions,
                          " positions filled");
    });
  }
  if (auto e = Professions(vacancy, profile, check, local)) return e;
  if (auto e = Distance(vacancy, profile, check, local)) return e;
  if (auto e = Requirements(vacancy, profile, check)) return e;
  if (auto e = Status(vacancy, profile, query, check)) return e;
  if (facts != nullptr) *facts = local;
  return std::nullopt;
}

}  // namespace sisl::matching
