#include "absl/strings/string_view.h"
#include "services/booking/booking_module.h"

#include "absl/strings/str_cat.h"
#include "services/booking/store/office_store.h"
#include "services/platform/db/migrations.h"
#include "services/platform/log.h"
#include "services/platform/metrics.h"

namespace sisl::booking {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}
namespace embedded_seed {
const std::vector<platform::EmbeddedFile>& Files();
}

namespace {

const std::string* FindSeed(absl::string_view name) {
  for (const auto& f : embedded_seed::Files()) {
    if (f.name == name) return &f.content;
  }
  return nullptr;
}

}  // namespace

BookingModule::BookingModule(BookingDeps deps)
    : deps_(deps),
      relay_(deps.db, deps.bus, deps.clock),
      directory_(deps.db, deps.cache, deps.clock, [this] { relay_.Notify(); }),
      offices_service_(directory_, deps.tokens) {}

absl::Status BookingModule::Initialize() {
  if (auto st = platform::db::ApplyMigrations(deps_.db, "platform",
                                              platform::db::PlatformMigrations(), deps_.clock);
      !st.ok()) {
    return st;
  }
  if (auto st = platform::db::ApplyMigrations(deps_.db, "booking", embedded_migrations::Files(),
                                              deps_.clock);
      !st.ok()) {
    return st;
  }
  const std::string* cpi_csv = FindSeed("cpi_piemonte.csv");
  const std::string* site_csv = FindSeed("cpi_sites_piemonte.csv");
  if (cpi_csv == nullptr || site_csv == nullptr) {
    return absl::InternalError("seed data missing from the binary");
  }
  auto cpis = ParseCpiCsv(*cpi_csv);
  if (!cpis.ok()) return cpis.status();
  auto sites = ParseSiteCsv(*site_csv, deps_.clock.Now());
  if (!sites.ok()) return sites.status();
  OfficeStore store(deps_.db);
  int inserted = 0;
  absl::Status st = platform::db::InTransaction(deps_.db, [&](platform::db::Transaction& tx) {
    auto n = store.Seed(tx, *cpis, *sites);
    if (!n.ok()) return n.status();
    inserted = *n;
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  platform::log::Info("offices seeded", {{"cpis", absl::StrCat(cpis->size())},
                                         {"sites", absl::StrCat(sites->size())},
                                         {"inserted", absl::StrCat(inserted)}});
  return absl::OkStatus();
}

void BookingModule::Register(platform::ServerHost& host) {
  host.AddService(&offices_service_, v1::OfficesService::service_full_name());
  host.AddReadinessCheck("booking-db", [this] { return deps_.db.Ping(); });
  platform::MetricsRegistry::Global().SetGauge(
      "sisl_outbox_backlog", "Outbox rows not yet published (booking)", [this] {
        auto n = relay_.Backlog();
        return n.ok() ? static_cast<double>(*n) : -1.0;
      });
  relay_.Start();
  host.OnShutdown([this] { relay_.Stop(); });
}

}  // namespace sisl::booking
