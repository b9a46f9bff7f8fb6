// Company roles and delegations: who may grant, accept and revoke, expiry, and Authorize's
// specific refusals.

#include "services/enterprise/domain/delegation.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/vat_number.h"

namespace sisl::enterprise {
namespace {

using platform::testing::HasReason;
using platform::testing::IsOk;
using platform::testing::StatusIs;
using ::testing::ElementsAre;

const absl::CivilDay kToday(2026, 3, 2);
const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2026, 3, 2, 10, 0, 0), absl::UTCTimeZone());

std::string Cf(const char* surname, const char* name, int year) {
  absl::StatusOr<std::string> cf = reference::EncodeFiscalCode(
      {surname, name, reference::Sex::kMale, absl::CivilDay(year, 5, 17), "L219"});
  EXPECT_TRUE(cf.ok()) << cf.status();
  return cf.ok() ? *cf : "";
}

std::string Vat(const std::string& first10) {
  return first10 + *reference::VatNumberCheckDigit(first10);
}

const std::string kCompanyX = Vat("0123456789");
const std::string kCompanyY = Vat("0987654321");
const std::string kStudio = Vat("0555555555");
const std::string kLegalRepX = Cf("Rossi", "Mario", 1970);
const std::string kLegalRepY = Cf("Bianchi", "Luca", 1972);
const std::string kDelegate = Cf("Verdi", "Anna", 1985);
const std::string kConsultant = Cf("Neri", "Paolo", 1978);
const std::string kStranger = Cf("Gialli", "Carlo", 1990);

Delegation LegalRep(const std::string& company, const std::string& person, const char* id) {
  absl::StatusOr<Delegation> d =
      RecordLegalRepresentative({id, company, person, absl::CivilDay(2020, 1, 1), std::nullopt,
                                 "registry", "visura camerale", kNow});
  EXPECT_TRUE(d.ok()) << d.status();
  return *d;
}

std::vector<Delegation> Registry() {
  return {LegalRep(kCompanyX, kLegalRepX, "lr-x"), LegalRep(kCompanyY, kLegalRepY, "lr-y")};
}

GrantRequest DelegateRequest() {
  GrantRequest r;
  r.id = "d-1";
  r.company = kCompanyX;
  r.grantor = kLegalRepX;
  r.kind = DelegationKind::kDelegate;
  r.holder = kDelegate;
  r.scopes = {DelegationScope::kVacancies, DelegationScope::kServiceRequests};
  r.valid_from = absl::CivilDay(2026, 3, 1);
  r.valid_to = absl::CivilDay(2026, 12, 31);
  r.reason = "HR manager";
  r.today = kToday;
  r.at = kNow;
  return r;
}

GrantRequest ConsultantRequest() {
  GrantRequest r = DelegateRequest();
  r.id = "c-1";
  r.kind = DelegationKind::kConsultant;
  r.holder = kConsultant;
  r.consultant = ConsultantDetails{"1234", "TO", kStudio};
  r.scopes = {DelegationScope::kCommunications, DelegationScope::kL68Returns};
  r.reason = "payroll and filings";
  return r;
}

// The registry plus `d`.
std::vector<Delegation> With(const Delegation& d) {
  std::vector<Delegation> all = Registry();
  all.push_back(d);
  return all;
}

TEST(DelegationTest, LegalRepresentativeMayActInEveryScope) {
  const std::vector<Delegation> all = Registry();
  for (DelegationScope s : {DelegationScope::kVacancies, DelegationScope::kCommunications,
                            DelegationScope::kL68Returns, DelegationScope::kServiceRequests}) {
    absl::StatusOr<Authority> a = Authorize(all, kLegalRepX, kCompanyX, s, kToday);
    ASSERT_THAT(a, IsOk()) << ScopeName(s);
    EXPECT_EQ(a->kind, DelegationKind::kLegalRepresentative);
    EXPECT_EQ(a->delegation_id, "lr-x");
  }
  EXPECT_EQ(all[0].acts.size(), 1u);
  EXPECT_EQ(all[0].acts[0].kind, DelegationActKind::kRecordLegalRepresentative);
  EXPECT_EQ(all[0].acts[0].actor, "registry");
}

TEST(DelegationTest, DelegateIsActiveAtOnceAndActsInItsScopes) {
  const std::vector<Delegation> reg = Registry();
  absl::StatusOr<Delegation> d = Grant(reg, DelegateRequest());
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->state, DelegationState::kActive);
  EXPECT_EQ(d->granted_by, kLegalRepX);
  ASSERT_EQ(d->acts.size(), 1u);
  const DelegationAct& act = d->acts[0];
  EXPECT_EQ(act.kind, DelegationActKind::kGrant);
  EXPECT_EQ(act.actor, kLegalRepX);
  EXPECT_EQ(act.at, kNow);
  EXPECT_EQ(act.reason, "HR manager");
  EXPECT_EQ(act.from, DelegationState::kUnspecified);
  EXPECT_EQ(act.to, DelegationState::kActive);
  const std::vector<Delegation> all = With(*d);
  absl::StatusOr<Authority> a =
      Authorize(all, kDelegate, kCompanyX, DelegationScope::kVacancies, kToday);
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(a->kind, DelegationKind::kDelegate);
  EXPECT_EQ(a->delegation_id, "d-1");
}

TEST(DelegationTest, ConsultantGrantAcceptActive) {
  absl::StatusOr<Delegation> pending = Grant(Registry(), ConsultantRequest());
  ASSERT_THAT(pending, IsOk());
  EXPECT_EQ(pending->state, DelegationState::kPending);
  EXPECT_THAT(
      Authorize(With(*pending), kConsultant, kCompanyX, DelegationScope::kL68Returns, kToday),
      HasReason("DELEGATION_PENDING"));
  // Only the consultant accepts.
  EXPECT_THAT(Accept(*pending, kLegalRepX, kToday, kNow), HasReason("NOT_DELEGATION_HOLDER"));
  absl::StatusOr<Delegation> active =
      Accept(*pending, absl::AsciiStrToLower(kConsultant), kToday, kNow + absl::Hours(1));
  ASSERT_THAT(active, IsOk());
  EXPECT_EQ(active->state, DelegationState::kActive);
  ASSERT_EQ(active->acts.size(), 2u);
  EXPECT_EQ(active->acts[1].kind, DelegationActKind::kAccept);
  EXPECT_EQ(active->acts[1].actor, kConsultant);
  EXPECT_EQ(active->acts[1].from, DelegationState::kPending);
  EXPECT_EQ(active->acts[1].to, DelegationState::kActive);
  EXPECT_EQ(pending->state, DelegationState::kPending);  // the original is unchanged
  EXPECT_EQ(pending->acts.size(), 1u);
  absl::StatusOr<Authority> a =
      Authorize(With(*active), kConsultant, kCompanyX, DelegationScope::kL68Returns, kToday);
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(a->kind, DelegationKind::kConsultant);
  EXPECT_THAT(Accept(*active, kConsultant, kToday, kNow), HasReason("DELEGATION_NOT_PENDING"));
}

TEST(DelegationTest, CompanySideRevokes) {
  absl::StatusOr<Delegation> d = Grant(Registry(), DelegateRequest());
  ASSERT_THAT(d, IsOk());
  absl::StatusOr<Delegation> revoked =
      Revoke(With(*d), *d, kLegalRepX, "left the company", kToday, kNow);
  ASSERT_THAT(revoked, IsOk());
  EXPECT_EQ(revoked->state, DelegationState::kRevoked);
  EXPECT_EQ(revoked->acts.back().kind, DelegationActKind::kRevoke);
  EXPECT_EQ(revoked->acts.back().actor, kLegalRepX);
  EXPECT_EQ(revoked->acts.back().reason, "left the company");
  EXPECT_THAT(Authorize(With(*revoked), kDelegate, kCompanyX, DelegationScope::kVacancies, kToday),
              HasReason("DELEGATION_REVOKED"));
  EXPECT_THAT(Revoke(With(*revoked), *revoked, kLegalRepX, "again", kToday, kNow),
              HasReason("DELEGATION_NOT_OPEN"));
}

TEST(DelegationTest, ConsultantSideRevokesOrDeclines) {
  absl::StatusOr<Delegation> pending = Grant(Registry(), ConsultantRequest());
  ASSERT_THAT(pending, IsOk());
  absl::StatusOr<Delegation> declined =
      Revoke(With(*pending), *pending, kConsultant, "not my client", kToday, kNow);
  ASSERT_THAT(declined, IsOk());
  EXPECT_EQ(declined->state, DelegationState::kRevoked);
  EXPECT_EQ(declined->acts.back().from, DelegationState::kPending);

  absl::StatusOr<Delegation> active = Accept(*pending, kConsultant, kToday, kNow);
  ASSERT_THAT(active, IsOk());
  absl::StatusOr<Delegation> renounced =
      Revoke(With(*active), *active, kConsultant, "mandate ended", kToday, kNow);
  ASSERT_THAT(renounced, IsOk());
  EXPECT_EQ(renounced->acts.back().actor, kConsultant);
}

TEST(DelegationTest, OthersMayNotRevoke) {
  absl::StatusOr<Delegation> d = Grant(Registry(), DelegateRequest());
  ASSERT_THAT(d, IsOk());
  // Another company's legal representative, a stranger: refused.
  for (const std::string& who : {kLegalRepY, kStranger}) {
    EXPECT_THAT(Revoke(With(*d), *d, who, "no", kToday, kNow), HasReason("NOT_ALLOWED_TO_REVOKE"));
  }
  EXPECT_THAT(Revoke(With(*d), *d, kLegalRepX, "", kToday, kNow), HasReason("REASON_REQUIRED"));
  EXPECT_THAT(Revoke(Registry(), Registry()[0], kLegalRepX, "x", kToday, kNow),
              HasReason("LEGAL_REPRESENTATIVE_FROM_REGISTRY"));
}

TEST(DelegationTest, DelegateAndConsultantCannotGrant) {
  absl::StatusOr<Delegation> d = Grant(Registry(), DelegateRequest());
  ASSERT_THAT(d, IsOk());
  absl::StatusOr<Delegation> c = Grant(Registry(), ConsultantRequest());
  ASSERT_THAT(c, IsOk());
  absl::StatusOr<Delegation> c_active = Accept(*c, kConsultant, kToday, kNow);
  ASSERT_THAT(c_active, IsOk());
  std::vector<Delegation> all = With(*d);
  all.push_back(*c_active);
  for (const std::string& grantor : {kDelegate, kConsultant, kLegalRepY}) {
    GrantRequest r = DelegateRequest();
    r.id = "d-2";
    r.grantor = grantor;
    r.holder = kStranger;
    absl::StatusOr<Delegation> g = Grant(all, r);
    EXPECT_THAT(g, StatusIs(absl::StatusCode::kPermissionDenied));
    EXPECT_THAT(g, HasReason("ONLY_LEGAL_REPRESENTATIVE_MAY_GRANT"));
  }
  // A legal representative whose term has ended cannot either.
  std::vector<Delegation> ended = {
      *RecordLegalRepresentative({"lr-old", kCompanyX, kLegalRepX, absl::CivilDay(2015, 1, 1),
                                  absl::CivilDay(2025, 12, 31), "registry", "visura", kNow})};
  EXPECT_THAT(Grant(ended, DelegateRequest()), HasReason("ONLY_LEGAL_REPRESENTATIVE_MAY_GRANT"));
}

TEST(DelegationTest, ExpiredDelegationIsDenied) {
  GrantRequest r = DelegateRequest();
  r.valid_to = absl::CivilDay(2026, 3, 31);
  absl::StatusOr<Delegation> d = Grant(Registry(), r);
  ASSERT_THAT(d, IsOk());
  const std::vector<Delegation> all = With(*d);
  EXPECT_THAT(Authorize(all, kDelegate, kCompanyX, DelegationScope::kVacancies,
                        absl::CivilDay(2026, 3, 31)),
              IsOk());  // the last day is valid
  absl::StatusOr<Authority> late =
      Authorize(all, kDelegate, kCompanyX, DelegationScope::kVacancies, absl::CivilDay(2026, 4, 1));
  EXPECT_THAT(late, HasReason("DELEGATION_EXPIRED"));
  EXPECT_EQ(platform::ErrorMetadata(late.status())["delegation_id"], "d-1");
  EXPECT_EQ(StateOn(*d, absl::CivilDay(2026, 4, 1)), DelegationState::kExpired);
  EXPECT_EQ(StateOn(*d, absl::CivilDay(2026, 3, 31)), DelegationState::kActive);
  // The expiry job records it once the last day has passed, and not before.
  EXPECT_FALSE(ExpireIfDue(*d, absl::CivilDay(2026, 3, 31), kNow).has_value());
  std::optional<Delegation> expired = ExpireIfDue(*d, absl::CivilDay(2026, 4, 1), kNow);
  ASSERT_TRUE(expired.has_value());
  EXPECT_EQ(expired->state, DelegationState::kExpired);
  EXPECT_EQ(expired->acts.back().kind, DelegationActKind::kExpire);
  EXPECT_EQ(expired->acts.back().actor, kSystemActor);
  EXPECT_FALSE(ExpireIfDue(*expired, absl::CivilDay(2026, 4, 2), kNow).has_value());
  EXPECT_THAT(Authorize(With(*expired), kDelegate, kCompanyX, DelegationScope::kVacancies,
                        absl::CivilDay(2026, 4, 1)),
              HasReason("DELEGATION_EXPIRED"));
  // A pending grant cannot be accepted after its last day.
  GrantRequest cr = ConsultantRequest();
  cr.valid_to = absl::CivilDay(2026, 3, 31);
  absl::StatusOr<Delegation> c = Grant(Registry(), cr);
  ASSERT_THAT(c, IsOk());
  EXPECT_THAT(Accept(*c, kConsultant, absl::CivilDay(2026, 4, 1), kNow),
              HasReason("DELEGATION_EXPIRED"));
}

TEST(DelegationTest, NotYetValidIsDenied) {
  GrantRequest r = DelegateRequest();
  r.valid_from = absl::CivilDay(2026, 4, 1);
  absl::StatusOr<Delegation> d = Grant(Registry(), r);
  ASSERT_THAT(d, IsOk());
  EXPECT_THAT(Authorize(With(*d), kDelegate, kCompanyX, DelegationScope::kVacancies, kToday),
              HasReason("DELEGATION_NOT_YET_VALID"));
}

TEST(DelegationTest, MissingScopeIsDenied) {
  absl::StatusOr<Delegation> d = Grant(Registry(), DelegateRequest());
  ASSERT_THAT(d, IsOk());
  absl::StatusOr<Authority> a =
      Authorize(With(*d), kDelegate, kCompanyX, DelegationScope::kL68Returns, kToday);
  EXPECT_THAT(a, StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(a, HasReason("SCOPE_NOT_DELEGATED"));
  EXPECT_EQ(platform::ErrorMetadata(a.status())["scope"], "l68_returns");
}

TEST(DelegationTest, OneCompanysDelegateIsDeniedOnAnother) {
  absl::StatusOr<Delegation> d = Grant(Registry(), DelegateRequest());
  ASSERT_THAT(d, IsOk());
  EXPECT_THAT(Authorize(With(*d), kDelegate, kCompanyY, DelegationScope::kVacancies, kToday),
              HasReason("NO_ROLE_FOR_COMPANY"));
  EXPECT_THAT(Authorize(With(*d), kLegalRepX, kCompanyY, DelegationScope::kVacancies, kToday),
              HasReason("NO_ROLE_FOR_COMPANY"));
  EXPECT_THAT(Authorize(With(*d), kStranger, kCompanyX, DelegationScope::kVacancies, kToday),
              HasReason("NO_ROLE_FOR_COMPANY"));
}

TEST(DelegationTest, TheRecordCoveringTheScopeExplainsTheRefusal) {
  // An expired delegation for returns and an active one for vacancies only.
  GrantRequest old = ConsultantRequest();
  old.valid_from = absl::CivilDay(2025, 1, 1);
  old.valid_to = absl::CivilDay(2025, 12, 31);
  old.today = absl::CivilDay(2025, 1, 1);
  absl::StatusOr<Delegation> expired = Grant(Registry(), old);
  ASSERT_THAT(expired, IsOk());
  expired = Accept(*expired, kConsultant, absl::CivilDay(2025, 1, 2), kNow);
  ASSERT_THAT(expired, IsOk());
  GrantRequest now = DelegateRequest();
  now.holder = kConsultant;
  now.scopes = {DelegationScope::kVacancies};
  absl::StatusOr<Delegation> active = Grant(Registry(), now);
  ASSERT_THAT(active, IsOk());
  std::vector<Delegation> all = With(*expired);
  all.push_back(*active);
  EXPECT_THAT(Authorize(all, kConsultant, kCompanyX, DelegationScope::kL68Returns, kToday),
              HasReason("DELEGATION_EXPIRED"));
  EXPECT_THAT(Authorize(all, kConsultant, kCompanyX, DelegationScope::kVacancies, kToday), IsOk());
  EXPECT_THAT(Authorize(all, kConsultant, kCompanyX, DelegationScope::kServiceRequests, kToday),
              HasReason("SCOPE_NOT_DELEGATED"));
}

TEST(DelegationTest, CodesAreNormalized) {
  absl::StatusOr<Delegation> d = Grant(Registry(), DelegateRequest());
  ASSERT_THAT(d, IsOk());
  EXPECT_THAT(Authorize(With(*d), " " + absl::AsciiStrToLower(kDelegate) + " ", "IT " + kCompanyX,
                        DelegationScope::kVacancies, kToday),
              IsOk());
}

TEST(DelegationTest, ScopesAreSortedWithoutRepeats) {
  GrantRequest r = DelegateRequest();
  r.scopes = {DelegationScope::kServiceRequests, DelegationScope::kVacancies,
              DelegationScope::kServiceRequests};
  absl::StatusOr<Delegation> d = Grant(Registry(), r);
  ASSERT_THAT(d, IsOk());
  EXPECT_THAT(d->scopes,
              ElementsAre(DelegationScope::kVacancies, DelegationScope::kServiceRequests));
}

struct BadGrant {
  std::string name;
  void (*mutate)(GrantRequest&);
  absl::StatusCode code;
  std::string reason;
};

class GrantValidationTest : public ::testing::TestWithParam<BadGrant> {};

TEST_P(GrantValidationTest, IsRefused) {
  GrantRequest r = ConsultantRequest();
  GetParam().mutate(r);
  absl::StatusOr<Delegation> d = Grant(Registry(), r);
  EXPECT_THAT(d, StatusIs(GetParam().code)) << GetParam().name;
  EXPECT_THAT(d, HasReason(GetParam().reason)) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Grants, GrantValidationTest,
    ::testing::Values(
        BadGrant{"kind", [](GrantRequest& r) { r.kind = DelegationKind::kLegalRepresentative; },
                 absl::StatusCode::kInvalidArgument, "INVALID_DELEGATION_KIND"},
        BadGrant{"company", [](GrantRequest& r) { r.company = "123"; },
                 absl::StatusCode::kInvalidArgument, "INVALID_COMPANY_FISCAL_CODE"},
        BadGrant{"company check",
                 [](GrantRequest& r) { r.company[10] = r.company[10] == '0' ? '1' : '0'; },
                 absl::StatusCode::kInvalidArgument, "INVALID_VAT_NUMBER_CHECK"},
        BadGrant{"holder", [](GrantRequest& r) { r.holder = "RSSMRA"; },
                 absl::StatusCode::kInvalidArgument, "INVALID_FISCAL_CODE_FORMAT"},
        BadGrant{"self", [](GrantRequest& r) { r.holder = r.grantor; },
                 absl::StatusCode::kInvalidArgument, "CANNOT_DELEGATE_TO_SELF"},
        BadGrant{"no scope", [](GrantRequest& r) { r.scopes.clear(); },
                 absl::StatusCode::kInvalidArgument, "SCOPE_REQUIRED"},
        BadGrant{"unspecified scope",
                 [](GrantRequest& r) { r.scopes.push_back(DelegationScope::kUnspecified); },
                 absl::StatusCode::kInvalidArgument, "INVALID_SCOPE"},
        BadGrant{"validity", [](GrantRequest& r) { r.valid_to = absl::CivilDay(2026, 2, 1); },
                 absl::StatusCode::kInvalidArgument, "INVALID_VALIDITY"},
        BadGrant{"ended",
                 [](GrantRequest& r) {
                   r.valid_from = absl::CivilDay(2026, 1, 1);
                   r.valid_to = absl::CivilDay(2026, 3, 1);
                 },
                 absl::StatusCode::kInvalidArgument, "VALIDITY_ALREADY_ENDED"},
        BadGrant{"no details", [](GrantRequest& r) { r.consultant.reset(); },
                 absl::StatusCode::kInvalidArgument, "CONSULTANT_DETAILS_REQUIRED"},
        BadGrant{"details for a delegate",
                 [](GrantRequest& r) { r.kind = DelegationKind::kDelegate; },
                 absl::StatusCode::kInvalidArgument, "CONSULTANT_DETAILS_NOT_ALLOWED"},
        BadGrant{"order number", [](GrantRequest& r) { r.consultant->order_number = "12 34"; },
                 absl::StatusCode::kInvalidArgument, "INVALID_ORDER_NUMBER"},
        BadGrant{"order province", [](GrantRequest& r) { r.consultant->order_province = "ZZ"; },
                 absl::StatusCode::kInvalidArgument, "INVALID_ORDER_PROVINCE"},
        BadGrant{"studio",
                 [](GrantRequest& r) { r.consultant->studio_fiscal_code = "0123456789X"; },
                 absl::StatusCode::kInvalidArgument, "INVALID_COMPANY_FISCAL_CODE"},
        BadGrant{"reason", [](GrantRequest& r) { r.reason.clear(); },
                 absl::StatusCode::kInvalidArgument, "REASON_REQUIRED"},
        BadGrant{"long reason", [](GrantRequest& r) { r.reason = std::string(501, 'x'); },
                 absl::StatusCode::kInvalidArgument, "REASON_TOO_LONG"}),
    [](const ::testing::TestParamInfo<BadGrant>& info) {
      std::string name = info.param.name;
      for (char& c : name) {
        if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(DelegationTest, OneOpenDelegationPerHolderAndKind) {
  absl::StatusOr<Delegation> d = Grant(Registry(), DelegateRequest());
  ASSERT_THAT(d, IsOk());
  GrantRequest again = DelegateRequest();
  again.id = "d-2";
  absl::StatusOr<Delegation> dup = Grant(With(*d), again);
  EXPECT_THAT(dup, StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(dup, HasReason("DELEGATION_ALREADY_EXISTS"));
  // Once revoked, a new one may be granted.
  absl::StatusOr<Delegation> revoked = Revoke(With(*d), *d, kLegalRepX, "redo", kToday, kNow);
  ASSERT_THAT(revoked, IsOk());
  EXPECT_THAT(Grant(With(*revoked), again), IsOk());
}

TEST(DelegationTest, LegalRepresentativeRecordIsValidated) {
  LegalRepresentativeRecord r{
      "lr",       kCompanyX, kLegalRepX, absl::CivilDay(2020, 1, 1), absl::CivilDay(2019, 1, 1),
      "registry", "visura",  kNow};
  EXPECT_THAT(RecordLegalRepresentative(r), HasReason("INVALID_VALIDITY"));
  r.valid_to.reset();
  r.recorded_by.clear();
  EXPECT_THAT(RecordLegalRepresentative(r), HasReason("ACTOR_REQUIRED"));
  r.recorded_by = "op-1";
  r.person = "X";
  EXPECT_THAT(RecordLegalRepresentative(r), HasReason("INVALID_FISCAL_CODE_FORMAT"));
}

TEST(DelegationTest, Names) {
  EXPECT_EQ(ScopeName(DelegationScope::kL68Returns), "l68_returns");
  EXPECT_EQ(ScopeName(DelegationScope::kServiceRequests), "service_requests");
  EXPECT_EQ(StateName(DelegationState::kPending), "pending");
  EXPECT_EQ(KindName(DelegationKind::kConsultant), "consultant");
}

}  // namespace
}  // namespace sisl::enterprise
