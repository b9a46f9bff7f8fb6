// The national node as a spool directory. SISL cannot reach the Ministry's node from its
// machines; in production an external transfer agent (the region's SFTP/SPCoop gateway
// client) watches the directory, transfers each file and reports back through it:
//
//   <dir>/outbox/<code>.xml  written by SISL (Send), atomically: a temporary ".<code>.*.tmp"
//                            beside it (the agent ignores names starting with '.') is written,
//                            synced and renamed into place. Status: to send.
//   <dir>/sent/<code>.xml    the agent moves the file here once it has transferred it. Status:
//                            sent (MarkTransferred does the same move, for an agent that calls
//                            SISL's library or for tests).
//   <dir>/ack/<code>.ack     the agent drops the node's acknowledgement here (its content is the
//                            node's answer, kept as is). Status: acknowledged.
//
// The receipt id Send returns is the communication code (the file's name). Codes are checked
// against [0-9A-Z]{16} before they become file names. Safe to use from several threads and
// processes on the same directory.
#ifndef SISL_SERVICES_COMMUNICATIONS_FORWARDING_SPOOL_DIRECTORY_NODE_H_
#define SISL_SERVICES_COMMUNICATIONS_FORWARDING_SPOOL_DIRECTORY_NODE_H_

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/communications/forwarding/national_node.h"

namespace sisl::communications::forwarding {

enum class SpoolState { kToSend, kSent, kAcknowledged };

class SpoolDirectoryNode final : public NationalNode {
 public:
  // Creates outbox/, sent/ and ack/ under `dir` when missing; UNAVAILABLE (reason
  // SPOOL_UNAVAILABLE) when it cannot.
  static absl::StatusOr<std::unique_ptr<SpoolDirectoryNode>> Open(const std::filesystem::path& dir);

  // Writes outbox/<code>.xml (replacing an earlier copy still there); a code already in sent/ or
  // ack/ is not written again (an at-least-once resend). INVALID_ARGUMENT (INVALID_CODE) for a
  // code that cannot be a file name, UNAVAILABLE (SPOOL_UNAVAILABLE) on I/O errors.
  absl::StatusOr<std::string> Send(const std::string& code, const std::string& xml) override;

  // True when ack/<code>.ack exists; false while the file waits in outbox/ or sent/; NOT_FOUND
  // (NOT_SPOOLED) when the code is nowhere.
  absl::StatusOr<bool> Acknowledged(const std::string& receipt_id) override;

  // Where the code's file is; NOT_FOUND (NOT_SPOOLED) when nowhere.
  absl::StatusOr<SpoolState> StateOf(const std::string& code) const;

  // The agent's move outbox/<code>.xml -> sent/<code>.xml; NOT_FOUND when not in outbox/.
  absl::Status MarkTransferred(const std::string& code);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  explicit SpoolDirectoryNode(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path Outbox(const std::string& code) const;
  std::filesystem::path Sent(const std::string& code) const;
  std::filesystem::path Ack(const std::string& code) const;

  const std::filesystem::path dir_;
};

}  // namespace sisl::communications::forwarding

#endif  // SISL_SERVICES_COMMUNICATIONS_FORWARDING_SPOOL_DIRECTORY_NODE_H_
