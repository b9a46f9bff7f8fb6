#include "gateway/spid/web/saml_http.h"

#include <zlib.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/spid/redirect_binding.h"
#include "gateway/spid/xml.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::spid::web {

std::map<std::string, std::string> ParseForm(std::string_view body) {
  std::map<std::string, std::string> out;
  for (absl::string_view pair : absl::StrSplit(absl::string_view(body.data(), body.size()), '&')) {
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string raw_name(pair.substr(0, eq));
    std::string raw_value(eq == absl::string_view::npos ? absl::string_view() : pair.substr(eq + 1));
    std::optional<std::string> name = FormUrlDecode(raw_name);
    std::optional<std::string> value = FormUrlDecode(raw_value);
    if (!name.has_value() || !value.has_value()) continue;
    out.emplace(*std::move(name), *std::move(value));
  }
  return out;
}

std::string RawQuery(const http::Request& request) {
  size_t q = request.target.find('?');
  if (q == std::string::npos) return "";
  std::string query = request.target.substr(q + 1);
  if (size_t hash = query.find('#'); hash != std::string::npos) query.resize(hash);
  return query;
}

absl::StatusOr<std::string> Deflate(std::string_view data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return absl::InternalError("deflate init");
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  size_t produced = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return absl::InternalError("deflate");
  out.resize(produced);
  return out;
}

absl::StatusOr<std::string> Inflate(std::string_view data, size_t max_bytes) {
  z_stream zs{};
  if (inflateInit2(&zs, -15) != Z_OK) return absl::InternalError("inflate init");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof(buffer);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buffer, sizeof(buffer) - zs.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&zs);
      return absl::InvalidArgumentError("inflated message too large");
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return absl::InvalidArgumentError("invalid DEFLATE data");
  return out;
}

absl::StatusOr<std::string> DecodeBase64Lenient(std::string_view data, size_t max_decoded) {
  if (data.size() > max_decoded * 4 / 3 + 1024) {
    return absl::InvalidArgumentError("message too large");
  }
  std::string compact;
  compact.reserve(data.size());
  for (char c : data) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) compact += c;
  }
  std::string out;
  if (compact.empty() || !absl::Base64Unescape(compact, &out)) {
    return absl::InvalidArgumentError("invalid base64");
  }
  return out;
}

absl::StatusOr<IncomingMessage> ReadSamlMessage(const http::Request& request) {
  IncomingMessage in;
  if (request.method == "GET") {
    ASSIGN_OR_RETURN(RedirectQuery query, ParseRedirectQuery(RawQuery(request)));
    ASSIGN_OR_RETURN(const std::string deflated, DecodeBase64Lenient(query.message, kMaxXmlBytes));
    ASSIGN_OR_RETURN(in.xml, Inflate(deflated, kMaxXmlBytes));
    in.relay_state = query.relay_state.value_or("");
    in.query = std::move(query);
    return in;
  }
  std::map<std::string, std::string> form = ParseForm(request.body);
  auto message = form.find("SAMLRequest");
  if (message == form.end()) message = form.find("SAMLResponse");
  if (message == form.end()) return absl::InvalidArgumentError("no SAML message");
  ASSIGN_OR_RETURN(in.xml, DecodeBase64Lenient(message->second, kMaxXmlBytes));
  if (auto relay = form.find("RelayState"); relay != form.end()) in.relay_state = relay->second;
  return in;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

void NoStore(http::Response& response) {
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("Pragma", "no-cache");
}

http::Response AutoPostPage(const std::string& action,
                            const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string inputs;
  for (const auto& [name, value] : fields) {
    absl::StrAppend(&inputs, "<input type=\"hidden\" name=\"", HtmlEscape(name), "\" value=\"",
                    HtmlEscape(value), "\">\n");
  }
  std::string body = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Accesso in corso - SISL</title>\n</head>\n<body>\n<main>\n"
      "<h1>Accesso in corso</h1>\n"
      "<form id=\"saml-post\" method=\"post\" action=\"", HtmlEscape(action), "\">\n", inputs,
      "<p>Se la pagina non prosegue da sola, premi il pulsante. "
      "<span lang=\"en\">If the page does not continue by itself, press the button.</span></p>\n"
      "<button type=\"submit\">Continua <span lang=\"en\">(Continue)</span></button>\n"
      "</form>\n</main>\n<script src=\"", kAutoSubmitPath, "\"></script>\n</body>\n</html>\n");
  http::Response response = http::Response::Html(200, std::move(body));
  NoStore(response);
  return response;
}

http::Response AutoSubmitScript() {
  http::Response response{200, "text/javascript; charset=utf-8",
                          "document.getElementById('saml-post').submit();\n", {}, {}};
  response.headers.emplace_back("Cache-Control", "public, max-age=86400");
  return response;
}

http::Response RedirectTo(const std::string& url, const std::string& query) {
  std::string location = absl::StrCat(url, url.find('?') == std::string::npos ? "?" : "&", query);
  http::Response response = http::Response::Redirect(location, 302);
  NoStore(response);
  return response;
}

}  // namespace sisl::gateway::spid::web
