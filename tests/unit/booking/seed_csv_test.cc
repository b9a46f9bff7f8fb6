// The seed files (services/reference/data/cpi_*.csv, services/booking/data) and the parsers
// that load them.

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/booking/domain/office.h"
#include "services/booking/store/office_store.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

using ::testing::HasSubstr;

const absl::Time kNow = absl::FromUnixSeconds(1714550400);

std::string ReadDataFile(const std::string& name) {
  const char* root = std::getenv("SISL_SOURCE_DIR");
  EXPECT_NE(root, nullptr) << "SISL_SOURCE_DIR must point at the source tree (ctest sets it)";
  if (root == nullptr) return "";
  // The CPIs and their sites are regional reference data; the services are booking's own.
  const std::string dir =
      name.starts_with("cpi_") ? "/services/reference/data/" : "/services/booking/data/";
  const std::string path = std::string(root) + dir + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr char kCpiHeader[] =
    "code,province,catchment_no,name,resident_population,working_age_population_15_64,area_km2\n";
constexpr char kSiteHeader[] =
    "site_code,cpi_code,kind,province,municipality,address,label,source_note\n";

void ExpectBadSeed(const absl::Status& st, const std::string& what) {
  ASSERT_FALSE(st.ok()) << what << " accepted";
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << what;
  EXPECT_EQ(platform::ErrorReason(st), "INVALID_SEED_DATA") << what;
}

TEST(SeedDataTest, CpiFileHasThirtyWellFormedCpis) {
  auto cpis = ParseCpiCsv(ReadDataFile("cpi_piemonte.csv"));
  ASSERT_TRUE(cpis.ok()) << cpis.status();
  ASSERT_EQ(cpis->size(), 30u);
  std::set<std::string> codes;
  for (const Cpi& c : *cpis) {
    EXPECT_TRUE(codes.insert(c.code).second) << "duplicate " << c.code;
    EXPECT_TRUE(c.code.starts_with("CPI-")) << c.code;
    EXPECT_FALSE(c.name.empty()) << c.code;
    EXPECT_FALSE(c.province.empty()) << c.code;
    EXPECT_GT(c.catchment_number, 0) << c.code;
    EXPECT_GT(c.resident_population, c.working_age_population) << c.code;
    EXPECT_GT(c.working_age_population, 0) << c.code;
    EXPECT_GT(c.area_km2, 0) << c.code;
  }
  const Cpi& first = (*cpis)[0];
  EXPECT_EQ(first.code, "CPI-AL-01");
  EXPECT_EQ(first.name, "Alessandria");
  EXPECT_EQ(first.province, "Alessandria");
  EXPECT_EQ(first.catchment_number, 1);
  EXPECT_EQ(first.resident_population, 121783);
  EXPECT_EQ(first.working_age_population, 74883);
  EXPECT_DOUBLE_EQ(first.area_km2, 687.37);
}

TEST(SeedDataTest, SiteFileHasFortyFourSitesOfKnownCpis) {
  auto cpis = ParseCpiCsv(ReadDataFile("cpi_piemonte.csv"));
  ASSERT_TRUE(cpis.ok()) << cpis.status();
  std::set<std::string> cpi_codes;
  for (const Cpi& c : *cpis) cpi_codes.insert(c.code);

  auto sites = ParseSiteCsv(ReadDataFile("cpi_sites_piemonte.csv"), kNow);
  ASSERT_TRUE(sites.ok()) << sites.status();
  ASSERT_EQ(sites->size(), 44u);
  int centres = 0;
  int branches = 0;
  std::set<std::string> site_codes;
  std::map<std::string, int> centres_per_cpi;
  for (const Office& o : *sites) {
    EXPECT_TRUE(ValidateSiteCode(o.site_code).ok()) << o.site_code;
    EXPECT_TRUE(site_codes.insert(o.site_code).second) << "duplicate " << o.site_code;
    EXPECT_TRUE(cpi_codes.contains(o.cpi_code)) << o.site_code << " -> " << o.cpi_code;
    EXPECT_FALSE(o.address.empty()) << o.site_code;
    EXPECT_FALSE(o.label.empty()) << o.site_code;
    EXPECT_FALSE(o.municipality.empty()) << o.site_code;
    EXPECT_EQ(o.version, 1) << o.site_code;
    EXPECT_EQ(o.updated_at, kNow) << o.site_code;
    if (o.kind == OfficeKind::kCentre) {
      ++centres;
      ++centres_per_cpi[o.cpi_code];
    } else {
      ++branches;
    }
  }
  EXPECT_EQ(centres, 30);
  EXPECT_EQ(branches, 14);
  // Every CPI has exactly one centre.
  EXPECT_EQ(centres_per_cpi.size(), 30u);
  for (const auto& [cpi, n] : centres_per_cpi) EXPECT_EQ(n, 1) << cpi;

  const Office& first = (*sites)[0];
  EXPECT_EQ(first.site_code, "TO-01");
  EXPECT_EQ(first.cpi_code, "CPI-TO-15");
  EXPECT_EQ(first.kind, OfficeKind::kCentre);
  EXPECT_EQ(first.address, "via Castelgomberto 75");
  EXPECT_EQ(first.label, "Centro per l'impiego di Torino");
  EXPECT_EQ((*sites)[1].kind, OfficeKind::kBranch);
}

TEST(SeedParseTest, ParsesAMinimalCpiFile) {
  auto cpis = ParseCpiCsv(std::string(kCpiHeader) +
                          "CPI-CN-01,Cuneo,1,\"Cuneo, centro\",100,60,12.5\n");
  ASSERT_TRUE(cpis.ok()) << cpis.status();
  ASSERT_EQ(cpis->size(), 1u);
  EXPECT_EQ((*cpis)[0].name, "Cuneo, centro");
  EXPECT_DOUBLE_EQ((*cpis)[0].area_km2, 12.5);
}

TEST(SeedParseTest, MalformedCpiRecordsAreRefused) {
  const std::string good = "CPI-CN-01,Cuneo,1,Cuneo,100,60,12.5\n";
  const std::pair<const char*, const char*> bad[] = {
      {",Cuneo,1,Cuneo,100,60,12.5\n", "empty code"},
      {"CPI-CN-02,Cuneo,1,,100,60,12.5\n", "empty name"},
      {"CPI-CN-02,Cuneo,one,Cuneo,100,60,12.5\n", "non-numeric catchment"},
      {"CPI-CN-02,Cuneo,1,Cuneo,lots,60,12.5\n", "non-numeric population"},
      {"CPI-CN-02,Cuneo,1,Cuneo,100,,12.5\n", "empty working-age population"},
      {"CPI-CN-02,Cuneo,1,Cuneo,100,60,wide\n", "non-numeric area"},
  };
  for (const auto& [record, what] : bad) {
    auto cpis = ParseCpiCsv(std::string(kCpiHeader) + good + record);
    ExpectBadSeed(cpis.status(), what);
    EXPECT_THAT(std::string(cpis.status().message()), HasSubstr("record 2")) << what;
  }
  // A missing column is refused too, not read as empty values silently accepted.
  ExpectBadSeed(ParseCpiCsv("code,province,name\nCPI-CN-01,Cuneo,Cuneo\n").status(),
                "missing columns");
}

TEST(SeedParseTest, MalformedSiteRecordsAreRefused) {
  const std::string good = "CN-01,CPI-CN-01,centre,Cuneo,Cuneo,via Roma 1,Centro di Cuneo,\n";
  const std::pair<const char*, const char*> bad[] = {
      {"CN-02,CPI-CN-01,office,Cuneo,Cuneo,via Roma 2,Sede,\n", "unknown kind"},
      {"CN-02,CPI-CN-01,,Cuneo,Cuneo,via Roma 2,Sede,\n", "empty kind"},
      {"CN-02,CPI-CN-01,Branch,Cuneo,Cuneo,via Roma 2,Sede,\n", "capitalised kind"},
      {"cn-02,CPI-CN-01,branch,Cuneo,Cuneo,via Roma 2,Sede,\n", "lower-case site code"},
      {"CN2,CPI-CN-01,branch,Cuneo,Cuneo,via Roma 2,Sede,\n", "short site code"},
      {"CN-02,,branch,Cuneo,Cuneo,via Roma 2,Sede,\n", "empty CPI code"},
  };
  for (const auto& [record, what] : bad) {
    auto sites = ParseSiteCsv(std::string(kSiteHeader) + good + record, kNow);
    ExpectBadSeed(sites.status(), what);
    EXPECT_THAT(std::string(sites.status().message()), HasSubstr("record 2")) << what;
  }
  auto ok = ParseSiteCsv(std::string(kSiteHeader) + good, kNow);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ((*ok)[0].kind, OfficeKind::kCentre);
}

TEST(SeedParseTest, CsvSyntaxErrorsPassThrough) {
  auto cpis = ParseCpiCsv(std::string(kCpiHeader) + "CPI-CN-01,Cuneo,1\n");
  ASSERT_FALSE(cpis.ok());
  EXPECT_EQ(platform::ErrorReason(cpis.status()), "INVALID_CSV");
  auto sites = ParseSiteCsv(std::string(kSiteHeader) + "CN-01,\"unterminated\n", kNow);
  ASSERT_FALSE(sites.ok());
  EXPECT_EQ(platform::ErrorReason(sites.status()), "INVALID_CSV");
}

}  // namespace
}  // namespace sisl::booking
