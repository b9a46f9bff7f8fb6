// The gateway's side of the internal token: the caller of a session (its SPID level included)
// and tokens addressed to the service of each route.
#include "gateway/identity.h"

#include <string>

#include "gateway/session/session.h"
#include "gateway/session/session_store.h"
#include "gtest/gtest.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/clock.h"
#include "services/platform/errors.h"

namespace sisl::gateway {
namespace {

using platform::auth::Role;

class IdentityTest : public ::testing::Test {
 protected:
  session::Session Citizen(const std::string& level) {
    session::Session s;
    s.fiscal_code = "RSSMRA85T10L219G";
    s.level = level;
    s.selected_role = session::AvailableRole{.role = Role::kCitizen};
    return s;
  }

  platform::SystemClock clock_;
  platform::cache::MemoryCache cache_;
  session::SessionStore sessions_{cache_, clock_};
  platform::auth::TokenSigner signer_ = *platform::auth::TokenSigner::Generate();
  platform::auth::PersonIdHasher person_ids_{"person-id-secret-of-at-least-32-bytes"};
  Identity identity_{sessions_, signer_, person_ids_};
};

TEST_F(IdentityTest, TheCallerCarriesTheSessionsSpidLevel) {
  EXPECT_EQ(identity_.CallerOf(Citizen("https://www.spid.gov.it/SpidL1")).spid_level, 1);
  EXPECT_EQ(identity_.CallerOf(Citizen("https://www.spid.gov.it/SpidL2")).spid_level, 2);
  EXPECT_EQ(identity_.CallerOf(Citizen("https://www.spid.gov.it/SpidL3")).spid_level, 3);
  // An unknown or missing level is 0, which every service refuses.
  EXPECT_EQ(identity_.CallerOf(Citizen("urn:oasis:names:tc:SAML:2.0:ac:classes:SpidL2"))
                .spid_level,
            0);
  EXPECT_EQ(identity_.CallerOf(Citizen("")).spid_level, 0);
}

TEST_F(IdentityTest, TokensAreAddressedToTheRoutesService) {
  EXPECT_EQ(AudienceOf("/sisl.booking.v1.OfficesService/GetOffice"), "booking");
  EXPECT_EQ(AudienceOf("/sisl.gateway.v1.StaffDirectoryService/ListStaffMembers"), "gateway");
  EXPECT_EQ(AudienceOf("nonsense"), "");

  const session::Session s = Citizen("https://www.spid.gov.it/SpidL2");
  const std::string token = identity_.MintToken(s, "booking");
  const auto booking = platform::auth::TokenVerifier::For(signer_, {"booking"});
  auto caller = booking.Verify(token);
  ASSERT_TRUE(caller.ok()) << caller.status();
  EXPECT_EQ(caller->spid_level, 2);
  EXPECT_EQ(caller->fiscal_code, "RSSMRA85T10L219G");
  EXPECT_EQ(caller->subject, person_ids_.PersonId("RSSMRA85T10L219G"));
  // The same token is refused by the gateway's own service: it was addressed to booking.
  EXPECT_EQ(platform::ErrorReason(booking.ForAudiences({"gateway"}).Verify(token).status()),
            "TOKEN_AUDIENCE_MISMATCH");
  // A level-1 session's token is refused by booking (SpidL2 minimum by default).
  EXPECT_EQ(platform::ErrorReason(
                booking.Verify(identity_.MintToken(Citizen("https://www.spid.gov.it/SpidL1"),
                                                   "booking"))
                    .status()),
            "TOKEN_LEVEL_TOO_LOW");
}

}  // namespace
}  // namespace sisl::gateway
