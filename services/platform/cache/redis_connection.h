#ifndef SISL_PLATFORM_CACHE_REDIS_CONNECTION_H_
#define SISL_PLATFORM_CACHE_REDIS_CONNECTION_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/platform/cache/redis_tls.h"

struct redisReader;
struct redisReply;
struct ssl_st;  // SSL

namespace sisl::platform::cache {

struct RedisReplyDeleter {
  void operator()(redisReply* reply) const;
};
// A parsed reply (hiredis' reply objects: type, str/len, integer, element/elements).
using RedisReplyPtr = std::unique_ptr<redisReply, RedisReplyDeleter>;

// One synchronous connection to Redis over TCP, optionally inside TLS. hiredis serves only as the
// protocol codec (redisFormatCommandArgv, the reply reader); the socket is non-blocking and every
// wait is a poll() bounded by a deadline, so no call outlives its timeout. Any error leaves the
// connection unusable: the caller drops it. Errors are UNAVAILABLE with a message naming the
// server ("redis 127.0.0.1:6380: TLS handshake failed: ..."); they never contain arguments.
// Not thread-safe: one user at a time (the pool hands each connection to one caller).
class RedisConnection final {
 public:
  struct Options {
    std::string host;
    int port = 0;
    absl::Duration connect_timeout;  // resolve excluded: TCP connect plus the TLS handshake
    absl::Duration command_timeout;  // per command: sending it and reading its reply
    // TLS with this context when not null; not owned, outlives the connection.
    ssl_ctx_st* tls = nullptr;
    // The name or IP address the server's certificate must carry, and the SNI when a name.
    // Empty: `host`.
    std::string server_name = {};
  };

  static absl::StatusOr<std::unique_ptr<RedisConnection>> Connect(const Options& options);

  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends one command and reads its reply. A Redis error reply is a reply, not an error.
  absl::StatusOr<RedisReplyPtr> Command(const std::vector<absl::string_view>& args);

 private:
  // Owns a file descriptor (-1 for none).
  class UniqueFd final {
   public:
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    UniqueFd& operator=(UniqueFd&&) = delete;
    ~UniqueFd();
    int get() const { return fd_; }

   private:
    int fd_;
  };
  struct SslDeleter {
    void operator()(ssl_st* ssl) const;
  };
  struct ReaderDeleter {
    void operator()(redisReader* reader) const;
  };

  RedisConnection(std::string address, UniqueFd fd, absl::Duration command_timeout);
  static absl::StatusOr<UniqueFd> ConnectTcp(const Options& options, const std::string& address,
                                             absl::Time deadline);

  absl::Status StartTls(ssl_ctx_st* ctx, const std::string& server_name, absl::Time deadline,
                        absl::Duration timeout);
  // Repeats an SSL call (handshake, read, write), waiting for the socket in between, until it
  // succeeds; returns its result (> 0). `timeout` is for the message.
  template <typename Call>
  absl::StatusOr<int> TlsCall(absl::string_view what, absl::Time deadline, absl::Duration timeout,
                              Call call);
  absl::Status WriteAll(absl::string_view data, absl::Time deadline);
  absl::StatusOr<size_t> ReadSome(char* buffer, size_t size, absl::Time deadline);
  absl::Status Failure(absl::string_view message);

  const std::string address_;  // host:port, for messages
  const absl::Duration command_timeout_;
  const UniqueFd fd_;
  std::unique_ptr<ssl_st, SslDeleter> ssl_;  // null for plain TCP; freed before the fd closes
  const std::unique_ptr<redisReader, ReaderDeleter> reader_;
  bool broken_ = false;  // after an error: no close_notify, no further use
};

}  // namespace sisl::platform::cache

#endif  // SISL_PLATFORM_CACHE_REDIS_CONNECTION_H_
