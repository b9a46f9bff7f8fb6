#include "services/notifications/channels/smtp_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/notifications/domain/schedule.h"
#include "services/platform/errors.h"

namespace sisl::notifications {
namespace {

absl::Status ConfigError(absl::string_view why) {
  return platform::Error(absl::StatusCode::kInvalidArgument, "SMTP_CONFIG",
                         absl::StrCat("smtp: ", why));
}

bool IsLoopback(absl::string_view host) {
  return host == "127.0.0.1" || host == "::1" || host == "[::1]" ||
         absl::AsciiStrToLower(host) == "localhost" || host.substr(0, 4) == "127.";
}

struct Upload {
  const std::string* data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  size_t n = std::min(size * count, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

// Recipient or message refused for good: the same e-mail will never go through.
bool RefusesMessage(int code) {
  return code == 550 || code == 551 || code == 552 || code == 553 || code == 501;
}

}  // namespace

absl::StatusOr<SmtpTls> ParseSmtpTls(absl::string_view name) {
  if (name == "starttls") return SmtpTls::kStartTls;
  if (name == "tls") return SmtpTls::kImplicit;
  if (name == "none") return SmtpTls::kNone;
  return ConfigError(absl::StrCat("tls must be starttls, tls or none, not \"", name, "\""));
}

absl::StatusOr<std::unique_ptr<SmtpMailer>> SmtpMailer::Create(SmtpConfig config) {
  if (config.host.empty() || config.host.find_first_of("/?#@ \r\n") != std::string::npos) {
    return ConfigError("host missing or not a host name");
  }
  if (config.port <= 0 || config.port > 65535) return ConfigError("port out of range");
  if (config.insecure_skip_verify_loopback_only && !IsLoopback(config.host)) {
    return ConfigError("certificate checks can be skipped only for a loopback host");
  }
  if (absl::Status s = ValidateAddress(config.from.address, "from"); !s.ok()) {
    return ConfigError(s.message());
  }
  if (config.username.find_first_of("\r\n") != std::string::npos ||
      config.password.find_first_of("\r\n") != std::string::npos) {
    return ConfigError("line breaks in the credentials");
  }
  static std::once_flag curl_init;
  std::call_once(curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::unique_ptr<SmtpMailer>(new SmtpMailer(std::move(config)));
}

SmtpMailer::SmtpMailer(SmtpConfig config)
    : config_(std::move(config)),
      // the path is the EHLO name: the sender's domain
      url_(absl::StrCat(config_.tls == SmtpTls::kImplicit ? "smtps://" : "smtp://",
                        config_.host.find(':') != std::string::npos && config_.host.front() != '['
                            ? absl::StrCat("[", config_.host, "]")
                            : config_.host,
                        ":", config_.port, "/",
                        config_.from.address.substr(config_.from.address.rfind('@') + 1))) {}

SmtpMailer::~SmtpMailer() {
  absl::MutexLock lock(&mu_);
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

absl::StatusOr<SendResult> SmtpMailer::Send(const Email& email) {
  return SendAt(email, absl::Now());
}

absl::StatusOr<SendResult> SmtpMailer::SendAt(const Email& email, absl::Time date) {
  absl::StatusOr<std::string> message = BuildMimeMessage(email, config_.from, date);
  if (!message.ok()) return message.status();
  SendResult result;
  result.message_id = MessageIdFor(email.idempotency_key, config_.from.address);

  absl::MutexLock lock(&mu_);
  if (curl_ == nullptr) curl_ = curl_easy_init();
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return absl::InternalError("smtp: curl_easy_init failed");
  curl_easy_reset(curl);  // keeps the open connection

  const std::string mail_from = absl::StrCat("<", config_.from.address, ">");
  const std::string rcpt = absl::StrCat("<", email.to.address, ">");
  curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
  Upload upload{&*message};
  char error[CURL_ERROR_SIZE] = {0};

  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(config_.connect_timeout)));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(config_.timeout)));
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   config_.tls == SmtpTls::kNone ? CURLUSESSL_NONE : CURLUSESSL_ALL);
  if (!config_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, config_.ca_file.c_str());
  if (config_.insecure_skip_verify_loopback_only) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!config_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message->size()));

  CURLcode rc = curl_easy_perform(curl);
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_slist_free_all(recipients);

  result.smtp_code = static_cast<int>(code);
  if (rc == CURLE_OK) return result;

  const std::string detail = error[0] != '\0' ? error : curl_easy_strerror(rc);
  const std::map<std::string, std::string> metadata = {
      {"smtp_code", absl::StrCat(code)}, {"detail", detail}, {"curl_code", absl::StrCat(rc)}};
  // A failure with no error reply (connection, TLS, timeout; or a 2yz/3yz that came last)
  if (code < 400 || code > 599) {
    return platform::Error(absl::StatusCode::kUnavailable, "SMTP_UNREACHABLE",
                           absl::StrCat("smtp ", url_, ": ", detail), metadata);
  }
  if (ClassifySmtpReply(static_cast<int>(code)) == FailureKind::kTemporary) {
    return platform::Error(absl::StatusCode::kUnavailable, "SMTP_TEMPORARY",
                           absl::StrCat("smtp: temporary failure ", code, ": ", detail), metadata);
  }
  return platform::Error(
      RefusesMessage(static_cast<int>(code)) ? absl::StatusCode::kInvalidArgument
                                             : absl::StatusCode::kFailedPrecondition,
      "SMTP_PERMANENT", absl::StrCat("smtp: permanent failure ", code, ": ", detail), metadata);
}

}  // namespace sisl::notifications
