#include "services/communications/forwarding/spool_directory_node.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::forwarding {
namespace {

namespace fs = std::filesystem;

absl::Status Unavailable(absl::string_view what, absl::string_view detail) {
  return platform::Error(absl::StatusCode::kUnavailable, "SPOOL_UNAVAILABLE",
                         absl::StrCat("the forwarding spool ", what, ": ", detail));
}

absl::Status NotSpooled() {
  return platform::Error(absl::StatusCode::kNotFound, "NOT_SPOOLED",
                         "this communication is not in the spool");
}

absl::Status CheckCode(const std::string& code) {
  bool ok = code.size() == 16;
  for (char ch : code) ok = ok && (absl::ascii_isdigit(ch) || absl::ascii_isupper(ch));
  if (ok) return absl::OkStatus();
  return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_CODE",
                         "a communication code is 16 digits and capital letters");
}

// A file descriptor closed when it goes out of scope.
class Fd final {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the error close() may give.
  bool Close() { return ::close(std::exchange(fd_, -1)) == 0; }

 private:
  int fd_;
};

// Writes `content` to `path` and syncs it to disk.
absl::Status WriteSynced(const fs::path& path, const std::string& content) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640));
  if (fd.get() < 0) return Unavailable("cannot create a file", std::strerror(errno));
  for (size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Unavailable("cannot write a file", std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd.get()) != 0 || !fd.Close()) {
    return Unavailable("cannot sync a file", std::strerror(errno));
  }
  return absl::OkStatus();
}

// Makes a rename in `dir` durable.
void SyncDirectory(const fs::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) ::fsync(fd.get());
}

bool Exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

}  // namespace

absl::StatusOr<std::unique_ptr<SpoolDirectoryNode>> SpoolDirectoryNode::Open(const fs::path& dir) {
  for (const char* sub : {"outbox", "sent", "ack"}) {
    std::error_code ec;
    fs::create_directories(dir / sub, ec);
    if (ec) return Unavailable(absl::StrCat("cannot create ", (dir / sub).string()), ec.message());
  }
  return std::unique_ptr<SpoolDirectoryNode>(new SpoolDirectoryNode(dir));
}

fs::path SpoolDirectoryNode::Outbox(const std::string& code) const {
  return dir_ / "outbox" / absl::StrCat(code, ".xml");
}
fs::path SpoolDirectoryNode::Sent(const std::string& code) const {
  return dir_ / "sent" / absl::StrCat(code, ".xml");
}
fs::path SpoolDirectoryNode::Ack(const std::string& code) const {
  return dir_ / "ack" / absl::StrCat(code, ".ack");
}

absl::StatusOr<std::string> SpoolDirectoryNode::Send(const std::string& code,
                                                     const std::string& xml) {
  RETURN_IF_ERROR(CheckCode(code));
  if (Exists(Sent(code)) || Exists(Ack(code))) return code;  // already handed over
  // A name of its own per call, so concurrent sends of one code do not share a temporary.
  const fs::path temp =
      dir_ / "outbox" / absl::StrCat(".", code, ".", platform::NewUuidV7(), ".tmp");
  if (absl::Status written = WriteSynced(temp, xml); !written.ok()) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    return written;
  }
  std::error_code ec;
  fs::rename(temp, Outbox(code), ec);  // atomic within the directory; replaces an older copy
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    return Unavailable("cannot rename into outbox/", ec.message());
  }
  SyncDirectory(dir_ / "outbox");
  return code;
}

absl::StatusOr<SpoolState> SpoolDirectoryNode::StateOf(const std::string& code) const {
  RETURN_IF_ERROR(CheckCode(code));
  if (Exists(Ack(code))) return SpoolState::kAcknowledged;
  if (Exists(Sent(code))) return SpoolState::kSent;
  if (Exists(Outbox(code))) return SpoolState::kToSend;
  return NotSpooled();
}

absl::StatusOr<bool> SpoolDirectoryNode::Acknowledged(const std::string& receipt_id) {
  ASSIGN_OR_RETURN(SpoolState state, StateOf(receipt_id));
  return state == SpoolState::kAcknowledged;
}

absl::Status SpoolDirectoryNode::MarkTransferred(const std::string& code) {
  RETURN_IF_ERROR(CheckCode(code));
  std::error_code ec;
  fs::rename(Outbox(code), Sent(code), ec);
  if (ec == std::errc::no_such_file_or_directory) return NotSpooled();
  if (ec) return Unavailable("cannot move into sent/", ec.message());
  SyncDirectory(dir_ / "sent");
  return absl::OkStatus();
}

}  // namespace sisl::communications::forwarding
