// The idempotent consumer on the real stack: OfficeUpdated events from Kafka are applied to a
// projection in PostgreSQL through the inbox; reading the whole topic again (a redelivery)
// changes nothing.
#include "absl/strings/str_cat.h"
#include "services/platform/db/migrations.h"
#include "services/platform/ids.h"
#include "services/platform/outbox/inbox.h"
#include "sisl/booking/v1/office_events.pb.h"
#include "sisl/events/v1/event.pb.h"
#include "tests/integration/booking_fixture.h"
#include "tests/integration/event_reader.h"

namespace sisl::testing_env {
namespace {

class InboxRedeliveryTest : public BookingServiceFixture {};

TEST_F(InboxRedeliveryTest, ARedeliveredEventChangesNothing) {
  // A consumer service with its own schema.
  auto consumer_db = platform::db::OpenDatabase(
      {.url = pg_url_, .pool_size = 2, .schema = "t_consumer_" + platform::NewUuidV7().substr(24)});
  ASSERT_TRUE(consumer_db.ok()) << consumer_db.status();
  auto& db = **consumer_db;
  ASSERT_TRUE(platform::db::ApplyMigrations(db, "platform", platform::db::PlatformMigrations()).ok());
  ASSERT_TRUE(platform::db::InTransaction(db, [](platform::db::Transaction& tx) {
    return tx.ExecuteScript("CREATE TABLE phone_changes (site TEXT PRIMARY KEY, n BIGINT NOT NULL)");
  }).ok());

  const std::string marker = platform::NewUuidV7();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(SetPhone("NO-01", absl::StrCat("0321 ", 100000 + i)).ok());

  auto apply = [&db](const platform::bus::Message& m) -> absl::Status {
    sisl::events::v1::Event event;
    booking::v1::OfficeUpdated updated;
    if (!event.ParseFromString(m.payload) || !event.data().UnpackTo(&updated)) {
      return absl::InvalidArgumentError("not an OfficeUpdated event");
    }
    return platform::outbox::ProcessOnce(db, "phone-projection", event.id(),
                                         [&](platform::db::Transaction& tx) {
                                           return tx.Execute(
                                               "INSERT INTO phone_changes (site, n) VALUES ($1, 1)"
                                               " ON CONFLICT (site) DO UPDATE"
                                               " SET n = phone_changes.n + 1",
                                               {updated.office().site_code()}).status();
                                         })
        .status();
  };
  auto count = [&db] {
    auto tx = db.Begin();
    auto r = (*tx)->Execute("SELECT n FROM phone_changes WHERE site = 'NO-01'", {});
    return r.ok() && !r->rows.empty() ? r->rows[0].Int(0) : -1;
  };
  ConsumeAfter(kafka_, "sisl.booking.offices.v1", marker, 5, std::chrono::seconds(60), apply);
  EXPECT_EQ(count(), 5);
  // Redelivery: a new group reads everything again and hands it to the same consumer.
  ConsumeAfter(kafka_, "sisl.booking.offices.v1", marker, 5, std::chrono::seconds(60), apply);
  EXPECT_EQ(count(), 5);
}

}  // namespace
}  // namespace sisl::testing_env
