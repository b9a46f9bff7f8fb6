#include "services/platform/cache/redis_connection.h"

#include <arpa/inet.h>
#include <hiredis/hiredis.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::cache {
namespace {

bool Retriable(int error) { return error == EAGAIN || error == EWOULDBLOCK || error == EINTR; }

absl::Status Unavailable(absl::string_view address, absl::string_view message) {
  return absl::UnavailableError(absl::StrCat("redis ", address, ": ", message));
}

// Waits until `fd` is ready for `events` or `deadline` passes (`timeout` is for the message).
absl::Status Wait(int fd, int events, absl::Time deadline, absl::Duration timeout,
                  absl::string_view what) {
  while (true) {
    const absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError(
          absl::StrCat(what, " timed out after ", absl::FormatDuration(timeout)));
    }
    pollfd p = {fd, static_cast<short>(events), 0};
    const int n =
        poll(&p, 1,
             static_cast<int>(absl::ToInt64Milliseconds(absl::Ceil(left, absl::Milliseconds(1)))));
    // Ready, or an error or hang-up that the next read or write reports.
    if (n > 0) return absl::OkStatus();
    if (n < 0 && errno != EINTR) {
      return absl::UnavailableError(absl::StrCat("poll: ", ErrnoText(errno)));
    }
  }
}

struct AddrinfoDeleter {
  void operator()(addrinfo* a) const { freeaddrinfo(a); }
};
struct CommandDeleter {
  void operator()(char* command) const { redisFreeCommand(command); }
};

}  // namespace

void RedisReplyDeleter::operator()(redisReply* reply) const { freeReplyObject(reply); }
void RedisConnection::SslDeleter::operator()(ssl_st* ssl) const { SSL_free(ssl); }
void RedisConnection::ReaderDeleter::operator()(redisReader* r) const { redisReaderFree(r); }

RedisConnection::UniqueFd::~UniqueFd() {
  if (fd_ >= 0) close(fd_);
}

RedisConnection::RedisConnection(std::string address, UniqueFd fd, absl::Duration command_timeout)
    : address_(std::move(address)),
      command_timeout_(command_timeout),
      fd_(std::move(fd)),
      reader_(redisReaderCreate()) {}

RedisConnection::~RedisConnection() {
  if (ssl_ != nullptr && !broken_) {
    SSL_shutdown(ssl_.get());  // close_notify, best effort: the socket is non-blocking
    ERR_clear_error();
  }
}

absl::Status RedisConnection::Failure(absl::string_view message) {
  broken_ = true;
  return Unavailable(address_, message);
}

absl::StatusOr<std::unique_ptr<RedisConnection>> RedisConnection::Connect(const Options& options) {
  std::string address = absl::StrCat(options.host, ":", options.port);
  const absl::Time deadline = absl::Now() + options.connect_timeout;
  ASSIGN_OR_RETURN(UniqueFd fd, ConnectTcp(options, address, deadline));
  std::unique_ptr<RedisConnection> connection(
      new RedisConnection(std::move(address), std::move(fd), options.command_timeout));
  if (connection->reader_ == nullptr) return connection->Failure("out of memory");
  if (options.tls != nullptr) {
    RETURN_IF_ERROR(connection->StartTls(
        options.tls, options.server_name.empty() ? options.host : options.server_name, deadline,
        options.connect_timeout));
  }
  return connection;
}

absl::StatusOr<RedisConnection::UniqueFd> RedisConnection::ConnectTcp(const Options& options,
                                                                      const std::string& address,
                                                                      absl::Time deadline) {
  addrinfo hints = {};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = absl::StrCat(options.port);
  if (const int rc = getaddrinfo(options.host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return Unavailable(address, absl::StrCat("cannot resolve the host: ", gai_strerror(rc)));
  }
  const std::unique_ptr<addrinfo, AddrinfoDeleter> addresses(found);
  std::string error = "no address";
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    UniqueFd fd(
        socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
    if (fd.get() < 0) {
      error = absl::StrCat("socket: ", ErrnoText(errno));
      continue;
    }
    if (connect(fd.get(), a->ai_addr, a->ai_addrlen) != 0) {
      if (errno != EINPROGRESS && errno != EINTR) {
        error = absl::StrCat("connect: ", ErrnoText(errno));
        continue;
      }
      if (absl::Status ready =
              Wait(fd.get(), POLLOUT, deadline, options.connect_timeout, "connect");
          !ready.ok()) {
        error = std::string(ready.message());
        continue;
      }
      int so_error = 0;
      socklen_t length = sizeof(so_error);
      if (getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &so_error, &length) != 0) so_error = errno;
      if (so_error != 0) {
        error = absl::StrCat("connect: ", ErrnoText(so_error));
        continue;
      }
    }
    const int one = 1;
    setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
  }
  return Unavailable(address, error);
}

absl::Status RedisConnection::StartTls(ssl_ctx_st* ctx, const std::string& server_name,
                                       absl::Time deadline, absl::Duration timeout) {
  ERR_clear_error();
  ssl_.reset(SSL_new(ctx));
  BIO* bio = ssl_ != nullptr ? NewRedisSocketBio(fd_.get()) : nullptr;
  if (bio == nullptr) return Failure("TLS setup failed: " + TakeTlsErrors());
  SSL_set_bio(ssl_.get(), bio, bio);  // owned by the SSL from here
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl_.get());
  unsigned char ip[sizeof(in6_addr)];
  bool ok;
  if (inet_pton(AF_INET, server_name.c_str(), ip) == 1 ||
      inet_pton(AF_INET6, server_name.c_str(), ip) == 1) {
    ok = X509_VERIFY_PARAM_set1_ip_asc(param, server_name.c_str()) == 1;
  } else {
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    ok = X509_VERIFY_PARAM_set1_host(param, server_name.c_str(), 0) == 1 &&
         SSL_set_tlsext_host_name(ssl_.get(), server_name.c_str()) == 1;
  }
  if (!ok) return Failure(absl::StrCat("TLS setup failed: bad server name '", server_name, "'"));
  SSL_set_connect_state(ssl_.get());
  return TlsCall("TLS handshake", deadline, timeout, [&] { return SSL_connect(ssl_.get()); })
      .status();
}

template <typename Call>
absl::StatusOr<int> RedisConnection::TlsCall(absl::string_view what, absl::Time deadline,
                                             absl::Duration timeout, Call call) {
  while (true) {
    ERR_clear_error();
    errno = 0;
    const int n = call();
    const int saved_errno = errno;
    if (n > 0) return n;
    const int error = SSL_get_error(ssl_.get(), n);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
      const int events = error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
      absl::Status ready = Wait(fd_.get(), events, deadline, timeout, what);
      if (!ready.ok()) return Failure(ready.message());
      continue;
    }
    std::string text;
    if (error == SSL_ERROR_ZERO_RETURN ||
        (error == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 && saved_errno == 0)) {
      text = "connection closed by server";
    } else if (error == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) {
      text = ErrnoText(saved_errno);
    } else {
      text = TakeTlsErrors();
      if (const long verify = SSL_get_verify_result(ssl_.get()); verify != X509_V_OK) {
        absl::StrAppend(&text, " (", X509_verify_cert_error_string(verify), ")");
      }
    }
    ERR_clear_error();
    return Failure(absl::StrCat(what, " failed: ", text));
  }
}

absl::Status RedisConnection::WriteAll(absl::string_view data, absl::Time deadline) {
  while (!data.empty()) {
    if (ssl_ != nullptr) {
      const int size = static_cast<int>(std::min<size_t>(data.size(), 1 << 20));
      auto write = [&] { return SSL_write(ssl_.get(), data.data(), size); };
      ASSIGN_OR_RETURN(const int n, TlsCall("TLS write", deadline, command_timeout_, write));
      data.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    const ssize_t n = send(fd_.get(), data.data(), data.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      data.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (!Retriable(errno)) return Failure(absl::StrCat("write failed: ", ErrnoText(errno)));
    absl::Status ready = Wait(fd_.get(), POLLOUT, deadline, command_timeout_, "write");
    if (!ready.ok()) return Failure(ready.message());
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> RedisConnection::ReadSome(char* buffer, size_t size, absl::Time deadline) {
  if (ssl_ != nullptr) {
    auto read = [&] { return SSL_read(ssl_.get(), buffer, static_cast<int>(size)); };
    ASSIGN_OR_RETURN(const int n, TlsCall("TLS read", deadline, command_timeout_, read));
    return static_cast<size_t>(n);
  }
  while (true) {
    const ssize_t n = recv(fd_.get(), buffer, size, 0);
    if (n > 0) return static_cast<size_t>(n);
    if (n == 0) return Failure("read failed: connection closed by server");
    if (!Retriable(errno)) return Failure(absl::StrCat("read failed: ", ErrnoText(errno)));
    absl::Status ready = Wait(fd_.get(), POLLIN, deadline, command_timeout_, "read");
    if (!ready.ok()) return Failure(ready.message());
  }
}

absl::StatusOr<RedisReplyPtr> RedisConnection::Command(const std::vector<absl::string_view>& args) {
  if (broken_) return Failure("the connection failed before");
  const absl::Time deadline = absl::Now() + command_timeout_;
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  for (absl::string_view arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  char* raw = nullptr;
  const int length =
      redisFormatCommandArgv(&raw, static_cast<int>(args.size()), argv.data(), lengths.data());
  const std::unique_ptr<char, CommandDeleter> command(raw);
  if (length < 0 || raw == nullptr) return Failure("cannot encode the command");
  RETURN_IF_ERROR(WriteAll(absl::string_view(raw, static_cast<size_t>(length)), deadline));
  while (true) {
    void* reply = nullptr;
    if (redisReaderGetReply(reader_.get(), &reply) != REDIS_OK) {
      return Failure(absl::StrCat("protocol error: ", reader_->errstr));
    }
    if (reply != nullptr) return RedisReplyPtr(static_cast<redisReply*>(reply));
    char buffer[16 * 1024];
    ASSIGN_OR_RETURN(const size_t n, ReadSome(buffer, sizeof(buffer), deadline));
    if (redisReaderFeed(reader_.get(), buffer, n) != REDIS_OK) {
      return Failure(absl::StrCat("protocol error: ", reader_->errstr));
    }
  }
}

}  // namespace sisl::platform::cache
