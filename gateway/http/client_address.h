#ifndef SISL_GATEWAY_HTTP_CLIENT_ADDRESS_H_
#define SISL_GATEWAY_HTTP_CLIENT_ADDRESS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sisl::gateway::http {

// A network, IPv4 kept as IPv4-mapped IPv6 (::ffff:a.b.c.d, prefix + 96), so one comparison
// serves both families and an IPv4 peer seen on a dual-stack socket matches its IPv4 network.
struct Cidr {
  std::array<uint8_t, 16> network{};
  int prefix_bits = 128;
};

// "10.0.0.0/8, 192.0.2.1, 2001:db8::/32, ::1" (a bare address is a /32 or /128). Empty text is
// an empty list. INVALID_ARGUMENT (reason INVALID_TRUSTED_PROXY) naming the bad entry otherwise.
absl::StatusOr<std::vector<Cidr>> ParseCidrList(absl::string_view text);

// The address in canonical text (IPv4-mapped IPv6 as IPv4), from "a.b.c.d", "v6", "[v6]",
// "[v6]:port" or "a.b.c.d:port"; nullopt when it is not an address.
std::optional<std::string> CanonicalAddress(absl::string_view text);

// True when `address` (any form CanonicalAddress takes) lies in one of `networks`.
bool InNetworks(absl::string_view address, const std::vector<Cidr>& networks);

// The client of a request: the socket peer, unless the peer is a trusted proxy; then the
// X-Forwarded-For hops are read from the right, skipping trusted proxies, and the first untrusted
// hop is the client (what a client writes itself sits to the left of it and is ignored). When
// every hop is trusted the leftmost is the client; a hop that is not an address stops the walk at
// the last trusted address. Canonical text (IPv4-mapped IPv6 as IPv4).
std::string ClientAddress(absl::string_view peer, std::optional<absl::string_view> forwarded_for,
                          const std::vector<Cidr>& trusted_proxies);

}  // namespace sisl::gateway::http

#endif  // SISL_GATEWAY_HTTP_CLIENT_ADDRESS_H_
