#include "services/notifications/channels/mime.h"

#include <openssl/sha.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/platform/errors.h"

namespace sisl::notifications {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

absl::Status Refuse(absl::string_view reason, absl::string_view field, absl::string_view why) {
  return platform::Error(absl::StatusCode::kInvalidArgument, reason, absl::StrCat(field, ": ", why),
                         {{"field", std::string(field)}});
}

// CR, LF or NUL anywhere in a header value would end the header (or the message) early.
absl::Status CheckHeaderValue(absl::string_view value, absl::string_view field) {
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') {
      return Refuse("HEADER_INJECTION", field, "line break or NUL in a header value");
    }
  }
  return absl::OkStatus();
}

bool IsPlainAscii(absl::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

// Length of the UTF-8 sequence starting with `lead` (1 for stray continuation bytes).
size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xf0 && lead <= 0xf7) return 4;
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1;
  if (lead >= 0xc0) return 2;
  return 1;
}

// Display name then address: `"Mario Rossi" <m@x.it>` or `=?UTF-8?B?...?= <m@x.it>`.
absl::StatusOr<std::string> FormatMailbox(const Mailbox& box, absl::string_view field) {
  if (absl::Status s = CheckHeaderValue(box.display_name, field); !s.ok()) return s;
  if (absl::Status s = ValidateAddress(box.address, field); !s.ok()) return s;
  if (box.display_name.empty()) return box.address;
  std::string name;
  if (IsPlainAscii(box.display_name)) {
    name = "\"";
    for (char c : box.display_name) {
      if (c == '"' || c == '\\') name.push_back('\\');
      name.push_back(c);
    }
    name += "\"";
  } else {
    name = EncodeHeaderText(box.display_name);
  }
  return absl::StrCat(name, " <", box.address, ">");
}

}  // namespace

Attachment CalendarAttachment(std::string ics, std::string filename) {
  return Attachment{std::move(filename), kCalendarContentType, std::move(ics)};
}

Email EmailFromRendered(const RenderedMessage& message, Mailbox to, std::string idempotency_key) {
  Email email;
  email.to = std::move(to);
  email.subject = message.subject;
  email.text = message.text;
  email.html = message.html;
  email.idempotency_key = std::move(idempotency_key);
  return email;
}

absl::Status ValidateAddress(absl::string_view address, absl::string_view field) {
  if (absl::Status s = CheckHeaderValue(address, field); !s.ok()) return s;
  auto bad = [&](absl::string_view why) { return Refuse("INVALID_ADDRESS", field, why); };
  if (address.empty() || address.size() > 254) return bad("empty or longer than 254 characters");
  size_t at = address.find('@');
  if (at == 0 || at == absl::string_view::npos || at + 1 == address.size() ||
      address.find('@', at + 1) != absl::string_view::npos) {
    return bad("not of the form user@domain");
  }
  for (unsigned char c : address) {
    if (c <= 0x20 || c >= 0x7f) return bad("spaces, controls or non-ASCII characters");
    if (absl::string_view("<>()[]\\,;:\"").find(static_cast<char>(c)) != absl::string_view::npos) {
      return bad("special characters");
    }
  }
  return absl::OkStatus();
}

std::string EncodeHeaderText(absl::string_view value) {
  if (IsPlainAscii(value) && value.size() <= 66 && !absl::StrContains(value, "=?")) {
    return std::string(value);
  }
  // "=?UTF-8?B?" + base64 + "?=" <= 75 characters: at most 45 bytes (60 base64 characters).
  constexpr size_t kMaxBytes = 45;
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    size_t end = i;
    while (end < value.size()) {
      size_t len = Utf8Length(static_cast<unsigned char>(value[end]));
      if (end + len > value.size()) len = value.size() - end;
      if (end + len - i > kMaxBytes) break;
      end += len;
    }
    if (!out.empty()) out += "\r\n ";
    absl::StrAppend(&out, "=?UTF-8?B?", absl::Base64Escape(value.substr(i, end - i)), "?=");
    i = end;
  }
  return out;
}

std::string QuotedPrintable(absl::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 2);
  std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  for (size_t n = 0; n < lines.size(); ++n) {
    absl::string_view line = lines[n];
    if (absl::EndsWith(line, "\r")) line.remove_suffix(1);
    size_t width = 0;  // characters on the current output line
    for (size_t i = 0; i < line.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      bool last = i + 1 == line.size();
      bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
      if (c == '.' && width == 0) literal = false;  // no line starting with '.' (SMTP)
      std::string piece = literal ? std::string(1, static_cast<char>(c))
                                  : std::string{'=', kHex[c >> 4], kHex[c & 15]};
      // a soft break ("=") must fit in 76 characters, unless this is the line's last piece
      size_t limit = last ? 76 : 75;
      if (width + piece.size() > limit) {
        out += "=\r\n";
        width = 0;
        if (piece == ".") piece = "=2E";
      }
      out += piece;
      width += piece.size();
    }
    if (n + 1 < lines.size()) out += "\r\n";
  }
  return out;
}

std::string Base64Lines(absl::string_view bytes) {
  std::string encoded = absl::Base64Escape(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / 76 * 2 + 2);
  for (size_t i = 0; i < encoded.size(); i += 76) {
    absl::StrAppend(&out, absl::string_view(encoded).substr(i, 76), "\r\n");
  }
  return out;
}

std::string MessageIdFor(absl::string_view idempotency_key, absl::string_view from_address) {
  absl::string_view domain = from_address.substr(from_address.rfind('@') + 1);
  return absl::StrCat("<", Sha256Hex(idempotency_key).substr(0, 32), "@", domain, ">");
}

absl::StatusOr<std::string> BuildMimeMessage(const Email& email, const Mailbox& from,
                                             absl::Time date) {
  absl::StatusOr<std::string> from_header = FormatMailbox(from, "from");
  if (!from_header.ok()) return from_header.status();
  absl::StatusOr<std::string> to_header = FormatMailbox(email.to, "to");
  if (!to_header.ok()) return to_header.status();
  if (absl::Status s = CheckHeaderValue(email.subject, "subject"); !s.ok()) return s;
  if (absl::Status s = CheckHeaderValue(email.idempotency_key, "idempotency_key"); !s.ok()) {
    return s;
  }
  if (email.idempotency_key.empty() || !IsPlainAscii(email.idempotency_key)) {
    return Refuse("INVALID_EMAIL", "idempotency_key", "missing or not printable ASCII");
  }
  if (email.text.empty()) return Refuse("INVALID_EMAIL", "text", "no text part");
  if (email.attachment) {
    const Attachment& a = *email.attachment;
    if (absl::Status s = CheckHeaderValue(a.filename, "attachment.filename"); !s.ok()) return s;
    if (absl::Status s = CheckHeaderValue(a.content_type, "attachment.content_type"); !s.ok()) {
      return s;
    }
    if (a.filename.empty() || !IsPlainAscii(a.filename) ||
        a.filename.find_first_of("\"\\/") != std::string::npos) {
      return Refuse("INVALID_EMAIL", "attachment.filename", "empty or not a plain ASCII name");
    }
    if (a.content_type.empty() || !IsPlainAscii(a.content_type)) {
      return Refuse("INVALID_EMAIL", "attachment.content_type", "empty or not ASCII");
    }
  }

  const std::string message_id = MessageIdFor(email.idempotency_key, from.address);
  // "=_" never occurs in quoted-printable or base64 output, so these can't clash with a body.
  const std::string tag = Sha256Hex(message_id).substr(0, 24);
  const std::string mixed = absl::StrCat("=_sisl_mixed_", tag);
  const std::string alternative = absl::StrCat("=_sisl_alt_", tag);

  std::string m;
  absl::StrAppend(&m, "From: ", *from_header, "\r\n");
  absl::StrAppend(&m, "To: ", *to_header, "\r\n");
  absl::StrAppend(&m, "Subject: ", EncodeHeaderText(email.subject), "\r\n");
  absl::StrAppend(
      &m, "Date: ", absl::FormatTime("%a, %d %b %Y %H:%M:%S +0000", date, absl::UTCTimeZone()),
      "\r\n");
  absl::StrAppend(&m, "Message-ID: ", message_id, "\r\n");
  absl::StrAppend(&m, "X-SISL-Idempotency-Key: ", email.idempotency_key, "\r\n");
  absl::StrAppend(&m, "Auto-Submitted: auto-generated\r\n");
  absl::StrAppend(&m, "MIME-Version: 1.0\r\n");

  auto text_part = [](absl::string_view subtype, absl::string_view body) {
    return absl::StrCat("Content-Type: text/", subtype,
                        "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
                        QuotedPrintable(body), "\r\n");
  };
  std::string body;  // the alternative (or the lone text part), headers included
  if (email.html.empty()) {
    body = text_part("plain", email.text);
  } else {
    absl::StrAppend(&body, "Content-Type: multipart/alternative; boundary=\"", alternative,
                    "\"\r\n\r\n");
    absl::StrAppend(&body, "--", alternative, "\r\n", text_part("plain", email.text));
    absl::StrAppend(&body, "--", alternative, "\r\n", text_part("html", email.html));
    absl::StrAppend(&body, "--", alternative, "--\r\n");
  }
  if (!email.attachment) {
    absl::StrAppend(&m, body);
    return m;
  }
  const Attachment& a = *email.attachment;
  absl::StrAppend(&m, "Content-Type: multipart/mixed; boundary=\"", mixed, "\"\r\n\r\n");
  absl::StrAppend(&m, "This is a multi-part message in MIME format.\r\n");
  absl::StrAppend(&m, "--", mixed, "\r\n", body);
  absl::StrAppend(&m, "--", mixed, "\r\n");
  absl::StrAppend(&m, "Content-Type: ", a.content_type, "; name=\"", a.filename, "\"\r\n");
  absl::StrAppend(&m, "Content-Disposition: attachment; filename=\"", a.filename, "\"\r\n");
  absl::StrAppend(&m, "Content-Transfer-Encoding: base64\r\n\r\n", Base64Lines(a.content));
  absl::StrAppend(&m, "--", mixed, "--\r\n");
  return m;
}

}  // namespace sisl::notifications
