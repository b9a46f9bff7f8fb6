// The faults of the communication generator: one per invalid record, each a mistake the rule
// catalogue refuses (at least one ERROR). Faults on the contract rebuild the record with the
// worker or contract they need (a non-EU worker, a fixed-term or apprenticeship contract).
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/reference/fiscal_code.h"
#include "tests/support/co_generator_internal.h"

namespace sisl::communications::testing {
namespace internal {
namespace {

enum Scope : unsigned {
  kHires = 1,     // UNILAV hires
  kUrgent = 2,    // UNIURG hires: a short form, no birth data, permit or age checks (IsFullForm)
  kMissions = 4,  // UNISOMM mission starts
  kExtensions = 8,
  kTransformations = 16,
  kTerminations = 32,
  kAll = 63,
  kStarts = kHires | kUrgent | kMissions,
};

struct Fault {
  absl::string_view name;
  unsigned scope;
};

// Sorted by name (FaultNames() returns them in this order).
constexpr Fault kFaults[] = {
    {"apprentice_over_age", kHires},
    {"contract_type_not_in_force", kStarts},
    {"employer_vat_check_digit", kAll},
    {"end_before_start", kStarts},
    {"extension_end_not_after_old_end", kExtensions},
    {"fiscal_code_birth_date", kAll & ~kUrgent},
    {"fiscal_code_check_letter", kAll},
    {"fiscal_code_name", kAll},
    {"fixed_term_without_end", kStarts},
    {"missing_permit", kAll & ~kUrgent},  // events: only when the worker is a non-EU citizen
    {"part_time_without_hours", kStarts},
    {"termination_before_start", kTerminations},
    {"termination_without_cause", kTerminations},
    {"transformation_before_start", kTransformations},
    // UNILAV only: the minimum age rule (WRK-012) checks hires, not UNISOMM mission starts.
    {"under_age_worker", kHires},
    {"unknown_ateco", kAll},
    {"unknown_profession", kStarts},
    {"unknown_workplace_municipality", kAll},
    {"worker_equals_employer", kAll},
};

unsigned ScopeOf(Kind kind) {
  switch (kind) {
    case Kind::kHire:
      return kHires;
    case Kind::kUrgentHire:
      return kUrgent;
    case Kind::kMission:
      return kMissions;
    case Kind::kExtension:
      return kExtensions;
    case Kind::kTransformation:
      return kTransformations;
    case Kind::kTermination:
      return kTerminations;
  }
  return kHires;
}

// A different character of the same kind (letter for letter, digit for digit).
char Other(char c, Rng& rng) {
  const bool digit = c >= '0' && c <= '9';
  const char base = digit ? '0' : 'A';
  const int span = digit ? 10 : 26;
  return static_cast<char>(base + (c - base + rng.Uniform(1, span - 1)) % span);
}

}  // namespace

void State::ApplyFault(Kind kind, GeneratedRecord& record) {
  const unsigned scope = ScopeOf(kind);
  const bool hire_like = (scope & kStarts) != 0;
  std::vector<const Fault*> fits;
  for (const Fault& f : kFaults) {
    if ((f.scope & scope) == 0) continue;
    if (f.name == "missing_permit" && !hire_like && !record.communication.worker.permit) continue;
    fits.push_back(&f);
  }
  const absl::string_view fault = fits[rng.Index(fits.size())]->name;
  record.fault = std::string(fault);

  // Rebuilds a hire or mission start to a spec.
  const auto rebuild = [&](const HireSpec& spec) {
    if (kind == Kind::kMission) {
      record.communication = MakeMission(spec);
    } else {
      record.communication =
          MakeHire(kind == Kind::kUrgentHire ? Form::kUniurg : Form::kUnilav, spec);
    }
  };
  Communication& c = record.communication;
  Contract& k = c.contract;
  if (fault == "apprentice_over_age") {
    rebuild({.contract_type = "A.03.09", .min_age = 32, .max_age = 50});
  } else if (fault == "contract_type_not_in_force") {
    k.contract_type = "A.03.02";  // closed on 2012-04-25
  } else if (fault == "employer_vat_check_digit") {
    std::string& code = c.employer.fiscal_code;
    code.back() = Other(code.back(), rng);
    if (c.agency) c.agency->fiscal_code = code;
  } else if (fault == "end_before_start") {
    rebuild({.contract_type = "A.02.00"});
    k.end = k.start - rng.Uniform(1, 60);
    if (c.mission) c.mission->end = k.end;
  } else if (fault == "extension_end_not_after_old_end") {
    c.extension->new_end = *k.end - rng.Uniform(0, 20);
  } else if (fault == "fiscal_code_birth_date") {
    Worker& w = c.worker;
    w.birth_date += rng.Chance(0.5) ? rng.Uniform(1, 27) : -rng.Uniform(1, 27);
  } else if (fault == "fiscal_code_check_letter") {
    std::string& code = c.worker.fiscal_code;
    code.back() = Other(code.back(), rng);
  } else if (fault == "fiscal_code_name") {
    // Another name of the list with other fiscal-code letters.
    Worker& w = c.worker;
    const std::string letters = reference::NameLetters(w.name);
    for (int i = 0; i < 100 && reference::NameLetters(w.name) == letters; ++i) {
      w.name = std::string(rng.Pick(w.sex == reference::Sex::kFemale ? tables.names[0].female
                                                                     : tables.names[0].male));
    }
  } else if (fault == "fixed_term_without_end") {
    rebuild({.contract_type = "A.02.00"});
    k.end.reset();
    if (c.mission) c.mission->end.reset();
  } else if (fault == "missing_permit") {
    if (hire_like) rebuild({.non_eu = true});
    c.worker.permit.reset();
  } else if (fault == "part_time_without_hours") {
    rebuild({.contract_type = "A.02.00"});
    k.working_time = "P";
    k.weekly_hours = 0;
    if (c.mission) {
      c.mission->working_time = "P";
      c.mission->weekly_hours = 0;
    }
  } else if (fault == "termination_before_start") {
    c.termination->date = k.start - rng.Uniform(1, 60);
  } else if (fault == "termination_without_cause") {
    c.termination->cause.clear();
  } else if (fault == "transformation_before_start") {
    c.transformation->date = k.start - rng.Uniform(1, 60);
  } else if (fault == "under_age_worker") {
    rebuild({.contract_type = "A.02.00", .min_age = 13, .max_age = 14});
  } else if (fault == "unknown_ateco") {
    c.employer.ateco = tables.unknown_ateco;
  } else if (fault == "unknown_profession") {
    k.profession = tables.unknown_profession;
    if (c.mission) c.mission->profession = k.profession;
  } else if (fault == "unknown_workplace_municipality") {
    c.employer.workplace.municipality_code = tables.unknown_municipality;
    if (c.mission) c.mission->workplace.municipality_code = tables.unknown_municipality;
  } else if (fault == "worker_equals_employer") {
    c.employer.fiscal_code = c.worker.fiscal_code;
    if (c.agency) c.agency->fiscal_code = c.worker.fiscal_code;
  }
}

}  // namespace internal

const std::vector<absl::string_view>& FaultNames() {
  static const std::vector<absl::string_view>* const names = [] {
    auto* v = new std::vector<absl::string_view>;
    for (const internal::Fault& f : internal::kFaults) v->push_back(f.name);
    return v;
  }();
  return *names;
}

}  // namespace sisl::communications::testing
