#ifndef SISL_PLATFORM_CACHE_REDIS_TLS_H_
#define SISL_PLATFORM_CACHE_REDIS_TLS_H_

// OpenSSL pieces of the Redis client (RedisConnection): the TLS context and a socket BIO.

#include <memory>
#include <string>

#include "absl/status/statusor.h"

struct bio_st;      // BIO
struct ssl_ctx_st;  // SSL_CTX

namespace sisl::platform::cache {

struct SslCtxDeleter {
  void operator()(ssl_ctx_st* ctx) const;
};
using SslCtxPtr = std::unique_ptr<ssl_ctx_st, SslCtxDeleter>;

// The client side of Redis TLS, made once per pool and shared by its connections: TLS 1.2 or
// later, the server's certificate verified against `ca_file` (PEM; empty: the system's trust
// store), and for mutual TLS the client certificate chain `cert_file` with its unencrypted key
// `key_file` (both PEM; both empty for none). Errors are INVALID_ARGUMENT naming the file at
// fault.
absl::StatusOr<SslCtxPtr> NewRedisTlsContext(const std::string& ca_file,
                                             const std::string& cert_file,
                                             const std::string& key_file);

// A non-blocking socket BIO on `fd` (not owned) that sends with MSG_NOSIGNAL, so a server that
// went away is an error rather than a SIGPIPE. Null when OpenSSL fails.
bio_st* NewRedisSocketBio(int fd);

// The reasons on this thread's OpenSSL error queue, in one line; empties the queue.
std::string TakeTlsErrors();

// strerror(error), thread-safe.
std::string ErrnoText(int error);

}  // namespace sisl::platform::cache

#endif  // SISL_PLATFORM_CACHE_REDIS_TLS_H_
