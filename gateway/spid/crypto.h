#ifndef SISL_GATEWAY_SPID_CRYPTO_H_
#define SISL_GATEWAY_SPID_CRYPTO_H_

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace sisl::gateway::spid {

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

// A public key taken from a certificate in IdP or SP metadata. Shared and immutable.
using PublicKey = std::shared_ptr<EVP_PKEY>;

// A private key with its certificate: what we sign SAML messages and metadata with.
class Credentials final {
 public:
  static absl::StatusOr<Credentials> FromPem(std::string key_pem, std::string cert_pem);
  // Reads PEM files named by the caller.
  static absl::StatusOr<Credentials> FromFiles(const std::string& key_file,
                                               const std::string& cert_file);

  const std::string& key_pem() const { return key_pem_; }
  const std::string& cert_pem() const { return cert_pem_; }
  // Base64 of the DER certificate, as in <ds:X509Certificate>.
  const std::string& cert_base64() const { return cert_base64_; }
  EVP_PKEY* private_key() const { return key_.get(); }
  PublicKey public_key() const { return public_key_; }

 private:
  Credentials() = default;
  std::string key_pem_;
  std::string cert_pem_;
  std::string cert_base64_;
  std::shared_ptr<EVP_PKEY> key_;
  PublicKey public_key_;
};

enum class HashAlgorithm { kSha256, kSha384, kSha512 };

// The xmldsig URI of RSA with this hash (e.g. ...xmldsig-more#rsa-sha256).
const char* RsaSignatureUri(HashAlgorithm hash);
// Maps an RSA signature URI to its hash; false for anything else (RSA-SHA1 included).
bool RsaHashFromUri(std::string_view uri, HashAlgorithm& hash);

// RSA PKCS#1 v1.5 signatures over raw bytes (HTTP-Redirect binding).
absl::StatusOr<std::string> SignRsa(EVP_PKEY* key, HashAlgorithm hash, std::string_view data);
bool VerifyRsa(EVP_PKEY* key, HashAlgorithm hash, std::string_view data,
               std::string_view signature);

absl::StatusOr<X509Ptr> ParseCertificatePem(std::string_view pem);
absl::StatusOr<X509Ptr> ParseCertificateDer(std::string_view der);
// The public key of a certificate from its base64 DER (whitespace ignored). The certificate's
// validity dates are deliberately not checked: metadata certificates are key containers.
absl::StatusOr<PublicKey> PublicKeyFromCertificateBase64(std::string_view base64);
absl::StatusOr<PublicKey> PublicKeyFromCertificatePem(std::string_view pem);

std::string CertificateToPem(X509* cert);
std::string CertificateToBase64Der(X509* cert);
std::string PrivateKeyToPem(EVP_PKEY* key);

// Random bytes from OpenSSL's CSPRNG, hex encoded (2 characters per byte).
std::string RandomHex(size_t bytes);
// A fresh SAML ID: an xs:ID (NCName) with 128 random bits.
std::string NewSamlId();
std::string Sha256Hex(std::string_view data);
// Constant-time comparison of two strings of any length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Small file helpers for caller-named key, certificate and metadata files.
absl::StatusOr<std::string> ReadSmallFile(const std::string& path, size_t max_bytes = 1 << 20);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_CRYPTO_H_
