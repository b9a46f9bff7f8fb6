// The gateway-to-service token: HMAC-SHA256 over base64url(JSON claims), with expiry.
// (FromContext needs a live gRPC server context and is covered by the integration tests.)

#include "services/platform/auth/internal_token.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

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

const std::string kKey = "0123456789abcdef0123456789abcdef";  // 32 bytes
const absl::Time kStart = absl::FromUnixSeconds(1714550400);   // 2024-05-01T08:00:00Z

// Signs arbitrary claims the way the codec does, to build tokens Mint() cannot produce.
std::string SignClaims(const nlohmann::json& claims, const std::string& key = kKey) {
  const std::string body = absl::WebSafeBase64Escape(claims.dump());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &len);
  return absl::StrCat(body, ".",
                      absl::WebSafeBase64Escape(std::string(reinterpret_cast<char*>(mac), len)));
}

Caller Operator() {
  Caller c;
  c.subject = "staff-42";
  c.role = Role::kOperator;
  c.cpi_code = "CPI-TO-15";
  c.acting_for = "citizen-7";
  return c;
}

void ExpectRejected(const absl::StatusOr<Caller>& caller, const std::string& reason,
                    const std::string& what) {
  ASSERT_FALSE(caller.ok()) << what << " accepted";
  EXPECT_EQ(caller.status().code(), absl::StatusCode::kUnauthenticated) << what;
  EXPECT_EQ(ErrorReason(caller.status()), reason) << what;
}

// Replaces the character at `i` by a different base64url character.
std::string Flip(std::string s, size_t i) {
  s[i] = s[i] == 'A' ? 'B' : 'A';
  return s;
}

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

TEST(TokenCodecTest, MintVerifyRoundTrip) {
  FakeClock clock(kStart);
  TokenCodec codec(kKey, clock);
  const std::string token = codec.Mint(Operator(), absl::Minutes(5));
  EXPECT_EQ(token.find_first_of("+/= "), std::string::npos) << token;
  auto caller = codec.Verify(token);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject, "staff-42");
  EXPECT_EQ(caller->role, Role::kOperator);
  EXPECT_EQ(caller->cpi_code, "CPI-TO-15");
  EXPECT_EQ(caller->acting_for, "citizen-7");
  EXPECT_EQ(caller->expires, kStart + absl::Minutes(5));
}

TEST(TokenCodecTest, AnotherCodecWithTheSameKeyVerifies) {
  FakeClock clock(kStart);
  auto caller = TokenCodec(kKey, clock).Verify(TokenCodec(kKey, clock).Mint(Operator()));
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->subject, "staff-42");
}

TEST(TokenCodecTest, TamperedBodyIsRejected) {
  FakeClock clock(kStart);
  TokenCodec codec(kKey, clock);
  const std::string token = codec.Mint(Operator());
  const size_t dot = token.find('.');
  for (size_t i = 0; i < dot; ++i) {  // the MAC covers the base64 text, so every character
    ExpectRejected(codec.Verify(Flip(token, i)), "TOKEN_INVALID",
                   "body altered at " + std::to_string(i));
  }
  // A forged body claiming another role, keeping the original MAC.
  Caller admin = Operator();
  admin.role = Role::kAdmin;
  const std::string forged = codec.Mint(admin);
  ExpectRejected(codec.Verify(forged.substr(0, forged.find('.')) + token.substr(dot)),
                 "TOKEN_INVALID", "swapped body");
}

TEST(TokenCodecTest, TamperedMacIsRejected) {
  FakeClock clock(kStart);
  TokenCodec codec(kKey, clock);
  const std::string token = codec.Mint(Operator());
  const size_t dot = token.find('.');
  // (The last character may only carry unused low bits, so it is left out.)
  for (size_t i = dot + 1; i + 1 < token.size(); ++i) {
    ExpectRejected(codec.Verify(Flip(token, i)), "TOKEN_INVALID",
                   "mac altered at " + std::to_string(i));
  }
  auto truncated = codec.Verify(token.substr(0, token.size() - 4));
  ExpectRejected(truncated, "TOKEN_INVALID", "truncated mac");
  EXPECT_THAT(std::string(truncated.status().message()), HasSubstr("signature"));
}

TEST(TokenCodecTest, WrongKeyIsRejected) {
  FakeClock clock(kStart);
  TokenCodec minter("ffffffffffffffffffffffffffffffff", clock);
  TokenCodec verifier(kKey, clock);
  auto caller = verifier.Verify(minter.Mint(Operator()));
  ExpectRejected(caller, "TOKEN_INVALID", "token of another key");
  EXPECT_THAT(std::string(caller.status().message()), HasSubstr("bad signature"));
}

TEST(TokenCodecTest, ExpiresAfterItsTtl) {
  FakeClock clock(kStart);
  TokenCodec codec(kKey, clock);
  const std::string token = codec.Mint(Operator(), absl::Minutes(5));
  clock.Advance(absl::Minutes(5) - absl::Seconds(1));
  EXPECT_TRUE(codec.Verify(token).ok());
  clock.Advance(absl::Seconds(1));
  auto caller = codec.Verify(token);
  ExpectRejected(caller, "TOKEN_EXPIRED", "token at its expiry");
  clock.Advance(absl::Hours(1));
  ExpectRejected(codec.Verify(token), "TOKEN_EXPIRED", "token an hour after expiry");
}

TEST(TokenCodecTest, MalformedTokensAreRejected) {
  FakeClock clock(kStart);
  TokenCodec codec(kKey, clock);
  const std::string token = codec.Mint(Operator());
  for (const std::string& bad :
       {std::string(""), std::string("no-dot-at-all"), std::string("."), std::string("abc."),
        std::string(".abc"), token.substr(0, token.find('.')), token + "!!",
        token.substr(0, token.find('.')) + ".***", std::string(5000, 'A') + "." + "AAAA"}) {
    ExpectRejected(codec.Verify(bad), "TOKEN_INVALID", "'" + bad.substr(0, 40) + "'");
  }
}

TEST(TokenCodecTest, SignedButMalformedClaimsAreRejected) {
  FakeClock clock(kStart);
  TokenCodec codec(kKey, clock);
  const int64_t exp = absl::ToUnixSeconds(kStart + absl::Minutes(5));
  // Sanity check of the helper: well-formed signed claims are accepted.
  ASSERT_TRUE(codec.Verify(SignClaims({{"sub", "s"}, {"role", "citizen"}, {"exp", exp}})).ok());

  ExpectRejected(codec.Verify(SignClaims({{"sub", "s"}, {"role", "citizen"}})), "TOKEN_INVALID",
                 "no exp");
  ExpectRejected(codec.Verify(SignClaims({{"sub", "s"}, {"role", "citizen"}, {"exp", "soon"}})),
                 "TOKEN_INVALID", "string exp");
  ExpectRejected(codec.Verify(SignClaims(nlohmann::json::array({1, 2}))), "TOKEN_INVALID",
                 "array claims");
  const std::string body = absl::WebSafeBase64Escape("{not json");
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), kKey.data(), static_cast<int>(kKey.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &len);
  ExpectRejected(
      codec.Verify(absl::StrCat(body, ".", absl::WebSafeBase64Escape(std::string(
                                               reinterpret_cast<char*>(mac), len)))),
      "TOKEN_INVALID", "signed non-JSON body");
}

TEST(TokenCodecTest, UnknownRoleIsRejected) {
  FakeClock clock(kStart);
  TokenCodec codec(kKey, clock);
  const int64_t exp = absl::ToUnixSeconds(kStart + absl::Minutes(5));
  for (const char* role : {"superuser", "ADMIN", ""}) {
    auto caller = codec.Verify(SignClaims({{"sub", "s"}, {"role", role}, {"exp", exp}}));
    ExpectRejected(caller, "TOKEN_INVALID", std::string("role '") + role + "'");
    EXPECT_THAT(std::string(caller.status().message()), HasSubstr("unknown role"));
  }
  // A claim set without any role is not a citizen by default.
  ExpectRejected(codec.Verify(SignClaims({{"sub", "s"}, {"exp", exp}})), "TOKEN_INVALID",
                 "no role");
}

}  // namespace
}  // namespace sisl::platform::auth
