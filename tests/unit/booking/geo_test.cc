// Places for booking from the reference data: resolving a municipality of domicile and ordering
// sites by distance from any of Piedmont's municipalities.
#include "services/booking/domain/geo.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::booking {
namespace {

using platform::testing::HasReason;

TEST(ResolveMunicipalityTest, ByIstatCodeOrUniqueName) {
  ASSERT_OK_AND_ASSIGN(const reference::Municipality* torino,
                       ResolveMunicipality("001272", "domicile"));
  EXPECT_EQ(torino->name, "Torino");
  EXPECT_TRUE(InPiedmont(*torino));
  ASSERT_OK_AND_ASSIGN(const reference::Municipality* moncalieri,
                       ResolveMunicipality("  moncalieri ", "domicile"));
  EXPECT_EQ(moncalieri->istat_code, "001156");
  ASSERT_OK_AND_ASSIGN(const reference::Municipality* milano,
                       ResolveMunicipality("Milano", "domicile"));
  EXPECT_FALSE(InPiedmont(*milano));
}

TEST(ResolveMunicipalityTest, UnknownAndEmptyAreRefusedNamingTheField) {
  EXPECT_THAT(ResolveMunicipality("Atlantide", "citizen.domicile_municipality"),
              HasReason("UNKNOWN_MUNICIPALITY"));
  EXPECT_THAT(ResolveMunicipality("", "d"), HasReason("UNKNOWN_MUNICIPALITY"));
  EXPECT_THAT(ResolveMunicipality("999999", "d"), HasReason("UNKNOWN_MUNICIPALITY"));
  const auto violations = platform::ErrorFieldViolations(
      ResolveMunicipality("Atlantide", "citizen.domicile_municipality").status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "citizen.domicile_municipality");
}

TEST(ResolveMunicipalityTest, PiedmontWinsAHomonymAndOtherHomonymsAreAmbiguous) {
  // Samone exists in Piedmont (TO) and in Trentino (TN).
  ASSERT_OK_AND_ASSIGN(const reference::Municipality* samone, ResolveMunicipality("Samone", "d"));
  EXPECT_EQ(samone->province_code, "TO");
  // Castro exists in Lombardy (BG) and Apulia (LE): the caller must give the ISTAT code.
  EXPECT_THAT(ResolveMunicipality("Castro", "d"), HasReason("AMBIGUOUS_MUNICIPALITY"));
}

TEST(SitesByDistanceTest, WorksFromMunicipalitiesWithoutACpiSite) {
  std::vector<SiteRef> sites = {{"TO-01", "Torino", "Torino"},
                                {"TO-30", "Torino", "Pinerolo"},
                                {"TO-40", "Torino", "Susa"},
                                {"CN-01", "Cuneo", "Cuneo"}};
  LocateSites(sites);
  for (const SiteRef& s : sites) EXPECT_TRUE(s.location.has_value()) << s.municipality;
  // Pragelato, high in the Val Chisone, has no CPI: as the crow flies Susa is the closest
  // (about 16 km), then Pinerolo (about 33 km), then Torino.
  const std::vector<std::string> order = SitesByDistance(sites, "Pragelato");
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(order[0], "TO-40");
  EXPECT_EQ(order[1], "TO-30");
  EXPECT_EQ(order[2], "TO-01");
  // Borgo San Dalmazzo is next to Cuneo.
  EXPECT_EQ(SitesByDistance(sites, "Borgo San Dalmazzo").front(), "CN-01");
  // An unknown place keeps the old fallback: same-named sites first, then by code.
  EXPECT_EQ(SitesByDistance(sites, "Nowhere").size(), 4u);
}

}  // namespace
}  // namespace sisl::booking
