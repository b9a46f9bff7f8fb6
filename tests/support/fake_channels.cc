#include "tests/support/fake_channels.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace sisl::notifications::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;

struct FakeChannelsServer::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
};

namespace {

FakeReply Problem(int status, const std::string& title, const std::string& detail = "") {
  return {status, json{{"title", title}, {"status", status}, {"detail", detail}}.dump()};
}

int Utf16Units(const std::string& text) {
  int n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;
    n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

std::string StringField(const json& object, const char* name) {
  if (!object.is_object()) return "";
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

FakeChannelsServer::FakeChannelsServer() : impl_(std::make_unique<Impl>()) {}

FakeChannelsServer::~FakeChannelsServer() { Stop(); }

absl::Status FakeChannelsServer::Start() {
  boost::system::error_code ec;
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("fake channels: ", ec.message()));
  port_ = impl_->acceptor.local_endpoint().port();
  thread_ = std::thread([this] { Serve(); });
  return absl::OkStatus();
}

void FakeChannelsServer::Stop() {
  if (!thread_.joinable()) return;
  stop_ = true;
  {  // wake the blocking accept
    boost::system::error_code ec;
    tcp::socket wake(impl_->io);
    wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  }
  thread_.join();
  boost::system::error_code ec;
  impl_->acceptor.close(ec);
}

std::string FakeChannelsServer::base_url() const {
  return absl::StrCat("http://127.0.0.1:", port_);
}

std::string FakeChannelsServer::sms_url() const { return absl::StrCat(base_url(), kSmsPath); }

void FakeChannelsServer::SetAppIoKey(const std::string& key) {
  absl::MutexLock lock(&mu_);
  app_io_key_ = key;
}

void FakeChannelsServer::AddProfile(const std::string& fiscal_code, bool sender_allowed) {
  absl::MutexLock lock(&mu_);
  profiles_[fiscal_code] = sender_allowed;
}

void FakeChannelsServer::SetSmsAuthorization(const std::string& value) {
  absl::MutexLock lock(&mu_);
  sms_authorization_ = value;
}

void FakeChannelsServer::Script(const std::string& method_and_prefix,
                                std::vector<FakeReply> replies) {
  absl::MutexLock lock(&mu_);
  scripts_.push_back({method_and_prefix, std::deque<FakeReply>(replies.begin(), replies.end())});
}

std::vector<ReceivedRequest> FakeChannelsServer::requests() const {
  absl::MutexLock lock(&mu_);
  return requests_;
}

std::vector<ReceivedSms> FakeChannelsServer::sms() const {
  absl::MutexLock lock(&mu_);
  return sms_;
}

std::vector<ReceivedIoMessage> FakeChannelsServer::io_messages() const {
  absl::MutexLock lock(&mu_);
  return io_messages_;
}

void FakeChannelsServer::Serve() {
  while (!stop_) {
    tcp::socket socket(impl_->io);
    boost::system::error_code ec;
    impl_->acceptor.accept(socket, ec);
    if (stop_) break;
    if (ec) continue;
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    http::read(socket, buffer, request, ec);
    if (ec) continue;
    ReceivedRequest received;
    received.method = std::string(request.method_string());
    received.target = std::string(request.target());
    for (const auto& field : request) {
      received.headers[absl::AsciiStrToLower(std::string(field.name_string()))] =
          std::string(field.value());
    }
    received.body = request.body();
    const FakeReply reply = Answer(received);

    http::response<http::string_body> response{static_cast<http::status>(reply.status),
                                               request.version()};
    response.set(http::field::content_type, "application/json");
    response.keep_alive(false);
    response.body() = reply.body;
    response.prepare_payload();
    http::write(socket, response, ec);
    socket.shutdown(tcp::socket::shutdown_send, ec);
  }
}

FakeReply FakeChannelsServer::Answer(const ReceivedRequest& request) {
  absl::MutexLock lock(&mu_);
  requests_.push_back(request);
  const std::string line = absl::StrCat(request.method, " ", request.target);
  for (Scripted& script : scripts_) {
    if (!script.replies.empty() && absl::StartsWith(line, script.method_and_prefix)) {
      FakeReply reply = std::move(script.replies.front());
      script.replies.pop_front();
      return reply;
    }
  }
  auto header = [&](const char* name) {
    auto it = request.headers.find(name);
    return it == request.headers.end() ? std::string() : it->second;
  };
  const bool io_path = absl::StartsWith(request.target, "/api/v1/");
  if (io_path && header("ocp-apim-subscription-key") != app_io_key_) {
    return Problem(401, "Unauthorized", "missing or wrong subscription key");
  }
  if (request.method == "POST" && request.target == "/api/v1/profiles") {
    return AnswerProfile(request,
                         StringField(json::parse(request.body, nullptr, false), "fiscal_code"));
  }
  if (request.method == "GET" && absl::StartsWith(request.target, "/api/v1/profiles/")) {
    return AnswerProfile(request, request.target.substr(sizeof("/api/v1/profiles/") - 1));
  }
  if (request.method == "POST" && request.target == "/api/v1/messages") {
    return AnswerMessage(request);
  }
  if (request.method == "POST" && request.target == kSmsPath) return AnswerSms(request);
  return Problem(404, "Not Found");
}

FakeReply FakeChannelsServer::AnswerProfile(const ReceivedRequest&,
                                            const std::string& fiscal_code) {
  auto it = profiles_.find(fiscal_code);
  if (it == profiles_.end()) {
    return Problem(404, "Profile not found",
                   absl::StrCat("no profile for fiscal code ", fiscal_code));
  }
  return {200, json{{"sender_allowed", it->second}, {"preferred_languages", {"it_IT"}}}.dump()};
}

FakeReply FakeChannelsServer::AnswerMessage(const ReceivedRequest& request) {
  const json body = json::parse(request.body, nullptr, false);
  ReceivedIoMessage message;
  message.fiscal_code = StringField(body, "fiscal_code");
  message.feature_level_type = StringField(body, "feature_level_type");
  if (body.is_object() && body.contains("content")) {
    message.subject = StringField(body["content"], "subject");
    message.markdown = StringField(body["content"], "markdown");
  }
  const int subject = Utf16Units(message.subject);
  const int markdown = Utf16Units(message.markdown);
  if (message.fiscal_code.size() != 16 || subject < 10 || subject >= 120 || markdown < 80 ||
      markdown >= 10000) {
    return Problem(400, "Invalid NewMessage", "fiscal_code, content.subject or content.markdown");
  }
  char id[32];
  std::snprintf(id, sizeof(id), "01FAKEIOMESSAGE%011d", next_id_++);
  message.id = id;
  io_messages_.push_back(message);
  return {201, json{{"id", message.id}}.dump()};
}

FakeReply FakeChannelsServer::AnswerSms(const ReceivedRequest& request) {
  if (!sms_authorization_.empty()) {
    auto it = request.headers.find("authorization");
    if (it == request.headers.end() || it->second != sms_authorization_) {
      return Problem(401, "Unauthorized");
    }
  }
  const json body = json::parse(request.body, nullptr, false);
  ReceivedSms sms{StringField(body, "to"), StringField(body, "from"), StringField(body, "text"),
                  StringField(body, "reference"), ""};
  if (sms.to.empty() || sms.from.empty() || sms.text.empty() || sms.reference.empty()) {
    return Problem(400, "Bad Request", "to, from, text and reference are required");
  }
  for (const ReceivedSms& seen : sms_) {
    if (seen.reference == sms.reference) return {200, json{{"id", seen.id}}.dump()};
  }
  sms.id = absl::StrCat("sms-", next_id_++);
  sms_.push_back(sms);
  return {200, json{{"id", sms.id}, {"status", "accepted"}}.dump()};
}

}  // namespace sisl::notifications::testing
