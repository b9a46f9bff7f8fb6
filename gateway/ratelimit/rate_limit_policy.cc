#include "gateway/ratelimit/rate_limit_policy.h"

#include <arpa/inet.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace sisl::gateway::ratelimit {
namespace {

// 128 bits of SHA-256 of the session id, base64url: a stable key that reveals nothing usable.
std::string SessionHash(absl::string_view session_id) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(session_id.data()), session_id.size(), digest);
  return absl::WebSafeBase64Escape(absl::string_view(reinterpret_cast<const char*>(digest), 16));
}

}  // namespace

std::string ClientKey(absl::string_view client_ip) {
  if (client_ip.find(':') == absl::string_view::npos || client_ip.size() >= INET6_ADDRSTRLEN) {
    return std::string(client_ip);
  }
  char text[INET6_ADDRSTRLEN] = {};
  std::memcpy(text, client_ip.data(), client_ip.size());
  std::array<unsigned char, 16> addr{};
  if (inet_pton(AF_INET6, text, addr.data()) != 1) return std::string(client_ip);
  static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(addr.data(), kMappedPrefix, sizeof(kMappedPrefix)) == 0) {
    char v4[INET_ADDRSTRLEN] = {};
    if (inet_ntop(AF_INET, addr.data() + 12, v4, sizeof(v4)) != nullptr) return v4;
  }
  std::fill(addr.begin() + 8, addr.end(), 0);
  char network[INET6_ADDRSTRLEN] = {};
  if (inet_ntop(AF_INET6, addr.data(), network, sizeof(network)) == nullptr) {
    return std::string(client_ip);
  }
  return absl::StrCat(network, "/64");
}

std::vector<BucketRequest> RateLimitPolicy::BucketsFor(
    RequestClass request_class, absl::string_view client_ip,
    std::optional<absl::string_view> session_id) const {
  std::vector<BucketRequest> out;
  out.reserve(3);
  const std::string client = ClientKey(client_ip);
  out.push_back({absl::StrCat("ip:", client), config_.per_ip, 1});
  switch (request_class) {
    case RequestClass::kPage:
      return out;
    case RequestClass::kLogin:
      out.push_back({absl::StrCat("ipl:", client), config_.logins_per_ip, 1});
      return out;
    case RequestClass::kSaml:
      out.push_back({absl::StrCat("ips:", client), config_.saml_per_ip, 1});
      return out;
    case RequestClass::kRead:
    case RequestClass::kWrite:
    case RequestClass::kBookingWrite:
      break;
  }
  const bool has_session = session_id.has_value() && !session_id->empty();
  if (has_session) {
    const std::string h = SessionHash(*session_id);
    out.push_back({absl::StrCat("s:", h), config_.per_session, 1});
    if (request_class == RequestClass::kWrite) {
      out.push_back({absl::StrCat("sw:", h), config_.writes_per_session, 1});
    } else if (request_class == RequestClass::kBookingWrite) {
      out.push_back({absl::StrCat("sb:", h), config_.booking_writes_per_session, 1});
    }
  } else if (request_class == RequestClass::kBookingWrite) {
    out.push_back({absl::StrCat("ipb:", client), config_.booking_writes_per_ip, 1});
  }
  return out;
}

}  // namespace sisl::gateway::ratelimit
