#include "tests/support/http_client.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"

namespace sisl::testing_env {
namespace {

absl::Status Errno(absl::string_view what) {
  return absl::UnavailableError(absl::StrCat(what, ": ", std::strerror(errno)));
}

bool IsIdleClose(const absl::Status& st) {
  return absl::IsOutOfRange(st) || absl::IsUnavailable(st);  // end of stream, reset, broken pipe
}

bool ContainsIgnoreCase(absl::string_view text, absl::string_view word) {
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    if (absl::EqualsIgnoreCase(text.substr(i, word.size()), word)) return true;
  }
  return false;
}

}  // namespace

const std::string* HttpResponse::FindHeader(absl::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return &value;
  }
  return nullptr;
}

std::optional<std::string> HttpResponse::Header(absl::string_view lower_name) const {
  const std::string* v = FindHeader(lower_name);
  if (v == nullptr) return std::nullopt;
  return *v;
}

std::vector<std::string> HttpResponse::Headers(absl::string_view lower_name) const {
  std::vector<std::string> out;
  for (const auto& [name, value] : headers) {
    if (name == lower_name) out.push_back(value);
  }
  return out;
}

HttpClient::HttpClient(std::string address, HttpClientOptions options)
    : address_(std::move(address)), options_(options), in_(16 * 1024, '\0') {
  const size_t colon = address_.rfind(':');
  host_ = address_.substr(0, colon == std::string::npos ? address_.size() : colon);
  port_ = colon == std::string::npos ? "80" : address_.substr(colon + 1);
  if (host_.size() >= 2 && host_.front() == '[' && host_.back() == ']') {
    host_ = host_.substr(1, host_.size() - 2);
  }
  out_.reserve(1024);
}

HttpClient::~HttpClient() { Close(); }

void HttpClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  in_begin_ = in_end_ = 0;
}

absl::Status HttpClient::Connect() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(host_.c_str(), port_.c_str(), &hints, &found); rc != 0) {
    return absl::UnavailableError(absl::StrCat("cannot resolve ", address_, ": ",
                                               ::gai_strerror(rc)));
  }
  const timeval tv = absl::ToTimeval(options_.timeout);
  absl::Status st = absl::UnavailableError("no address for " + address_);
  for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
      st = Errno("socket");
      continue;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));  // Linux: bounds connect() too
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
      fd_ = fd;
      ++connections_opened_;
      st = absl::OkStatus();
      break;
    }
    st = Errno("cannot connect to " + address_);
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return st;
}

absl::Status HttpClient::Fill() {
  if (in_begin_ == in_end_) {
    in_begin_ = in_end_ = 0;
  } else if (in_end_ == in_.size() && in_begin_ > 0) {
    std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
    in_end_ -= in_begin_;
    in_begin_ = 0;
  }
  if (in_end_ == in_.size()) in_.resize(in_.size() * 2);
  for (;;) {
    const ssize_t n = ::recv(fd_, in_.data() + in_end_, in_.size() - in_end_, 0);
    if (n > 0) {
      in_end_ += static_cast<size_t>(n);
      return absl::OkStatus();
    }
    if (n == 0) return absl::OutOfRangeError("connection closed by " + address_);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      return absl::DeadlineExceededError("no answer from " + address_ + " in time");
    }
    return Errno("receiving from " + address_);
  }
}

absl::Status HttpClient::Need(size_t n) {
  if (in_begin_ + n > in_.size()) {  // make room: compact, then grow
    std::memmove(in_.data(), in_.data() + in_begin_, in_end_ - in_begin_);
    in_end_ -= in_begin_;
    in_begin_ = 0;
    if (n > in_.size()) in_.resize(std::max(n, in_.size() * 2));
  }
  while (in_end_ - in_begin_ < n) {
    if (absl::Status st = Fill(); !st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status HttpClient::Send(const HttpRequest& request, HttpResponse* response) {
  out_.clear();
  absl::StrAppend(&out_, request.method, " ", request.target, " HTTP/1.1\r\n");
  bool has_host = false, has_length = false;
  for (const auto& [name, value] : request.headers) {
    has_host |= absl::EqualsIgnoreCase(name, "host");
    has_length |= absl::EqualsIgnoreCase(name, "content-length");
    absl::StrAppend(&out_, name, ": ", value, "\r\n");
  }
  if (!has_host) absl::StrAppend(&out_, "Host: ", address_, "\r\n");
  const bool sends_body = !request.body.empty() || request.method == "POST" ||
                          request.method == "PUT" || request.method == "PATCH";
  if (!has_length && sends_body) {
    absl::StrAppend(&out_, "Content-Length: ", request.body.size(), "\r\n");
  }
  absl::StrAppend(&out_, "\r\n", request.body);
  if (in_begin_ != in_end_) Close();  // unread bytes: the connection is out of step
  for (int attempt = 0;; ++attempt) {
    const bool reused = fd_ >= 0;
    if (!reused) {
      if (absl::Status st = Connect(); !st.ok()) return st;
    }
    auto done = Exchange(request, reused && attempt == 0, response);
    if (!done.ok()) {
      Close();
      return done.status();
    }
    if (*done == Attempt::kDone) return absl::OkStatus();
    Close();  // the server had closed the idle connection: once more on a new one
  }
}

absl::StatusOr<HttpClient::Attempt> HttpClient::Exchange(const HttpRequest& request, bool reused,
                                                         HttpResponse* response) {
  for (size_t sent = 0; sent < out_.size();) {
    const ssize_t n = ::send(fd_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
    if (n >= 0) {
      sent += static_cast<size_t>(n);
    } else if (errno != EINTR) {
      if (reused && sent == 0 && (errno == EPIPE || errno == ECONNRESET)) return Attempt::kRetry;
      return Errno("sending to " + address_);
    }
  }
  bool keep_alive = true, chunked = false;
  int64_t length = -1;
  do {  // 1xx interim answers (100 Continue) precede the real one
    if (absl::Status st = ReadHead(response, &keep_alive, &length, &chunked); !st.ok()) {
      if (reused && in_end_ == 0 && IsIdleClose(st)) return Attempt::kRetry;
      return st;
    }
  } while (response->status >= 100 && response->status < 200 && response->status != 101);
  std::string& body = response->body;
  body.clear();
  const int s = response->status;
  if (request.method == "HEAD" || s == 204 || s == 304 || s == 101) {
    // no body
  } else if (chunked) {
    if (absl::Status st = ReadChunked(&body); !st.ok()) return st;
  } else if (length >= 0) {
    if (static_cast<uint64_t>(length) > options_.max_body_bytes) {
      return absl::ResourceExhaustedError(absl::StrCat("body of ", length, " bytes"));
    }
    if (absl::Status st = Need(static_cast<size_t>(length)); !st.ok()) return st;
    body.assign(in_.data() + in_begin_, static_cast<size_t>(length));
    in_begin_ += static_cast<size_t>(length);
  } else {
    keep_alive = false;
    if (absl::Status st = ReadToEnd(&body); !st.ok()) return st;
  }
  if (!keep_alive) Close();
  return Attempt::kDone;
}

absl::Status HttpClient::ReadHead(HttpResponse* response, bool* keep_alive, int64_t* length,
                                  bool* chunked) {
  size_t end, scanned = 0;
  while ((end = Unread().find("\r\n\r\n", scanned)) == absl::string_view::npos) {
    if (Unread().size() > options_.max_header_bytes) {
      return absl::ResourceExhaustedError("response header too large");
    }
    scanned = Unread().size() < 3 ? 0 : Unread().size() - 3;
    if (absl::Status st = Fill(); !st.ok()) return st;
  }
  const absl::string_view head = Unread().substr(0, end + 2);  // every line ends with CRLF
  size_t eol = head.find("\r\n");
  const absl::string_view status_line = head.substr(0, eol);
  if (status_line.size() < 12 || !absl::StartsWith(status_line, "HTTP/1.") ||
      !absl::SimpleAtoi(status_line.substr(9, 3), &response->status)) {
    return absl::DataLossError(absl::StrCat("bad status line '", status_line, "'"));
  }
  *keep_alive = status_line[7] == '1';
  *length = -1;
  *chunked = false;
  size_t n = 0;  // headers filled; the strings of earlier responses are reused
  for (size_t pos = eol + 2; pos < head.size(); pos = eol + 2) {
    eol = head.find("\r\n", pos);
    const absl::string_view line = head.substr(pos, eol - pos);
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos) continue;
    if (n == response->headers.size()) response->headers.emplace_back();
    auto& [name, value] = response->headers[n++];
    name.assign(line.data(), colon);
    absl::AsciiStrToLower(&name);
    const absl::string_view v = absl::StripAsciiWhitespace(line.substr(colon + 1));
    value.assign(v.data(), v.size());
    if (name == "content-length") {
      if (!absl::SimpleAtoi(value, length) || *length < 0) {
        return absl::DataLossError("bad Content-Length " + value);
      }
    } else if (name == "transfer-encoding") {
      *chunked = ContainsIgnoreCase(value, "chunked");
    } else if (name == "connection") {
      if (ContainsIgnoreCase(value, "close")) *keep_alive = false;
      if (ContainsIgnoreCase(value, "keep-alive")) *keep_alive = true;
    }
  }
  response->headers.resize(n);
  in_begin_ += end + 4;
  return absl::OkStatus();
}

absl::Status HttpClient::ReadChunked(std::string* body) {
  for (;;) {
    size_t eol;
    while ((eol = Unread().find("\r\n")) == absl::string_view::npos) {
      if (Unread().size() > 4096) return absl::DataLossError("bad chunk header");
      if (absl::Status st = Fill(); !st.ok()) return st;
    }
    absl::string_view line = Unread().substr(0, eol);
    line = absl::StripAsciiWhitespace(line.substr(0, line.find(';')));
    uint64_t size = 0;
    if (!absl::SimpleHexAtoi(line, &size)) return absl::DataLossError("bad chunk size");
    in_begin_ += eol + 2;
    if (size == 0) {  // trailers, up to an empty line
      for (;;) {
        while ((eol = Unread().find("\r\n")) == absl::string_view::npos) {
          if (absl::Status st = Fill(); !st.ok()) return st;
        }
        in_begin_ += eol + 2;
        if (eol == 0) return absl::OkStatus();
      }
    }
    if (body->size() + size > options_.max_body_bytes) {
      return absl::ResourceExhaustedError("chunked body too large");
    }
    if (absl::Status st = Need(size + 2); !st.ok()) return st;
    body->append(in_.data() + in_begin_, size);
    if (Unread().substr(size, 2) != "\r\n") return absl::DataLossError("bad chunk end");
    in_begin_ += size + 2;
  }
}

absl::Status HttpClient::ReadToEnd(std::string* body) {
  for (;;) {
    body->append(in_.data() + in_begin_, in_end_ - in_begin_);
    in_begin_ = in_end_;
    if (body->size() > options_.max_body_bytes) return absl::ResourceExhaustedError("body");
    absl::Status st = Fill();
    if (absl::IsOutOfRange(st)) return absl::OkStatus();
    if (!st.ok()) return st;
  }
}

absl::StatusOr<HttpResponse> HttpClient::Send(const HttpRequest& request) {
  HttpResponse response;
  if (absl::Status st = Send(request, &response); !st.ok()) return st;
  return response;
}

absl::StatusOr<HttpResponse> HttpClient::Get(std::string target, HttpHeaders headers) {
  return Send(HttpRequest{"GET", std::move(target), std::move(headers), ""});
}

absl::StatusOr<HttpResponse> HttpClient::Post(std::string target, std::string body,
                                              std::string content_type, HttpHeaders headers) {
  headers.emplace_back("Content-Type", std::move(content_type));
  return Send(HttpRequest{"POST", std::move(target), std::move(headers), std::move(body)});
}

}  // namespace sisl::testing_env
