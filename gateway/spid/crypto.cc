#include "gateway/spid/crypto.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {
namespace {

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

const EVP_MD* Digest(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::kSha384: return EVP_sha384();
    case HashAlgorithm::kSha512: return EVP_sha512();
    case HashAlgorithm::kSha256: break;
  }
  return EVP_sha256();
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  return len > 0 ? std::string(data, static_cast<size_t>(len)) : std::string();
}

BioPtr MemBio(std::string_view data) {
  return BioPtr(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
}

PublicKey SharedKey(EVP_PKEY* key) { return PublicKey(key, EvpPkeyDeleter()); }

absl::StatusOr<PublicKey> KeyOf(X509* cert) {
  EVP_PKEY* key = X509_get_pubkey(cert);  // new reference
  if (key == nullptr) return absl::InvalidArgumentError("certificate without a public key");
  if (EVP_PKEY_base_id(key) != EVP_PKEY_RSA) {
    EVP_PKEY_free(key);
    return absl::InvalidArgumentError("certificate key is not RSA");
  }
  return SharedKey(key);
}

}  // namespace

absl::StatusOr<Credentials> Credentials::FromPem(std::string key_pem, std::string cert_pem) {
  BioPtr key_bio = MemBio(key_pem);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr);
  if (key == nullptr) return absl::InvalidArgumentError("unreadable private key PEM");
  Credentials creds;
  creds.key_ = SharedKey(key);
  ASSIGN_OR_RETURN(X509Ptr cert, ParseCertificatePem(cert_pem));
  if (X509_check_private_key(cert.get(), key) != 1) {
    return absl::InvalidArgumentError("the certificate does not match the private key");
  }
  ASSIGN_OR_RETURN(creds.public_key_, KeyOf(cert.get()));
  creds.cert_base64_ = CertificateToBase64Der(cert.get());
  creds.key_pem_ = std::move(key_pem);
  creds.cert_pem_ = std::move(cert_pem);
  return creds;
}

absl::StatusOr<Credentials> Credentials::FromFiles(const std::string& key_file,
                                                   const std::string& cert_file) {
  ASSIGN_OR_RETURN(std::string key, ReadSmallFile(key_file));
  ASSIGN_OR_RETURN(std::string cert, ReadSmallFile(cert_file));
  return FromPem(std::move(key), std::move(cert));
}

const char* RsaSignatureUri(HashAlgorithm hash) {
  switch (hash) {
    case HashAlgorithm::kSha384: return "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
    case HashAlgorithm::kSha512: return "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
    case HashAlgorithm::kSha256: break;
  }
  return "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
}

bool RsaHashFromUri(std::string_view uri, HashAlgorithm& hash) {
  for (HashAlgorithm h : {HashAlgorithm::kSha256, HashAlgorithm::kSha384,
                          HashAlgorithm::kSha512}) {
    if (uri == RsaSignatureUri(h)) {
      hash = h;
      return true;
    }
  }
  return false;
}

absl::StatusOr<std::string> SignRsa(EVP_PKEY* key, HashAlgorithm hash, std::string_view data) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  size_t len = 0;
  if (ctx == nullptr || EVP_DigestSignInit(ctx.get(), nullptr, Digest(hash), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return absl::InternalError("signature initialisation failed");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return absl::InternalError("signature failed");
  }
  sig.resize(len);
  return sig;
}

bool VerifyRsa(EVP_PKEY* key, HashAlgorithm hash, std::string_view data,
               std::string_view signature) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (ctx == nullptr ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, Digest(hash), nullptr, key) != 1) {
    return false;
  }
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                          data.size()) == 1;
}

absl::StatusOr<X509Ptr> ParseCertificatePem(std::string_view pem) {
  BioPtr bio = MemBio(pem);
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (cert == nullptr) return absl::InvalidArgumentError("unreadable certificate PEM");
  return cert;
}

absl::StatusOr<X509Ptr> ParseCertificateDer(std::string_view der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (cert == nullptr) return absl::InvalidArgumentError("unreadable DER certificate");
  return cert;
}

absl::StatusOr<PublicKey> PublicKeyFromCertificateBase64(std::string_view base64) {
  std::string compact;
  compact.reserve(base64.size());
  for (char c : base64) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) compact += c;
  }
  std::string der;
  if (compact.empty() || !absl::Base64Unescape(compact, &der)) {
    return absl::InvalidArgumentError("X509Certificate is not valid base64");
  }
  ASSIGN_OR_RETURN(X509Ptr cert, ParseCertificateDer(der));
  return KeyOf(cert.get());
}

absl::StatusOr<PublicKey> PublicKeyFromCertificatePem(std::string_view pem) {
  ASSIGN_OR_RETURN(X509Ptr cert, ParseCertificatePem(pem));
  return KeyOf(cert.get());
}

std::string CertificateToPem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  return BioContents(bio.get());
}

std::string CertificateToBase64Der(X509* cert) {
  unsigned char* der = nullptr;
  int len = i2d_X509(cert, &der);
  if (len <= 0) return "";
  std::string out = absl::Base64Escape(
      absl::string_view(reinterpret_cast<const char*>(der), static_cast<size_t>(len)));
  OPENSSL_free(der);
  return out;
}

std::string PrivateKeyToPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  return BioContents(bio.get());
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  if (RAND_bytes(buf.data(), static_cast<int>(buf.size())) != 1) {
    // The CSPRNG failing is not recoverable; never fall back to predictable values.
    std::abort();
  }
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(buf.data()), buf.size()));
}

std::string NewSamlId() { return absl::StrCat("_", RandomHex(16)); }

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(md), len));
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

absl::StatusOr<std::string> ReadSmallFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream content;
  content << in.rdbuf();
  std::string out = content.str();
  if (out.size() > max_bytes) return absl::InvalidArgumentError(absl::StrCat(path, " too large"));
  return out;
}

}  // namespace sisl::gateway::spid
