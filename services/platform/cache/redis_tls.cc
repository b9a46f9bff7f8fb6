#include "services/platform/cache/redis_tls.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sisl::platform::cache {
namespace {

bool Retriable(int error) { return error == EAGAIN || error == EWOULDBLOCK || error == EINTR; }

// The BIO's data is the file descriptor.
int BioFd(BIO* bio) { return static_cast<int>(reinterpret_cast<intptr_t>(BIO_get_data(bio))); }

int BioWrite(BIO* bio, const char* data, int size) {
  BIO_clear_retry_flags(bio);
  const ssize_t n = send(BioFd(bio), data, static_cast<size_t>(size), MSG_NOSIGNAL);
  if (n < 0 && Retriable(errno)) BIO_set_retry_write(bio);
  return static_cast<int>(n);
}

int BioRead(BIO* bio, char* data, int size) {
  BIO_clear_retry_flags(bio);
  const ssize_t n = recv(BioFd(bio), data, static_cast<size_t>(size), 0);
  if (n < 0 && Retriable(errno)) BIO_set_retry_read(bio);
  return static_cast<int>(n);
}

long BioCtrl(BIO*, int command, long, void*) {  // NOLINT(runtime/int): OpenSSL's signature
  return command == BIO_CTRL_FLUSH ? 1 : 0;
}

const BIO_METHOD* SocketBioMethod() {
  static const BIO_METHOD* const method = [] {
    BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "sisl redis socket");
    if (m != nullptr) {
      BIO_meth_set_write(m, BioWrite);
      BIO_meth_set_read(m, BioRead);
      BIO_meth_set_ctrl(m, BioCtrl);
    }
    return m;
  }();
  return method;
}

// Never prompts for the passphrase of an encrypted key: loading it fails instead.
int NoPassphrase(char*, int, int, void*) { return 0; }

}  // namespace

void SslCtxDeleter::operator()(ssl_ctx_st* ctx) const { SSL_CTX_free(ctx); }

std::string ErrnoText(int error) {
  char buffer[128];
  return strerror_r(error, buffer, sizeof(buffer));  // GNU: returns the message
}

std::string TakeTlsErrors() {
  std::vector<std::string> reasons;
  while (const unsigned long e = ERR_get_error()) {  // NOLINT(runtime/int): OpenSSL's type
    if (ERR_GET_LIB(e) == ERR_LIB_SYS && !ERR_SYSTEM_ERROR(e)) continue;  // just "system lib"
    const char* reason = ERR_reason_error_string(e);
    std::string text = ERR_SYSTEM_ERROR(e) ? ErrnoText(ERR_GET_REASON(e))
                       : reason != nullptr ? reason
                                           : absl::StrCat("error ", e);
    if (std::find(reasons.begin(), reasons.end(), text) == reasons.end()) reasons.push_back(text);
  }
  return reasons.empty() ? "unknown error" : absl::StrJoin(reasons, ": ");
}

bio_st* NewRedisSocketBio(int fd) {
  const BIO_METHOD* method = SocketBioMethod();
  BIO* bio = method != nullptr ? BIO_new(method) : nullptr;
  if (bio == nullptr) return nullptr;
  BIO_set_data(bio, reinterpret_cast<void*>(static_cast<intptr_t>(fd)));
  BIO_set_init(bio, 1);
  return bio;
}

absl::StatusOr<SslCtxPtr> NewRedisTlsContext(const std::string& ca_file,
                                             const std::string& cert_file,
                                             const std::string& key_file) {
  ERR_clear_error();
  SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
  if (ctx == nullptr) return absl::InternalError("TLS context: " + TakeTlsErrors());
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_default_passwd_cb(ctx.get(), NoPassphrase);
  for (const std::string* file : {&ca_file, &cert_file, &key_file}) {
    if (!file->empty() && access(file->c_str(), R_OK) != 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot read the TLS file '", *file, "': ", ErrnoText(errno)));
    }
  }
  if (ca_file.empty() ? SSL_CTX_set_default_verify_paths(ctx.get()) != 1
                      : SSL_CTX_load_verify_locations(ctx.get(), ca_file.c_str(), nullptr) != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot load the TLS CA file '", ca_file, "': ", TakeTlsErrors()));
  }
  if (cert_file.empty() != key_file.empty()) {
    return absl::InvalidArgumentError("a TLS client certificate needs both cert_file and key_file");
  }
  if (cert_file.empty()) return ctx;
  if (SSL_CTX_use_certificate_chain_file(ctx.get(), cert_file.c_str()) != 1) {
    return absl::InvalidArgumentError(absl::StrCat("cannot load the TLS client certificate '",
                                                   cert_file, "': ", TakeTlsErrors()));
  }
  if (SSL_CTX_use_PrivateKey_file(ctx.get(), key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(ctx.get()) != 1) {
    return absl::InvalidArgumentError(absl::StrCat("cannot load the TLS client key '", key_file,
                                                   "' for its certificate: ", TakeTlsErrors()));
  }
  return ctx;
}

}  // namespace sisl::platform::cache
