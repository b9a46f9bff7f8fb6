// Percent-encoding, query strings and cookies (declared in server.h).
#include <map>
#include <string>

#include "gateway/http/server.h"

namespace sisl::gateway::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

bool PercentDecode(const std::string& in, bool plus_is_space, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      const char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return false;  // NUL never belongs in a path or parameter
      out->push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

std::string PercentEncode(const std::string& in) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

bool ParseQuery(const std::string& query, std::multimap<std::string, std::string>* out) {
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string::npos) amp = query.size();
    std::string part = query.substr(start, amp - start);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string key, value;
      if (!PercentDecode(part.substr(0, eq), true, &key)) return false;
      if (eq != std::string::npos && !PercentDecode(part.substr(eq + 1), true, &value)) {
        return false;
      }
      if (key.empty()) return false;
      out->emplace(std::move(key), std::move(value));
    }
    start = amp + 1;
  }
  return true;
}

std::map<std::string, std::string> ParseCookies(const std::string& header) {
  std::map<std::string, std::string> cookies;
  size_t start = 0;
  while (start < header.size()) {
    size_t semi = header.find_first_of(";,", start);
    if (semi == std::string::npos) semi = header.size();
    std::string part = Trim(header.substr(start, semi - start));
    size_t eq = part.find('=');
    if (eq != std::string::npos && eq > 0) {
      std::string value = Trim(part.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      cookies.emplace(Trim(part.substr(0, eq)), value);  // first one wins
    }
    start = semi + 1;
  }
  return cookies;
}

}  // namespace sisl::gateway::http
