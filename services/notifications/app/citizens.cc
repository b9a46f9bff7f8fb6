#include "services/notifications/app/citizens.h"

#include <algorithm>
#include <optional>

#include "absl/strings/escaping.h"
#include "services/notifications/channels/mime.h"
#include "services/notifications/channels/sms_gateway.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::notifications {
namespace {

using platform::auth::Caller;
using platform::auth::Role;
using platform::db::Transaction;

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 200;

absl::StatusOr<std::string> CitizenPerson(const Deps& deps, const Caller& caller) {
  if (caller.role != Role::kCitizen || caller.fiscal_code.empty()) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "CITIZENS_ONLY",
                           "only a citizen logged in with SPID or CIE has notification settings");
  }
  return deps.person_ids.PersonId(caller.fiscal_code);
}

absl::Status RequireStaff(const Caller& caller) {
  if (caller.role == Role::kOperator || caller.role == Role::kAdmin) return absl::OkStatus();
  return platform::Error(absl::StatusCode::kPermissionDenied, "STAFF_ONLY",
                         "only operators and administrators see undelivered messages");
}

// A page of messages read with `read(tx, after_key, limit + 1)`.
template <typename Read>
absl::StatusOr<MessagePage> Page(const Deps& deps, const std::string& query, int page_size,
                                 const std::string& page_token, Read read) {
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, kDefaultPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(std::string after, platform::DecodePageToken(page_token, query));
  MessagePage page;
  RETURN_IF_ERROR(platform::db::InTransaction(deps.db, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(page.messages, read(tx, after, size + 1));
    return absl::OkStatus();
  }));
  if (static_cast<int>(page.messages.size()) > size) {
    page.messages.resize(size);
    page.next_page_token = platform::EncodePageToken(page.messages.back().idempotency_key, query);
  }
  return page;
}

}  // namespace

std::string MessageIdOf(const std::string& idempotency_key) {
  return absl::WebSafeBase64Escape(idempotency_key);
}

absl::StatusOr<std::string> IdempotencyKeyOf(const std::string& message_id) {
  std::string key;
  if (message_id.empty() || !absl::WebSafeBase64Unescape(message_id, &key) || key.empty()) {
    return platform::InvalidField("INVALID_MESSAGE_ID", "message_id", "not a message id");
  }
  return key;
}

absl::StatusOr<store::Preferences> Citizens::GetMine(const Caller& caller) {
  ASSIGN_OR_RETURN(std::string person, CitizenPerson(deps_, caller));
  std::optional<store::Preferences> found;
  RETURN_IF_ERROR(platform::db::InTransaction(deps_.db, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(found, store::PreferenceStore::Get(tx, person));
    return absl::OkStatus();
  }));
  if (found.has_value()) return *found;
  store::Preferences defaults;
  defaults.person_id = person;
  return defaults;
}

absl::StatusOr<store::Preferences> Citizens::UpdateMine(const Caller& caller,
                                                        store::Preferences preferences) {
  ASSIGN_OR_RETURN(std::string person, CitizenPerson(deps_, caller));
  if (!preferences.email.empty() && !ValidateAddress(preferences.email, "preferences.email").ok()) {
    return platform::InvalidField("INVALID_EMAIL_ADDRESS", "preferences.email",
                                  "not an e-mail address (name@domain)");
  }
  if (!preferences.mobile.empty() && !ValidateMobileNumber(preferences.mobile).ok()) {
    return platform::InvalidField("INVALID_PHONE_NUMBER", "preferences.mobile",
                                  "not a mobile number in international form (+39 3...)");
  }
  preferences.person_id = person;
  preferences.updated_at = deps_.clock.Now();
  RETURN_IF_ERROR(platform::db::InTransaction(
      deps_.db, [&](Transaction& tx) { return store::PreferenceStore::Put(tx, preferences); }));
  return GetMine(caller);
}

absl::StatusOr<MessagePage> Citizens::ListMine(const Caller& caller, int page_size,
                                               const std::string& page_token) {
  ASSIGN_OR_RETURN(std::string person, CitizenPerson(deps_, caller));
  return Page(deps_, "mine", page_size, page_token,
              [&](Transaction& tx, const std::string& after, int limit) {
                return store::MessageLedger::OfPerson(tx, person, after, limit);
              });
}

absl::StatusOr<MessagePage> DeadLetters::List(const Caller& caller, int page_size,
                                              const std::string& page_token) {
  RETURN_IF_ERROR(RequireStaff(caller));
  return Page(deps_, "dead", page_size, page_token,
              [&](Transaction& tx, const std::string& after, int limit) {
                return store::MessageLedger::ListDead(tx, after, limit);
              });
}

absl::StatusOr<store::OutgoingMessage> DeadLetters::Retry(const Caller& caller,
                                                          const std::string& message_id) {
  RETURN_IF_ERROR(RequireStaff(caller));
  ASSIGN_OR_RETURN(std::string key, IdempotencyKeyOf(message_id));
  std::optional<store::OutgoingMessage> message;
  RETURN_IF_ERROR(platform::db::InTransaction(deps_.db, [&](Transaction& tx) -> absl::Status {
    RETURN_IF_ERROR(store::MessageLedger::Retry(tx, key, deps_.clock.Now()));
    ASSIGN_OR_RETURN(message, store::MessageLedger::Find(tx, key));
    return absl::OkStatus();
  }));
  // Staff ids are pseudonymous; the message id names no person.
  platform::log::Info("dead letter queued again",
                      {{"staff", caller.subject}, {"message_id", message_id}});
  return *message;
}

absl::StatusOr<DeadLetters::Figures> DeadLetters::Stats(const Caller& caller) {
  RETURN_IF_ERROR(RequireStaff(caller));
  Figures figures;
  RETURN_IF_ERROR(platform::db::InTransaction(deps_.db, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(figures.counts, store::MessageLedger::Counts(tx));
    return absl::OkStatus();
  }));
  if (figures.counts.oldest_queued_at.has_value()) {
    figures.oldest_queued_age =
        std::max(absl::ZeroDuration(), deps_.clock.Now() - *figures.counts.oldest_queued_at);
  }
  return figures;
}

}  // namespace sisl::notifications
