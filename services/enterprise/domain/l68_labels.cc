// Names and labels of the L.68/1999 categories, and the small lookups of the result types.

#include <algorithm>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/enterprise/domain/l68_return.h"

namespace sisl::enterprise {
namespace {

struct ExclusionInfo {
  L68Exclusion exclusion;
  absl::string_view code;
  absl::string_view label_it;
  absl::string_view label_en;
  L68ExclusionScope scope;
};

constexpr ExclusionInfo kExclusions[] = {
    {L68Exclusion::kFixedTermUpToSixMonths, "FIXED_TERM_UP_TO_SIX_MONTHS",
     "contratti a tempo determinato fino a sei mesi (art.4 c.1 L.68/99)",
     "fixed-term contracts of up to six months (art.4 c.1 L.68/99)", L68ExclusionScope::kBoth},
    {L68Exclusion::kApprentice, "APPRENTICE", "apprendisti (art.47 c.3 D.lgs. 81/2015)",
     "apprentices (art.47 c.3 D.lgs. 81/2015)", L68ExclusionScope::kBoth},
    {L68Exclusion::kExecutive, "EXECUTIVE", "dirigenti (art.4 c.1 L.68/99)",
     "executives (art.4 c.1 L.68/99)", L68ExclusionScope::kBoth},
    {L68Exclusion::kCooperativeMember, "COOPERATIVE_MEMBER",
     "soci di cooperative di produzione e lavoro (art.4 c.1 L.68/99)",
     "members of worker cooperatives (art.4 c.1 L.68/99)", L68ExclusionScope::kBoth},
    {L68Exclusion::kAgencyWorker, "AGENCY_WORKER",
     "lavoratori somministrati presso l'utilizzatore (art.34 c.3 D.lgs. 81/2015)",
     "agency workers at the user company (art.34 c.3 D.lgs. 81/2015)", L68ExclusionScope::kBoth},
    {L68Exclusion::kWorkAbroad, "WORK_ABROAD",
     "assunti per attività da svolgere all'estero, per la sua durata (art.4 c.1 L.68/99)",
     "hired to work abroad, for its duration (art.4 c.1 L.68/99)", L68ExclusionScope::kBoth},
    {L68Exclusion::kSociallyUsefulWork, "SOCIALLY_USEFUL_WORK",
     "lavori socialmente utili (art.7 c.6 D.lgs. 81/2000)",
     "socially useful work (art.7 c.6 D.lgs. 81/2000)", L68ExclusionScope::kBoth},
    {L68Exclusion::kInsertionContract, "INSERTION_CONTRACT",
     "contratti di inserimento (art.4 c.1 L.68/99)", "insertion contracts (art.4 c.1 L.68/99)",
     L68ExclusionScope::kBoth},
    {L68Exclusion::kTelework, "TELEWORK", "lavoratori in telelavoro (art.23 D.lgs. 80/2015)",
     "teleworkers (art.23 D.lgs. 80/2015)", L68ExclusionScope::kBoth},
    {L68Exclusion::kTransportTravellingStaff, "TRANSPORT_TRAVELLING_STAFF",
     "personale viaggiante e navigante (art.5 c.2 L.68/99, solo quota disabili)",
     "travelling and seagoing transport staff (art.5 c.2 L.68/99, disabled quota only)",
     L68ExclusionScope::kDisabledBaseOnly},
    {L68Exclusion::kConstructionSiteStaff, "CONSTRUCTION_SITE_STAFF",
     "personale di cantiere nell'edilizia (art.5 c.2 L.68/99, solo quota disabili)",
     "construction site staff (art.5 c.2 L.68/99, disabled quota only)",
     L68ExclusionScope::kDisabledBaseOnly},
};

const ExclusionInfo* Info(L68Exclusion e) {
  for (const ExclusionInfo& i : kExclusions) {
    if (i.exclusion == e) return &i;
  }
  return nullptr;
}

}  // namespace

L68ExclusionScope ScopeOf(L68Exclusion exclusion) {
  const ExclusionInfo* i = Info(exclusion);
  return i == nullptr ? L68ExclusionScope::kUnspecified : i->scope;
}

absl::string_view ExclusionCode(L68Exclusion exclusion) {
  const ExclusionInfo* i = Info(exclusion);
  return i == nullptr ? "UNSPECIFIED" : i->code;
}

absl::string_view ExclusionLabelIt(L68Exclusion exclusion) {
  const ExclusionInfo* i = Info(exclusion);
  return i == nullptr ? "" : i->label_it;
}

absl::string_view ExclusionLabelEn(L68Exclusion exclusion) {
  const ExclusionInfo* i = Info(exclusion);
  return i == nullptr ? "" : i->label_en;
}

bool FixedTermUpToSixMonths(absl::CivilDay start, absl::CivilDay end) {
  if (end < start) return false;
  // The same day six months later (the last day of that month when it is shorter).
  const absl::CivilMonth month = absl::CivilMonth(start) + 6;
  const int last_day =
      static_cast<int>(absl::CivilDay(absl::CivilMonth(month + 1)) - absl::CivilDay(month));
  const absl::CivilDay six_months_later(month.year(), month.month(),
                                        std::min<int>(start.day(), last_day));
  return end < six_months_later;
}

absl::string_view CategoryName(L68CompanyCategory category) {
  switch (category) {
    case L68CompanyCategory::kNotSubject:
      return "NOT_SUBJECT";
    case L68CompanyCategory::kC:
      return "C";
    case L68CompanyCategory::kB:
      return "B";
    case L68CompanyCategory::kA:
      return "A";
    case L68CompanyCategory::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

const L68Value* L68Step::Find(absl::string_view name) const {
  for (const L68Value& v : values) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

const L68Step* L68Figure::Step(absl::string_view code) const {
  for (const L68Step& s : steps) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

}  // namespace sisl::enterprise
