#include "gateway/http/server.h"

#include <atomic>
#include <chrono>
#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "boost/asio.hpp"
#include "boost/beast/core.hpp"
#include "boost/beast/http.hpp"
#include "services/platform/ids.h"
#include "services/platform/log.h"

namespace sisl::gateway::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

std::chrono::steady_clock::duration ToChrono(absl::Duration d) {
  return std::chrono::microseconds(absl::ToInt64Microseconds(d));
}

bool SaneRequestId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Handler h)
      : options(std::move(o)), handler(std::move(h)), ioc(options.threads) {}
  ServerOptions options;
  Handler handler;
  net::io_context ioc;
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  std::atomic<int> port{0};
  std::atomic<bool> stopping{false};
  std::atomic<int> in_flight{0};
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  // Shared with every `Respond`, which a handler may keep (or drop) after the server is gone:
  // once closed, a late answer touches nothing of the server, its connections or its io_context.
  struct RespondGate {
    absl::Mutex mu;
    bool open ABSL_GUARDED_BY(mu) = true;
  };
  std::shared_ptr<RespondGate> respond_gate = std::make_shared<RespondGate>();

  void Accept();
};

namespace {

class Connection final : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ip_ = ep.address().to_string();
  }

  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
  }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
    parser_->body_limit(server_.options.max_body_bytes);
    stream_.expires_after(
        ToChrono(first_ ? server_.options.read_timeout : server_.options.idle_timeout));
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return FailRead(ec);
    stream_.expires_after(ToChrono(server_.options.read_timeout));
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec2, size_t) { self->OnRequest(ec2); });
  }

  void FailRead(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) return WriteError(431, "Request header too large");
    if (ec == bhttp::error::body_limit) return WriteError(413, "Request body too large");
    if (ec == beast::error::timeout || ec == bhttp::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted ||
        ec == bhttp::error::partial_message) {
      return Close();
    }
    WriteError(400, "Malformed HTTP request");
  }

  void WriteError(int status, const std::string& message) {
    keep_alive_ = false;
    Response r;
    r.status = status;
    r.content_type = "application/problem+json";
    r.body = "{\"type\":\"about:blank\",\"title\":\"" + message +
             "\",\"status\":" + std::to_string(status) + "}";
    Write(std::move(r), platform::NewUuidV7());
  }

  void OnRequest(beast::error_code ec) {
    if (ec) return FailRead(ec);
    first_ = false;
    auto& msg = parser_->get();
    keep_alive_ = msg.keep_alive() && !server_.stopping.load();
    auto req = std::make_shared<Request>();
    req->method = std::string(msg.method_string());
    req->target = std::string(msg.target());
    for (const auto& field : msg) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto [it, inserted] = req->headers.emplace(name, std::string(field.value()));
      if (!inserted) it->second += ", " + std::string(field.value());
    }
    req->remote_ip =
        ClientAddress(remote_ip_, req->Header("x-forwarded-for"), server_.options.trusted_proxies);
    req->body = std::move(msg.body());
    std::string raw_path = req->target.substr(0, req->target.find('?'));
    const size_t q = req->target.find('?');
    bool ok =
        PercentDecode(raw_path, false, &req->path) && !req->path.empty() && req->path[0] == '/';
    if (ok && q != std::string::npos) ok = ParseQuery(req->target.substr(q + 1), &req->query);
    if (auto c = req->Header("cookie")) req->cookies = ParseCookies(*c);
    auto rid = req->Header("x-request-id");
    req->request_id = rid && SaneRequestId(*rid) ? *rid : platform::NewUuidV7();
    if (!ok) {
      keep_alive_ = false;
      Response r;
      r.status = 400;
      r.content_type = "application/problem+json";
      r.body = R"({"type":"about:blank","title":"Malformed request target","status":400})";
      return Write(std::move(r), req->request_id);
    }
    Dispatch(std::move(req));
  }

  void Dispatch(std::shared_ptr<Request> req) {
    auto answered = std::make_shared<std::atomic<bool>>(false);
    auto timer = std::make_shared<net::steady_timer>(stream_.get_executor());
    server_.in_flight.fetch_add(1);
    const std::string rid = req->request_id;
    auto self = shared_from_this();
    timer->expires_after(ToChrono(server_.options.handler_timeout));
    // The wait owns the timer (and the connection) until it fires or is cancelled, so a handler
    // that drops `respond` without answering still gets its 504.
    timer->async_wait([self, answered, rid, timer](beast::error_code ec) {
      if (ec || answered->exchange(true)) return;
      self->server_.in_flight.fetch_sub(1);
      self->keep_alive_ = false;
      Response r;
      r.status = 504;
      r.content_type = "application/problem+json";
      r.body = R"({"type":"about:blank","title":"The request took too long","status":504})";
      self->Write(std::move(r), rid);
    });
    // Weak references: the pending wait keeps the connection and the timer alive until it is
    // answered, and a Respond outliving the server must not hold io objects of a dead context.
    Respond respond = [weak_self = std::weak_ptr<Connection>(self),
                       weak_timer = std::weak_ptr<net::steady_timer>(timer), answered, rid,
                       gate = server_.respond_gate](Response response) {
      absl::MutexLock lock(&gate->mu);
      if (!gate->open || answered->exchange(true)) return;
      std::shared_ptr<Connection> self = weak_self.lock();
      if (self == nullptr) return;
      self->server_.in_flight.fetch_sub(1);
      net::post(self->stream_.get_executor(),
                [self, timer = weak_timer.lock(), rid, r = std::move(response)]() mutable {
                  if (timer) timer->cancel();
                  self->Write(std::move(r), rid);
                });
    };
    try {
      server_.handler(*req, std::move(respond));
    } catch (const std::exception& e) {
      platform::log::Error("gateway handler threw", {{"error", e.what()}});
      Response r;
      r.status = 500;
      r.content_type = "application/problem+json";
      r.body = R"({"type":"about:blank","title":"Internal error","status":500})";
      if (!answered->exchange(true)) {
        server_.in_flight.fetch_sub(1);
        timer->cancel();
        Write(std::move(r), rid);
      }
    }
  }

  void Write(Response r, const std::string& request_id) {
    res_ = {};
    res_.version(11);
    res_.result(static_cast<unsigned>(r.status));
    res_.set(bhttp::field::server, "sisl-gateway");
    res_.set(bhttp::field::content_type, r.content_type);
    res_.set("X-Request-Id", request_id);
    for (const auto& [k, v] : r.headers) res_.insert(k, v);
    for (const auto& c : r.set_cookies) res_.insert(bhttp::field::set_cookie, c);
    res_.keep_alive(keep_alive_);
    res_.body() = std::move(r.body);
    res_.prepare_payload();
    stream_.expires_after(ToChrono(server_.options.read_timeout));
    bhttp::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec || !self->keep_alive_) return self->Close();
      self->ReadHeader();
    });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> res_;
  std::string remote_ip_;
  bool first_ = true;
  bool keep_alive_ = true;
};

}  // namespace

void Server::Impl::Accept() {
  acceptor->async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping.load()) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<Connection>(std::move(socket), *this)->Start();
    }
    Accept();
  });
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() { Stop(absl::ZeroDuration()); }

int Server::port() const { return impl_->port.load(); }

absl::Status Server::Start() {
  const std::string& address = impl_->options.address;
  const size_t colon = address.rfind(':');
  int port = 0;
  if (colon == std::string::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port)) {
    return absl::InvalidArgumentError("gateway.http_address must be host:port, got " + address);
  }
  beast::error_code ec;
  auto ip = net::ip::make_address(address.substr(0, colon), ec);
  if (ec) return absl::InvalidArgumentError("bad gateway listen address " + address);
  tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
  impl_->acceptor.emplace(impl_->ioc);
  impl_->acceptor->open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor->bind(endpoint, ec);
  if (!ec) impl_->acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec) return absl::UnavailableError("cannot listen on " + address + ": " + ec.message());
  impl_->port = impl_->acceptor->local_endpoint().port();
  impl_->work.emplace(impl_->ioc.get_executor());
  impl_->Accept();
  for (int i = 0; i < std::max(1, impl_->options.threads); ++i) {
    impl_->threads.emplace_back([this] { impl_->ioc.run(); });
  }
  return absl::OkStatus();
}

void Server::Stop(absl::Duration grace) {
  if (impl_->threads.empty()) return;
  impl_->stopping = true;
  net::post(impl_->ioc, [this] {
    beast::error_code ec;
    if (impl_->acceptor) impl_->acceptor->close(ec);
  });
  const absl::Time deadline = absl::Now() + grace;
  while (impl_->in_flight.load() > 0 && absl::Now() < deadline)
    absl::SleepFor(absl::Milliseconds(10));
  {
    absl::MutexLock lock(&impl_->respond_gate->mu);
    impl_->respond_gate->open = false;
  }
  impl_->work.reset();
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->threads.clear();
}

}  // namespace sisl::gateway::http
