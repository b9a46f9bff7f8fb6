// The cookie jar, the redirect-following Browser and the HTML form helpers of http_client.h.
#include <algorithm>
#include <cstdint>
#include <initializer_list>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "tests/support/http_client.h"

namespace sisl::testing_env {
namespace {

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The attributes of a tag whose name ends at html[i], lower-case names and decoded values.
HttpHeaders TagAttributes(absl::string_view html, size_t i) {
  HttpHeaders attrs;
  const size_t n = html.size();
  for (;;) {
    while (i < n && (IsHtmlSpace(html[i]) || html[i] == '/')) ++i;
    if (i >= n || html[i] == '>') return attrs;
    size_t start = i;
    while (i < n && !IsHtmlSpace(html[i]) && html[i] != '/' && html[i] != '=' && html[i] != '>') {
      ++i;
    }
    std::string name = absl::AsciiStrToLower(html.substr(start, i - start));
    while (i < n && IsHtmlSpace(html[i])) ++i;
    std::string value;
    if (i < n && html[i] == '=') {
      for (++i; i < n && IsHtmlSpace(html[i]); ++i) {
      }
      if (i < n && (html[i] == '"' || html[i] == '\'')) {
        const size_t close = std::min(html.find(html[i], i + 1), n);
        value = HtmlUnescape(html.substr(i + 1, close - i - 1));
        i = std::min(close + 1, n);
      } else {
        for (start = i; i < n && !IsHtmlSpace(html[i]) && html[i] != '>'; ++i) {
        }
        value = HtmlUnescape(html.substr(start, i - start));
      }
    }
    attrs.emplace_back(std::move(name), std::move(value));
  }
}

// The attributes of every <tag ...> in `html` (tag name in lower case, matched ignoring case).
std::vector<HttpHeaders> Tags(absl::string_view html, absl::string_view tag) {
  std::vector<HttpHeaders> out;
  for (size_t i = html.find('<'); i != absl::string_view::npos; i = html.find('<', i)) {
    ++i;
    const size_t end = i + tag.size();
    if (end < html.size() && absl::EqualsIgnoreCase(html.substr(i, tag.size()), tag) &&
        (IsHtmlSpace(html[end]) || html[end] == '>' || html[end] == '/')) {
      out.push_back(TagAttributes(html, end));
    }
  }
  return out;
}

const std::string* Attribute(const HttpHeaders& attrs, absl::string_view name) {
  for (const auto& [k, v] : attrs) {
    if (k == name) return &v;
  }
  return nullptr;
}

void EraseHeaders(HttpHeaders& headers, std::initializer_list<absl::string_view> names) {
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [names](const auto& h) {
                                 for (absl::string_view n : names) {
                                   if (absl::EqualsIgnoreCase(h.first, n)) return true;
                                 }
                                 return false;
                               }),
                headers.end());
}

std::string PercentEncode(absl::string_view text, absl::string_view keep, bool plus_for_space) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u) || keep.find(c) != absl::string_view::npos) {
      out.push_back(c);
    } else if (c == ' ' && plus_for_space) {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
  return out;
}

}  // namespace

void CookieJar::Update(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (name == "set-cookie") Apply(value);
  }
}

void CookieJar::Apply(absl::string_view set_cookie) {
  std::vector<absl::string_view> parts = absl::StrSplit(set_cookie, ';');
  const size_t eq = parts[0].find('=');
  if (eq == absl::string_view::npos) return;
  const absl::string_view name = absl::StripAsciiWhitespace(parts[0].substr(0, eq));
  if (name.empty()) return;
  std::optional<bool> expired_by_max_age;
  bool expired_by_date = false;
  for (size_t i = 1; i < parts.size(); ++i) {
    const absl::string_view attr = absl::StripAsciiWhitespace(parts[i]);
    const size_t aeq = attr.find('=');
    if (aeq == absl::string_view::npos) continue;
    const absl::string_view key = absl::StripAsciiWhitespace(attr.substr(0, aeq));
    const absl::string_view value = absl::StripAsciiWhitespace(attr.substr(aeq + 1));
    if (absl::EqualsIgnoreCase(key, "max-age")) {
      int64_t seconds = 0;
      if (absl::SimpleAtoi(value, &seconds)) expired_by_max_age = seconds <= 0;
    } else if (absl::EqualsIgnoreCase(key, "expires")) {
      absl::Time when;
      std::string error;
      expired_by_date = absl::ParseTime("%a, %d %b %Y %H:%M:%S GMT", value, &when, &error) &&
                        when <= absl::Now();
    }
  }
  if (expired_by_max_age.value_or(expired_by_date)) {
    Erase(name);
  } else {
    cookies_[std::string(name)] = std::string(absl::StripAsciiWhitespace(parts[0].substr(eq + 1)));
  }
}

std::optional<std::string> CookieJar::Get(absl::string_view name) const {
  auto it = cookies_.find(name);
  if (it == cookies_.end()) return std::nullopt;
  return it->second;
}

void CookieJar::Erase(absl::string_view name) {
  auto it = cookies_.find(name);
  if (it != cookies_.end()) cookies_.erase(it);
}

std::string CookieJar::CookieHeader() const {
  std::string out;
  for (const auto& [name, value] : cookies_) {
    absl::StrAppend(&out, out.empty() ? "" : "; ", name, "=", value);
  }
  return out;
}

Browser::Browser(std::string address, int max_redirects, HttpClientOptions options)
    : address_(std::move(address)), max_redirects_(max_redirects), options_(options) {}

HttpClient& Browser::ClientFor(const std::string& address) {
  auto& client = clients_[address];
  if (!client) client = std::make_unique<HttpClient>(address, options_);
  return *client;
}

absl::StatusOr<HttpResponse> Browser::Send(HttpRequest request) {
  std::string address = address_;
  last_redirects_ = 0;
  for (;;) {
    auto& headers = request.headers;
    EraseHeaders(headers, {"cookie"});
    if (std::string cookie = cookies_.CookieHeader(); !cookie.empty()) {
      headers.emplace_back("Cookie", std::move(cookie));
    }
    HttpResponse response;
    if (absl::Status st = ClientFor(address).Send(request, &response); !st.ok()) return st;
    cookies_.Update(response);
    last_address_ = address;
    last_target_ = request.target;
    const int s = response.status;
    const std::string* location = response.FindHeader("location");
    if (location == nullptr || (s != 301 && s != 302 && s != 303 && s != 307 && s != 308) ||
        max_redirects_ == 0) {
      return response;
    }
    if (last_redirects_ >= max_redirects_) {
      return absl::FailedPreconditionError(
          absl::StrCat("more than ", max_redirects_, " redirects, the last to ", *location));
    }
    ++last_redirects_;
    std::string next = location->substr(0, location->find('#'));
    if (absl::StartsWithIgnoreCase(next, "https://")) {
      return absl::UnimplementedError("redirect to https: " + next);
    }
    if (absl::StartsWithIgnoreCase(next, "http://") || absl::StartsWith(next, "//")) {
      next = next.substr(next.find("//") + 2);
      const size_t slash = std::min(next.find('/'), next.find('?'));
      address = next.substr(0, slash);
      next = slash == std::string::npos ? "/" : next.substr(slash);
      if (next.front() == '?') next.insert(0, "/");
    } else if (next.empty() || next.front() == '?') {
      next.insert(0, request.target.substr(0, request.target.find('?')));
    } else if (next.front() != '/') {  // relative to the current path's directory
      const std::string path = request.target.substr(0, request.target.find('?'));
      next.insert(0, path.substr(0, path.rfind('/') + 1));
    }
    request.target = std::move(next);
    if (s != 307 && s != 308) {
      if (request.method != "HEAD") request.method = "GET";
      request.body.clear();
      EraseHeaders(headers, {"content-type", "content-length"});
    }
  }
}

absl::StatusOr<HttpResponse> Browser::Get(std::string target, HttpHeaders headers) {
  return Send(HttpRequest{"GET", std::move(target), std::move(headers), ""});
}

absl::StatusOr<HttpResponse> Browser::PostForm(std::string target, const HttpHeaders& fields,
                                               HttpHeaders headers) {
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return Send(HttpRequest{"POST", std::move(target), std::move(headers), UrlEncodeForm(fields)});
}

std::string HtmlUnescape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t semi = text[i] == '&' ? text.find(';', i) : absl::string_view::npos;
    if (semi == absl::string_view::npos || semi - i > 12) {
      out.push_back(text[i++]);
      continue;
    }
    const absl::string_view entity = text.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    bool ok = true;
    if (entity == "amp") cp = '&';
    else if (entity == "lt") cp = '<';
    else if (entity == "gt") cp = '>';
    else if (entity == "quot") cp = '"';
    else if (entity == "apos") cp = '\'';
    else if (entity == "nbsp") cp = 0xA0;
    else if (entity.size() > 2 && entity[0] == '#' && (entity[1] == 'x' || entity[1] == 'X')) {
      ok = absl::ascii_isxdigit(static_cast<unsigned char>(entity[2])) &&
           absl::SimpleHexAtoi(entity.substr(2), &cp);
    } else if (entity.size() > 1 && entity[0] == '#') {
      ok = absl::ascii_isdigit(static_cast<unsigned char>(entity[1])) &&
           absl::SimpleAtoi(entity.substr(1), &cp);
    } else {
      ok = false;
    }
    if (!ok || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(text[i++]);
      continue;
    }
    AppendUtf8(cp, &out);
    i = semi + 1;
  }
  return out;
}

HttpHeaders HiddenInputs(absl::string_view html) {
  HttpHeaders out;
  for (const HttpHeaders& attrs : Tags(html, "input")) {
    const std::string* type = Attribute(attrs, "type");
    const std::string* name = Attribute(attrs, "name");
    if (type == nullptr || name == nullptr || !absl::EqualsIgnoreCase(*type, "hidden")) continue;
    const std::string* value = Attribute(attrs, "value");
    out.emplace_back(*name, value ? *value : "");
  }
  return out;
}

std::optional<std::string> FormAction(absl::string_view html) {
  const std::vector<HttpHeaders> forms = Tags(html, "form");
  if (forms.empty()) return std::nullopt;
  const std::string* action = Attribute(forms.front(), "action");
  if (action == nullptr) return std::nullopt;
  return *action;
}

std::string UrlEncodeForm(const HttpHeaders& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    absl::StrAppend(&out, out.empty() ? "" : "&", PercentEncode(name, "*-._", true), "=",
                    PercentEncode(value, "*-._", true));
  }
  return out;
}

std::string UrlEncode(absl::string_view text) { return PercentEncode(text, "-._~", false); }

}  // namespace sisl::testing_env
