#include "services/platform/cache/redis_pool.h"

#include <hiredis/hiredis.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::platform::cache {
namespace {

absl::StatusOr<SslCtxPtr> TlsContextFor(const RedisPool::Options& options) {
  if (!options.tls.enabled) return SslCtxPtr();
  absl::StatusOr<SslCtxPtr> context =
      NewRedisTlsContext(options.tls.ca_file, options.tls.cert_file, options.tls.key_file);
  if (!context.ok()) {
    log::Error("redis TLS configuration unusable",
               {{"address", absl::StrCat(options.host, ":", options.port)},
                {"error", std::string(context.status().message())}});
  }
  return context;
}

}  // namespace

RedisPool::RedisPool(Options options, std::string unavailable_reason)
    : options_(std::move(options)),
      unavailable_reason_(std::move(unavailable_reason)),
      tls_context_(TlsContextFor(options_)) {}

RedisPool::~RedisPool() = default;

std::string RedisPool::Address() const { return absl::StrCat(options_.host, ":", options_.port); }

absl::Status RedisPool::Unavailable(absl::string_view message) const {
  return Error(absl::StatusCode::kUnavailable, unavailable_reason_, message);
}

absl::StatusOr<RedisPool::ReplyPtr> RedisPool::Command(const std::vector<absl::string_view>& args) {
  absl::StatusOr<ConnectionPtr> connection = Acquire();
  if (!connection.ok()) return connection.status();
  absl::StatusOr<ReplyPtr> reply = (*connection)->Command(args);
  if (!reply.ok()) {
    ConnectionLost(reply.status().message());
    return Unavailable(reply.status().message());
  }
  Release(*std::move(connection));
  return reply;
}

absl::StatusOr<RedisPool::ConnectionPtr> RedisPool::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      ConnectionPtr connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
    if (absl::Now() < down_until_) {
      return Unavailable(absl::StrCat("redis ", Address(), " is unreachable"));
    }
  }
  absl::StatusOr<ConnectionPtr> connection = Connect();
  absl::MutexLock lock(&mu_);
  if (!connection.ok()) {
    down_until_ = absl::Now() + options_.reconnect_backoff;
    if (healthy_) {
      healthy_ = false;
      log::Warn("redis unreachable", {{"error", std::string(connection.status().message())}});
    }
  } else if (!healthy_) {
    healthy_ = true;
    log::Info("redis reachable again", {{"address", Address()}});
  }
  return connection;
}

absl::StatusOr<RedisPool::ConnectionPtr> RedisPool::Connect() {
  if (!tls_context_.ok()) {
    return Unavailable(absl::StrCat("redis ", Address(), ": ", tls_context_.status().message()));
  }
  if (options_.username.has_value() && !options_.password.has_value()) {
    return Unavailable(absl::StrCat("redis ", Address(), ": a username needs a password"));
  }
  RedisConnection::Options connection_options;
  connection_options.host = options_.host;
  connection_options.port = options_.port;
  connection_options.connect_timeout = options_.connect_timeout;
  connection_options.command_timeout = options_.command_timeout;
  connection_options.tls = tls_context_->get();
  connection_options.server_name = options_.tls.server_name;
  absl::StatusOr<ConnectionPtr> connection = RedisConnection::Connect(connection_options);
  if (!connection.ok()) return Unavailable(connection.status().message());

  std::vector<std::vector<absl::string_view>> handshake;
  const std::string db = absl::StrCat(options_.db);
  if (options_.password.has_value()) {
    if (options_.username.has_value()) {
      handshake.push_back({"AUTH", *options_.username, *options_.password});
    } else {
      handshake.push_back({"AUTH", *options_.password});
    }
  }
  if (options_.db != 0) handshake.push_back({"SELECT", db});
  if (!options_.client_name.empty()) {
    handshake.push_back({"CLIENT", "SETNAME", options_.client_name});
  }
  for (const std::vector<absl::string_view>& args : handshake) {
    absl::StatusOr<ReplyPtr> reply = (*connection)->Command(args);
    if (!reply.ok() && options_.tls.enabled && options_.tls.cert_file.empty() &&
        &args == &handshake.front()) {
      // With TLS 1.3 a server that wants a client certificate drops the connection only now.
      return Unavailable(absl::StrCat(
          reply.status().message(), " (no TLS client certificate set: does the server want one?)"));
    }
    if (!reply.ok()) return Unavailable(reply.status().message());
    if ((*reply)->type == REDIS_REPLY_ERROR) {  // the message names the command, never arguments
      return Unavailable(absl::StrCat("redis ", Address(), ": ", args.front(), " failed: ",
                                      absl::string_view((*reply)->str, (*reply)->len)));
    }
  }
  return connection;
}

void RedisPool::Release(ConnectionPtr connection) {
  absl::MutexLock lock(&mu_);
  if (idle_.size() < options_.pool_size) idle_.push_back(std::move(connection));
}

void RedisPool::ConnectionLost(absl::string_view error) {
  std::vector<ConnectionPtr> dropped;
  absl::MutexLock lock(&mu_);
  dropped.swap(idle_);
  if (healthy_) {
    healthy_ = false;
    log::Warn("redis connection lost", {{"error", std::string(error)}});
  }
}

}  // namespace sisl::platform::cache
