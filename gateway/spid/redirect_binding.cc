#include "gateway/spid/redirect_binding.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string SignedOctets(std::string_view param, std::string_view raw_message,
                         const std::optional<std::string>& raw_relay_state,
                         std::string_view raw_sig_alg) {
  std::string out = std::string(param) + "=" + std::string(raw_message);
  if (raw_relay_state.has_value()) out += "&RelayState=" + *raw_relay_state;
  out += "&SigAlg=" + std::string(raw_sig_alg);
  return out;
}

}  // namespace

std::string FormUrlEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() * 3 / 2);
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

std::optional<std::string> FormUrlDecode(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '+') {
      out += ' ';
    } else if (value[i] == '%') {
      if (i + 2 >= value.size()) return std::nullopt;
      int hi = HexValue(value[i + 1]);
      int lo = HexValue(value[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += value[i];
    }
  }
  return out;
}

absl::StatusOr<std::string> SignRedirectQuery(std::string_view param,
                                              std::string_view deflated_base64,
                                              std::string_view relay_state,
                                              const Credentials& credentials) {
  std::optional<std::string> raw_relay;
  if (!relay_state.empty()) raw_relay = FormUrlEncode(relay_state);
  std::string raw_sig_alg = FormUrlEncode(RsaSignatureUri(HashAlgorithm::kSha256));
  std::string octets =
      SignedOctets(param, FormUrlEncode(deflated_base64), raw_relay, raw_sig_alg);
  ASSIGN_OR_RETURN(const std::string signature,
                   SignRsa(credentials.private_key(), HashAlgorithm::kSha256, octets));
  return absl::StrCat(octets, "&Signature=", FormUrlEncode(absl::Base64Escape(signature)));
}

absl::StatusOr<RedirectQuery> ParseRedirectQuery(std::string_view raw_query) {
  RedirectQuery q;
  bool have_sig_alg = false;
  bool have_signature = false;
  for (absl::string_view pair : absl::StrSplit(absl::string_view(raw_query.data(), raw_query.size()), '&')) {
    size_t eq = pair.find('=');
    std::string name(pair.substr(0, eq));
    std::string raw(eq == absl::string_view::npos ? absl::string_view() : pair.substr(eq + 1));
    std::optional<std::string> decoded = FormUrlDecode(raw);
    if (!decoded.has_value()) return absl::InvalidArgumentError("malformed query escape");
    auto once = [&](bool seen) {
      return seen ? absl::InvalidArgumentError(absl::StrCat("repeated parameter ", name))
                  : absl::OkStatus();
    };
    if (name == "SAMLRequest" || name == "SAMLResponse") {
      RETURN_IF_ERROR(once(!q.param.empty()));
      q.param = name;
      q.raw_message = raw;
      q.message = *decoded;
    } else if (name == "RelayState") {
      RETURN_IF_ERROR(once(q.raw_relay_state.has_value()));
      q.raw_relay_state = raw;
      q.relay_state = *decoded;
    } else if (name == "SigAlg") {
      RETURN_IF_ERROR(once(have_sig_alg));
      have_sig_alg = true;
      q.raw_sig_alg = raw;
      q.sig_alg = *decoded;
    } else if (name == "Signature") {
      RETURN_IF_ERROR(once(have_signature));
      have_signature = true;
      q.signature = *decoded;
    }
  }
  if (q.param.empty()) return absl::InvalidArgumentError("no SAMLRequest or SAMLResponse");
  return q;
}

absl::Status VerifyRedirectQuery(const RedirectQuery& q, const std::vector<PublicKey>& keys) {
  HashAlgorithm hash;
  if (!RsaHashFromUri(q.sig_alg, hash)) {
    return absl::UnauthenticatedError("SigAlg missing or not RSA-SHA256/384/512");
  }
  std::string signature;
  if (q.signature.empty() || !absl::Base64Unescape(q.signature, &signature)) {
    return absl::UnauthenticatedError("Signature missing or not base64");
  }
  std::string octets = SignedOctets(q.param, q.raw_message, q.raw_relay_state, q.raw_sig_alg);
  for (const PublicKey& key : keys) {
    if (VerifyRsa(key.get(), hash, octets, signature)) return absl::OkStatus();
  }
  return absl::UnauthenticatedError("query signature does not verify with the metadata keys");
}

}  // namespace sisl::gateway::spid
