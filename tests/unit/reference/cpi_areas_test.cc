// The 44 CPI sites (services/reference/data/cpi_sites_piemonte.csv) and the competent CPI of a
// municipality: the embedded data resolves, and the nearest-site approximation of the catchment
// areas gives every Piedmont municipality exactly one CPI of its own province.

#include "services/reference/cpi_areas.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/csv.h"
#include "services/platform/errors.h"
#include "services/reference/data_files.h"
#include "services/reference/municipalities.h"

namespace sisl::reference {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Municipalities& Registry() { return Municipalities::Default(); }

// CPI code -> province name, from cpi_piemonte.csv (the 30 CPIs).
std::map<std::string, std::string> CpiProvinces() {
  std::map<std::string, std::string> out;
  absl::StatusOr<absl::string_view> csv = DataFile("cpi_piemonte.csv");
  EXPECT_TRUE(csv.ok()) << csv.status();
  if (!csv.ok()) return out;
  absl::StatusOr<std::vector<platform::CsvRecord>> records = platform::ParseCsv(*csv);
  EXPECT_TRUE(records.ok()) << records.status();
  if (!records.ok()) return out;
  for (const platform::CsvRecord& r : *records) out[r.at("code")] = r.at("province");
  return out;
}

const Municipality& Current(const std::string& istat_code) {
  const Municipality* m = Registry().ByIstatCode(istat_code);
  EXPECT_TRUE(m != nullptr && m->current()) << istat_code;
  static const Municipality* const kNone = new Municipality;
  return m == nullptr ? *kNone : *m;
}

TEST(CpiSitesTest, EveryEmbeddedSiteResolvesToAPiedmontMunicipality) {
  absl::StatusOr<absl::string_view> csv = DataFile("cpi_sites_piemonte.csv");
  ASSERT_TRUE(csv.ok()) << csv.status();
  // Fails naming the record of the first site whose municipality does not resolve.
  absl::StatusOr<std::vector<CpiSite>> parsed = ParseCpiSites(*csv, Registry());
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 44u);
  ASSERT_EQ(CpiSites().size(), 44u);

  const std::map<std::string, std::string> cpis = CpiProvinces();
  ASSERT_EQ(cpis.size(), 30u);
  std::map<std::string, int> centres;
  std::set<std::string> municipalities;
  for (const CpiSite& site : CpiSites()) {
    const Municipality* m = Registry().ByIstatCode(site.municipality_istat_code);
    ASSERT_NE(m, nullptr) << site.site_code;
    EXPECT_TRUE(m->current()) << site.site_code;
    EXPECT_EQ(m->region, kPiedmont) << site.site_code;
    EXPECT_EQ(m->province_name, site.province_name) << site.site_code;
    ASSERT_TRUE(cpis.contains(site.cpi_code)) << site.site_code << " -> " << site.cpi_code;
    EXPECT_EQ(cpis.at(site.cpi_code), site.province_name) << site.site_code;
    EXPECT_FALSE(site.address.empty()) << site.site_code;
    EXPECT_FALSE(site.label.empty()) << site.site_code;
    if (site.kind == CpiSiteKind::kCentre) ++centres[site.cpi_code];
    municipalities.insert(site.municipality_istat_code);
  }
  EXPECT_EQ(centres.size(), 30u);  // one centre per CPI
  for (const auto& [cpi, n] : centres) EXPECT_EQ(n, 1) << cpi;
  EXPECT_EQ(municipalities.size(), 41u);  // Torino has 3 sites, Vercelli 2

  const CpiSite& torino = CpiSites()[0];
  EXPECT_EQ(torino.site_code, "TO-01");
  EXPECT_EQ(torino.cpi_code, "CPI-TO-15");
  EXPECT_EQ(torino.kind, CpiSiteKind::kCentre);
  EXPECT_EQ(torino.municipality_istat_code, "001272");
  EXPECT_EQ(torino.address, "via Castelgomberto 75");
  // Accented and apostrophised names resolve; Ovada is listed by the plan under Asti.
  for (const auto& [site_code, istat_code] :
       std::map<std::string, std::string>{{"TO-05", "001086"},     // Ciriè
                                          {"CN-06", "004130"},     // Mondovì
                                          {"AT-05", "005118"},     // Villanova d'Asti
                                          {"AT-04", "006121"}}) {  // Ovada (AL)
    bool seen = false;
    for (const CpiSite& site : CpiSites()) {
      if (site.site_code != site_code) continue;
      seen = true;
      EXPECT_EQ(site.municipality_istat_code, istat_code) << site_code;
      EXPECT_EQ(Current(istat_code).province_name, site.province_name) << site_code;
    }
    EXPECT_TRUE(seen) << site_code;
  }
}

TEST(CpiSitesTest, UnresolvedOrMalformedSitesAreRefused) {
  const std::string header = "site_code,cpi_code,kind,province,municipality,address,label,note\n";
  const std::string good = "TO-01,CPI-TO-15,centre,Torino,Torino,via Roma 1,Centro,\n";
  ASSERT_TRUE(ParseCpiSites(header + good, Registry()).ok());
  const std::map<std::string, std::string> bad = {
      {"TO-02,CPI-TO-15,branch,Torino,Torinoo,via Roma 2,Sede,\n", "unknown name"},
      {"TO-02,CPI-TO-15,branch,Cuneo,Torino,via Roma 2,Sede,\n", "wrong province"},
      {"TO-02,CPI-TO-15,branch,,Torino,via Roma 2,Sede,\n", "no province"},
      {"TO-02,CPI-TO-15,branch,Milano,Milano,via Roma 2,Sede,\n", "outside Piedmont"},
      {"TO-02,CPI-TO-15,office,Torino,Torino,via Roma 2,Sede,\n", "unknown kind"},
      {"TO-01,CPI-TO-15,branch,Torino,Torino,via Roma 2,Sede,\n", "repeated site code"},
      {",CPI-TO-15,branch,Torino,Torino,via Roma 2,Sede,\n", "empty site code"},
      {"TO-02,,branch,Torino,Torino,via Roma 2,Sede,\n", "empty CPI code"},
  };
  for (const auto& [record, what] : bad) {
    absl::StatusOr<std::vector<CpiSite>> parsed = ParseCpiSites(header + good + record, Registry());
    ASSERT_FALSE(parsed.ok()) << what;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << what;
    EXPECT_EQ(platform::ErrorReason(parsed.status()), "REFERENCE_DATA_INVALID") << what;
    EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("record 2")) << what;
  }
}

TEST(CompetentCpiTest, TorinoIsCpiTo15AloneAsInThePlan) {
  EXPECT_EQ(CompetentCpi("001272"), "CPI-TO-15");
  // The plan's table 1 gives CPI-TO-15 848,748 residents on 130 km2: the city alone.
  EXPECT_THAT(MunicipalitiesOfCpi("CPI-TO-15"), ElementsAre("001272"));
  EXPECT_EQ(CompetentCpi("006121"), "CPI-AL-05");  // Ovada: a branch of Acqui Terme's CPI
  EXPECT_EQ(CompetentCpi("002158"), "CPI-VC-29");  // Vercelli: two sites of one CPI
}

TEST(CompetentCpiTest, ASmallMunicipalityWithoutASiteGetsACpiOfItsProvince) {
  const Municipality& moncenisio = Current("001157");  // 47 residents, at the French border
  ASSERT_EQ(moncenisio.name, "Moncenisio");
  for (const CpiSite& site : CpiSites()) EXPECT_NE(site.municipality_istat_code, "001157");
  const std::optional<std::string> cpi = CompetentCpi("001157");
  ASSERT_TRUE(cpi.has_value());
  EXPECT_EQ(CpiProvinces()[*cpi], "Torino");
  EXPECT_EQ(*cpi, "CPI-TO-23");  // Susa, 10 km down the valley
}

TEST(CompetentCpiTest, TheNearestSiteOfAnotherProvinceDoesNotCount) {
  const Municipality& casalgrasso = Current("004045");  // Cuneo, on the border with Torino
  ASSERT_EQ(casalgrasso.name, "Casalgrasso");
  ASSERT_TRUE(casalgrasso.location.has_value());
  const CpiSite* nearest = nullptr;
  double nearest_km = 0;
  for (const CpiSite& site : CpiSites()) {
    const double km =
        DistanceKm(*casalgrasso.location, *Current(site.municipality_istat_code).location);
    if (nearest == nullptr || km < nearest_km) {
      nearest = &site;
      nearest_km = km;
    }
  }
  ASSERT_NE(nearest, nullptr);
  ASSERT_EQ(nearest->province_name, "Torino");  // Carmagnola: else this test proves nothing
  const std::optional<std::string> cpi = CompetentCpi("004045");
  ASSERT_TRUE(cpi.has_value());
  EXPECT_EQ(CpiProvinces()[*cpi], "Cuneo") << *cpi;
}

TEST(CompetentCpiTest, EveryPiedmontMunicipalityHasExactlyOneCpiOfItsProvince) {
  const std::map<std::string, std::string> cpis = CpiProvinces();
  ASSERT_EQ(cpis.size(), 30u);
  const std::vector<const Municipality*> piedmont = Registry().InRegion(kPiedmont);
  ASSERT_EQ(piedmont.size(), 1180u);
  std::map<std::string, std::string> assigned;  // ISTAT code -> CPI, from CompetentCpi
  for (const Municipality* m : piedmont) {
    const std::optional<std::string> cpi = CompetentCpi(m->istat_code);
    ASSERT_TRUE(cpi.has_value()) << m->name;
    ASSERT_TRUE(cpis.contains(*cpi)) << m->name << " -> " << *cpi;
    EXPECT_EQ(cpis.at(*cpi), m->province_name) << m->name << " -> " << *cpi;
    assigned[m->istat_code] = *cpi;
  }
  ASSERT_EQ(assigned.size(), 1180u);
  // MunicipalitiesOfCpi partitions the same municipalities: each exactly once, under its CPI.
  size_t listed = 0;
  std::set<std::string> seen;
  for (const auto& [cpi, province] : cpis) {
    const std::vector<std::string> municipalities = MunicipalitiesOfCpi(cpi);
    EXPECT_FALSE(municipalities.empty()) << cpi;
    listed += municipalities.size();
    for (const std::string& code : municipalities) {
      EXPECT_TRUE(seen.insert(code).second) << code << " listed twice";
      EXPECT_EQ(assigned[code], cpi) << code;
    }
  }
  EXPECT_EQ(listed, 1180u);
}

TEST(CompetentCpiTest, OutsidePiedmontOrUnknownHasNone) {
  const Municipality& milano = Current("015146");
  ASSERT_EQ(milano.region, "Lombardia");
  EXPECT_EQ(CompetentCpi("015146"), std::nullopt);
  EXPECT_EQ(CompetentCpi("999999"), std::nullopt);
  EXPECT_EQ(CompetentCpi("1272"), std::nullopt);
  EXPECT_EQ(CompetentCpi(""), std::nullopt);
  EXPECT_TRUE(MunicipalitiesOfCpi("CPI-XX-99").empty());
  EXPECT_TRUE(MunicipalitiesOfCpi("").empty());
}

TEST(CpiAreasBuildTest, ACentreWinsOverABranchThenTheLowerSiteCode) {
  auto site = [](std::string code, std::string cpi, CpiSiteKind kind, std::string istat) {
    return CpiSite{.site_code = std::move(code),
                   .cpi_code = std::move(cpi),
                   .kind = kind,
                   .province_name = "Torino",
                   .municipality_istat_code = std::move(istat),
                   .address = "via Roma 1",
                   .label = "Sede"};
  };
  // Two CPIs with sites in Torino: the branch has the lower code, the centre still wins, for
  // Torino and for the municipalities nearest to Torino (Grugliasco, 001120).
  const CpiAreas areas = CpiAreas::Build({site("AA-01", "CPI-A", CpiSiteKind::kBranch, "001272"),
                                          site("ZZ-01", "CPI-B", CpiSiteKind::kCentre, "001272")},
                                         Registry());
  EXPECT_EQ(areas.CompetentCpi("001272"), "CPI-B");
  EXPECT_EQ(areas.CompetentCpi("001120"), "CPI-B");
  EXPECT_TRUE(areas.MunicipalitiesOfCpi("CPI-A").empty());
  EXPECT_EQ(areas.MunicipalitiesOfCpi("CPI-B").size(), Registry().InProvince("TO").size());
  // A province without sites gets no CPI.
  EXPECT_EQ(areas.CompetentCpi("004078"), std::nullopt);  // Cuneo

  // Two branches: the lower site code.
  const CpiAreas branches =
      CpiAreas::Build({site("TO-09", "CPI-B", CpiSiteKind::kBranch, "001272"),
                       site("TO-02", "CPI-A", CpiSiteKind::kBranch, "001272")},
                      Registry());
  EXPECT_EQ(branches.CompetentCpi("001272"), "CPI-A");
  // A nearer site beats a centre: Moncalieri's branch takes Moncalieri from Torino's centre.
  const CpiAreas nearer = CpiAreas::Build({site("TO-01", "CPI-B", CpiSiteKind::kCentre, "001272"),
                                           site("TO-04", "CPI-A", CpiSiteKind::kBranch, "001156")},
                                          Registry());
  EXPECT_EQ(nearer.CompetentCpi("001156"), "CPI-A");
  EXPECT_EQ(nearer.CompetentCpi("001272"), "CPI-B");
}

}  // namespace
}  // namespace sisl::reference
