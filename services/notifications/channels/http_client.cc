#include "services/notifications/channels/http_client.h"

#include <curl/curl.h>

#include <map>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::notifications {
namespace {

struct ParsedUrl {
  std::string scheme;
  std::string host;
  std::string port;
};

// scheme://[user@]host[:port][/...]; an empty scheme or host when it is not of that shape.
ParsedUrl ParseUrl(absl::string_view url) {
  ParsedUrl parsed;
  size_t sep = url.find("://");
  if (sep == absl::string_view::npos) return parsed;
  parsed.scheme = absl::AsciiStrToLower(url.substr(0, sep));
  absl::string_view rest = url.substr(sep + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != absl::string_view::npos) rest = rest.substr(at + 1);
  if (absl::StartsWith(rest, "[")) {
    size_t close = rest.find(']');
    if (close == absl::string_view::npos) return parsed;
    parsed.host = std::string(rest.substr(0, close + 1));
    rest = rest.substr(close + 1);
    if (absl::StartsWith(rest, ":")) parsed.port = std::string(rest.substr(1));
  } else {
    size_t colon = rest.find(':');
    parsed.host = std::string(rest.substr(0, colon));
    if (colon != absl::string_view::npos) parsed.port = std::string(rest.substr(colon + 1));
  }
  return parsed;
}

absl::Status UrlError(absl::string_view why) {
  return platform::Error(absl::StatusCode::kInvalidArgument, "HTTP_URL", why);
}

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

bool HasLineBreak(absl::string_view text) {
  return text.find_first_of(absl::string_view("\r\n\0", 3)) != absl::string_view::npos;
}

}  // namespace

bool IsLoopbackHost(absl::string_view host) {
  if (absl::StartsWith(host, "[") && absl::EndsWith(host, "]")) {
    host = host.substr(1, host.size() - 2);
  }
  return host == "::1" || absl::AsciiStrToLower(host) == "localhost" ||
         absl::StartsWith(host, "127.");
}

std::string UrlOrigin(absl::string_view url) {
  ParsedUrl parsed = ParseUrl(url);
  if (parsed.scheme.empty() || parsed.host.empty()) return "(not a URL)";
  return absl::StrCat(parsed.scheme, "://", parsed.host,
                      parsed.port.empty() ? "" : absl::StrCat(":", parsed.port));
}

absl::Status CheckServiceUrl(absl::string_view url) {
  ParsedUrl parsed = ParseUrl(url);
  if (parsed.host.empty() || HasLineBreak(url) || absl::StrContains(url, " ")) {
    return UrlError("not an absolute http(s) URL");
  }
  if (parsed.scheme == "https") return absl::OkStatus();
  if (parsed.scheme == "http") {
    if (IsLoopbackHost(parsed.host)) return absl::OkStatus();
    return UrlError(
        absl::StrCat("plain http is allowed only for a loopback host, not ", UrlOrigin(url)));
  }
  return UrlError("the scheme must be https (or http for a loopback host)");
}

absl::StatusOr<std::unique_ptr<HttpClient>> HttpClient::Create(HttpClientConfig config) {
  if (config.connect_timeout <= absl::ZeroDuration() || config.timeout <= absl::ZeroDuration()) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "HTTP_CONFIG",
                           "http: timeouts must be positive");
  }
  static std::once_flag curl_init;
  std::call_once(curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(config)));
}

HttpClient::~HttpClient() {
  absl::MutexLock lock(&mu_);
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

absl::StatusOr<HttpReply> HttpClient::Get(absl::string_view url, const HttpHeaders& headers) {
  return Perform(false, url, headers, "");
}

absl::StatusOr<HttpReply> HttpClient::PostJson(absl::string_view url, const HttpHeaders& headers,
                                               absl::string_view json) {
  return Perform(true, url, headers, json);
}

absl::StatusOr<HttpReply> HttpClient::Perform(bool post, absl::string_view url,
                                              const HttpHeaders& headers, absl::string_view body) {
  if (absl::Status s = CheckServiceUrl(url); !s.ok()) return s;
  if (config_.insecure_skip_verify_loopback_only && !IsLoopbackHost(ParseUrl(url).host)) {
    return UrlError("certificate checks can be skipped only for a loopback host");
  }
  for (const auto& [name, value] : headers) {
    if (HasLineBreak(name) || HasLineBreak(value) || absl::StrContains(name, ":")) {
      return platform::Error(absl::StatusCode::kInvalidArgument, "HEADER_INJECTION",
                             absl::StrCat("http: a line break in header ", name));
    }
  }
  const std::string url_text(url);
  const std::string body_text(body);
  const std::string origin = UrlOrigin(url);

  absl::MutexLock lock(&mu_);
  if (curl_ == nullptr) curl_ = curl_easy_init();
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return absl::InternalError("http: curl_easy_init failed");
  curl_easy_reset(curl);  // keeps the open connection

  curl_slist* header_list = nullptr;
  for (const auto& [name, value] : headers) {
    header_list = curl_slist_append(header_list, absl::StrCat(name, ": ", value).c_str());
  }
  header_list = curl_slist_append(header_list, "Accept: application/json");
  if (post) header_list = curl_slist_append(header_list, "Content-Type: application/json");
  header_list = curl_slist_append(header_list, "Expect:");  // no 100-continue round trip

  HttpReply reply;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, url_text.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(config_.connect_timeout)));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(config_.timeout)));
  if (!config_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, config_.ca_file.c_str());
  if (config_.insecure_skip_verify_loopback_only) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
  if (post) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body_text.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body_text.size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);

  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  char* content_type = nullptr;
  curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
  if (content_type != nullptr) reply.content_type = content_type;
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  curl_slist_free_all(header_list);

  if (rc != CURLE_OK || status == 0) {
    // libcurl's messages may quote the URL: keep only its origin.
    std::string detail = error[0] != '\0' ? error : curl_easy_strerror(rc);
    if (absl::StrContains(detail, url_text)) detail = curl_easy_strerror(rc);
    return platform::Error(absl::StatusCode::kUnavailable, "HTTP_UNREACHABLE",
                           absl::StrCat("http ", origin, ": no answer: ", detail),
                           {{"detail", detail}, {"curl_code", absl::StrCat(rc)}});
  }
  reply.status = static_cast<int>(status);
  return reply;
}

}  // namespace sisl::notifications
