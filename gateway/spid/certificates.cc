#include "gateway/spid/certificates.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/conf.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "gateway/spid/sp_config.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {
namespace {

struct ConfDeleter {
  void operator()(CONF* conf) const { NCONF_free(conf); }
};
struct ExtDeleter {
  void operator()(X509_EXTENSION* ext) const { X509_EXTENSION_free(ext); }
};

// certificatePolicies with the UserNotice texts of AgID's generator.
constexpr char kPoliciesConf[] = R"(
[agid_root]
policyIdentifier = 1.3.76.16
userNotice.1 = @agid_root_notice
[agid_root_notice]
explicitText = "AgIDroot"
[agid_cert]
policyIdentifier = 1.3.76.16.6
userNotice.1 = @agid_cert_notice
[agid_cert_notice]
explicitText = "agIDcert"
[sp_pub]
policyIdentifier = 1.3.76.16.4.2.1
userNotice.1 = @sp_pub_notice
[sp_pub_notice]
explicitText = "cert_SP_Pub"
)";

absl::Status AddName(X509_NAME* name, const char* oid, const std::string& value) {
  if (value.empty()) return absl::OkStatus();
  ASN1_OBJECT* obj = OBJ_txt2obj(oid, 1);
  if (obj == nullptr) return absl::InternalError(absl::StrCat("unknown OID ", oid));
  int ok = X509_NAME_add_entry_by_OBJ(name, obj, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(value.data()),
                                      static_cast<int>(value.size()), -1, 0);
  ASN1_OBJECT_free(obj);
  if (ok != 1) return absl::InvalidArgumentError(absl::StrCat("bad certificate subject ", oid));
  return absl::OkStatus();
}

absl::Status AddExtension(X509* cert, CONF* conf, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  if (conf != nullptr) X509V3_set_nconf(&ctx, conf);
  std::unique_ptr<X509_EXTENSION, ExtDeleter> ext(X509V3_EXT_nconf_nid(conf, &ctx, nid, value));
  if (ext == nullptr || X509_add_ext(cert, ext.get(), -1) != 1) {
    return absl::InternalError(absl::StrCat("cannot add certificate extension ", value));
  }
  return absl::OkStatus();
}

absl::Status WriteNewFile(const std::string& path, std::string_view data, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    return absl::InternalError(absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return absl::InternalError(absl::StrCat("cannot write ", path));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

CertificateProfile SpCertificateFor(const SpConfig& config) {
  CertificateProfile profile;
  profile.common_name = config.organization_display_name;
  profile.organization_name = config.organization_name;
  profile.organization_identifier = absl::StrCat("PA:IT-", config.ipa_code);
  profile.entity_id = config.SpidEntityId();
  profile.locality = config.locality;
  return profile;
}

absl::StatusOr<Credentials> GenerateSelfSigned(const CertificateProfile& profile) {
  EvpPkeyPtr key(EVP_RSA_gen(static_cast<unsigned int>(profile.key_bits)));
  if (key == nullptr) return absl::InternalError("RSA key generation failed");
  X509Ptr cert(X509_new());
  if (cert == nullptr || X509_set_version(cert.get(), 2) != 1) {
    return absl::InternalError("cannot create certificate");
  }
  BIGNUM* serial = BN_new();
  BN_rand(serial, 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
  BN_free(serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400L * profile.validity_days);
  X509_set_pubkey(cert.get(), key.get());

  X509_NAME* name = X509_get_subject_name(cert.get());
  for (absl::Status s : {AddName(name, "2.5.4.10", profile.organization_name),
                         AddName(name, "2.5.4.3", profile.common_name),
                         AddName(name, "2.5.4.83", profile.entity_id),
                         AddName(name, "2.5.4.97", profile.organization_identifier),
                         AddName(name, "2.5.4.6", profile.country),
                         AddName(name, "2.5.4.7", profile.locality)}) {
    RETURN_IF_ERROR(s);
  }
  X509_set_issuer_name(cert.get(), name);

  std::unique_ptr<CONF, ConfDeleter> conf(NCONF_new(nullptr));
  BIO* bio = BIO_new_mem_buf(kPoliciesConf, -1);
  long error_line = 0;
  int loaded = NCONF_load_bio(conf.get(), bio, &error_line);
  BIO_free(bio);
  if (loaded != 1) return absl::InternalError("certificate policy configuration");
  for (absl::Status s :
       {AddExtension(cert.get(), conf.get(), NID_basic_constraints, "CA:FALSE"),
        AddExtension(cert.get(), conf.get(), NID_key_usage,
                     "critical,digitalSignature,nonRepudiation"),
        AddExtension(cert.get(), conf.get(), NID_subject_key_identifier, "hash")}) {
    RETURN_IF_ERROR(s);
  }
  if (profile.spid_public_sp_policies) {
    RETURN_IF_ERROR(AddExtension(cert.get(), conf.get(), NID_certificate_policies,
                                 "@agid_root,@agid_cert,@sp_pub"));
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
    return absl::InternalError("certificate signature failed");
  }
  return Credentials::FromPem(PrivateKeyToPem(key.get()), CertificateToPem(cert.get()));
}

absl::Status EnsureSelfSignedFiles(const CertificateProfile& profile, const std::string& key_file,
                                   const std::string& cert_file) {
  bool key_exists = Exists(key_file);
  bool cert_exists = Exists(cert_file);
  if (key_exists && cert_exists) return absl::OkStatus();
  if (key_exists || cert_exists) {
    return absl::FailedPreconditionError(absl::StrCat(
        "only one of ", key_file, " and ", cert_file, " exists; remove it to regenerate both"));
  }
  ASSIGN_OR_RETURN(const Credentials creds, GenerateSelfSigned(profile));
  RETURN_IF_ERROR(WriteNewFile(key_file, creds.key_pem(), 0600));
  return WriteNewFile(cert_file, creds.cert_pem(), 0644);
}

}  // namespace sisl::gateway::spid
