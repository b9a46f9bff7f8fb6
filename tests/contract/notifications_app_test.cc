// The notifications service's use cases on a real database (SQLite or PostgreSQL), with the
// channels and booking's contact source as recording fakes: what an appointment event enqueues
// (configured channels only, the citizen's preferences, once per event), how reminder jobs follow
// moves and cancellations, how the sender attaches the .ics, retries temporary failures and
// records permanent ones as dead letters an operator queues again, and the citizen's side.
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/notifications/app/appointments.h"
#include "services/notifications/app/citizens.h"
#include "services/notifications/app/delivery.h"
#include "services/notifications/app/person_notices.h"
#include "services/notifications/app/values_json.h"
#include "services/notifications/events/consumers.h"
#include "services/notifications/events/notices.h"
#include "services/platform/db/migrations.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/contract/db_test_support.h"

namespace sisl::notifications {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations

namespace {

using platform::auth::Caller;
using platform::auth::Role;
using platform::db::Transaction;
using platform::testing::HasReason;
using platform::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

absl::TimeZone Rome() {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Rome", &zone));
  return zone;
}

// Answers scripted statuses first, then OK; records what it was given.
template <typename Sent, typename Result>
class Recorder {
 public:
  absl::StatusOr<Result> Take(const Sent& sent) {
    received.push_back(sent);
    if (!script.empty()) {
      absl::Status st = script.front();
      script.pop_front();
      if (!st.ok()) return st;
    }
    return Result{};
  }
  std::vector<Sent> received;
  std::deque<absl::Status> script;
};

class FakeEmail final : public EmailChannel {
 public:
  absl::StatusOr<SendResult> Send(const Email& email) override { return r.Take(email); }
  Recorder<Email, SendResult> r;
};
class FakeSms final : public SmsChannel {
 public:
  absl::StatusOr<SmsSendResult> Send(const SmsMessage& sms) override { return r.Take(sms); }
  Recorder<SmsMessage, SmsSendResult> r;
};

class FakeAppIo final : public AppIoChannel {
 public:
  absl::StatusOr<AppIoSendResult> Send(const AppIoMessage& m) override { return r.Take(m); }
  Recorder<AppIoMessage, AppIoSendResult> r;
};

class FakeContacts final : public ContactSource {
 public:
  absl::StatusOr<AppointmentContact> ForAppointment(const std::string& id,
                                                    const std::string& reason,
                                                    bool with_ics) override {
    reasons.push_back(absl::StrCat(reason, with_ics ? " +ics" : ""));
    auto it = contacts.find(id);
    if (it == contacts.end()) {
      return platform::Error(absl::StatusCode::kNotFound, "APPOINTMENT_NOT_FOUND", "none");
    }
    return it->second;
  }
  std::map<std::string, AppointmentContact> contacts;
  std::vector<std::string> reasons;
};

constexpr char kCf[] = "RSSMRA85C12L219B";

class NotificationsAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_THAT(
        platform::db::ApplyMigrations(*db_, "platform", platform::db::PlatformMigrations(), clock_),
        IsOk());
    ASSERT_THAT(
        platform::db::ApplyMigrations(*db_, "notifications", embedded_migrations::Files(), clock_),
        IsOk());
    auto catalogue = TemplateCatalogue::Load(Rome());
    ASSERT_TRUE(catalogue.ok()) << catalogue.status();
    catalogue_.emplace(*std::move(catalogue));
    settings_.owner = "replica-1";
    settings_.retry = {absl::Seconds(30), absl::Minutes(5), 3};
    deps_.emplace(Deps{
        *db_, clock_, person_ids_, *catalogue_, {&email_, &sms_, nullptr}, contacts_, settings_});
    intake_.emplace(*deps_, Rome());
    delivery_.emplace(*deps_);
    citizens_.emplace(*deps_);
    dead_.emplace(*deps_);
  }

  // Booked on Monday 14 December 2026 at 10:30 Rome, EURES-like, reminders 2 and 1 days before.
  AppointmentNotice Booked(const std::string& id) {
    AppointmentNotice n;
    n.change = AppointmentNotice::Change::kBooked;
    n.appointment_id = id;
    n.person_id = person_ids_.PersonId(kCf);
    n.sequence = 1;
    n.service_name = "Orientamento";
    n.site_label = "CPI Torino";
    n.site_address = "Via Bologna 153, Torino";
    n.start = absl::FromCivil(absl::CivilMinute(2026, 12, 14, 10, 30), Rome());
    n.end = n.start + absl::Minutes(45);
    n.delivery = "in_person";
    n.channels = {Channel::kEmail, Channel::kSms, Channel::kAppIo};
    n.language = Language::kItalian;
    n.send_confirmation = true;
    n.reminder_days_before = {2, 1};
    return n;
  }

  absl::Status Apply(const AppointmentNotice& n) {
    return platform::db::InTransaction(*db_,
                                       [&](Transaction& tx) { return intake_->Apply(tx, n); });
  }

  std::vector<store::OutgoingMessage> Mine() {
    auto page = citizens_->ListMine(citizen_, 100, "");
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->messages : std::vector<store::OutgoingMessage>{};
  }

  std::vector<std::string> JobStates(const std::string& appointment_id) {
    std::vector<std::string> out;
    EXPECT_THAT(platform::db::InTransaction(
                    *db_,
                    [&](Transaction& tx) -> absl::Status {
                      auto jobs = store::ReminderJobs::OfAppointment(tx, appointment_id);
                      if (!jobs.ok()) return jobs.status();
                      for (const auto& j : *jobs) {
                        out.push_back(absl::StrCat(j.days_before, "d:", ChannelName(j.channel), ":",
                                                   store::ReminderStateName(j.state)));
                      }
                      return absl::OkStatus();
                    }),
                IsOk());
    return out;
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<platform::db::Database> db_;
  // Friday 11 December 2026, 08:00 Rome.
  platform::FakeClock clock_{absl::FromCivil(absl::CivilHour(2026, 12, 11, 8), Rome())};
  platform::auth::PersonIdHasher person_ids_{"a-test-secret-of-at-least-32-characters!"};
  std::optional<TemplateCatalogue> catalogue_;
  Settings settings_;
  FakeEmail email_;
  FakeSms sms_;
  FakeContacts contacts_;
  std::optional<Deps> deps_;
  std::optional<AppointmentIntake> intake_;
  std::optional<Delivery> delivery_;
  std::optional<Citizens> citizens_;
  std::optional<DeadLetters> dead_;
  const Caller citizen_{
      .subject = "c", .role = Role::kCitizen, .fiscal_code = kCf, .spid_level = 2};
  const Caller operator_{
      .subject = "op-1", .role = Role::kOperator, .cpi_code = "CPI-TO", .spid_level = 2};
};

TEST_F(NotificationsAppTest, BookedEnqueuesOncePerConfiguredChannelAndSchedulesReminders) {
  ASSERT_THAT(Apply(Booked("a1")), IsOk());
  ASSERT_THAT(Apply(Booked("a1")), IsOk());  // redelivered: nothing new
  std::vector<store::OutgoingMessage> mine = Mine();
  ASSERT_EQ(mine.size(), 2u);  // App IO is offered by the service but not configured here
  std::vector<Channel> channels;
  for (const auto& m : mine) {
    channels.push_back(m.channel);
    EXPECT_EQ(m.type, MessageType::kAppointmentConfirmation);
    EXPECT_EQ(m.state, store::MessageState::kQueued);
  }
  EXPECT_THAT(channels, UnorderedElementsAre(Channel::kEmail, Channel::kSms));
  // Reminders at 09:00 two days before (Saturday 12) and one day before (Sunday 13).
  EXPECT_THAT(JobStates("a1"), ElementsAre("2d:email:scheduled", "2d:sms:scheduled",
                                           "1d:email:scheduled", "1d:sms:scheduled"));
}

TEST_F(NotificationsAppTest, PreferencesNarrowChannelsAndChooseTheLanguage) {
  ASSERT_THAT(
      citizens_->UpdateMine(citizen_, {.channels = {Channel::kSms}, .language = Language::kFrench})
          .status(),
      IsOk());
  ASSERT_THAT(Apply(Booked("a1")), IsOk());
  std::vector<store::OutgoingMessage> mine = Mine();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].channel, Channel::kSms);
  EXPECT_EQ(mine[0].language, Language::kFrench);
  // Only a channel the deployment lacks: the offered ones rather than nothing.
  ASSERT_THAT(citizens_->UpdateMine(citizen_, {.channels = {Channel::kAppIo}}).status(), IsOk());
  ASSERT_THAT(Apply(Booked("a2")), IsOk());
  EXPECT_EQ(Mine().size(), 3u);
}

TEST_F(NotificationsAppTest, NoConfirmationWhenTheServiceSendsNoneButReminders) {
  AppointmentNotice n = Booked("a1");
  n.send_confirmation = false;
  ASSERT_THAT(Apply(n), IsOk());
  EXPECT_TRUE(Mine().empty());
  EXPECT_EQ(JobStates("a1").size(), 4u);
}

TEST_F(NotificationsAppTest, AMoveMovesTheRemindersAndACancellationRemovesThem) {
  ASSERT_THAT(Apply(Booked("a1")), IsOk());
  AppointmentNotice moved = Booked("a2");
  moved.change = AppointmentNotice::Change::kMoved;
  moved.previous_appointment_id = "a1";
  moved.start += absl::Hours(24);  // Tuesday 15
  ASSERT_THAT(Apply(moved), IsOk());
  EXPECT_THAT(JobStates("a1"), ElementsAre("2d:email:cancelled", "2d:sms:cancelled",
                                           "1d:email:cancelled", "1d:sms:cancelled"));
  EXPECT_THAT(JobStates("a2"), ElementsAre("2d:email:scheduled", "2d:sms:scheduled",
                                           "1d:email:scheduled", "1d:sms:scheduled"));
  AppointmentNotice cancelled = moved;
  cancelled.change = AppointmentNotice::Change::kCancelled;
  cancelled.sequence = 2;
  cancelled.cancelled_by = "office_closure";
  ASSERT_THAT(Apply(cancelled), IsOk());
  EXPECT_THAT(JobStates("a2"), ElementsAre("2d:email:cancelled", "2d:sms:cancelled",
                                           "1d:email:cancelled", "1d:sms:cancelled"));
  std::vector<MessageType> types;
  for (const auto& m : Mine()) types.push_back(m.type);
  EXPECT_EQ(std::count(types.begin(), types.end(), MessageType::kAppointmentMoved), 2);
  EXPECT_EQ(std::count(types.begin(), types.end(), MessageType::kAppointmentCancelled), 2);
}

TEST_F(NotificationsAppTest, TheSenderAttachesTheIcsAndMarksSent) {
  contacts_.contacts["a1"] = {"mario@example.org", "+393331234567", kCf, "BEGIN:VCALENDAR..."};
  ASSERT_THAT(Apply(Booked("a1")), IsOk());
  auto taken = delivery_->SendDue(10);
  ASSERT_TRUE(taken.ok()) << taken.status();
  EXPECT_EQ(*taken, 2);
  ASSERT_EQ(email_.r.received.size(), 1u);
  const Email& e = email_.r.received[0];
  EXPECT_EQ(e.to.address, "mario@example.org");
  EXPECT_THAT(e.subject, HasSubstr("confermato"));
  ASSERT_TRUE(e.attachment.has_value());
  EXPECT_EQ(e.attachment->content, "BEGIN:VCALENDAR...");
  EXPECT_EQ(e.idempotency_key,
            AppointmentMessageKey("a1", 1, MessageType::kAppointmentConfirmation, Channel::kEmail));
  ASSERT_EQ(sms_.r.received.size(), 1u);
  EXPECT_EQ(sms_.r.received[0].to, "+393331234567");
  // The .ics is asked for the e-mail only (the SMS has no attachment).
  EXPECT_THAT(contacts_.reasons, UnorderedElementsAre("notification appointment_confirmation +ics",
                                                      "notification appointment_confirmation"));
  for (const auto& m : Mine()) EXPECT_EQ(m.state, store::MessageState::kSent);
  EXPECT_EQ(*delivery_->SendDue(10), 0);  // nothing twice
}

TEST_F(NotificationsAppTest, TemporaryFailuresRetryPermanentOnesAreDeadLettersAnOperatorRetries) {
  contacts_.contacts["a1"] = {"mario@example.org", "", kCf, ""};
  email_.r.script = {platform::Error(absl::StatusCode::kUnavailable, "SMTP_UNREACHABLE", "down")};
  ASSERT_THAT(Apply(Booked("a1")), IsOk());
  ASSERT_TRUE(delivery_->SendDue(10).ok());
  std::map<Channel, store::OutgoingMessage> by_channel;
  for (const auto& m : Mine()) by_channel[m.channel] = m;
  // The e-mail failed for now: queued again, due in 30 s. The SMS has no mobile: for good.
  EXPECT_EQ(by_channel[Channel::kEmail].state, store::MessageState::kQueued);
  EXPECT_EQ(by_channel[Channel::kEmail].attempts, 1);
  EXPECT_EQ(by_channel[Channel::kSms].state, store::MessageState::kFailed);
  EXPECT_EQ(by_channel[Channel::kSms].last_error, "FAILED_PRECONDITION NO_CONTACT");
  EXPECT_EQ(*delivery_->SendDue(10), 0);  // not due yet
  clock_.Advance(absl::Seconds(31));
  EXPECT_EQ(*delivery_->SendDue(10), 1);
  EXPECT_EQ(email_.r.received.size(), 2u);
  // The dead letters: the SMS, for staff only; queued again by an operator.
  EXPECT_THAT(dead_->List(citizen_, 10, "").status(), HasReason("STAFF_ONLY"));
  auto dead = dead_->List(operator_, 10, "");
  ASSERT_TRUE(dead.ok()) << dead.status();
  ASSERT_EQ(dead->messages.size(), 1u);
  EXPECT_EQ(dead->messages[0].channel, Channel::kSms);
  auto retried = dead_->Retry(operator_, MessageIdOf(dead->messages[0].idempotency_key));
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->state, store::MessageState::kQueued);
  EXPECT_THAT(dead_->Retry(operator_, "not base64!").status(), HasReason("INVALID_MESSAGE_ID"));
  auto stats = dead_->Stats(operator_);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->counts.by_state[store::MessageState::kSent], 1);
  EXPECT_EQ(stats->counts.by_state[store::MessageState::kQueued], 1);
  EXPECT_EQ(stats->oldest_queued_age, absl::Seconds(31));  // the SMS, created before the wait
}

TEST_F(NotificationsAppTest, AnAppointmentBookingNoLongerKnowsFailsForGood) {
  ASSERT_THAT(Apply(Booked("gone")), IsOk());
  ASSERT_TRUE(delivery_->SendDue(10).ok());
  for (const auto& m : Mine()) {
    EXPECT_EQ(m.state, store::MessageState::kFailed);
    EXPECT_EQ(m.last_error, "NOT_FOUND APPOINTMENT_NOT_FOUND");
  }
  EXPECT_TRUE(email_.r.received.empty());
}

TEST_F(NotificationsAppTest, DueRemindersBecomeMessagesWithoutAttachment) {
  contacts_.contacts["a1"] = {"mario@example.org", "+393331234567", kCf, "BEGIN:VCALENDAR..."};
  AppointmentNotice n = Booked("a1");
  n.send_confirmation = false;
  ASSERT_THAT(Apply(n), IsOk());
  EXPECT_EQ(*delivery_->RunReminders(10), 0);
  // Saturday 12 December, 09:00 Rome: the two-days reminders.
  clock_.Advance(absl::Hours(25));
  EXPECT_EQ(*delivery_->RunReminders(10), 2);
  EXPECT_EQ(*delivery_->RunReminders(10), 0);
  EXPECT_EQ(*delivery_->SendDue(10), 2);
  ASSERT_EQ(email_.r.received.size(), 1u);
  EXPECT_FALSE(email_.r.received[0].attachment.has_value());
  EXPECT_EQ(email_.r.received[0].idempotency_key, ReminderKey("a1", 2, Channel::kEmail));
  EXPECT_THAT(JobStates("a1"), ElementsAre("2d:email:done", "2d:sms:done", "1d:email:scheduled",
                                           "1d:sms:scheduled"));
}

TEST_F(NotificationsAppTest, TheCitizensSide) {
  auto defaults = citizens_->GetMine(citizen_);
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->channels.empty());
  EXPECT_EQ(defaults->language, Language::kItalian);
  EXPECT_THAT(citizens_->GetMine(operator_).status(), HasReason("CITIZENS_ONLY"));
  EXPECT_THAT(citizens_->UpdateMine(citizen_, {.email = "mario@"}).status(),
              HasReason("INVALID_EMAIL_ADDRESS"));
  EXPECT_THAT(citizens_->UpdateMine(citizen_, {.mobile = "333 12"}).status(),
              HasReason("INVALID_PHONE_NUMBER"));
  auto saved = citizens_->UpdateMine(citizen_, {.channels = {Channel::kEmail},
                                                .language = Language::kArabic,
                                                .email = "mario@example.org",
                                                .mobile = "+393331234567"});
  ASSERT_TRUE(saved.ok()) << saved.status();
  EXPECT_EQ(saved->email, "mario@example.org");
  EXPECT_EQ(saved->language, Language::kArabic);
  // Pages of the citizen's own messages only.
  ASSERT_THAT(Apply(Booked("a1")), IsOk());
  ASSERT_THAT(Apply(Booked("a2")), IsOk());
  AppointmentNotice other = Booked("b1");
  other.person_id = "someone-else";
  ASSERT_THAT(Apply(other), IsOk());
  auto first = citizens_->ListMine(citizen_, 1, "");
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->messages.size(), 1u);
  ASSERT_FALSE(first->next_page_token.empty());
  auto second = citizens_->ListMine(citizen_, 1, first->next_page_token);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->messages.size(), 1u);  // e-mail only (the citizen's choice): two in all
  EXPECT_TRUE(second->next_page_token.empty());
  EXPECT_NE(second->messages[0].idempotency_key, first->messages[0].idempotency_key);
  EXPECT_THAT(citizens_->ListMine(citizen_, 1, "forged").status(), HasReason("INVALID_PAGE_TOKEN"));
}

TEST_F(NotificationsAppTest, NoticesReachThePersonByTheirOwnContactOnly) {
  PersonNotices notices(*deps_);
  platform::events::EventMeta meta{.id = "ev-1", .time = clock_.Now()};
  matching::v1::ProposalChanged proposed;
  proposed.set_person_id(person_ids_.PersonId(kCf));
  proposed.set_from_state(matching::v1::PROPOSAL_STATE_SHORTLISTED);
  proposed.set_to_state(matching::v1::PROPOSAL_STATE_PROPOSED);
  proposed.set_deadline("2026-12-20");
  proposed.set_cpi_code("CPI-TO-15");
  proposed.set_vacancy_title("Saldatore a filo");
  std::optional<PersonNotice> notice = events::NoticeOf(proposed, meta);
  ASSERT_TRUE(notice.has_value());
  auto apply = [&](const PersonNotice& n) {
    return platform::db::InTransaction(*db_, [&](Transaction& tx) { return notices.Apply(tx, n); });
  };
  // No preferences, no contact: nothing queued (and nothing failing).
  ASSERT_THAT(apply(*notice), IsOk());
  EXPECT_TRUE(Mine().empty());
  ASSERT_THAT(
      citizens_
          ->UpdateMine(citizen_, {.language = Language::kEnglish, .email = "mario@example.org"})
          .status(),
      IsOk());
  ASSERT_THAT(apply(*notice), IsOk());
  ASSERT_THAT(apply(*notice), IsOk());  // redelivered
  std::vector<store::OutgoingMessage> mine = Mine();
  ASSERT_EQ(mine.size(), 1u);  // e-mail only: no mobile given
  EXPECT_EQ(mine[0].type, MessageType::kProposalReceived);
  EXPECT_EQ(mine[0].idempotency_key,
            EventMessageKey("ev-1", MessageType::kProposalReceived, Channel::kEmail));
  ASSERT_TRUE(delivery_->SendDue(10).ok());
  ASSERT_EQ(email_.r.received.size(), 1u);
  EXPECT_EQ(email_.r.received[0].to.address, "mario@example.org");
  EXPECT_THAT(email_.r.received[0].text, HasSubstr("Saldatore a filo"));
  EXPECT_TRUE(contacts_.reasons.empty());  // booking is not asked
  // Other steps of a proposal are no occasion for a notice.
  proposed.set_from_state(matching::v1::PROPOSAL_STATE_PROPOSED);
  proposed.set_to_state(matching::v1::PROPOSAL_STATE_ACCEPTED);
  EXPECT_FALSE(events::NoticeOf(proposed, meta).has_value());
}

TEST_F(NotificationsAppTest, AppIoGetsTheFiscalCodeFromBookingWhenConfigured) {
  FakeAppIo app_io;
  Deps with_io{*db_,      clock_,   person_ids_, *catalogue_, {&email_, &sms_, &app_io},
               contacts_, settings_};
  AppointmentIntake intake(with_io, Rome());
  Delivery delivery(with_io);
  contacts_.contacts["a1"] = {"", "", kCf, ""};
  ASSERT_THAT(citizens_->UpdateMine(citizen_, {.channels = {Channel::kAppIo}}).status(), IsOk());
  ASSERT_THAT(platform::db::InTransaction(
                  *db_, [&](Transaction& tx) { return intake.Apply(tx, Booked("a1")); }),
              IsOk());
  EXPECT_EQ(*delivery.SendDue(10), 1);
  ASSERT_EQ(app_io.r.received.size(), 1u);
  EXPECT_EQ(app_io.r.received[0].fiscal_code, kCf);
  EXPECT_THAT(app_io.r.received[0].subject, HasSubstr("confermato"));
  EXPECT_FALSE(app_io.r.received[0].markdown.empty());
  EXPECT_TRUE(email_.r.received.empty());
  EXPECT_TRUE(sms_.r.received.empty());
}

TEST(NotificationsEventsTest, NoticesOfMatchingAndCommunications) {
  platform::events::EventMeta meta{.id = "ev-2",
                                   .time = absl::FromUnixSeconds(1797240600)};  // 14/12/2026
  matching::v1::ProfileExpiring expiring;
  expiring.set_person_id("p1");
  expiring.set_cpi_code("CPI-TO-15");
  expiring.set_expires_on("2027-01-10");
  std::optional<PersonNotice> n = events::NoticeOf(expiring, meta);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->type, MessageType::kProfileExpiring);
  EXPECT_EQ(std::get<absl::CivilDay>(n->values.values().at("expires_on")),
            absl::CivilDay(2027, 1, 10));
  EXPECT_THAT(std::get<std::string>(n->values.values().at("cpi_name")),
              HasSubstr("Centro per l'impiego"));
  expiring.set_expires_on("soon");
  EXPECT_FALSE(events::NoticeOf(expiring, meta).has_value());

  communications::v1::CommunicationAccepted accepted;
  accepted.mutable_facts()->set_code("1234567890123456");
  accepted.mutable_facts()->set_form(communications::v1::COMMUNICATION_FORM_UNILAV);
  EXPECT_FALSE(events::NoticeOf(accepted, meta, Rome()).has_value());  // a bulk record
  accepted.set_filed_by("filer-1");
  n = events::NoticeOf(accepted, meta, Rome());
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->person_id, "filer-1");
  EXPECT_EQ(std::get<std::string>(n->values.values().at("form")), "UNILAV");
  EXPECT_EQ(std::get<absl::CivilDay>(n->values.values().at("protocol_date")),
            absl::CivilDay(2026, 12, 14));
}

TEST(NotificationsValuesTest, ValuesAndIdsRoundTrip) {
  MessageValues v;
  v.SetText("service_name", "Orientamento «è»")
      .SetFlag("flag", true)
      .SetDateTime("start", absl::FromUnixSeconds(1765704600))
      .SetDate("deadline", absl::CivilDay(2026, 12, 31));
  auto back = ValuesFromJson(ValuesToJson(v));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->values(), v.values());
  EXPECT_THAT(ValuesFromJson(R"({"x": {"time": "soon"}})").status(), HasReason("VALUES_JSON"));
  EXPECT_THAT(ValuesFromJson("[]").status(), HasReason("VALUES_JSON"));
  const std::string key = "appointment:a1#3:appointment_confirmation:email";
  auto id = IdempotencyKeyOf(MessageIdOf(key));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, key);
}

TEST(NotificationsEventsTest, NoticeOfBookingsEvent) {
  booking::v1::AppointmentEvent e;
  e.set_change(booking::v1::AppointmentEvent::CHANGE_MOVED);
  e.set_appointment_id("new");
  e.set_related_appointment_id("old");
  e.set_delivery_mode(booking::v1::DELIVERY_MODE_VIDEO_CALL);
  e.add_channels(booking::v1::NOTIFICATION_CHANNEL_SMS);
  e.add_channels(booking::v1::NOTIFICATION_CHANNEL_UNSPECIFIED);
  e.set_language("en-GB");
  e.set_send_confirmation(true);
  e.add_reminder_days_before(3);
  AppointmentNotice n = events::NoticeOf(e);
  EXPECT_EQ(n.change, AppointmentNotice::Change::kMoved);
  EXPECT_EQ(n.previous_appointment_id, "old");
  EXPECT_EQ(n.delivery, "video_call");
  EXPECT_THAT(n.channels, ElementsAre(Channel::kSms));
  EXPECT_EQ(n.language, Language::kEnglish);
  EXPECT_THAT(n.reminder_days_before, ElementsAre(3));
  e.set_change(booking::v1::AppointmentEvent::CHANGE_CANCELLED);
  e.set_cancellation_reason(booking::v1::CANCELLATION_REASON_OFFICE_CLOSED);
  n = events::NoticeOf(e);
  EXPECT_EQ(n.previous_appointment_id, "");
  EXPECT_EQ(n.cancelled_by, "office_closure");
  e.set_cancellation_reason(booking::v1::CANCELLATION_REASON_WORK);
  e.set_actor_role("citizen");
  EXPECT_EQ(events::NoticeOf(e).cancelled_by, "citizen");
}

}  // namespace
}  // namespace sisl::notifications
