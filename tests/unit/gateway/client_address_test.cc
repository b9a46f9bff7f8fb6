// The client address of a request: X-Forwarded-For only behind trusted proxies, rightmost
// untrusted hop, canonical text; and the gateway.trusted_proxies list.
#include "gateway/http/client_address.h"

#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::gateway::http {
namespace {

using platform::testing::HasReason;
using platform::testing::StatusIs;

std::vector<Cidr> Trusted(const std::string& list) {
  auto parsed = ParseCidrList(list);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.value_or(std::vector<Cidr>{});
}

TEST(ClientAddressTest, WithoutTrustedProxiesThePeerIsTheClient) {
  EXPECT_EQ(ClientAddress("192.0.2.1", "198.51.100.7", {}), "192.0.2.1");
  EXPECT_EQ(ClientAddress("192.0.2.1", std::nullopt, Trusted("192.0.2.0/24")), "192.0.2.1");
  // A peer outside the trusted networks: its header is whatever it wants it to be.
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.7", Trusted("192.0.2.0/24")), "203.0.113.9");
}

TEST(ClientAddressTest, RightmostUntrustedHopWins) {
  const auto trusted = Trusted("10.0.0.0/8, 192.0.2.1");
  EXPECT_EQ(ClientAddress("192.0.2.1", "198.51.100.7", trusted), "198.51.100.7");
  // The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
  EXPECT_EQ(ClientAddress("192.0.2.1", "1.2.3.4, 198.51.100.7", trusted), "198.51.100.7");
  // A chain of trusted proxies is walked through.
  EXPECT_EQ(ClientAddress("192.0.2.1", "1.2.3.4, 198.51.100.7, 10.0.0.5 , 10.9.9.9", trusted),
            "198.51.100.7");
  // Every hop trusted: the leftmost.
  EXPECT_EQ(ClientAddress("192.0.2.1", "10.0.0.7, 10.0.0.5", trusted), "10.0.0.7");
  // Garbage stops the walk at the last trusted address that passed it on.
  EXPECT_EQ(ClientAddress("192.0.2.1", "198.51.100.7, not-an-ip", trusted), "192.0.2.1");
  EXPECT_EQ(ClientAddress("192.0.2.1", "unknown, 10.0.0.5", trusted), "10.0.0.5");
  EXPECT_EQ(ClientAddress("192.0.2.1", "", trusted), "192.0.2.1");
  // Ports and brackets some proxies add.
  EXPECT_EQ(ClientAddress("192.0.2.1", "198.51.100.7:5123", trusted), "198.51.100.7");
  EXPECT_EQ(ClientAddress("192.0.2.1", "[2001:db8::7]:443", trusted), "2001:db8::7");
}

TEST(ClientAddressTest, IpV4MappedPeersAndCanonicalText) {
  const auto trusted = Trusted("127.0.0.1/32, ::1");
  EXPECT_EQ(ClientAddress("::ffff:127.0.0.1", "198.51.100.7", trusted), "198.51.100.7");
  EXPECT_EQ(ClientAddress("::1", "2001:DB8:0:0::1", trusted), "2001:db8::1");
  EXPECT_EQ(ClientAddress("::ffff:203.0.113.1", "198.51.100.7", trusted), "203.0.113.1");
  EXPECT_EQ(CanonicalAddress("[::1]:80").value_or(""), "::1");
  EXPECT_FALSE(CanonicalAddress("example.org").has_value());
}

TEST(ParseCidrListTest, NetworksAndBareAddresses) {
  EXPECT_FALSE(ParseCidrList("10.1.2.3/8, 0.0.0.0/0x").ok()) << "a bad entry refuses the list";
  const auto list = Trusted("10.1.2.3/8, 2001:db8::/32, 192.0.2.1, ::1");
  ASSERT_EQ(list.size(), 4u);
  EXPECT_TRUE(InNetworks("10.200.0.1", list));
  EXPECT_FALSE(InNetworks("11.0.0.1", list));
  EXPECT_TRUE(InNetworks("2001:db8:ffff::1", list));
  EXPECT_FALSE(InNetworks("2001:db9::1", list));
  EXPECT_TRUE(InNetworks("192.0.2.1", list));
  EXPECT_FALSE(InNetworks("192.0.2.2", list));
  EXPECT_TRUE(InNetworks("::1", list));
  EXPECT_TRUE(InNetworks("::ffff:10.0.0.1", list));
  EXPECT_TRUE(Trusted("").empty());
  EXPECT_TRUE(InNetworks("203.0.113.5", Trusted("203.0.113.0/25")));
  EXPECT_FALSE(InNetworks("203.0.113.200", Trusted("203.0.113.0/25")));
}

TEST(ParseCidrListTest, RefusesWhatIsNotANetwork) {
  for (const char* bad :
       {"10.0.0.0/33", "::/129", "10.0.0.0/", "example.org", "10.0.0.0/8x", "[::1]", "300.0.0.1"}) {
    EXPECT_THAT(ParseCidrList(bad), StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
    EXPECT_THAT(ParseCidrList(bad), HasReason("INVALID_TRUSTED_PROXY")) << bad;
  }
}

}  // namespace
}  // namespace sisl::gateway::http
