#include "gateway/spid/spid_errors.h"

#include <cctype>
#include <string>

namespace sisl::gateway::spid {

int SpidErrorCodeFrom(std::string_view status_message) {
  std::string lower;
  lower.reserve(status_message.size());
  for (char c : status_message) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t pos = lower.find("errorcode");
  if (pos == std::string::npos) return 0;
  pos += 9;
  while (pos < lower.size() && (lower[pos] == ' ' || lower[pos] == '_' || lower[pos] == ':')) ++pos;
  if (lower.compare(pos, 2, "nr") != 0) return 0;
  pos += 2;
  while (pos < lower.size() && lower[pos] == ' ') ++pos;
  int code = 0;
  int digits = 0;
  while (pos < lower.size() && std::isdigit(static_cast<unsigned char>(lower[pos])) && digits < 3) {
    code = code * 10 + (lower[pos] - '0');
    ++pos;
    ++digits;
  }
  return digits == 0 ? 0 : code;
}

}  // namespace sisl::gateway::spid
