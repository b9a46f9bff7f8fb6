#ifndef SISL_TESTS_UNIT_ENTERPRISE_L68_TEST_SUPPORT_H_
#define SISL_TESTS_UNIT_ENTERPRISE_L68_TEST_SUPPORT_H_

// Builders for L.68 returns and lookups into their explanations.

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "services/enterprise/domain/l68_return.h"

namespace sisl::enterprise::l68_test {

inline constexpr int kWeek = 40 * 60;  // a 40-hour week, in minutes

inline L68Employee FullTime(int count) {
  L68Employee e;
  e.count = count;
  return e;
}

inline L68Employee PartTime(int count, int minutes, int full = kWeek) {
  L68Employee e;
  e.count = count;
  e.working_time = L68WorkingTime::kPartTime;
  e.weekly_minutes = minutes;
  e.full_time_weekly_minutes = full;
  return e;
}

inline L68Employee Intermittent(int count, int minutes) {
  L68Employee e = PartTime(count, minutes);
  e.working_time = L68WorkingTime::kIntermittent;
  return e;
}

inline L68Employee Disabled(int count) {
  L68Employee e;
  e.count = count;
  e.role = L68Role::kDisabled;
  return e;
}

inline L68Employee DisabledPartTime(int count, int minutes) {
  L68Employee e = PartTime(count, minutes);
  e.role = L68Role::kDisabled;
  return e;
}

inline L68Employee Protected(int count, bool in_force_on_17_01_2000 = false) {
  L68Employee e;
  e.count = count;
  e.role = L68Role::kProtected;
  e.in_force_on_17_01_2000 = in_force_on_17_01_2000;
  return e;
}

inline L68Employee Excluded(int count, L68Exclusion exclusion) {
  L68Employee e;
  e.count = count;
  e.exclusion = exclusion;
  return e;
}

inline L68ProvinceInput Province(std::string sigla, std::vector<L68Employee> employees) {
  L68ProvinceInput p;
  p.province = std::move(sigla);
  p.employees = std::move(employees);
  return p;
}

inline L68ReturnInput Return(std::vector<L68ProvinceInput> provinces, std::string office = "TO") {
  L68ReturnInput in;
  in.year = 2025;
  in.registered_office_province = std::move(office);
  in.provinces = std::move(provinces);
  return in;
}

// The value `name` of the first step `code` of `f`, or "<no step CODE>" / "<no value NAME>".
inline std::string ValueOf(const L68Figure& f, const std::string& code, const std::string& name) {
  const L68Step* s = f.Step(code);
  if (s == nullptr) return "<no step " + code + ">";
  const L68Value* v = s->Find(name);
  return v == nullptr ? "<no value " + name + ">" : v->value;
}

inline std::vector<std::string> Codes(const L68Figure& f) {
  std::vector<std::string> codes;
  for (const L68Step& s : f.steps) codes.push_back(s.code);
  return codes;
}

inline int CountSteps(const L68Figure& f, const std::string& code) {
  int n = 0;
  for (const L68Step& s : f.steps) n += s.code == code ? 1 : 0;
  return n;
}

// Every figure of a section, with its name, for "every figure is explained" checks.
inline std::vector<std::pair<std::string, const L68Figure*>> AllFigures(const L68Figures& f) {
  return {{"workers_in_force", &f.workers_in_force},
          {"disabled_in_force", &f.disabled_in_force},
          {"excluded_disabled_base", &f.excluded_disabled_base},
          {"excluded_protected_base", &f.excluded_protected_base},
          {"protected_deducted", &f.protected_deducted},
          {"part_time_workers", &f.part_time_workers},
          {"part_time_units", &f.part_time_units},
          {"base", &f.base},
          {"base_protected", &f.base_protected},
          {"quota", &f.quota},
          {"exempted", &f.exempted},
          {"compensation", &f.compensation},
          {"positions_due", &f.positions_due},
          {"disabled_coverage", &f.disabled_coverage},
          {"abatement", &f.abatement},
          {"covered", &f.covered},
          {"uncovered", &f.uncovered},
          {"excess", &f.excess},
          {"quota_protected", &f.quota_protected},
          {"protected_in_force", &f.protected_in_force},
          {"compensation_protected", &f.compensation_protected},
          {"positions_due_protected", &f.positions_due_protected},
          {"covered_protected", &f.covered_protected},
          {"uncovered_protected", &f.uncovered_protected},
          {"excess_protected", &f.excess_protected},
          {"suspended_workers", &f.suspended_workers}};
}

}  // namespace sisl::enterprise::l68_test

#endif  // SISL_TESTS_UNIT_ENTERPRISE_L68_TEST_SUPPORT_H_
