#include "gateway/http/client_address.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/platform/errors.h"

namespace sisl::gateway::http {
namespace {

constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

// Strips brackets and a port: "[v6]:p" -> "v6", "a.b.c.d:p" -> "a.b.c.d".
absl::string_view HostPart(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (absl::ConsumePrefix(&text, "[")) {
    const size_t close = text.find(']');
    return close == absl::string_view::npos ? absl::string_view() : text.substr(0, close);
  }
  const size_t colon = text.find(':');
  if (colon != absl::string_view::npos && text.find(':', colon + 1) == absl::string_view::npos) {
    return text.substr(0, colon);  // one colon: IPv4 with a port
  }
  return text;
}

std::optional<std::array<uint8_t, 16>> ParseAddress(absl::string_view text) {
  const absl::string_view host = HostPart(text);
  char buffer[INET6_ADDRSTRLEN] = {};
  if (host.empty() || host.size() >= sizeof(buffer)) return std::nullopt;
  std::memcpy(buffer, host.data(), host.size());
  std::array<uint8_t, 16> out{};
  if (inet_pton(AF_INET6, buffer, out.data()) == 1) return out;
  std::memcpy(out.data(), kMappedPrefix, sizeof(kMappedPrefix));
  if (inet_pton(AF_INET, buffer, out.data() + 12) == 1) return out;
  return std::nullopt;
}

bool IsMapped(const std::array<uint8_t, 16>& a) {
  return std::memcmp(a.data(), kMappedPrefix, sizeof(kMappedPrefix)) == 0;
}

std::string Text(const std::array<uint8_t, 16>& a) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (IsMapped(a)) {
    inet_ntop(AF_INET, a.data() + 12, buffer, sizeof(buffer));
  } else {
    inet_ntop(AF_INET6, a.data(), buffer, sizeof(buffer));
  }
  return buffer;
}

bool Contains(const Cidr& cidr, const std::array<uint8_t, 16>& a) {
  const int whole = cidr.prefix_bits / 8;
  if (std::memcmp(cidr.network.data(), a.data(), whole) != 0) return false;
  const int rest = cidr.prefix_bits % 8;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (cidr.network[whole] & mask) == (a[whole] & mask);
}

bool InAny(const std::array<uint8_t, 16>& a, const std::vector<Cidr>& networks) {
  for (const Cidr& c : networks) {
    if (Contains(c, a)) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<std::vector<Cidr>> ParseCidrList(absl::string_view text) {
  std::vector<Cidr> out;
  for (absl::string_view entry : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    entry = absl::StripAsciiWhitespace(entry);
    auto invalid = [entry](absl::string_view why) {
      return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_TRUSTED_PROXY",
                             absl::StrCat("gateway.trusted_proxies: '", entry, "' ", why));
    };
    const size_t slash = entry.find('/');
    const absl::string_view address = entry.substr(0, slash);
    if (address.find('[') != absl::string_view::npos) return invalid("must not use brackets");
    std::optional<std::array<uint8_t, 16>> network = ParseAddress(address);
    if (!network) return invalid("is not an IPv4 or IPv6 address or network");
    const bool v4 = IsMapped(*network) && address.find(':') == absl::string_view::npos;
    int bits = v4 ? 32 : 128;
    if (slash != absl::string_view::npos) {
      if (!absl::SimpleAtoi(entry.substr(slash + 1), &bits) || bits < 0 || bits > (v4 ? 32 : 128)) {
        return invalid(v4 ? "needs a prefix length 0..32" : "needs a prefix length 0..128");
      }
    }
    Cidr cidr;
    cidr.prefix_bits = v4 ? bits + 96 : bits;
    // The network itself: host bits cleared, so "10.1.2.3/8" means 10.0.0.0/8.
    for (int i = 0; i < 16; ++i) {
      const int keep = std::clamp(cidr.prefix_bits - i * 8, 0, 8);
      cidr.network[i] = keep == 0 ? 0 : static_cast<uint8_t>((*network)[i] & (0xff << (8 - keep)));
    }
    out.push_back(cidr);
  }
  return out;
}

std::optional<std::string> CanonicalAddress(absl::string_view text) {
  auto a = ParseAddress(text);
  if (!a) return std::nullopt;
  return Text(*a);
}

bool InNetworks(absl::string_view address, const std::vector<Cidr>& networks) {
  auto a = ParseAddress(address);
  return a.has_value() && InAny(*a, networks);
}

std::string ClientAddress(absl::string_view peer, std::optional<absl::string_view> forwarded_for,
                          const std::vector<Cidr>& trusted_proxies) {
  const auto peer_address = ParseAddress(peer);
  if (!peer_address) return std::string(peer);
  if (trusted_proxies.empty() || !forwarded_for || !InAny(*peer_address, trusted_proxies)) {
    return Text(*peer_address);
  }
  std::array<uint8_t, 16> client = *peer_address;
  const std::vector<absl::string_view> hops = absl::StrSplit(*forwarded_for, ',');
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    if (absl::StripAsciiWhitespace(*hop).empty()) continue;
    const auto address = ParseAddress(*hop);
    if (!address) break;  // garbage from the client: the trusted hop that passed it on answers
    client = *address;
    if (!InAny(client, trusted_proxies)) break;
  }
  return Text(client);
}

}  // namespace sisl::gateway::http
