// The observatory module served over gRPC on embedded adapters: events published on the
// in-process bus (as the other services' relays would) become the tables of the API.
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "services/observatory/observatory_module.h"
#include "services/platform/grpc/status.h"
#include "services/platform/outbox/outbox.h"
#include "services/platform/outbox/topics.h"
#include "services/platform/testing/module_fixture.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/booking/v1/appointment_events.pb.h"
#include "sisl/communications/v1/communication_events.pb.h"
#include "sisl/communications/v1/relationship_events.pb.h"
#include "sisl/observatory/v1/observatory.grpc.pb.h"

namespace sisl::observatory {
namespace {

namespace co = ::sisl::communications::v1;
namespace v1 = ::sisl::observatory::v1;
using platform::auth::Role;
using platform::testing::HasReason;
using platform::testing::ModuleFixture;

co::CommunicationFacts Hire(const std::string& province, const std::string& day) {
  co::CommunicationFacts f;
  f.set_form(co::COMMUNICATION_FORM_UNILAV);
  f.set_nature(co::COMMUNICATION_NATURE_ORDINARY);
  f.set_event(co::COMMUNICATION_EVENT_HIRE);
  f.set_event_date(day);
  f.set_start_date(day);
  f.set_sex(co::SEX_FEMALE);
  f.set_age_band("25-34");
  f.set_citizenship_group(co::CITIZENSHIP_GROUP_ITALIAN);
  f.set_ateco("47.11.10");
  f.set_contract_type("A.02.00");
  f.set_working_time("F");
  f.set_workplace_province(province);
  f.set_workplace_istat_code(province == "TO" ? "001272" : "004078");
  return f;
}

class ObservatoryModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ModuleFixture::Options options;
    options.clock = &clock_;
    ASSERT_OK_AND_ASSIGN(served_, ModuleFixture::Start(ObservatoryModuleSpec(), options));
    stub_ = v1::IndicatorsService::NewStub(served_->channel());
    open_data_ = v1::OpenDataService::NewStub(served_->channel());
  }

  // Publishes `event` as its service's relay would; returns the envelope's id.
  std::string Publish(const google::protobuf::Message& event, const std::string& id = "") {
    platform::outbox::EventSpec spec{.source = "test",
                                     .topic = platform::events::TopicOf(*event.GetDescriptor()),
                                     .subject = "person-1"};
    sisl::events::v1::Event envelope = platform::outbox::MakeEvent(spec, event, clock_);
    if (!id.empty()) envelope.set_id(id);
    platform::bus::Message m{
        .topic = spec.topic, .key = spec.subject, .payload = envelope.SerializeAsString()};
    EXPECT_TRUE(served_->bus().Publish({&m, 1}, absl::Seconds(1)).ok());
    ++published_;
    return envelope.id();
  }

  v1::Table Staff(const std::string& indicator, const std::string& rows,
                  const std::string& from = "2026-01", const std::string& to = "2026-06") {
    v1::GetStaffIndicatorTableRequest r;
    r.set_indicator(indicator);
    r.set_rows(rows);
    r.set_from_month(from);
    r.set_to_month(to);
    v1::GetStaffIndicatorTableResponse out;
    auto context = served_->ContextAs({.subject = "op-1", .role = Role::kOperator});
    grpc::Status st = stub_->GetStaffIndicatorTable(context.get(), r, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out.table();
  }

  // Waits until the staff table's grand total is `total` (events are applied asynchronously).
  v1::Table WaitFor(const std::string& indicator, const std::string& rows, double total) {
    v1::Table t;
    for (int i = 0; i < 200; ++i) {
      t = Staff(indicator, rows);
      if (t.totals().total().value() == total) return t;
      absl::SleepFor(absl::Milliseconds(20));
    }
    ADD_FAILURE() << indicator << " never reached " << total << ": " << t.DebugString();
    return t;
  }

  static double Value(const v1::Table& t, const std::string& row) {
    for (const v1::Row& r : t.rows()) {
      if (r.heading().code() == row) return r.total().value();
    }
    return -1;
  }

  platform::FakeClock clock_{
      absl::FromCivil(absl::CivilSecond(2026, 6, 15, 10, 0, 0), absl::UTCTimeZone())};
  std::unique_ptr<ModuleFixture> served_;
  std::unique_ptr<v1::IndicatorsService::Stub> stub_;
  std::unique_ptr<v1::OpenDataService::Stub> open_data_;
  int published_ = 0;
};

TEST_F(ObservatoryModuleTest, CorrectionsMoveAndCancellationsTakeBackAndRedeliveryCountsOnce) {
  for (int i = 0; i < 6; ++i) {
    co::CommunicationAccepted e;
    *e.mutable_facts() = Hire("TO", "2026-03-10");
    Publish(e);
  }
  co::CommunicationAccepted twice;
  *twice.mutable_facts() = Hire("CN", "2026-03-11");
  const std::string id = Publish(twice);
  Publish(twice, id);  // the same event delivered again
  WaitFor("hires", "province", 7);
  co::CommunicationCorrected moved;  // one TO hire was in fact in Cuneo
  *moved.mutable_previous_facts() = Hire("TO", "2026-03-10");
  *moved.mutable_facts() = Hire("CN", "2026-03-10");
  Publish(moved);
  co::CommunicationCancelled cancelled;
  *cancelled.mutable_previous_facts() = Hire("TO", "2026-03-10");
  *cancelled.mutable_facts() = Hire("TO", "2026-03-10");
  Publish(cancelled);
  const v1::Table t = WaitFor("hires", "province", 6);
  EXPECT_EQ(Value(t, "TO"), 4);
  EXPECT_EQ(Value(t, "CN"), 2);
  EXPECT_EQ(t.suppression_threshold(), 0);  // staff tables are exact
}

TEST_F(ObservatoryModuleTest, PublicTablesSuppressSmallCellsAndTheirComplements) {
  for (int i = 0; i < 9; ++i) {
    co::CommunicationAccepted e;
    *e.mutable_facts() = Hire(i < 7 ? "TO" : "CN", "2026-05-04");
    Publish(e);
  }
  WaitFor("hires", "province", 9);
  v1::GetIndicatorTableRequest r;
  r.set_indicator("hires");
  r.set_rows("province");
  r.set_from_month("2026-05");
  r.set_to_month("2026-05");
  v1::GetIndicatorTableResponse out;
  auto context = served_->Anonymous();
  ASSERT_TRUE(stub_->GetIndicatorTable(context.get(), r, &out).ok());
  const v1::Table& t = out.table();
  EXPECT_EQ(t.suppression_threshold(), 5);
  ASSERT_EQ(t.rows_size(), 2);
  // CN (2) is below 5; TO (7) would give it away through the total, so one of them goes too.
  for (const v1::Row& row : t.rows()) {
    if (row.heading().code() == "CN") {
      EXPECT_TRUE(row.total().suppressed());
      EXPECT_EQ(row.total().value(), 0);
    }
  }
  EXPECT_GE(t.suppressed_cells(), 2);
  EXPECT_TRUE(t.rows(0).total().suppressed() || t.totals().total().suppressed());
}

TEST_F(ObservatoryModuleTest, StockCountsRelationshipsInForceAtEachMonthEnd) {
  co::RelationshipChanged opened;
  opened.set_state("open");
  co::CommunicationFacts f = Hire("TO", "2026-01-15");
  f.set_end_date("2026-03-10");
  *opened.mutable_facts() = f;
  Publish(opened);
  co::RelationshipChanged open_ended;
  open_ended.set_state("open");
  *open_ended.mutable_facts() = Hire("TO", "2026-02-01");
  Publish(open_ended);
  v1::Table t;
  for (int i = 0; i < 200; ++i) {
    t = Staff("stock", "month", "2026-01", "2026-04");
    if (t.rows_size() == 4 && t.rows(1).total().value() == 2) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_EQ(t.rows_size(), 4);
  EXPECT_EQ(t.rows(0).total().value(), 1);  // January
  EXPECT_EQ(t.rows(1).total().value(), 2);  // February
  EXPECT_EQ(t.rows(2).total().value(), 1);  // March: the first ended on the 10th
  EXPECT_EQ(t.rows(3).total().value(), 1);
  EXPECT_EQ(t.totals().total().value(), 1);  // a stock's total over months is its last month
  // Extended to June: the state before is taken back, the state after added.
  co::RelationshipChanged extended;
  extended.set_state("open");
  extended.set_previous_state("open");
  *extended.mutable_previous_facts() = f;
  f.set_end_date("2026-06-30");
  *extended.mutable_facts() = f;
  Publish(extended);
  for (int i = 0; i < 200; ++i) {
    t = Staff("stock", "month", "2026-01", "2026-04");
    if (t.rows(3).total().value() == 2) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  EXPECT_EQ(t.rows(2).total().value(), 2);
  EXPECT_EQ(t.rows(3).total().value(), 2);
}

TEST_F(ObservatoryModuleTest, CpiActivityIsForStaffOnly) {
  booking::v1::AppointmentEvent e;
  e.set_change(booking::v1::AppointmentEvent::CHANGE_BOOKED);
  e.set_site_code("TO-01");
  e.set_service_code("ORIENTAMENTO");
  e.mutable_start_time()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilSecond(2026, 6, 20, 9, 0, 0), absl::UTCTimeZone())));
  Publish(e);
  const v1::Table t = WaitFor("appointments_booked", "cpi", 1);
  EXPECT_EQ(Value(t, "CPI-TO-15"), 1);

  v1::GetIndicatorTableRequest r;
  r.set_indicator("appointments_booked");
  v1::GetIndicatorTableResponse out;
  auto anonymous = served_->Anonymous();
  EXPECT_THAT(platform::FromGrpcStatus(stub_->GetIndicatorTable(anonymous.get(), r, &out)),
              HasReason("INDICATOR_NOT_FOUND"));
  v1::GetStaffIndicatorTableRequest staff;
  staff.set_indicator("appointments_booked");
  v1::GetStaffIndicatorTableResponse staff_out;
  auto citizen = served_->ContextAs({.subject = "p-1", .role = Role::kCitizen});
  EXPECT_THAT(
      platform::FromGrpcStatus(stub_->GetStaffIndicatorTable(citizen.get(), staff, &staff_out)),
      HasReason("STAFF_ONLY"));
}

TEST_F(ObservatoryModuleTest, BadLayoutsAreRefusedWithTheirReason) {
  v1::GetIndicatorTableRequest r;
  r.set_indicator("vacancies_published");
  r.set_rows("sex");  // vacancies have no sex
  v1::GetIndicatorTableResponse out;
  auto context = served_->Anonymous();
  EXPECT_THAT(platform::FromGrpcStatus(stub_->GetIndicatorTable(context.get(), r, &out)),
              HasReason("DIMENSION_NOT_AVAILABLE"));
  r.set_indicator("hires");
  r.set_rows("province");
  r.set_columns("province");
  auto again = served_->Anonymous();
  EXPECT_THAT(platform::FromGrpcStatus(stub_->GetIndicatorTable(again.get(), r, &out)),
              HasReason("SAME_DIMENSION"));
}

TEST_F(ObservatoryModuleTest, OpenDataHasAStableMonthlyCsv) {
  for (int i = 0; i < 6; ++i) {
    co::CommunicationAccepted e;
    *e.mutable_facts() = Hire("TO", "2026-04-02");
    Publish(e);
  }
  WaitFor("hires", "province", 6);
  v1::ExportDatasetCsvRequest r;
  r.set_dataset("flows_by_province");
  r.set_month("2026-04");
  v1::ExportDatasetCsvResponse out;
  auto context = served_->Anonymous();
  ASSERT_TRUE(open_data_->ExportDatasetCsv(context.get(), r, &out).ok());
  EXPECT_TRUE(
      absl::StartsWith(out.csv(), "month,province,province_label,indicator,value,suppressed\r\n"))
      << out.csv();
  EXPECT_TRUE(absl::StrContains(out.csv(), "2026-04,TO,Torino,hires,6,false\r\n")) << out.csv();
  r.set_month("2031-01");
  auto later = served_->Anonymous();
  EXPECT_THAT(platform::FromGrpcStatus(open_data_->ExportDatasetCsv(later.get(), r, &out)),
              HasReason("MONTH_NOT_AVAILABLE"));
}

}  // namespace
}  // namespace sisl::observatory
