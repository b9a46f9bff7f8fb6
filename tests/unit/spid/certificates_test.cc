#include "gateway/spid/certificates.h"

#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "gateway/spid/sp_config.h"
#include "gtest/gtest.h"

namespace sisl::gateway::spid {
namespace {

std::string NameEntry(X509_NAME* name, const char* oid) {
  ASN1_OBJECT* obj = OBJ_txt2obj(oid, 1);
  int index = X509_NAME_get_index_by_OBJ(name, obj, -1);
  ASN1_OBJECT_free(obj);
  if (index < 0) return "";
  ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(data)),
                     ASN1_STRING_length(data));
}

TEST(CertificatesTest, SpCertificateFollowsTheAgidPublicSpProfile) {
  SpConfig config;
  config.key_file = "k";
  config.cert_file = "c";
  absl::StatusOr<Credentials> creds = GenerateSelfSigned(SpCertificateFor(config));
  ASSERT_TRUE(creds.ok()) << creds.status();
  absl::StatusOr<X509Ptr> cert = ParseCertificatePem(creds->cert_pem());
  ASSERT_TRUE(cert.ok());
  X509_NAME* subject = X509_get_subject_name(cert->get());
  EXPECT_EQ(NameEntry(subject, "2.5.4.97"), "PA:IT-r_piemon");
  EXPECT_EQ(NameEntry(subject, "2.5.4.83"), "http://127.0.0.1:8080/spid/metadata");
  EXPECT_EQ(NameEntry(subject, "2.5.4.6"), "IT");
  EXPECT_EQ(NameEntry(subject, "2.5.4.7"), "Torino");
  EXPECT_EQ(NameEntry(subject, "2.5.4.10"), "Regione Piemonte");
  EXPECT_FALSE(NameEntry(subject, "2.5.4.3").empty());
  EXPECT_EQ(X509_NAME_cmp(subject, X509_get_issuer_name(cert->get())), 0);
  EXPECT_EQ(EVP_PKEY_get_bits(creds->private_key()), 3072);
  EXPECT_EQ(X509_get_signature_nid(cert->get()), NID_sha256WithRSAEncryption);

  int critical = 0;
  auto* usage = static_cast<ASN1_BIT_STRING*>(
      X509_get_ext_d2i(cert->get(), NID_key_usage, &critical, nullptr));
  ASSERT_NE(usage, nullptr);
  EXPECT_EQ(critical, 1);
  EXPECT_TRUE(ASN1_BIT_STRING_get_bit(usage, 0));   // digitalSignature
  EXPECT_TRUE(ASN1_BIT_STRING_get_bit(usage, 1));   // nonRepudiation
  EXPECT_FALSE(ASN1_BIT_STRING_get_bit(usage, 2));  // keyEncipherment
  ASN1_BIT_STRING_free(usage);
  auto* policies = static_cast<CERTIFICATEPOLICIES*>(
      X509_get_ext_d2i(cert->get(), NID_certificate_policies, &critical, nullptr));
  ASSERT_NE(policies, nullptr);
  EXPECT_EQ(critical, 0);
  std::string oids;
  for (int i = 0; i < sk_POLICYINFO_num(policies); ++i) {
    char buf[64];
    OBJ_obj2txt(buf, sizeof(buf), sk_POLICYINFO_value(policies, i)->policyid, 1);
    oids += std::string(buf) + " ";
  }
  sk_POLICYINFO_pop_free(policies, POLICYINFO_free);
  EXPECT_NE(oids.find("1.3.76.16.6 "), std::string::npos);
  EXPECT_NE(oids.find("1.3.76.16.4.2.1 "), std::string::npos);
  auto* basic = static_cast<BASIC_CONSTRAINTS*>(
      X509_get_ext_d2i(cert->get(), NID_basic_constraints, &critical, nullptr));
  ASSERT_NE(basic, nullptr);
  EXPECT_FALSE(basic->ca);
  BASIC_CONSTRAINTS_free(basic);
}

TEST(CertificatesTest, EnsureSelfSignedFilesCreatesOnceAndNeverOverwrites) {
  std::string dir = ::testing::TempDir();
  std::string key = dir + "/spid_test_sp.key";
  std::string crt = dir + "/spid_test_sp.crt";
  std::remove(key.c_str());
  std::remove(crt.c_str());
  CertificateProfile profile;
  profile.common_name = "t";
  profile.organization_name = "t";
  profile.key_bits = 2048;
  ASSERT_TRUE(EnsureSelfSignedFiles(profile, key, crt).ok());
  struct stat st;
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  absl::StatusOr<Credentials> first = Credentials::FromFiles(key, crt);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(EnsureSelfSignedFiles(profile, key, crt).ok());
  absl::StatusOr<Credentials> second = Credentials::FromFiles(key, crt);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->cert_pem(), second->cert_pem());
  std::remove(crt.c_str());
  EXPECT_EQ(EnsureSelfSignedFiles(profile, key, crt).code(),
            absl::StatusCode::kFailedPrecondition);
  std::remove(key.c_str());
}

}  // namespace
}  // namespace sisl::gateway::spid
