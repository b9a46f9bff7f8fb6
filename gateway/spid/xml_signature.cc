#include "gateway/spid/xml_signature.h"

#include <libxml/valid.h>
#include <xmlsec/crypto.h>
#include <xmlsec/keys.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/templates.h>
#include <xmlsec/transforms.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>

#include <cstring>
#include <memory>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gateway/spid/xml.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {
namespace {

constexpr char kExcC14n[] = "http://www.w3.org/2001/10/xml-exc-c14n#";
constexpr char kEnveloped[] = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const std::set<std::string>& AllowedDigests() {
  static const auto* digests = new std::set<std::string>{
      "http://www.w3.org/2001/04/xmlenc#sha256", "http://www.w3.org/2001/04/xmldsig-more#sha384",
      "http://www.w3.org/2001/04/xmlenc#sha512"};
  return *digests;
}

struct DSigCtxDeleter {
  void operator()(xmlSecDSigCtx* ctx) const { xmlSecDSigCtxDestroy(ctx); }
};
using DSigCtxPtr = std::unique_ptr<xmlSecDSigCtx, DSigCtxDeleter>;

bool IsNcName(const std::string& id) {
  if (id.empty() || id.size() > 256) return false;
  auto ok_first = [](char c) { return absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == '_'; };
  if (!ok_first(id[0])) return false;
  for (char c : id) {
    if (!ok_first(c) && !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-' &&
        c != '.') {
      return false;
    }
  }
  return true;
}

absl::Status Invalid(const std::string& what) {
  return absl::UnauthenticatedError(absl::StrCat("signature rejected: ", what));
}

std::string AlgorithmOf(const xmlNode* node) { return Attr(node, "Algorithm").value_or(""); }

// The structure checks done before xmlsec runs (xmlsec enforces the same algorithm lists).
absl::Status CheckSignatureShape(const xmlNode* signature, const std::string& id) {
  std::vector<xmlNode*> signed_infos = ChildElements(signature, kNsDs, "SignedInfo");
  if (signed_infos.size() != 1) return Invalid("expected one SignedInfo");
  const xmlNode* info = signed_infos[0];
  std::vector<xmlNode*> c14n = ChildElements(info, kNsDs, "CanonicalizationMethod");
  if (c14n.size() != 1 || AlgorithmOf(c14n[0]) != kExcC14n) {
    return Invalid("canonicalization must be exclusive c14n");
  }
  std::vector<xmlNode*> method = ChildElements(info, kNsDs, "SignatureMethod");
  HashAlgorithm hash;
  if (method.size() != 1 || !RsaHashFromUri(AlgorithmOf(method[0]), hash)) {
    return Invalid("signature method must be RSA-SHA256/384/512");
  }
  std::vector<xmlNode*> refs = ChildElements(info, kNsDs, "Reference");
  if (refs.size() != 1) return Invalid("expected exactly one Reference");
  if (Attr(refs[0], "URI").value_or("") != absl::StrCat("#", id)) {
    return Invalid("the Reference must point to the signed element's ID");
  }
  for (const xmlNode* transforms : ChildElements(refs[0], kNsDs, "Transforms")) {
    for (const xmlNode* t = transforms->children; t != nullptr; t = t->next) {
      if (t->type != XML_ELEMENT_NODE) continue;
      std::string alg = AlgorithmOf(t);
      if (!IsElement(t, kNsDs, "Transform") || (alg != kEnveloped && alg != kExcC14n)) {
        return Invalid("only enveloped-signature and exclusive c14n transforms are allowed");
      }
      // The only content a transform may have: exc-c14n's InclusiveNamespaces.
      for (const xmlNode* c = t->children; c != nullptr; c = c->next) {
        if (c->type == XML_ELEMENT_NODE &&
            (alg != kExcC14n || !IsElement(c, kExcC14n, "InclusiveNamespaces"))) {
          return Invalid("unexpected content in a Transform");
        }
      }
    }
  }
  std::vector<xmlNode*> digest = ChildElements(refs[0], kNsDs, "DigestMethod");
  if (digest.size() != 1 || AllowedDigests().count(AlgorithmOf(digest[0])) == 0) {
    return Invalid("digest must be SHA-256/384/512");
  }
  return absl::OkStatus();
}

absl::Status RestrictAlgorithms(xmlSecDSigCtx* ctx) {
  ctx->flags = XMLSEC_DSIG_FLAGS_IGNORE_MANIFESTS;
  ctx->enabledReferenceUris = xmlSecTransformUriTypeSameDocument;
  bool ok = xmlSecDSigCtxEnableSignatureTransform(ctx, xmlSecTransformExclC14NId) >= 0 &&
            xmlSecDSigCtxEnableSignatureTransform(ctx, xmlSecTransformRsaSha256Id) >= 0 &&
            xmlSecDSigCtxEnableSignatureTransform(ctx, xmlSecTransformRsaSha384Id) >= 0 &&
            xmlSecDSigCtxEnableSignatureTransform(ctx, xmlSecTransformRsaSha512Id) >= 0 &&
            xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformExclC14NId) >= 0 &&
            xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformEnvelopedId) >= 0 &&
            xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformSha256Id) >= 0 &&
            xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformSha384Id) >= 0 &&
            xmlSecDSigCtxEnableReferenceTransform(ctx, xmlSecTransformSha512Id) >= 0;
  return ok ? absl::OkStatus() : absl::InternalError("xmlsec transform set-up failed");
}

xmlNode* FindElementById(xmlNode* node, const std::string& id) {
  for (xmlNode* cur = node; cur != nullptr; cur = cur->next) {
    if (cur->type != XML_ELEMENT_NODE) continue;
    if (Attr(cur, "ID") == id) return cur;
    if (xmlNode* found = FindElementById(cur->children, id); found != nullptr) return found;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<std::string> RegisterId(xmlDoc* doc, xmlNode* element) {
  xmlAttr* attr = xmlHasNsProp(element, reinterpret_cast<const xmlChar*>("ID"), nullptr);
  std::optional<std::string> id = Attr(element, "ID");
  if (attr == nullptr || !id.has_value() || id->empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        reinterpret_cast<const char*>(element->name), " has no ID"));
  }
  if (!IsNcName(*id)) return absl::InvalidArgumentError("ID is not a valid xs:ID");
  const xmlChar* value = reinterpret_cast<const xmlChar*>(id->c_str());
  xmlAttr* existing = xmlGetID(doc, value);
  if (existing == attr) return *id;
  if (existing != nullptr) return absl::InvalidArgumentError("duplicate ID in the document");
  if (xmlAddID(nullptr, doc, value, attr) == nullptr) {
    return absl::InvalidArgumentError("ID cannot be registered");
  }
  return *id;
}

std::vector<xmlNode*> SignatureChildren(const xmlNode* element) {
  return ChildElements(element, kNsDs, "Signature");
}

absl::Status SignElement(xmlDoc* doc, xmlNode* element, const Credentials& credentials) {
  RETURN_IF_ERROR(EnsureXmlInitialized());
  ASSIGN_OR_RETURN(const std::string id, RegisterId(doc, element));
  xmlNode* sig = xmlSecTmplSignatureCreateNsPref(doc, xmlSecTransformExclC14NId,
                                                 xmlSecTransformRsaSha256Id, nullptr,
                                                 reinterpret_cast<const xmlChar*>("ds"));
  if (sig == nullptr) return absl::InternalError("signature template");
  if (xmlNode* issuer = FirstChildElement(element, kNsSaml, "Issuer"); issuer != nullptr) {
    xmlAddNextSibling(issuer, sig);
  } else if (element->children != nullptr) {
    xmlAddPrevSibling(element->children, sig);
  } else {
    xmlAddChild(element, sig);
  }
  std::string uri = absl::StrCat("#", id);
  xmlNode* ref = xmlSecTmplSignatureAddReference(sig, xmlSecTransformSha256Id, nullptr,
                                                 reinterpret_cast<const xmlChar*>(uri.c_str()),
                                                 nullptr);
  xmlNode* key_info = xmlSecTmplSignatureEnsureKeyInfo(sig, nullptr);
  xmlNode* x509 = key_info == nullptr ? nullptr : xmlSecTmplKeyInfoAddX509Data(key_info);
  if (ref == nullptr || xmlSecTmplReferenceAddTransform(ref, xmlSecTransformEnvelopedId) == nullptr ||
      xmlSecTmplReferenceAddTransform(ref, xmlSecTransformExclC14NId) == nullptr ||
      x509 == nullptr || xmlSecTmplX509DataAddCertificate(x509) == nullptr) {
    return absl::InternalError("signature template");
  }
  DSigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
  if (ctx == nullptr) return absl::InternalError("xmlsec context");
  const std::string& key_pem = credentials.key_pem();
  ctx->signKey = xmlSecCryptoAppKeyLoadMemory(reinterpret_cast<const xmlSecByte*>(key_pem.data()),
                                              static_cast<xmlSecSize>(key_pem.size()),
                                              xmlSecKeyDataFormatPem, nullptr, nullptr, nullptr);
  if (ctx->signKey == nullptr) return absl::InternalError("signing key not loadable by xmlsec");
  const std::string& cert_pem = credentials.cert_pem();
  if (xmlSecCryptoAppKeyCertLoadMemory(ctx->signKey,
                                       reinterpret_cast<const xmlSecByte*>(cert_pem.data()),
                                       static_cast<xmlSecSize>(cert_pem.size()),
                                       xmlSecKeyDataFormatPem) < 0) {
    return absl::InternalError("signing certificate not loadable by xmlsec");
  }
  if (xmlSecDSigCtxSign(ctx.get(), sig) < 0) return absl::InternalError("XML signature failed");
  return absl::OkStatus();
}

absl::StatusOr<std::string> SignElementsById(std::string_view xml,
                                             const std::vector<std::string>& ids,
                                             const Credentials& credentials) {
  ASSIGN_OR_RETURN(XmlDoc doc, ParseUntrustedXml(xml));
  for (const std::string& id : ids) {
    xmlNode* element = FindElementById(xmlDocGetRootElement(doc.get()), id);
    if (element == nullptr) return absl::InternalError(absl::StrCat("no element with ID ", id));
    RETURN_IF_ERROR(SignElement(doc.get(), element, credentials));
  }
  return SerializeDocument(doc.get());
}

absl::Status VerifyElementSignature(xmlDoc* doc, xmlNode* element,
                                    const std::vector<PublicKey>& keys) {
  RETURN_IF_ERROR(EnsureXmlInitialized());
  std::vector<xmlNode*> signatures = SignatureChildren(element);
  if (signatures.empty()) return Invalid("not signed");
  if (signatures.size() != 1) return Invalid("more than one Signature");
  absl::StatusOr<std::string> id = RegisterId(doc, element);
  if (!id.ok()) return Invalid(std::string(id.status().message()));
  RETURN_IF_ERROR(CheckSignatureShape(signatures[0], *id));
  xmlAttr* target = xmlGetID(doc, reinterpret_cast<const xmlChar*>(id->c_str()));
  if (target == nullptr || target->parent != element) return Invalid("ID resolves elsewhere");
  if (keys.empty()) return Invalid("no trusted key for this IdP");
  for (const PublicKey& key : keys) {
    DSigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
    if (ctx == nullptr) return absl::InternalError("xmlsec context");
    RETURN_IF_ERROR(RestrictAlgorithms(ctx.get()));
    if (EVP_PKEY_up_ref(key.get()) != 1) return absl::InternalError("key reference");
    xmlSecKeyDataPtr data = xmlSecOpenSSLEvpKeyAdopt(key.get());
    if (data == nullptr) {
      EVP_PKEY_free(key.get());
      return absl::InternalError("key not usable by xmlsec");
    }
    ctx->signKey = xmlSecKeyCreate();
    if (ctx->signKey == nullptr || xmlSecKeySetValue(ctx->signKey, data) < 0) {
      xmlSecKeyDataDestroy(data);
      return absl::InternalError("xmlsec key");
    }
    if (xmlSecDSigCtxVerify(ctx.get(), signatures[0]) >= 0 &&
        ctx->status == xmlSecDSigStatusSucceeded) {
      return absl::OkStatus();
    }
  }
  return Invalid("the signature does not verify with the IdP's metadata keys");
}

}  // namespace sisl::gateway::spid
