#include "services/communications/forwarding/fake_national_node.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::communications::forwarding {

absl::StatusOr<std::string> FakeNationalNode::Send(const std::string& code,
                                                   const std::string& xml) {
  absl::MutexLock lock(&mu_);
  ++send_calls_;
  if (failing_sends_ > 0) {
    --failing_sends_;
    return send_failure_;
  }
  std::string receipt_id = absl::StrCat("node-", received_.size() + 1, "-", code);
  received_.push_back({code, xml, receipt_id});
  polls_[receipt_id] = 0;
  return receipt_id;
}

absl::StatusOr<bool> FakeNationalNode::Acknowledged(const std::string& receipt_id) {
  absl::MutexLock lock(&mu_);
  if (failing_polls_ > 0) {
    --failing_polls_;
    return poll_failure_;
  }
  auto it = polls_.find(receipt_id);
  if (it == polls_.end()) {
    return platform::Error(absl::StatusCode::kNotFound, "UNKNOWN_RECEIPT",
                           "the node knows no such receipt");
  }
  return ++it->second >= polls_before_ack_;
}

void FakeNationalNode::FailSends(int n, absl::Status status) {
  absl::MutexLock lock(&mu_);
  failing_sends_ = n;
  send_failure_ = std::move(status);
}

void FakeNationalNode::FailPolls(int n, absl::Status status) {
  absl::MutexLock lock(&mu_);
  failing_polls_ = n;
  poll_failure_ = std::move(status);
}

void FakeNationalNode::set_polls_before_ack(int n) {
  absl::MutexLock lock(&mu_);
  polls_before_ack_ = n;
}

std::vector<FakeNationalNode::Received> FakeNationalNode::received() const {
  absl::MutexLock lock(&mu_);
  return received_;
}

int FakeNationalNode::SendsOf(const std::string& code) const {
  absl::MutexLock lock(&mu_);
  int n = 0;
  for (const Received& r : received_) n += r.code == code ? 1 : 0;
  return n;
}

int FakeNationalNode::send_calls() const {
  absl::MutexLock lock(&mu_);
  return send_calls_;
}

int FakeNationalNode::PollsOf(const std::string& receipt_id) const {
  absl::MutexLock lock(&mu_);
  auto it = polls_.find(receipt_id);
  return it == polls_.end() ? 0 : it->second;
}

}  // namespace sisl::communications::forwarding
