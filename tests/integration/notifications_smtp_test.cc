// The e-mail channel against the real local SMTP server (mailpit, deploy/lib/mailpit.sh): a
// rendered appointment confirmation with its .ics goes out over STARTTLS with AUTH, and is read
// back through mailpit's HTTP API (subject, recipient, both parts, the attachment, the
// idempotency header); a refused recipient and an unreachable server give the right reasons.
// Needs `./sisl infra up` (SISL_TEST_SMTP, SISL_TEST_MAILPIT_API, SISL_TEST_TLS_DIR).
#include <cstdlib>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "services/notifications/channels/smtp_mailer.h"
#include "services/notifications/domain/catalogue.h"
#include "services/notifications/domain/schedule.h"
#include "services/platform/errors.h"
#include "tests/support/mailpit.h"
#include "tests/unit/notifications/test_messages.h"

namespace sisl::notifications {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;
using testing_env::Mailpit;
using testing_env::UniqueAddress;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

constexpr char kIcs[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Regione Piemonte//SISL booking//IT\r\n"
    "METHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:appt-7c1e4b2a@sisl.regione.piemonte.it\r\n"
    "DTSTAMP:20260901T080000Z\r\n"
    "DTSTART:20260930T083000Z\r\n"
    "DTEND:20260930T093000Z\r\n"
    "SUMMARY:Colloquio di orientamento GOL - Centro per l'Impiego di Moncalieri\r\n"
    "LOCATION:Via Valobra 102\\, 10022 Carmagnola (TO)\r\n"
    "ORGANIZER;CN=Centro per l'Impiego di Moncalieri:mailto:cpi.moncalieri@example.it\r\n"
    "SEQUENCE:0\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";

class NotificationsSmtpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    smtp_ = Env("SISL_TEST_SMTP");
    api_ = Env("SISL_TEST_MAILPIT_API");
    tls_dir_ = Env("SISL_TEST_TLS_DIR");
    ASSERT_FALSE(smtp_.empty() || api_.empty() || tls_dir_.empty())
        << "SISL_TEST_SMTP, SISL_TEST_MAILPIT_API and SISL_TEST_TLS_DIR must be set: run "
           "./sisl infra up and source .run/infra/env";
    std::pair<std::string, std::string> hp = absl::StrSplit(smtp_, absl::MaxSplits(':', 1));
    host_ = hp.first;
    ASSERT_TRUE(absl::SimpleAtoi(hp.second, &port_)) << smtp_;
  }

  SmtpConfig Config() const {
    SmtpConfig c;
    c.host = host_;
    c.port = port_;
    c.tls = SmtpTls::kStartTls;
    c.ca_file = tls_dir_ + "/ca.crt";  // deploy/lib/tls.sh's CA signed mailpit's certificate
    c.username = "sisl-notifications";
    c.password = "not-checked-by-mailpit";
    c.from = {"noreply@sisl.regione.piemonte.it", "Regione Piemonte - SISL"};
    c.connect_timeout = absl::Seconds(5);
    c.timeout = absl::Seconds(20);
    return c;
  }

  // The mailpit summary of the one message to `address` (polls briefly).
  json FindMessageTo(const std::string& address) {
    json list = Mailpit(api_).WaitFor(address, 1, absl::Seconds(10));
    EXPECT_EQ(list.value("messages_count", 0), 1) << list.dump();
    return list.value("messages", json::array()).empty() ? json() : list["messages"][0];
  }

  // GET `path` on mailpit's API (a test failure when it does not answer).
  std::string Get(const std::string& path) const { return Mailpit(api_).Get(path); }

  std::string smtp_, api_, tls_dir_, host_;
  int port_ = 0;
};

TEST_F(NotificationsSmtpTest, ConfirmationWithCalendarOverStartTlsAndAuth) {
  absl::StatusOr<TemplateCatalogue> catalogue = TemplateCatalogue::Load(testing::Rome());
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  std::vector<testing::Sample> samples = testing::Samples(MessageType::kAppointmentConfirmation);
  ASSERT_FALSE(samples.empty());
  absl::StatusOr<RenderedMessage> rendered = catalogue->Render(
      MessageType::kAppointmentConfirmation, Language::kItalian, samples[0].values);
  ASSERT_TRUE(rendered.ok()) << rendered.status();

  const std::string to = UniqueAddress("mario.rossi", "example.it");
  const std::string key = EventMessageKey(absl::StrCat("evt-", to),
                                          MessageType::kAppointmentConfirmation, Channel::kEmail);
  Email email = EmailFromRendered(*rendered, {to, "Mario Rossi"}, key);
  email.attachment = CalendarAttachment(kIcs);

  absl::StatusOr<std::unique_ptr<SmtpMailer>> mailer = SmtpMailer::Create(Config());
  ASSERT_TRUE(mailer.ok()) << mailer.status();
  absl::StatusOr<SendResult> sent = (*mailer)->Send(email);
  ASSERT_TRUE(sent.ok()) << sent.status();
  EXPECT_EQ(sent->smtp_code, 250);

  json summary = FindMessageTo(to);
  ASSERT_TRUE(summary.is_object());
  EXPECT_EQ(summary["Subject"], rendered->subject);
  EXPECT_EQ(summary["Attachments"], 1);
  EXPECT_EQ(summary["Username"], "sisl-notifications");  // it authenticated (AUTH)
  EXPECT_EQ(summary["MessageID"], sent->message_id.substr(1, sent->message_id.size() - 2));

  json message =
      json::parse(Get(absl::StrCat("/api/v1/message/", summary["ID"].get<std::string>())));
  ASSERT_EQ(message["To"].size(), 1u);
  EXPECT_EQ(message["To"][0]["Address"], to);
  EXPECT_EQ(message["To"][0]["Name"], "Mario Rossi");
  EXPECT_EQ(message["From"]["Address"], "noreply@sisl.regione.piemonte.it");
  EXPECT_EQ(message["From"]["Name"], "Regione Piemonte - SISL");
  EXPECT_EQ(message["Subject"], rendered->subject);
  // both parts, decoded by mailpit: exact UTF-8 text (line ends aside)
  auto trim = [](std::string s) {
    s = absl::StrReplaceAll(s, {{"\r\n", "\n"}});
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
  };
  EXPECT_EQ(trim(message["Text"].get<std::string>()), trim(rendered->text));
  EXPECT_EQ(trim(message["HTML"].get<std::string>()), trim(rendered->html));
  EXPECT_THAT(message["Text"].get<std::string>(), HasSubstr(testing::kLongSite));

  ASSERT_EQ(message["Attachments"].size(), 1u);
  const json& att = message["Attachments"][0];
  EXPECT_EQ(att["FileName"], "appuntamento.ics");
  EXPECT_THAT(att["ContentType"].get<std::string>(), HasSubstr("text/calendar"));
  std::string ics = Get(absl::StrCat("/api/v1/message/", summary["ID"].get<std::string>(), "/part/",
                                     att["PartID"].get<std::string>()));
  EXPECT_EQ(ics, kIcs);
  // it parses as a VCALENDAR with one VEVENT: properly nested, unfolded lines
  std::vector<std::string> stack;
  int events = 0;
  for (absl::string_view line : absl::StrSplit(ics, "\r\n", absl::SkipEmpty())) {
    ASSERT_NE(line.find(':'), absl::string_view::npos) << line;
    if (absl::StartsWith(line, "BEGIN:")) {
      stack.emplace_back(line.substr(6));
      if (line == "BEGIN:VEVENT") {
        ++events;
        EXPECT_EQ(stack.size(), 2u);
      }
    } else if (absl::StartsWith(line, "END:")) {
      ASSERT_FALSE(stack.empty());
      EXPECT_EQ(stack.back(), line.substr(4));
      stack.pop_back();
    }
  }
  EXPECT_TRUE(stack.empty());
  EXPECT_EQ(events, 1);
  EXPECT_TRUE(absl::StartsWith(ics, "BEGIN:VCALENDAR\r\n"));

  // the raw headers: the calendar's content type with its method, the idempotency key
  json headers = json::parse(
      Get(absl::StrCat("/api/v1/message/", summary["ID"].get<std::string>(), "/headers")));
  ASSERT_TRUE(headers.contains("X-Sisl-Idempotency-Key")) << headers.dump();
  EXPECT_EQ(headers["X-Sisl-Idempotency-Key"][0], key);
  std::string raw = Get(absl::StrCat("/api/v1/message/", summary["ID"].get<std::string>(), "/raw"));
  EXPECT_THAT(raw, HasSubstr("Content-Type: text/calendar; method=REQUEST; charset=UTF-8"));
  EXPECT_THAT(raw, HasSubstr("Content-Type: multipart/alternative"));
}

TEST_F(NotificationsSmtpTest, ArabicSubjectArrivesIntact) {
  absl::StatusOr<TemplateCatalogue> catalogue = TemplateCatalogue::Load(testing::Rome());
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  absl::StatusOr<RenderedMessage> rendered =
      catalogue->Render(MessageType::kAppointmentConfirmation, Language::kArabic,
                        testing::Samples(MessageType::kAppointmentConfirmation)[1].values);
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  const std::string to = UniqueAddress("fatima.benali", "example.org");
  absl::StatusOr<std::unique_ptr<SmtpMailer>> mailer = SmtpMailer::Create(Config());
  ASSERT_TRUE(mailer.ok());
  absl::StatusOr<SendResult> sent =
      (*mailer)->Send(EmailFromRendered(*rendered, {to, "فاطمة بنعلي"}, "test:" + to));
  ASSERT_TRUE(sent.ok()) << sent.status();
  json summary = FindMessageTo(to);
  ASSERT_TRUE(summary.is_object());
  EXPECT_EQ(summary["Subject"], rendered->subject);
  EXPECT_EQ(summary["To"][0]["Name"], "فاطمة بنعلي");
}

TEST_F(NotificationsSmtpTest, RefusedRecipientIsPermanent) {
  // mailpit refuses the reserved TLD .invalid (deploy/lib/mailpit.sh) with 550
  absl::StatusOr<std::unique_ptr<SmtpMailer>> mailer = SmtpMailer::Create(Config());
  ASSERT_TRUE(mailer.ok());
  Email email = EmailFromRendered({"Oggetto", "testo", "", "", ""}, {"nessuno@refused.invalid", ""},
                                  "test:refused");
  absl::StatusOr<SendResult> sent = (*mailer)->Send(email);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.status().code(), absl::StatusCode::kInvalidArgument) << sent.status();
  EXPECT_EQ(platform::ErrorReason(sent.status()), "SMTP_PERMANENT");
  EXPECT_EQ(platform::ErrorMetadata(sent.status())["smtp_code"], "550");
  // the same mailer still works afterwards
  const std::string to = UniqueAddress("dopo.rifiuto", "example.it");
  email.to.address = to;
  ASSERT_TRUE((*mailer)->Send(email).ok());
  EXPECT_TRUE(FindMessageTo(to).is_object());
}

TEST_F(NotificationsSmtpTest, UnreachableServerIsTemporary) {
  SmtpConfig c = Config();
  c.port = 1;  // nothing listens on 127.0.0.1:1
  absl::StatusOr<std::unique_ptr<SmtpMailer>> mailer = SmtpMailer::Create(c);
  ASSERT_TRUE(mailer.ok());
  absl::StatusOr<SendResult> sent = (*mailer)->Send(
      EmailFromRendered({"Oggetto", "testo", "", "", ""}, {"a@example.it", ""}, "test:down"));
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.status().code(), absl::StatusCode::kUnavailable) << sent.status();
  EXPECT_EQ(platform::ErrorReason(sent.status()), "SMTP_UNREACHABLE");
  EXPECT_EQ(platform::ErrorMetadata(sent.status())["smtp_code"], "0");
  EXPECT_EQ(ClassifySmtpReply(0), FailureKind::kTemporary);
}

TEST_F(NotificationsSmtpTest, UntrustedCertificateIsRefused) {
  SmtpConfig c = Config();
  c.ca_file = "/etc/ssl/certs/ca-certificates.crt";  // the public CAs: mailpit's test CA is not one
  absl::StatusOr<std::unique_ptr<SmtpMailer>> mailer = SmtpMailer::Create(c);
  ASSERT_TRUE(mailer.ok());
  absl::StatusOr<SendResult> sent = (*mailer)->Send(
      EmailFromRendered({"Oggetto", "testo", "", "", ""}, {"a@example.it", ""}, "test:ca"));
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(platform::ErrorReason(sent.status()), "SMTP_UNREACHABLE") << sent.status();
  // explicitly insecure is allowed for loopback only
  c.insecure_skip_verify_loopback_only = true;
  mailer = SmtpMailer::Create(c);
  ASSERT_TRUE(mailer.ok());
  const std::string to = UniqueAddress("insicuro", "example.it");
  ASSERT_TRUE(
      (*mailer)
          ->Send(EmailFromRendered({"Oggetto", "testo", "", "", ""}, {to, ""}, "test:" + to))
          .ok());
  c.host = "smtp.example.it";
  EXPECT_EQ(platform::ErrorReason(SmtpMailer::Create(c).status()), "SMTP_CONFIG");
}

}  // namespace
}  // namespace sisl::notifications
