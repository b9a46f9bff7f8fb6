#include "services/communications/app/read_ahead_source.h"

#include <utility>

namespace sisl::communications {

ReadAheadSource::ReadAheadSource(std::unique_ptr<BulkSource> source, size_t capacity)
    : source_(std::move(source)), capacity_(capacity == 0 ? 1 : capacity) {
  reader_ = std::thread([this] { Run(); });
}

ReadAheadSource::~ReadAheadSource() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  reader_.join();
}

void ReadAheadSource::Run() {
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      auto room = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stopping_ || ready_.size() < capacity_;
      };
      mu_.Await(absl::Condition(&room));
      if (stopping_) return;
    }
    Item item = source_->Next();
    const bool last = !item.ok() || !item->has_value();
    absl::MutexLock lock(&mu_);
    ready_.push_back(std::move(item));
    if (last) {
      ended_ = true;
      return;
    }
  }
}

absl::StatusOr<std::optional<BulkRecord>> ReadAheadSource::Next() {
  if (last_) return *last_;
  Item item = std::optional<BulkRecord>();
  {
    absl::MutexLock lock(&mu_);
    auto available = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !ready_.empty(); };
    mu_.Await(absl::Condition(&available));
    item = std::move(ready_.front());
    ready_.pop_front();
    if (ended_ && ready_.empty()) last_ = item;  // the end or the error: answered again after
  }
  return item;
}

}  // namespace sisl::communications
