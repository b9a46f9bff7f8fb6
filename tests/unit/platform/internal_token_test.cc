// The gateway-to-service token: Ed25519 over base64url(JSON claims) with issuer, audience,
// issued-at, a unique id, expiry and the SPID level. Only the gateway's private key signs;
// services verify with the public key. Service tokens (ADR 0022): a service signs its own calls
// with a key of its own, as issuer "sisl-service:<name>" and role notifier, and a callee accepts
// them only from the services it trusts.
// (FromContext needs a live gRPC server context and is covered by call_handler_test.)

#include "services/platform/auth/internal_token.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/platform/clock.h"
#include "services/platform/errors.h"

namespace sisl::platform::auth {
namespace {

using ::testing::HasSubstr;

const absl::Time kStart = absl::FromUnixSeconds(1714550400);  // 2024-05-01T08:00:00Z

TokenSigner NewSigner(const Clock& clock) {
  auto signer = TokenSigner::Generate(clock);
  EXPECT_TRUE(signer.ok()) << signer.status();
  return *std::move(signer);
}

// Signs arbitrary claims with `signer`'s key, to build tokens Sign() cannot produce.
std::string SignClaims(const TokenSigner& signer, const nlohmann::json& claims) {
  const std::string body = absl::WebSafeBase64Escape(claims.dump());
  std::string sig(64, '\0');
  size_t len = sig.size();
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, signer.key().get());
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(body.data()), body.size());
  EVP_MD_CTX_free(ctx);
  return absl::StrCat(body, ".", absl::WebSafeBase64Escape(sig));
}

nlohmann::json GoodClaims() {
  return {{"iss", "sisl-gateway"},
          {"aud", "booking"},
          {"iat", absl::ToUnixSeconds(kStart)},
          {"exp", absl::ToUnixSeconds(kStart + absl::Minutes(5))},
          {"jti", "0123456789abcdef"},
          {"sub", "s"},
          {"role", "citizen"},
          {"cpi", ""},
          {"act", ""},
          {"cf", ""},
          {"lvl", 2}};
}

Caller Operator() {
  Caller c;
  c.subject = "staff-42";
  c.role = Role::kOperator;
  c.cpi_code = "CPI-TO-15";
  c.acting_for = "citizen-7";
  c.spid_level = 2;
  return c;
}

void ExpectRejected(const absl::StatusOr<Caller>& caller, const std::string& reason,
                    const std::string& what,
                    absl::StatusCode code = absl::StatusCode::kUnauthenticated) {
  ASSERT_FALSE(caller.ok()) << what << " accepted";
  EXPECT_EQ(caller.status().code(), code) << what;
  EXPECT_EQ(ErrorReason(caller.status()), reason) << what;
}

// Replaces the character at `i` by a different base64url character.
std::string Flip(std::string s, size_t i) {
  s[i] = s[i] == 'A' ? 'B' : 'A';
  return s;
}

class InternalTokenTest : public ::testing::Test {
 protected:
  FakeClock clock_{kStart};
  TokenSigner gateway_ = NewSigner(clock_);
  TokenVerifier booking_ = TokenVerifier::For(gateway_, {"booking"}, {}, clock_);
};

TEST(RoleTest, NamesRoundTrip) {
  for (Role role : {Role::kCitizen, Role::kCompany, Role::kConsultant, Role::kOperator,
                    Role::kContactCentre, Role::kAdmin}) {
    Role parsed = Role::kCitizen;
    ASSERT_TRUE(ParseRole(RoleName(role), &parsed)) << RoleName(role);
    EXPECT_EQ(parsed, role);
  }
  EXPECT_EQ(RoleName(Role::kContactCentre), "contact_centre");
  Role r = Role::kAdmin;
  EXPECT_FALSE(ParseRole("root", &r));
  EXPECT_FALSE(ParseRole("Admin", &r));
  EXPECT_EQ(r, Role::kAdmin);
}

TEST_F(InternalTokenTest, SignVerifyRoundTripCarriesEveryClaim) {
  const std::string token = gateway_.Sign(Operator(), "booking", absl::Minutes(5));
  EXPECT_EQ(token.find_first_of("+/= "), std::string::npos) << token;
  auto caller = booking_.Verify(token);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject, "staff-42");
  EXPECT_EQ(caller->role, Role::kOperator);
  EXPECT_EQ(caller->cpi_code, "CPI-TO-15");
  EXPECT_EQ(caller->acting_for, "citizen-7");
  EXPECT_EQ(caller->spid_level, 2);
  EXPECT_EQ(caller->issued_at, kStart);
  EXPECT_EQ(caller->expires, kStart + absl::Minutes(5));
  EXPECT_EQ(caller->token_id.size(), 32u);

  std::string json;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token.substr(0, token.find('.')), &json));
  auto claims = nlohmann::json::parse(json);
  EXPECT_EQ(claims["iss"], "sisl-gateway");
  EXPECT_EQ(claims["aud"], "booking");
  EXPECT_EQ(claims["lvl"], 2);
}

TEST_F(InternalTokenTest, EveryTokenHasItsOwnId) {
  std::set<std::string> ids;
  for (int i = 0; i < 50; ++i) {
    ids.insert(booking_.Verify(gateway_.Sign(Operator(), "booking"))->token_id);
  }
  EXPECT_EQ(ids.size(), 50u);
}

TEST_F(InternalTokenTest, AVerifierFromThePublicKeyPemVerifies) {
  auto verifier = TokenVerifier::FromPublicKeyPem(gateway_.PublicKeyPem(), {"booking"}, {}, clock_);
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  EXPECT_TRUE(verifier->Verify(gateway_.Sign(Operator(), "booking")).ok());
  // The public key cannot be loaded as a signing key: holding it mints nothing.
  EXPECT_FALSE(TokenSigner::FromPrivateKeyPem(gateway_.PublicKeyPem()).ok());
  auto reloaded = TokenSigner::FromPrivateKeyPem(gateway_.PrivateKeyPem(), clock_);
  ASSERT_TRUE(reloaded.ok()) << reloaded.status();
  EXPECT_TRUE(booking_.Verify(reloaded->Sign(Operator(), "booking")).ok());
}

TEST_F(InternalTokenTest, ATokenForAnotherServiceIsRefused) {
  // A booking token replayed to the gateway's own service, or the other way round.
  const TokenVerifier gateway_service = booking_.ForAudiences({"gateway"});
  ExpectRejected(gateway_service.Verify(gateway_.Sign(Operator(), "booking")),
                 "TOKEN_AUDIENCE_MISMATCH", "booking token at the gateway");
  ExpectRejected(booking_.Verify(gateway_.Sign(Operator(), "gateway")), "TOKEN_AUDIENCE_MISMATCH",
                 "gateway token at booking");
  ExpectRejected(booking_.Verify(gateway_.Sign(Operator(), "")), "TOKEN_AUDIENCE_MISMATCH",
                 "no audience");
  EXPECT_TRUE(booking_.ForAudiences({"gateway", "booking"})
                  .Verify(gateway_.Sign(Operator(), "booking"))
                  .ok());
}

TEST_F(InternalTokenTest, ATokenSignedByAnotherKeyIsRefused) {
  // Another service's key pair, or the old shared HMAC secret: neither can mint.
  const TokenSigner rogue = NewSigner(clock_);
  auto caller = booking_.Verify(rogue.Sign(Operator(), "booking"));
  ExpectRejected(caller, "TOKEN_INVALID", "token of another key");
  EXPECT_THAT(std::string(caller.status().message()), HasSubstr("bad signature"));

  const std::string key(32, 'k');
  const std::string body = absl::WebSafeBase64Escape(GoodClaims().dump());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &len);
  ExpectRejected(
      booking_.Verify(absl::StrCat(
          body, ".", absl::WebSafeBase64Escape(std::string(reinterpret_cast<char*>(mac), len)))),
      "TOKEN_INVALID", "HMAC-signed token");
}

TEST_F(InternalTokenTest, TamperedBodyIsRejected) {
  const std::string token = gateway_.Sign(Operator(), "booking");
  const size_t dot = token.find('.');
  for (size_t i = 0; i < dot; ++i) {  // the signature covers the base64 text
    ExpectRejected(booking_.Verify(Flip(token, i)), "TOKEN_INVALID",
                   "body altered at " + std::to_string(i));
  }
  Caller admin = Operator();
  admin.role = Role::kAdmin;
  const std::string forged = gateway_.Sign(admin, "booking");
  ExpectRejected(booking_.Verify(forged.substr(0, forged.find('.')) + token.substr(dot)),
                 "TOKEN_INVALID", "swapped body");
}

TEST_F(InternalTokenTest, TamperedSignatureIsRejected) {
  const std::string token = gateway_.Sign(Operator(), "booking");
  const size_t dot = token.find('.');
  for (size_t i = dot + 1; i + 1 < token.size(); ++i) {
    ExpectRejected(booking_.Verify(Flip(token, i)), "TOKEN_INVALID",
                   "signature altered at " + std::to_string(i));
  }
  ExpectRejected(booking_.Verify(token.substr(0, token.size() - 4)), "TOKEN_INVALID",
                 "truncated signature");
}

// Company roles: the company acted for ("act"), its scopes ("scp") and how the role is held
// ("crl") travel signed; tokens without them verify with none.
TEST_F(InternalTokenTest, CompanyRoleClaimsRoundTripAndAreOptional) {
  Caller delegate{.subject = "p-1",
                  .role = Role::kCompany,
                  .acting_for = "01234567890",
                  .scopes = {kScopeVacancies, kScopeCommunications},
                  .company_role = kCompanyRoleDelegate,
                  .spid_level = 2};
  const std::string token = gateway_.Sign(delegate, "booking");
  auto caller = booking_.Verify(token);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->role, Role::kCompany);
  EXPECT_EQ(caller->acting_for, "01234567890");
  EXPECT_EQ(caller->scopes, (std::vector<std::string>{"vacancies", "communications"}));
  EXPECT_EQ(caller->company_role, "delegate");
  EXPECT_TRUE(HasScope(*caller, kScopeCommunications));
  EXPECT_FALSE(HasScope(*caller, kScopeL68Returns));
  EXPECT_FALSE(HasScope(*caller, ""));

  // Other callers' tokens carry neither claim, and old tokens without them still verify.
  std::string json;
  const std::string plain = gateway_.Sign(Operator(), "booking");
  ASSERT_TRUE(absl::WebSafeBase64Unescape(plain.substr(0, plain.find('.')), &json));
  EXPECT_FALSE(nlohmann::json::parse(json).contains("scp"));
  EXPECT_FALSE(nlohmann::json::parse(json).contains("crl"));
  auto old = booking_.Verify(SignClaims(gateway_, GoodClaims()));
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_TRUE(old->scopes.empty());
  EXPECT_EQ(old->company_role, "");
  EXPECT_FALSE(HasScope(*old, kScopeVacancies));
}

TEST_F(InternalTokenTest, CompanyRoleClaimsCannotBeWidenedOrMalformed) {
  Caller consultant{.subject = "p-2",
                    .role = Role::kConsultant,
                    .acting_for = "01234567890",
                    .scopes = {kScopeVacancies},
                    .company_role = kCompanyRoleConsultant,
                    .spid_level = 2};
  const std::string token = gateway_.Sign(consultant, "booking");
  const size_t dot = token.find('.');
  std::string json;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token.substr(0, dot), &json));
  nlohmann::json widened = nlohmann::json::parse(json);
  widened["scp"].push_back(kScopeCommunications);
  ExpectRejected(
      booking_.Verify(absl::StrCat(absl::WebSafeBase64Escape(widened.dump()), token.substr(dot))),
      "TOKEN_INVALID", "scope added to a signed token");
  nlohmann::json other_company = nlohmann::json::parse(json);
  other_company["act"] = "09876543210";
  ExpectRejected(booking_.Verify(absl::StrCat(absl::WebSafeBase64Escape(other_company.dump()),
                                              token.substr(dot))),
                 "TOKEN_INVALID", "company swapped in a signed token");
  // Signed, but not what the gateway writes.
  for (const nlohmann::json& scp :
       {nlohmann::json("vacancies"), nlohmann::json::array({1}), nlohmann::json::array({""})}) {
    nlohmann::json claims = GoodClaims();
    claims["scp"] = scp;
    ExpectRejected(booking_.Verify(SignClaims(gateway_, claims)), "TOKEN_INVALID",
                   "scp " + scp.dump());
  }
  for (const nlohmann::json& crl : {nlohmann::json("owner"), nlohmann::json(3)}) {
    nlohmann::json claims = GoodClaims();
    claims["crl"] = crl;
    ExpectRejected(booking_.Verify(SignClaims(gateway_, claims)), "TOKEN_INVALID",
                   "crl " + crl.dump());
  }
}

TEST_F(InternalTokenTest, ExpiresAfterItsTtl) {
  const std::string token = gateway_.Sign(Operator(), "booking", absl::Minutes(5));
  clock_.Advance(absl::Minutes(5) - absl::Seconds(1));
  EXPECT_TRUE(booking_.Verify(token).ok());
  clock_.Advance(absl::Seconds(1));
  ExpectRejected(booking_.Verify(token), "TOKEN_EXPIRED", "token at its expiry");
}

TEST_F(InternalTokenTest, MalformedTokensAreRejected) {
  const std::string token = gateway_.Sign(Operator(), "booking");
  for (const std::string& bad :
       {std::string(""), std::string("no-dot-at-all"), std::string("."), std::string("abc."),
        std::string(".abc"), token.substr(0, token.find('.')), token + "!!",
        token.substr(0, token.find('.')) + ".***", std::string(5000, 'A') + "." + "AAAA"}) {
    ExpectRejected(booking_.Verify(bad), "TOKEN_INVALID", "'" + bad.substr(0, 40) + "'");
  }
}

TEST_F(InternalTokenTest, SignedClaimsMustBeComplete) {
  ASSERT_TRUE(booking_.Verify(SignClaims(gateway_, GoodClaims())).ok());
  for (const char* claim : {"iss", "aud", "iat", "exp", "jti", "sub", "role", "lvl"}) {
    nlohmann::json claims = GoodClaims();
    claims.erase(claim);
    ExpectRejected(booking_.Verify(SignClaims(gateway_, claims)), "TOKEN_INVALID",
                   std::string("without ") + claim);
  }
  nlohmann::json claims = GoodClaims();
  claims["iss"] = "booking";
  ExpectRejected(booking_.Verify(SignClaims(gateway_, claims)), "TOKEN_INVALID", "other issuer");
  claims = GoodClaims();
  claims["jti"] = "";
  ExpectRejected(booking_.Verify(SignClaims(gateway_, claims)), "TOKEN_INVALID", "empty jti");
  claims = GoodClaims();
  claims["iat"] = absl::ToUnixSeconds(kStart + absl::Minutes(10));
  ExpectRejected(booking_.Verify(SignClaims(gateway_, claims)), "TOKEN_INVALID", "future iat");
  claims = GoodClaims();
  claims["exp"] = "soon";
  ExpectRejected(booking_.Verify(SignClaims(gateway_, claims)), "TOKEN_INVALID", "string exp");
  ExpectRejected(booking_.Verify(SignClaims(gateway_, nlohmann::json::array({1, 2}))),
                 "TOKEN_INVALID", "array claims");
  for (const char* role : {"superuser", "ADMIN", ""}) {
    claims = GoodClaims();
    claims["role"] = role;
    ExpectRejected(booking_.Verify(SignClaims(gateway_, claims)), "TOKEN_INVALID",
                   std::string("role '") + role + "'");
  }
}

TEST_F(InternalTokenTest, TokensBelowTheMinimumLevelAreRefused) {
  // Default: SpidL2 for everyone; a level-1 login or an unknown level is refused.
  for (int level : {0, 1}) {
    Caller c = Operator();
    c.spid_level = level;
    ExpectRejected(booking_.Verify(gateway_.Sign(c, "booking")), "TOKEN_LEVEL_TOO_LOW",
                   absl::StrCat("level ", level), absl::StatusCode::kPermissionDenied);
  }
  for (int level : {2, 3}) {
    Caller c = Operator();
    c.spid_level = level;
    EXPECT_TRUE(booking_.Verify(gateway_.Sign(c, "booking")).ok()) << level;
  }
}

TEST_F(InternalTokenTest, TheMinimumLevelCanBeSetPerRole) {
  auto policy = LevelPolicy::Parse(2, "admin=3, citizen=1");
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_EQ(policy->MinimumFor(Role::kAdmin), 3);
  EXPECT_EQ(policy->MinimumFor(Role::kCitizen), 1);
  EXPECT_EQ(policy->MinimumFor(Role::kOperator), 2);
  const TokenVerifier strict = TokenVerifier::For(gateway_, {"booking"}, *policy, clock_);
  Caller admin{.subject = "a", .role = Role::kAdmin, .spid_level = 2};
  ExpectRejected(strict.Verify(gateway_.Sign(admin, "booking")), "TOKEN_LEVEL_TOO_LOW",
                 "admin at level 2", absl::StatusCode::kPermissionDenied);
  admin.spid_level = 3;
  EXPECT_TRUE(strict.Verify(gateway_.Sign(admin, "booking")).ok());
  Caller citizen{.subject = "c", .role = Role::kCitizen, .spid_level = 1};
  EXPECT_TRUE(strict.Verify(gateway_.Sign(citizen, "booking")).ok());

  for (const char* bad : {"root=2", "admin=4", "admin", "admin=x"}) {
    EXPECT_FALSE(LevelPolicy::Parse(2, bad).ok()) << bad;
  }
  EXPECT_FALSE(LevelPolicy::Parse(0, "").ok());
  EXPECT_FALSE(LevelPolicy::Parse(4, "").ok());
}

// --- Service tokens --------------------------------------------------------------------------

Caller NotificationsService() {
  return Caller{.subject = "service:notifications", .role = Role::kNotifier};
}

KeyHandle PublicKeyOf(const TokenSigner& signer) {
  auto key = PublicKeyFromPem(signer.PublicKeyPem());
  EXPECT_TRUE(key.ok()) << key.status();
  return *std::move(key);
}

class ServiceTokenTest : public InternalTokenTest {
 protected:
  TokenSigner notifications_ = NewSigner(clock_).WithIssuer(ServiceIssuer("notifications"));
  // Booking trusts notifications' public key (auth.trusted_service_keys).
  TokenVerifier trusting_ =
      booking_.WithTrustedServices({{"notifications", PublicKeyOf(notifications_)}});
};

TEST_F(ServiceTokenTest, ANotifierServiceTokenVerifiesWhenTheServiceIsTrusted) {
  EXPECT_EQ(ServiceIssuer("notifications"), "sisl-service:notifications");
  EXPECT_EQ(notifications_.issuer(), "sisl-service:notifications");
  EXPECT_EQ(gateway_.issuer(), kTokenIssuer);
  const std::string token = notifications_.Sign(NotificationsService(), "booking");
  std::string json;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token.substr(0, token.find('.')), &json));
  EXPECT_EQ(nlohmann::json::parse(json)["iss"], "sisl-service:notifications");

  auto caller = trusting_.Verify(token);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject, "service:notifications");
  EXPECT_EQ(caller->role, Role::kNotifier);
  EXPECT_EQ(caller->spid_level, 0);
  EXPECT_EQ(caller->token_id.size(), 32u);
  EXPECT_EQ(trusting_.trusted_services(), std::vector<std::string>{"notifications"});
  // The trust survives ForAudiences (each hosted module's verifier is made that way).
  EXPECT_TRUE(trusting_.ForAudiences({"gateway", "booking"}).Verify(token).ok());
  EXPECT_TRUE(booking_.trusted_services().empty()) << "WithTrustedServices returns a copy";
}

TEST_F(ServiceTokenTest, AnUntrustedServiceIsAnUnknownIssuer) {
  const std::string token = notifications_.Sign(NotificationsService(), "booking");
  auto caller = booking_.Verify(token);
  ExpectRejected(caller, "TOKEN_INVALID", "service token at a verifier trusting no service");
  EXPECT_THAT(std::string(caller.status().message()), HasSubstr("unknown issuer"));
  const TokenSigner matching = NewSigner(clock_).WithIssuer(ServiceIssuer("matching"));
  caller = trusting_.Verify(matching.Sign(NotificationsService(), "booking"));
  ExpectRejected(caller, "TOKEN_INVALID", "service not in the trusted list");
  EXPECT_THAT(std::string(caller.status().message()), HasSubstr("unknown issuer"));
  for (const char* issuer : {"sisl-service:", "sisl-service", "notifications", "sisl-gateway:x"}) {
    nlohmann::json claims = GoodClaims();
    claims["iss"] = issuer;
    claims["role"] = "notifier";
    caller = trusting_.Verify(SignClaims(notifications_, claims));
    ExpectRejected(caller, "TOKEN_INVALID", std::string("issuer ") + issuer);
    EXPECT_THAT(std::string(caller.status().message()), HasSubstr("unknown issuer")) << issuer;
  }
}

TEST_F(ServiceTokenTest, TheKeyIsPickedByIssuerAndChecksTheSignature) {
  // Service A's key claiming to be trusted service B: the signature is checked with B's key.
  const TokenSigner rogue = NewSigner(clock_).WithIssuer(ServiceIssuer("notifications"));
  auto caller = trusting_.Verify(rogue.Sign(NotificationsService(), "booking"));
  ExpectRejected(caller, "TOKEN_INVALID", "another key as notifications");
  EXPECT_THAT(std::string(caller.status().message()), HasSubstr("bad signature"));
  // The gateway's key claiming to be a service, and a service's key claiming to be the gateway.
  caller = trusting_.Verify(
      gateway_.WithIssuer(ServiceIssuer("notifications")).Sign(NotificationsService(), "booking"));
  ExpectRejected(caller, "TOKEN_INVALID", "gateway key as notifications");
  EXPECT_THAT(std::string(caller.status().message()), HasSubstr("bad signature"));
  Caller admin = Operator();
  admin.role = Role::kAdmin;
  admin.spid_level = 3;
  caller = trusting_.Verify(notifications_.WithIssuer(kTokenIssuer).Sign(admin, "booking"));
  ExpectRejected(caller, "TOKEN_INVALID", "notifications key as the gateway");
  EXPECT_THAT(std::string(caller.status().message()), HasSubstr("bad signature"));
  // A signed service token whose issuer is rewritten to the gateway's.
  const std::string token = notifications_.Sign(NotificationsService(), "booking");
  const size_t dot = token.find('.');
  std::string json;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token.substr(0, dot), &json));
  nlohmann::json claims = nlohmann::json::parse(json);
  claims["iss"] = kTokenIssuer;
  ExpectRejected(
      trusting_.Verify(absl::StrCat(absl::WebSafeBase64Escape(claims.dump()), token.substr(dot))),
      "TOKEN_INVALID", "issuer rewritten");
  for (size_t i = 0; i < dot; ++i) {
    ExpectRejected(trusting_.Verify(Flip(token, i)), "TOKEN_INVALID",
                   "service token altered at " + std::to_string(i));
  }
}

TEST_F(ServiceTokenTest, AServiceTokenActsAsNotifierOnly) {
  for (Role role : {Role::kAdmin, Role::kOperator, Role::kCitizen, Role::kContactCentre,
                    Role::kCompany, Role::kConsultant}) {
    Caller c = NotificationsService();
    c.role = role;
    c.spid_level = 3;
    auto caller = trusting_.Verify(notifications_.Sign(c, "booking"));
    ExpectRejected(caller, "TOKEN_INVALID",
                   std::string("service token as ") + std::string(RoleName(role)));
    EXPECT_THAT(std::string(caller.status().message()),
                HasSubstr("a service token acts as notifier only"));
  }
}

TEST_F(ServiceTokenTest, EveryOtherCheckApplies) {
  ExpectRejected(trusting_.Verify(notifications_.Sign(NotificationsService(), "enterprise")),
                 "TOKEN_AUDIENCE_MISMATCH", "service token for another service");
  ExpectRejected(trusting_.ForAudiences({"gateway"})
                     .Verify(notifications_.Sign(NotificationsService(), "booking")),
                 "TOKEN_AUDIENCE_MISMATCH", "booking's service token at the gateway");

  const std::string token =
      notifications_.Sign(NotificationsService(), "booking", absl::Minutes(2));
  clock_.Advance(absl::Minutes(2) - absl::Seconds(1));
  EXPECT_TRUE(trusting_.Verify(token).ok());
  clock_.Advance(absl::Seconds(1));
  ExpectRejected(trusting_.Verify(token), "TOKEN_EXPIRED", "service token at its expiry");
  clock_.Set(kStart);

  nlohmann::json claims = GoodClaims();
  claims["iss"] = ServiceIssuer("notifications");
  claims["role"] = "notifier";
  claims["lvl"] = 0;
  ASSERT_TRUE(trusting_.Verify(SignClaims(notifications_, claims)).ok());
  nlohmann::json future = claims;
  future["iat"] = absl::ToUnixSeconds(kStart + absl::Minutes(10));
  ExpectRejected(trusting_.Verify(SignClaims(notifications_, future)), "TOKEN_INVALID",
                 "service token issued in the future");
  nlohmann::json no_id = claims;
  no_id["jti"] = "";
  ExpectRejected(trusting_.Verify(SignClaims(notifications_, no_id)), "TOKEN_INVALID",
                 "service token without an id");
  for (const char* claim : {"aud", "iat", "exp", "jti", "sub", "role", "lvl"}) {
    nlohmann::json incomplete = claims;
    incomplete.erase(claim);
    ExpectRejected(trusting_.Verify(SignClaims(notifications_, incomplete)), "TOKEN_INVALID",
                   std::string("service token without ") + claim);
  }
}

TEST_F(ServiceTokenTest, TheLevelPolicyDoesNotApplyToServiceTokens) {
  // Even a policy asking level 3 of everyone, notifiers included, accepts a service token
  // (no person's login behind it: level 0); the gateway's tokens stay under the policy.
  auto policy = LevelPolicy::Parse(3, "notifier=3");
  ASSERT_TRUE(policy.ok()) << policy.status();
  const TokenVerifier strict =
      TokenVerifier::For(gateway_, {"booking"}, *policy, clock_)
          .WithTrustedServices({{"notifications", PublicKeyOf(notifications_)}});
  auto caller = strict.Verify(notifications_.Sign(NotificationsService(), "booking"));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->spid_level, 0);
  Caller gateway_notifier = NotificationsService();
  gateway_notifier.spid_level = 2;
  ExpectRejected(strict.Verify(gateway_.Sign(gateway_notifier, "booking")), "TOKEN_LEVEL_TOO_LOW",
                 "gateway token below the policy", absl::StatusCode::kPermissionDenied);
}

TEST_F(ServiceTokenTest, GatewayTokensVerifyExactlyAsBefore) {
  const std::string token = gateway_.Sign(Operator(), "booking");
  auto before = booking_.Verify(token);
  auto after = trusting_.Verify(token);
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->subject, before->subject);
  EXPECT_EQ(after->role, before->role);
  EXPECT_EQ(after->cpi_code, before->cpi_code);
  EXPECT_EQ(after->acting_for, before->acting_for);
  EXPECT_EQ(after->spid_level, before->spid_level);
  EXPECT_EQ(after->token_id, before->token_id);
  // Gateway tokens of any role, the level policy and the audience check as before.
  Caller admin = Operator();
  admin.role = Role::kAdmin;
  EXPECT_TRUE(trusting_.Verify(gateway_.Sign(admin, "booking")).ok());
  Caller low = Operator();
  low.spid_level = 1;
  ExpectRejected(trusting_.Verify(gateway_.Sign(low, "booking")), "TOKEN_LEVEL_TOO_LOW", "level 1",
                 absl::StatusCode::kPermissionDenied);
  ExpectRejected(trusting_.Verify(gateway_.Sign(Operator(), "gateway")), "TOKEN_AUDIENCE_MISMATCH",
                 "gateway token for another service");
  ExpectRejected(trusting_.Verify(NewSigner(clock_).Sign(Operator(), "booking")), "TOKEN_INVALID",
                 "gateway issuer, another key");
}

TEST_F(ServiceTokenTest, AServicePublicKeyMustBeEd25519) {
  EXPECT_TRUE(PublicKeyFromPem(notifications_.PublicKeyPem()).ok());
  auto key = PublicKeyFromPem(notifications_.PrivateKeyPem());
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(ErrorReason(key.status()), "TOKEN_KEY_INVALID");
  EXPECT_FALSE(PublicKeyFromPem("").ok());
}

TEST(TokenKeyTest, KeysThatAreNotEd25519AreRefused) {
  EXPECT_FALSE(TokenVerifier::FromPublicKeyPem("not a pem", {"booking"}).ok());
  EXPECT_FALSE(TokenSigner::FromPrivateKeyPem("").ok());
  EVP_PKEY* ec = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  ASSERT_NE(ec, nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, ec);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  const std::string pem(data, static_cast<size_t>(n));
  BIO_free(bio);
  EVP_PKEY_free(ec);
  auto verifier = TokenVerifier::FromPublicKeyPem(pem, {"booking"});
  ASSERT_FALSE(verifier.ok());
  EXPECT_EQ(ErrorReason(verifier.status()), "TOKEN_KEY_INVALID");
}

}  // namespace
}  // namespace sisl::platform::auth
