// The catalogue of bookable services: the seed file and the validation of its records.

#include "services/booking/domain/bookable_service.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string ReadSeedFile() {
  const char* root = std::getenv("SISL_SOURCE_DIR");
  EXPECT_NE(root, nullptr) << "SISL_SOURCE_DIR must point at the source tree (ctest sets it)";
  if (root == nullptr) return "";
  const std::string path = std::string(root) + "/services/booking/data/bookable_services.csv";
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const BookableService* Find(const std::vector<BookableService>& all, const std::string& code) {
  for (const BookableService& s : all) {
    if (s.code == code) return &s;
  }
  ADD_FAILURE() << code << " not found";
  return nullptr;
}

TEST(BookableServiceSeedTest, SeedFileHasElevenValidServices) {
  auto services = ParseBookableServicesCsv(ReadSeedFile());
  ASSERT_TRUE(services.ok()) << services.status();
  ASSERT_EQ(services->size(), 11u);
  std::set<std::string> codes;
  for (const BookableService& s : *services) {
    EXPECT_TRUE(codes.insert(s.code).second) << "duplicate " << s.code;
    EXPECT_FALSE(s.name_it.empty()) << s.code;
    EXPECT_FALSE(s.name_en.empty()) << s.code;
    EXPECT_GT(s.duration_minutes, 0) << s.code;
    EXPECT_FALSE(s.delivery_modes.empty()) << s.code;
    EXPECT_GE(s.minimum_age, 15) << s.code;
  }
}

TEST(BookableServiceSeedTest, SeedFieldsAreReadAsWritten) {
  auto services = ParseBookableServicesCsv(ReadSeedFile());
  ASSERT_TRUE(services.ok()) << services.status();

  const BookableService* did = Find(*services, "DID_PATTO");
  ASSERT_NE(did, nullptr);
  EXPECT_EQ(did->name_it, "Prima accoglienza, DID e Patto di servizio");  // quoted comma
  EXPECT_EQ(did->category, "accoglienza");
  EXPECT_EQ(did->duration_minutes, 45);
  EXPECT_THAT(did->delivery_modes, ElementsAre(DeliveryMode::kInPerson, DeliveryMode::kVideoCall));
  EXPECT_EQ(did->booking_horizon_days, 60);
  EXPECT_EQ(did->minimum_notice_hours, 24);
  EXPECT_TRUE(did->citizen_can_change);
  EXPECT_EQ(did->citizen_change_deadline_hours, 24);
  EXPECT_TRUE(did->citizen_self_booking);
  EXPECT_TRUE(did->send_confirmation);
  EXPECT_THAT(did->reminder_days_before, ElementsAre(2, 1));
  EXPECT_THAT(did->channels, ElementsAre(Channel::kEmail, Channel::kSms, Channel::kAppIo));
  EXPECT_EQ(did->default_scope, SearchScope::kNearest);
  EXPECT_TRUE(did->requires_piedmont_domicile);
  EXPECT_FALSE(did->is_group());

  const BookableService* lab = Find(*services, "LAB_RICERCA_ATTIVA");
  ASSERT_NE(lab, nullptr);
  EXPECT_TRUE(lab->is_group());
  EXPECT_EQ(lab->group_minimum_seats, 4);
  EXPECT_EQ(lab->group_maximum_seats, 12);
  EXPECT_THAT(lab->delivery_modes, ElementsAre(DeliveryMode::kInPerson));

  const BookableService* eures = Find(*services, "EURES");
  ASSERT_NE(eures, nullptr);
  EXPECT_EQ(eures->default_scope, SearchScope::kRegion);
  EXPECT_FALSE(eures->requires_piedmont_domicile);
  EXPECT_THAT(eures->delivery_modes,
              ElementsAre(DeliveryMode::kVideoCall, DeliveryMode::kInPerson));

  const BookableService* companies = Find(*services, "IMPRESE_PRESELEZIONE");
  ASSERT_NE(companies, nullptr);
  EXPECT_EQ(companies->minimum_age, 18);
  EXPECT_FALSE(companies->citizen_self_booking);
  EXPECT_EQ(companies->default_scope, SearchScope::kProvince);

  const BookableService* info = Find(*services, "INFORMAZIONE");
  ASSERT_NE(info, nullptr);
  EXPECT_THAT(info->reminder_days_before, IsEmpty());
  EXPECT_EQ(info->minimum_notice_hours, 2);
  EXPECT_THAT(info->delivery_modes, ElementsAre(DeliveryMode::kInPerson, DeliveryMode::kPhone));
}

TEST(BookableServiceTest, OffersOnlyItsDeliveryModes) {
  BookableService s;
  s.delivery_modes = {DeliveryMode::kVideoCall, DeliveryMode::kPhone};
  EXPECT_FALSE(s.Offers(DeliveryMode::kInPerson));
  EXPECT_TRUE(s.Offers(DeliveryMode::kVideoCall));
  EXPECT_TRUE(s.Offers(DeliveryMode::kPhone));
  EXPECT_FALSE(BookableService{}.Offers(DeliveryMode::kPhone));
}

// A one-record catalogue built from a valid record with some fields replaced (or removed, when
// the replacement is "<absent>").
const std::vector<std::pair<std::string, std::string>> kValidRecord = {
    {"code", "TEST_SERVICE"},
    {"name_it", "Servizio di prova"},
    {"name_en", "Test service"},
    {"category", "prova"},
    {"duration_minutes", "30"},
    {"delivery_modes", "in_person|phone"},
    {"booking_horizon_days", "30"},
    {"minimum_notice_hours", "24"},
    {"citizen_can_change", "1"},
    {"citizen_change_deadline_hours", "24"},
    {"citizen_self_booking", "1"},
    {"send_confirmation", "1"},
    {"reminder_days_before", "1"},
    {"channels", "email|sms"},
    {"default_scope", "province"},
    {"minimum_age", "15"},
    {"requires_piedmont_domicile", "1"},
    {"group_minimum_seats", "0"},
    {"group_maximum_seats", "0"},
};

std::string Catalogue(const std::map<std::string, std::string>& changes) {
  std::vector<std::string> header, values;
  for (const auto& [column, value] : kValidRecord) {
    const auto it = changes.find(column);
    if (it != changes.end() && it->second == "<absent>") continue;
    header.push_back(column);
    values.push_back(it == changes.end() ? value : it->second);
  }
  return absl::StrCat(absl::StrJoin(header, ","), "\n", absl::StrJoin(values, ","), "\n");
}

// The record line of Catalogue(changes), without the header.
std::string Record(const std::map<std::string, std::string>& changes) {
  const std::string csv = Catalogue(changes);
  return csv.substr(csv.find('\n') + 1);
}

TEST(BookableServiceParseTest, TheBaseRecordIsValid) {
  auto services = ParseBookableServicesCsv(Catalogue({}));
  ASSERT_TRUE(services.ok()) << services.status();
  ASSERT_EQ(services->size(), 1u);
  EXPECT_EQ((*services)[0].code, "TEST_SERVICE");
  EXPECT_EQ((*services)[0].default_scope, SearchScope::kProvince);
}

TEST(BookableServiceParseTest, AcceptsEmptyOptionalListsAndGroups) {
  auto services = ParseBookableServicesCsv(Catalogue({{"reminder_days_before", ""},
                                                      {"send_confirmation", "0"},
                                                      {"channels", ""},
                                                      {"group_minimum_seats", "3"},
                                                      {"group_maximum_seats", "3"}}));
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT((*services)[0].reminder_days_before, IsEmpty());
  EXPECT_THAT((*services)[0].channels, IsEmpty());
  EXPECT_TRUE((*services)[0].is_group());
}

TEST(BookableServiceParseTest, HeaderOnlyIsAnEmptyCatalogue) {
  auto services = ParseBookableServicesCsv(absl::StrCat(
      "code,name_it,name_en,category,duration_minutes,delivery_modes,booking_horizon_days,",
      "minimum_notice_hours,citizen_can_change,citizen_change_deadline_hours,",
      "citizen_self_booking,send_confirmation,reminder_days_before,channels,default_scope,",
      "minimum_age,requires_piedmont_domicile,group_minimum_seats,group_maximum_seats\n"));
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, IsEmpty());
}

TEST(BookableServiceParseTest, RefusesMalformedRecords) {
  const std::vector<std::pair<std::string, std::map<std::string, std::string>>> cases = {
      {"empty code", {{"code", ""}}},
      {"empty English name", {{"name_en", ""}}},
      {"empty category", {{"category", ""}}},
      {"zero duration", {{"duration_minutes", "0"}}},
      {"negative duration", {{"duration_minutes", "-30"}}},
      {"duration not a number", {{"duration_minutes", "half an hour"}}},
      {"unknown delivery mode", {{"delivery_modes", "in_person|fax"}}},
      {"repeated delivery mode", {{"delivery_modes", "phone|phone"}}},
      {"no delivery mode", {{"delivery_modes", ""}}},
      {"empty list item", {{"delivery_modes", "in_person|"}}},
      {"zero horizon", {{"booking_horizon_days", "0"}}},
      {"negative notice", {{"minimum_notice_hours", "-1"}}},
      {"boolean 2", {{"citizen_can_change", "2"}}},
      {"boolean word", {{"citizen_self_booking", "yes"}}},
      {"empty boolean", {{"requires_piedmont_domicile", ""}}},
      {"negative change deadline", {{"citizen_change_deadline_hours", "-2"}}},
      {"reminder not a number", {{"reminder_days_before", "2|x"}}},
      {"reminder of zero days", {{"reminder_days_before", "0"}}},
      {"unknown channel", {{"channels", "email|pigeon"}}},
      {"confirmation without channel", {{"channels", ""}}},
      {"unknown scope", {{"default_scope", "world"}}},
      {"upper-case scope", {{"default_scope", "PROVINCE"}}},
      {"minimum age below 15", {{"minimum_age", "14"}}},
      {"group minimum above maximum", {{"group_minimum_seats", "4"}, {"group_maximum_seats", "3"}}},
      {"group minimum without maximum", {{"group_minimum_seats", "2"}}},
      {"negative group size", {{"group_maximum_seats", "-1"}}},
      {"missing column", {{"channels", "<absent>"}}},
  };
  for (const auto& [what, changes] : cases) {
    auto services = ParseBookableServicesCsv(Catalogue(changes));
    ASSERT_FALSE(services.ok()) << what << " accepted";
    EXPECT_EQ(services.status().code(), absl::StatusCode::kInvalidArgument) << what;
    EXPECT_EQ(platform::ErrorReason(services.status()), "INVALID_SEED_DATA") << what;
    EXPECT_THAT(services.status().message(), HasSubstr("record 1")) << what;
    EXPECT_EQ(platform::ErrorMetadata(services.status())["record"], "1") << what;
  }
}

TEST(BookableServiceParseTest, NamesTheFailingRecordAndItsColumn) {
  auto services =
      ParseBookableServicesCsv(Catalogue({}) + Record({{"code", "SECOND"}}) +
                               Record({{"code", "BROKEN"}, {"default_scope", "world"}}));
  ASSERT_FALSE(services.ok());
  EXPECT_EQ(platform::ErrorReason(services.status()), "INVALID_SEED_DATA");
  EXPECT_THAT(services.status().message(), HasSubstr("record 3 (BROKEN)"));
  EXPECT_THAT(services.status().message(), HasSubstr("default_scope"));
  auto metadata = platform::ErrorMetadata(services.status());
  EXPECT_EQ(metadata["record"], "3");
  EXPECT_EQ(metadata["code"], "BROKEN");
}

TEST(BookableServiceParseTest, RefusesDuplicateCodes) {
  auto services = ParseBookableServicesCsv(Catalogue({}) + Record({}));
  ASSERT_FALSE(services.ok());
  EXPECT_EQ(platform::ErrorReason(services.status()), "INVALID_SEED_DATA");
  EXPECT_THAT(services.status().message(), HasSubstr("record 2 (TEST_SERVICE)"));
}

TEST(BookableServiceParseTest, PassesCsvSyntaxErrorsThrough) {
  auto services = ParseBookableServicesCsv(Catalogue({{"name_en", "\"Unterminated"}}));
  EXPECT_FALSE(services.ok());
}

}  // namespace
}  // namespace sisl::booking
