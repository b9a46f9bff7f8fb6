// The e-mail channel: a port (EmailChannel) and its adapter over SMTP (SmtpMailer, libcurl).
// SmtpMailer builds the message itself (mime.h) and hands it to libcurl for the SMTP dialogue:
// EHLO, STARTTLS (required unless `tls: none`), AUTH (when a username is configured), MAIL FROM,
// RCPT TO, DATA. Failures carry a reason the caller retries on or not (schedule.h's
// ClassifySmtpReply):
//   UNAVAILABLE          SMTP_TEMPORARY    a 4yz reply (try again later)
//   UNAVAILABLE          SMTP_UNREACHABLE  no reply at all: connection refused, TLS failure,
//                                          timeout (the message may or may not have arrived:
//                                          its Message-ID and X-SISL-Idempotency-Key stay the
//                                          same on a resend)
//   INVALID_ARGUMENT     SMTP_PERMANENT    a 5yz refusing the recipient or the message (550,
//                                          551, 552, 553, 501)
//   FAILED_PRECONDITION  SMTP_PERMANENT    any other 5yz (authentication refused, ...)
// with metadata `smtp_code` and `detail`; an e-mail that cannot be written at all is refused
// before any connection (mime.h's INVALID_ARGUMENT reasons).
#ifndef SISL_SERVICES_NOTIFICATIONS_CHANNELS_SMTP_MAILER_H_
#define SISL_SERVICES_NOTIFICATIONS_CHANNELS_SMTP_MAILER_H_

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/notifications/channels/mime.h"

namespace sisl::notifications {

struct SendResult {
  int smtp_code = 0;       // the final reply to DATA (250)
  std::string message_id;  // the Message-ID header sent
};

// The port: one e-mail to one recipient.
class EmailChannel {
 public:
  virtual ~EmailChannel() = default;
  virtual absl::StatusOr<SendResult> Send(const Email& email) = 0;
};

enum class SmtpTls {
  kStartTls,  // smtp://, STARTTLS required: a server that does not offer it is an error
  kImplicit,  // smtps:// (port 465)
  kNone,      // smtp:// in clear (tests only; AUTH is then refused by careful servers)
};
// "starttls", "tls", "none"; anything else INVALID_ARGUMENT SMTP_CONFIG.
absl::StatusOr<SmtpTls> ParseSmtpTls(absl::string_view name);

struct SmtpConfig {
  std::string host;
  int port = 587;
  SmtpTls tls = SmtpTls::kStartTls;
  std::string ca_file;  // PEM CAs to verify the server with; empty: the system's store
  // Skip certificate verification; honoured only for a loopback host (127.0.0.1, ::1,
  // localhost), refused by Create for any other.
  bool insecure_skip_verify_loopback_only = false;
  std::string username;  // empty: no AUTH
  std::string password;
  Mailbox from;  // the sender of every message
  absl::Duration connect_timeout = absl::Seconds(10);
  absl::Duration timeout = absl::Seconds(60);  // the whole dialogue of one message
};

class SmtpMailer final : public EmailChannel {
 public:
  // INVALID_ARGUMENT SMTP_CONFIG for a config that cannot work (no host, bad port, bad from
  // address, insecure for a remote host).
  static absl::StatusOr<std::unique_ptr<SmtpMailer>> Create(SmtpConfig config);
  ~SmtpMailer() override;

  // Thread-safe; one message at a time per mailer (the connection is reused between sends).
  absl::StatusOr<SendResult> Send(const Email& email) override;
  // The same with a given Date header (tests).
  absl::StatusOr<SendResult> SendAt(const Email& email, absl::Time date);

 private:
  explicit SmtpMailer(SmtpConfig config);

  const SmtpConfig config_;
  const std::string url_;
  absl::Mutex mu_;
  void* curl_ ABSL_GUARDED_BY(mu_) = nullptr;  // CURL*, kept for connection reuse
};

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_CHANNELS_SMTP_MAILER_H_
