#include "services/booking/seeding.h"

#include "absl/strings/str_cat.h"
#include "services/booking/domain/bookable_service.h"
#include "services/booking/store/calendar_store.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/db/migrations.h"
#include "services/platform/embedded.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"
#include "services/reference/data_files.h"

namespace sisl::booking {
namespace embedded_seed {
const std::vector<platform::EmbeddedFile>& Files();
}
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}

namespace {

absl::StatusOr<std::string> SeedFile(absl::string_view name) {
  for (const auto& f : embedded_seed::Files()) {
    if (f.name == name) return f.content;
  }
  return absl::InternalError(absl::StrCat("seed file ", name, " missing from the binary"));
}

struct DemoService {
  const char* code;
  int start_minute;
  int end_minute;
  int slot_minutes;
  int seats;
};

// Weekday mornings; the bands are whole numbers of slots.
constexpr DemoService kDemo[] = {
    {"DID_PATTO", 9 * 60, 12 * 60, 45, 2},
    {"ORIENTAMENTO", 14 * 60, 16 * 60, 60, 1},
    {"GOL_ASSESSMENT", 9 * 60, 13 * 60, 60, 1},
};

}  // namespace

absl::Status MigrateBookingStore(platform::db::Database& db, const platform::Clock& clock) {
  RETURN_IF_ERROR(
      platform::db::ApplyMigrations(db, "platform", platform::db::PlatformMigrations(), clock));
  return platform::db::ApplyMigrations(db, "booking", embedded_migrations::Files(), clock);
}

absl::Status SeedReferenceData(platform::db::Database& db, const platform::Clock& clock) {
  // The 30 CPIs and their 44 sites are regional reference data (services/reference); the
  // catalogue of bookable services is booking's own.
  ASSIGN_OR_RETURN(const absl::string_view cpi_csv, reference::DataFile("cpi_piemonte.csv"));
  ASSIGN_OR_RETURN(const absl::string_view site_csv, reference::DataFile("cpi_sites_piemonte.csv"));
  ASSIGN_OR_RETURN(const std::string service_csv, SeedFile("bookable_services.csv"));
  ASSIGN_OR_RETURN(const auto cpis, ParseCpiCsv(cpi_csv));
  ASSIGN_OR_RETURN(const auto sites, ParseSiteCsv(site_csv, clock.Now()));
  ASSIGN_OR_RETURN(const auto services, ParseBookableServicesCsv(service_csv));
  int inserted = 0;
  RETURN_IF_ERROR(platform::db::InTransaction(db, [&](platform::db::Transaction& tx) {
    ASSIGN_OR_RETURN(const int offices, OfficeStore(db).Seed(tx, cpis, sites));
    ASSIGN_OR_RETURN(const int catalogue, CatalogueStore(db).Seed(tx, services, clock.Now()));
    inserted = offices + catalogue;
    return absl::OkStatus();
  }));
  platform::log::Info("reference data seeded", {{"cpis", absl::StrCat(cpis.size())},
                                                {"sites", absl::StrCat(sites.size())},
                                                {"services", absl::StrCat(services.size())},
                                                {"inserted", absl::StrCat(inserted)}});
  return absl::OkStatus();
}

absl::Status SeedDemoCalendars(platform::db::Database& db, CalendarManager& calendars,
                               const platform::Clock& clock, absl::TimeZone zone) {
  ASSIGN_OR_RETURN(const std::vector<Office> offices, OfficeStore(db).List({}, "", 1000));
  const absl::CivilDay today = absl::ToCivilDay(clock.Now(), zone);
  int created = 0;
  for (const Office& office : offices) {
    for (const DemoService& demo : kDemo) {
      bool exists = false;
      {
        ASSIGN_OR_RETURN(auto tx, db.Begin());
        ASSIGN_OR_RETURN(const auto existing,
                         CalendarStore().ListForSiteAndService(*tx, office.site_code, demo.code));
        exists = !existing.empty();
      }
      if (exists) continue;
      Calendar c;
      c.site_code = office.site_code;
      c.service_code = demo.code;
      c.first_day = today;
      c.last_day = today + 7 * 13 - 1;
      for (int d = 1; d <= 5; ++d) {
        c.bands.push_back({static_cast<Weekday>(d), demo.start_minute, demo.end_minute,
                           demo.slot_minutes, demo.seats});
      }
      c.operator_ids = {absl::StrCat("op-", office.cpi_code, "-1"),
                        absl::StrCat("op-", office.cpi_code, "-2")};
      auto made = calendars.CreateAsSystem(
          std::move(c), absl::StrCat("demo-", office.site_code, "-", demo.code));
      RETURN_IF_ERROR(made.status());
      ++created;
    }
  }
  platform::log::Info("demo calendars seeded", {{"created", absl::StrCat(created)}});
  return absl::OkStatus();
}

}  // namespace sisl::booking
