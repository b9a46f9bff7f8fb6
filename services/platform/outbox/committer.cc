#include "services/platform/outbox/committer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/platform/log.h"
#include "services/platform/outbox/outbox.h"
#include "services/platform/outbox/topics.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::outbox {

absl::Status EventWriter::Emit(const std::string& subject, const google::protobuf::Message& data) {
  const std::string& topic = events::TopicOf(*data.GetDescriptor());
  if (topic.empty()) {
    return absl::InternalError(
        absl::StrCat(data.GetDescriptor()->full_name(), " declares no (sisl.events.v1.topic)"));
  }
  pending_.push_back(OutboxRow(
      {source_, topic, subject, log::CurrentCorrelationId(), CurrentCausationId()}, data, clock_));
  ++emitted_;
  if (pending_.size() >= kFlushEvery) return Flush();
  return absl::OkStatus();
}

absl::Status EventWriter::Append(const std::vector<std::vector<db::Value>>& rows) {
  pending_.insert(pending_.end(), rows.begin(), rows.end());
  emitted_ += static_cast<int>(rows.size());
  return absl::OkStatus();  // Flush writes them in as few statements as the rows allow
}

absl::Status EventWriter::Flush() {
  if (pending_.empty() || tx_ == nullptr) return absl::OkStatus();
  RETURN_IF_ERROR(AppendRows(*tx_, pending_));
  pending_.clear();
  return absl::OkStatus();
}

Committer::Committer(db::Database& db, const Clock& clock, std::string source,
                     std::function<void()> wake_relay)
    : db_(db), clock_(clock), source_(std::move(source)), wake_relay_(std::move(wake_relay)) {}

absl::Status Committer::Commit(
    absl::FunctionRef<absl::Status(db::Transaction&, EventWriter&)> change) {
  int emitted = 0;
  RETURN_IF_ERROR(db::InTransaction(db_, [&](db::Transaction& tx) -> absl::Status {
    EventWriter events(tx, clock_, source_);
    RETURN_IF_ERROR(change(tx, events));
    RETURN_IF_ERROR(events.Flush());
    emitted = events.emitted();
    return absl::OkStatus();
  }));
  if (emitted > 0 && wake_relay_) wake_relay_();
  return absl::OkStatus();
}

}  // namespace sisl::platform::outbox
