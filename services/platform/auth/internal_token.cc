#include "services/platform/auth/internal_token.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "nlohmann/json.hpp"
#include "services/platform/errors.h"

namespace sisl::platform::auth {
namespace {

constexpr std::pair<Role, absl::string_view> kRoles[] = {{Role::kCitizen, "citizen"},
                                                         {Role::kCompany, "company"},
                                                         {Role::kConsultant, "consultant"},
                                                         {Role::kOperator, "operator"},
                                                         {Role::kContactCentre, "contact_centre"},
                                                         {Role::kAdmin, "admin"},
                                                         {Role::kNotifier, "notifier"}};

// Tokens issued a little in the future (clock skew between hosts) are still accepted.
constexpr absl::Duration kClockSkew = absl::Seconds(60);

absl::Status Invalid(absl::string_view why) {
  return Error(absl::StatusCode::kUnauthenticated, "TOKEN_INVALID",
               absl::StrCat("internal token rejected: ", why));
}

absl::Status KeyInvalid(absl::string_view why) {
  return Error(absl::StatusCode::kInvalidArgument, "TOKEN_KEY_INVALID",
               absl::StrCat("internal token key: ", why));
}

KeyHandle Own(EVP_PKEY* key) { return KeyHandle(key, EVP_PKEY_free); }

std::string Pem(EVP_PKEY* key, bool private_key) {
  BIO* bio = BIO_new(BIO_s_mem());
  const int ok = private_key
                     ? PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr)
                     : PEM_write_bio_PUBKEY(bio, key);
  std::string out;
  if (ok == 1) {
    char* data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    out.assign(data, static_cast<size_t>(len));
  }
  BIO_free(bio);
  return out;
}

absl::StatusOr<KeyHandle> ReadPem(absl::string_view pem, bool private_key) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key = private_key ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr)
                              : PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (key == nullptr) {
    return KeyInvalid(private_key ? "not a PEM private key" : "not a PEM public key");
  }
  KeyHandle owned = Own(key);
  if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) return KeyInvalid("not an Ed25519 key");
  return owned;
}

bool SignatureValid(EVP_PKEY* key, absl::string_view body, absl::string_view signature) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool valid =
      EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, key) == 1 &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(body.data()),
                       body.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return valid;
}

std::string RandomId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<char*>(bytes), sizeof bytes));
}

}  // namespace

absl::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "citizen";
}

bool ParseRole(absl::string_view name, Role* role) {
  for (const auto& [r, n] : kRoles) {
    if (n == name) {
      *role = r;
      return true;
    }
  }
  return false;
}

std::string ServiceIssuer(absl::string_view service) {
  return absl::StrCat(kServiceIssuerPrefix, service);
}

absl::StatusOr<KeyHandle> PublicKeyFromPem(absl::string_view pem) {
  return ReadPem(pem, /*private_key=*/false);
}

bool HasScope(const Caller& caller, absl::string_view scope) {
  return !scope.empty() &&
         std::find(caller.scopes.begin(), caller.scopes.end(), scope) != caller.scopes.end();
}

bool IsCompanyRoleName(absl::string_view name) {
  return name == kCompanyRoleLegalRepresentative || name == kCompanyRoleDelegate ||
         name == kCompanyRoleConsultant;
}

absl::StatusOr<LevelPolicy> LevelPolicy::Parse(int minimum, absl::string_view per_role) {
  auto bad = [](absl::string_view what) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                 absl::StrCat("SPID level policy: ", what));
  };
  if (minimum < 1 || minimum > 3) return bad("auth.minimum_level must be 1, 2 or 3");
  std::map<Role, int> levels;
  for (absl::string_view entry : absl::StrSplit(per_role, ',', absl::SkipWhitespace())) {
    std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(entry, '=');
    Role role;
    int level = 0;
    if (!ParseRole(absl::StripAsciiWhitespace(kv.first), &role) ||
        !absl::SimpleAtoi(absl::StripAsciiWhitespace(kv.second), &level) || level < 1 ||
        level > 3) {
      return bad(
          absl::StrCat("auth.minimum_level_by_role entry '", entry, "': expected role=1|2|3"));
    }
    levels[role] = level;
  }
  return LevelPolicy(minimum, std::move(levels));
}

int LevelPolicy::MinimumFor(Role role) const {
  auto it = per_role_.find(role);
  return it == per_role_.end() ? minimum_ : it->second;
}

// --- TokenSigner -----------------------------------------------------------------------------

absl::StatusOr<TokenSigner> TokenSigner::FromPrivateKeyPem(absl::string_view pem,
                                                           const Clock& clock) {
  auto key = ReadPem(pem, /*private_key=*/true);
  if (!key.ok()) return key.status();
  return TokenSigner(*std::move(key), clock);
}

absl::StatusOr<TokenSigner> TokenSigner::Generate(const Clock& clock) {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (key == nullptr) return absl::InternalError("cannot generate an Ed25519 key");
  return TokenSigner(Own(key), clock);
}

TokenSigner TokenSigner::WithIssuer(std::string issuer) const {
  TokenSigner copy = *this;
  copy.issuer_ = std::move(issuer);
  return copy;
}

std::string TokenSigner::PrivateKeyPem() const { return Pem(key_.get(), true); }
std::string TokenSigner::PublicKeyPem() const { return Pem(key_.get(), false); }

std::string TokenSigner::Sign(const Caller& caller, absl::string_view audience,
                              absl::Duration ttl) const {
  const absl::Time now = clock_->Now();
  nlohmann::json claims = {{"iss", issuer_},
                           {"aud", std::string(audience)},
                           {"iat", absl::ToUnixSeconds(now)},
                           {"exp", absl::ToUnixSeconds(now + ttl)},
                           {"jti", RandomId()},
                           {"sub", caller.subject},
                           {"role", RoleName(caller.role)},
                           {"cpi", caller.cpi_code},
                           {"act", caller.acting_for},
                           {"cf", caller.fiscal_code},
                           {"lvl", caller.spid_level}};
  // Only company roles carry these: every other token keeps its shape.
  if (!caller.scopes.empty()) claims["scp"] = caller.scopes;
  if (!caller.company_role.empty()) claims["crl"] = caller.company_role;
  const std::string body = absl::WebSafeBase64Escape(claims.dump());
  std::string signature(64, '\0');
  size_t len = signature.size();
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key_.get()) == 1 &&
      EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &len,
                     reinterpret_cast<const unsigned char*>(body.data()), body.size()) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return {};  // an empty token: refused by every verifier
  signature.resize(len);
  return absl::StrCat(body, ".", absl::WebSafeBase64Escape(signature));
}

// --- TokenVerifier ---------------------------------------------------------------------------

absl::StatusOr<TokenVerifier> TokenVerifier::FromPublicKeyPem(absl::string_view pem,
                                                              std::vector<std::string> audiences,
                                                              LevelPolicy levels,
                                                              const Clock& clock) {
  auto key = ReadPem(pem, /*private_key=*/false);
  if (!key.ok()) return key.status();
  return TokenVerifier(*std::move(key), std::move(audiences), std::move(levels), clock);
}

TokenVerifier TokenVerifier::For(const TokenSigner& signer, std::vector<std::string> audiences,
                                 LevelPolicy levels, const Clock& clock) {
  // Only the public half travels: a verifier built this way cannot sign either.
  auto verifier =
      FromPublicKeyPem(signer.PublicKeyPem(), std::move(audiences), std::move(levels), clock);
  return *std::move(verifier);
}

TokenVerifier TokenVerifier::ForAudiences(std::vector<std::string> audiences) const {
  TokenVerifier copy(key_, std::move(audiences), levels_, *clock_);
  copy.service_keys_ = service_keys_;
  return copy;
}

TokenVerifier TokenVerifier::WithTrustedServices(
    std::map<std::string, KeyHandle> service_keys) const {
  TokenVerifier copy = *this;
  for (auto& [name, key] : service_keys) copy.service_keys_[name] = std::move(key);
  return copy;
}

std::vector<std::string> TokenVerifier::trusted_services() const {
  std::vector<std::string> names;
  for (const auto& [name, key] : service_keys_) names.push_back(name);
  return names;
}

absl::StatusOr<Caller> TokenVerifier::Verify(absl::string_view token) const {
  const size_t dot = token.find('.');
  if (dot == absl::string_view::npos || token.size() > 4096) return Invalid("malformed");
  const absl::string_view body = token.substr(0, dot);
  std::string signature;
  if (!absl::WebSafeBase64Unescape(token.substr(dot + 1), &signature)) {
    return Invalid("malformed");
  }
  // The claims are decoded first only to read `iss`, which names the key; nothing in them is
  // trusted until that key has checked the signature.
  std::string json;
  if (!absl::WebSafeBase64Unescape(body, &json)) return Invalid("malformed");
  auto claims = nlohmann::json::parse(json, nullptr, false);
  if (!claims.is_object()) return Invalid("malformed claims");
  if (!claims.contains("iss") || !claims["iss"].is_string()) {
    return Invalid("claim 'iss' missing");
  }
  const std::string issuer = claims["iss"].get<std::string>();
  EVP_PKEY* key = nullptr;
  bool service_token = false;
  if (issuer == kTokenIssuer) {
    key = key_.get();
  } else if (absl::StartsWith(issuer, kServiceIssuerPrefix)) {
    auto it = service_keys_.find(issuer.substr(std::strlen(kServiceIssuerPrefix)));
    if (it != service_keys_.end() && it->second != nullptr) {
      key = it->second.get();
      service_token = true;
    }
  }
  if (key == nullptr) return Invalid("unknown issuer");
  if (!SignatureValid(key, body, signature)) return Invalid("bad signature");

  for (const char* name : {"exp", "iat", "lvl"}) {
    if (!claims.contains(name) || !claims[name].is_number_integer()) {
      return Invalid(absl::StrCat("claim '", name, "' missing"));
    }
  }
  for (const char* name : {"aud", "jti", "sub", "role", "cpi", "act", "cf"}) {
    if (!claims.contains(name) || !claims[name].is_string()) {
      return Invalid(absl::StrCat("claim '", name, "' missing"));
    }
  }
  // Company-role claims are optional (tokens signed before them verify with none).
  if (claims.contains("scp")) {
    if (!claims["scp"].is_array()) return Invalid("claim 'scp' is not a list");
    for (const auto& scope : claims["scp"]) {
      if (!scope.is_string() || scope.get<std::string>().empty()) {
        return Invalid("claim 'scp' holds a non-name");
      }
    }
  }
  if (claims.contains("crl") &&
      (!claims["crl"].is_string() || !IsCompanyRoleName(claims["crl"].get<std::string>()))) {
    return Invalid("unknown company role");
  }
  if (claims["jti"].get<std::string>().empty()) return Invalid("no token id");
  const std::string audience = claims["aud"].get<std::string>();
  if (std::find(audiences_.begin(), audiences_.end(), audience) == audiences_.end()) {
    return Error(absl::StatusCode::kUnauthenticated, "TOKEN_AUDIENCE_MISMATCH",
                 "internal token rejected: it was issued for another service",
                 {{"audience", audience}});
  }
  Caller caller;
  caller.subject = claims["sub"].get<std::string>();
  caller.cpi_code = claims["cpi"].get<std::string>();
  caller.acting_for = claims["act"].get<std::string>();
  caller.fiscal_code = claims["cf"].get<std::string>();
  if (claims.contains("scp")) caller.scopes = claims["scp"].get<std::vector<std::string>>();
  if (claims.contains("crl")) caller.company_role = claims["crl"].get<std::string>();
  caller.token_id = claims["jti"].get<std::string>();
  caller.spid_level = static_cast<int>(claims["lvl"].get<int64_t>());
  caller.issued_at = absl::FromUnixSeconds(claims["iat"].get<int64_t>());
  caller.expires = absl::FromUnixSeconds(claims["exp"].get<int64_t>());
  if (!ParseRole(claims["role"].get<std::string>(), &caller.role)) return Invalid("unknown role");
  // A service's key asserts the service itself, never a person or another role.
  if (service_token && caller.role != Role::kNotifier) {
    return Invalid("a service token acts as notifier only");
  }
  const absl::Time now = clock_->Now();
  if (caller.issued_at > now + kClockSkew) return Invalid("issued in the future");
  if (caller.expires <= now) {
    return Error(absl::StatusCode::kUnauthenticated, "TOKEN_EXPIRED", "internal token expired");
  }
  // The SPID level policy is about a person's login: a service token has none.
  if (service_token) return caller;
  const int required = levels_.MinimumFor(caller.role);
  if (caller.spid_level < required) {
    return Error(absl::StatusCode::kPermissionDenied, "TOKEN_LEVEL_TOO_LOW",
                 absl::StrCat("this role needs a SPID level ", required, " login"),
                 {{"required_level", absl::StrCat(required)},
                  {"level", absl::StrCat(caller.spid_level)},
                  {"role", std::string(RoleName(caller.role))}});
  }
  return caller;
}

absl::StatusOr<Caller> TokenVerifier::FromContext(const grpc::ServerContext& context) const {
  const auto& md = context.client_metadata();
  auto it = md.find(kTokenMetadataKey);
  if (it == md.end()) {
    return Error(absl::StatusCode::kUnauthenticated, "TOKEN_MISSING",
                 "this call needs the caller's identity (internal token)");
  }
  return Verify(absl::string_view(it->second.data(), it->second.size()));
}

}  // namespace sisl::platform::auth
