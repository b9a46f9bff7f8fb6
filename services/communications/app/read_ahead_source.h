// A BulkSource read ahead on a thread of its own: the next records are parsed and checked
// against their XSD while the processor files the current batch (the two cores' worth of the
// work overlap). At most `capacity` records wait; destroying it stops the reader.
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_READ_AHEAD_SOURCE_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_READ_AHEAD_SOURCE_H_

#include <deque>
#include <memory>
#include <optional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/communications/app/bulk_source.h"

namespace sisl::communications {

class ReadAheadSource final {
 public:
  ReadAheadSource(std::unique_ptr<BulkSource> source, size_t capacity);
  ~ReadAheadSource();
  ReadAheadSource(const ReadAheadSource&) = delete;
  ReadAheadSource& operator=(const ReadAheadSource&) = delete;

  // As BulkSource::Next, in the same order.
  absl::StatusOr<std::optional<BulkRecord>> Next();

 private:
  using Item = absl::StatusOr<std::optional<BulkRecord>>;
  void Run();

  std::unique_ptr<BulkSource> source_;  // used by the reader thread only
  const size_t capacity_;
  absl::Mutex mu_;
  std::deque<Item> ready_ ABSL_GUARDED_BY(mu_);
  bool ended_ ABSL_GUARDED_BY(mu_) = false;  // the last item (end or error) is in ready_
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::optional<Item> last_;  // the end or the error, repeated once reached
  std::thread reader_;
};

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_READ_AHEAD_SOURCE_H_
