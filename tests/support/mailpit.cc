#include "tests/support/mailpit.h"

#include <curl/curl.h>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace sisl::testing_env {
namespace {

size_t Collect(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

std::string Escape(const std::string& s) {
  char* e = curl_easy_escape(nullptr, s.data(), static_cast<int>(s.size()));
  std::string out = e == nullptr ? "" : e;
  curl_free(e);
  return out;
}

}  // namespace

bool Mailpit::Fetch(const std::string& path, std::string* body, std::string* error) const {
  const std::string url = api_ + path;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) *error = absl::StrCat(url, ": ", curl_easy_strerror(rc));
  return rc == CURLE_OK;
}

std::string Mailpit::Get(const std::string& path) const {
  std::string body, error;
  const bool ok = Fetch(path, &body, &error);
  EXPECT_TRUE(ok) << error;
  return ok ? body : "";
}

bool Mailpit::Ready() const {
  std::string body, error;
  return Fetch("/readyz", &body, &error);
}

nlohmann::json Mailpit::SearchTo(const std::string& address) const {
  const std::string body =
      Get(absl::StrCat("/api/v1/search?limit=1000&query=", Escape("to:\"" + address + "\"")));
  nlohmann::json list = nlohmann::json::parse(body, nullptr, false);
  return list.is_object() ? list : nlohmann::json::object();
}

nlohmann::json Mailpit::WaitFor(const std::string& address, int count,
                                absl::Duration timeout) const {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    nlohmann::json list = SearchTo(address);
    if (list.value("messages_count", 0) >= count || absl::Now() > deadline) return list;
    absl::SleepFor(absl::Milliseconds(100));
  }
}

nlohmann::json Mailpit::Message(const std::string& id) const {
  nlohmann::json m = nlohmann::json::parse(Get("/api/v1/message/" + id), nullptr, false);
  return m.is_object() ? m : nlohmann::json::object();
}

std::string Mailpit::Part(const std::string& id, const std::string& part_id) const {
  return Get(absl::StrCat("/api/v1/message/", id, "/part/", part_id));
}

int64_t Mailpit::Total() const {
  nlohmann::json m = nlohmann::json::parse(Get("/api/v1/messages?limit=1"), nullptr, false);
  return m.is_object() ? m.value("total", int64_t{-1}) : -1;
}

std::string UniqueAddress(const std::string& local, const std::string& domain) {
  absl::BitGen gen;
  return absl::StrCat(local, "+", absl::Uniform<uint64_t>(gen), "@", domain);
}

}  // namespace sisl::testing_env
