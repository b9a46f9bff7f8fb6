#include "absl/strings/string_view.h"
#include "services/platform/paging.h"

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/platform/errors.h"

namespace sisl::platform {
namespace {

// Layout before base64: "p2:" fingerprint(query) ":" fingerprint(cursor) ":" cursor. The second
// fingerprint makes a truncated or altered token fail instead of yielding another cursor.
constexpr char kVersion[] = "p2";

std::string Fingerprint(absl::string_view query) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a 64
  for (unsigned char c : query) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return absl::StrFormat("%016x", h);
}

absl::Status BadToken(absl::string_view why) {
  return InvalidField("INVALID_PAGE_TOKEN", "page_token", why);
}

}  // namespace

absl::StatusOr<int> ResolvePageSize(int requested, int default_size, int max_size) {
  if (requested < 0) {
    return InvalidField("INVALID_PAGE_SIZE", "page_size", "must not be negative");
  }
  if (requested == 0) return default_size;
  return requested > max_size ? max_size : requested;
}

std::string EncodePageToken(absl::string_view cursor, absl::string_view query) {
  return absl::WebSafeBase64Escape(
      absl::StrCat(kVersion, ":", Fingerprint(query), ":", Fingerprint(cursor), ":", cursor));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token, absl::string_view query) {
  if (token.empty()) return std::string();
  std::string raw;
  if (token.size() > 1024 || !absl::WebSafeBase64Unescape(token, &raw)) {
    return BadToken("is not a token returned by this API");
  }
  const std::string prefix = absl::StrCat(kVersion, ":");
  const size_t start = prefix.size();  // of the query fingerprint; the cursor's follows at +17
  if (raw.rfind(prefix, 0) != 0 || raw.size() < start + 34 || raw[start + 16] != ':' ||
      raw[start + 33] != ':') {
    return BadToken("is not a token returned by this API");
  }
  std::string cursor = raw.substr(start + 34);
  if (raw.substr(start + 17, 16) != Fingerprint(cursor)) {
    return BadToken("is not a token returned by this API");
  }
  if (raw.substr(start, 16) != Fingerprint(query)) {
    return BadToken("was issued for a request with different filters");
  }
  return cursor;
}

}  // namespace sisl::platform
