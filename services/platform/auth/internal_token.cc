#include "absl/strings/string_view.h"
#include "services/platform/auth/internal_token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "services/platform/errors.h"

namespace sisl::platform::auth {
namespace {

constexpr std::pair<Role, absl::string_view> kRoles[] = {
    {Role::kCitizen, "citizen"},       {Role::kCompany, "company"},
    {Role::kConsultant, "consultant"}, {Role::kOperator, "operator"},
    {Role::kContactCentre, "contact_centre"}, {Role::kAdmin, "admin"}};

absl::Status Invalid(absl::string_view why) {
  return Error(absl::StatusCode::kUnauthenticated, "TOKEN_INVALID",
               absl::StrCat("internal token rejected: ", why));
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

TokenCodec::TokenCodec(std::string key, const Clock& clock) : key_(std::move(key)), clock_(clock) {}

std::string TokenCodec::Mac(absl::string_view data) const {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string TokenCodec::Mint(const Caller& caller, absl::Duration ttl) const {
  nlohmann::json claims = {{"sub", caller.subject},
                           {"role", RoleName(caller.role)},
                           {"cpi", caller.cpi_code},
                           {"act", caller.acting_for},
                           {"cf", caller.fiscal_code},
                           {"exp", absl::ToUnixSeconds(clock_.Now() + ttl)}};
  const std::string body = absl::WebSafeBase64Escape(claims.dump());
  return absl::StrCat(body, ".", absl::WebSafeBase64Escape(Mac(body)));
}

absl::StatusOr<Caller> TokenCodec::Verify(absl::string_view token) const {
  const size_t dot = token.find('.');
  if (dot == absl::string_view::npos || token.size() > 4096) return Invalid("malformed");
  const absl::string_view body = token.substr(0, dot);
  std::string mac;
  if (!absl::WebSafeBase64Unescape(token.substr(dot + 1), &mac)) return Invalid("malformed");
  const std::string expected = Mac(body);
  if (mac.size() != expected.size() ||
      CRYPTO_memcmp(mac.data(), expected.data(), mac.size()) != 0) {
    return Invalid("bad signature");
  }
  std::string json;
  if (!absl::WebSafeBase64Unescape(body, &json)) return Invalid("malformed");
  auto claims = nlohmann::json::parse(json, nullptr, false);
  if (!claims.is_object() || !claims.contains("exp") || !claims["exp"].is_number_integer()) {
    return Invalid("malformed claims");
  }
  Caller caller;
  caller.subject = claims.value("sub", "");
  caller.cpi_code = claims.value("cpi", "");
  caller.acting_for = claims.value("act", "");
  caller.fiscal_code = claims.value("cf", "");
  caller.expires = absl::FromUnixSeconds(claims["exp"].get<int64_t>());
  if (!ParseRole(claims.value("role", ""), &caller.role)) return Invalid("unknown role");
  if (caller.expires <= clock_.Now()) {
    return Error(absl::StatusCode::kUnauthenticated, "TOKEN_EXPIRED", "internal token expired");
  }
  return caller;
}

absl::StatusOr<Caller> TokenCodec::FromContext(const grpc::ServerContext& context) const {
  const auto& md = context.client_metadata();
  auto it = md.find(kTokenMetadataKey);
  if (it == md.end()) {
    return Error(absl::StatusCode::kUnauthenticated, "TOKEN_MISSING",
                 "this call needs the caller's identity (internal token)");
  }
  return Verify(absl::string_view(it->second.data(), it->second.size()));
}

}  // namespace sisl::platform::auth
