// The e-mail channel's MIME messages (services/notifications/channels/mime.h): structure,
// encodings (quoted-printable round trip, RFC 2047 subjects in Italian and Arabic, base64
// attachments) and no header injection.
#include "services/notifications/channels/mime.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::notifications {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const Mailbox kFrom{"noreply@sisl.regione.piemonte.it", "Regione Piemonte - SISL"};

Email Sample() {
  Email e;
  e.to = {"mario.rossi@example.it", "Mario Rossi"};
  e.subject = "Conferma appuntamento";
  e.text = "Gentile cittadino,\nil suo appuntamento è confermato.\n";
  e.html = "<!DOCTYPE html><html lang=\"it\"><body><p>Appuntamento confermato.</p></body></html>";
  e.idempotency_key = "event:9f2c:appointment_confirmation:email";
  return e;
}

absl::Time Date() { return absl::FromUnixSeconds(1790757000); }  // 2026-09-30 08:30 UTC

std::string Qp(absl::string_view in) {  // decodes quoted-printable
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '=') {
      out.push_back(in[i]);
    } else if (in.substr(i + 1, 2) == "\r\n") {
      i += 2;
    } else {
      out += absl::HexStringToBytes(in.substr(i + 1, 2));
      i += 2;
    }
  }
  return out;
}

std::string Headers(const std::string& message) { return message.substr(0, message.find("\r\n\r\n")); }

// The words of an RFC 2047 header value, decoded and joined.
std::string DecodeWords(absl::string_view value) {
  std::string out;
  for (absl::string_view word : absl::StrSplit(value, "\r\n ")) {
    EXPECT_TRUE(absl::StartsWith(word, "=?UTF-8?B?") && absl::EndsWith(word, "?=")) << word;
    EXPECT_LE(word.size(), 75u);
    word.remove_prefix(10);
    word.remove_suffix(2);
    std::string bytes;
    EXPECT_TRUE(absl::Base64Unescape(word, &bytes));
    out += bytes;
  }
  return out;
}

std::string SubjectOf(const std::string& message) {
  std::string headers = Headers(message);
  size_t at = headers.find("\r\nSubject: ") + 11;
  size_t end = at;
  while ((end = headers.find("\r\n", end)) != std::string::npos && headers[end + 2] == ' ') end += 2;
  return headers.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

TEST(Mime, AlternativeWithoutAttachment) {
  absl::StatusOr<std::string> m = BuildMimeMessage(Sample(), kFrom, Date());
  ASSERT_TRUE(m.ok()) << m.status();
  std::string h = Headers(*m);
  EXPECT_THAT(h, HasSubstr("From: \"Regione Piemonte - SISL\" <noreply@sisl.regione.piemonte.it>\r\n"));
  EXPECT_THAT(h, HasSubstr("To: \"Mario Rossi\" <mario.rossi@example.it>\r\n"));
  EXPECT_THAT(h, HasSubstr("Subject: Conferma appuntamento\r\n"));
  EXPECT_THAT(h, HasSubstr("Date: Wed, 30 Sep 2026 08:30:00 +0000\r\n"));
  EXPECT_THAT(h, HasSubstr("X-SISL-Idempotency-Key: event:9f2c:appointment_confirmation:email\r\n"));
  EXPECT_THAT(h, HasSubstr("MIME-Version: 1.0\r\n"));
  EXPECT_THAT(h, HasSubstr(absl::StrCat("Message-ID: ",
                                        MessageIdFor(Sample().idempotency_key, kFrom.address))));
  EXPECT_THAT(h, HasSubstr("Content-Type: multipart/alternative; boundary=\"=_sisl_alt_"));
  EXPECT_THAT(*m, Not(HasSubstr("multipart/mixed")));
  EXPECT_THAT(*m, HasSubstr("Content-Type: text/plain; charset=UTF-8\r\n"
                            "Content-Transfer-Encoding: quoted-printable\r\n"));
  EXPECT_THAT(*m, HasSubstr("Content-Type: text/html; charset=UTF-8\r\n"));
  EXPECT_THAT(*m, HasSubstr("=C3=A8 confermato"));  // è
  // text part before html part (the last alternative is the preferred one)
  EXPECT_LT(m->find("text/plain"), m->find("text/html"));
  // CRLF only, lines of at most 78 characters apart from headers we keep short
  for (absl::string_view line : absl::StrSplit(*m, "\r\n")) {
    EXPECT_EQ(line.find('\n'), absl::string_view::npos);
    EXPECT_EQ(line.find('\r'), absl::string_view::npos);
    EXPECT_LE(line.size(), 998u);
  }
}

TEST(Mime, MessageIdIsStablePerKey) {
  EXPECT_EQ(MessageIdFor("k1", "a@b.it"), MessageIdFor("k1", "a@b.it"));
  EXPECT_NE(MessageIdFor("k1", "a@b.it"), MessageIdFor("k2", "a@b.it"));
  EXPECT_THAT(MessageIdFor("k1", "a@b.it"), testing::MatchesRegex("<[0-9a-f]{32}@b\\.it>"));
}

TEST(Mime, MixedWithCalendarAttachment) {
  Email e = Sample();
  std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
                    "SUMMARY:Colloquio di orientamento – CPI Torino\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  e.attachment = CalendarAttachment(ics);
  absl::StatusOr<std::string> m = BuildMimeMessage(e, kFrom, Date());
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_THAT(Headers(*m), HasSubstr("Content-Type: multipart/mixed; boundary=\"=_sisl_mixed_"));
  size_t mixed = m->find("multipart/mixed"), alt = m->find("multipart/alternative");
  size_t cal = m->find("Content-Type: text/calendar; method=REQUEST; charset=UTF-8; "
                       "name=\"appuntamento.ics\"\r\n");
  ASSERT_NE(cal, std::string::npos);
  EXPECT_LT(mixed, alt);
  EXPECT_LT(m->find("text/html"), cal);
  EXPECT_THAT(*m, HasSubstr("Content-Disposition: attachment; filename=\"appuntamento.ics\"\r\n"
                            "Content-Transfer-Encoding: base64\r\n\r\n"));
  // the base64 body decodes to the exact bytes
  size_t body = m->find("\r\n\r\n", cal) + 4;
  size_t end = m->find("\r\n--=_sisl_mixed_", body);
  std::string b64 = m->substr(body, end - body);
  for (absl::string_view line : absl::StrSplit(b64, "\r\n")) EXPECT_LE(line.size(), 76u);
  std::string decoded;
  ASSERT_TRUE(absl::Base64Unescape(absl::StrReplaceAll(b64, {{"\r\n", ""}}), &decoded));
  EXPECT_EQ(decoded, ics);
  // both closing delimiters, the inner first
  EXPECT_LT(m->find(absl::StrCat("--=_sisl_alt_")), m->rfind("--\r\n"));
  EXPECT_TRUE(absl::EndsWith(*m, "--\r\n"));
  EXPECT_EQ(std::count(m->begin(), m->end(), '\0'), 0);
}

TEST(Mime, TextOnlyWhenNoHtml) {
  Email e = Sample();
  e.html.clear();
  absl::StatusOr<std::string> m = BuildMimeMessage(e, kFrom, Date());
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_THAT(Headers(*m), HasSubstr("Content-Type: text/plain; charset=UTF-8"));
  EXPECT_THAT(*m, Not(HasSubstr("multipart")));
}

TEST(Mime, QuotedPrintableRoundTrip) {
  std::string text = absl::StrCat(
      "Città di Torino, via Garibaldi 1 = indirizzo\n", std::string(200, 'x'), "\n",
      ".riga che inizia con un punto\nspazio finale \nTab\tdentro\n",
      "موعدك مؤكد يوم الأربعاء 30 سبتمبر 2026 الساعة 10:30 في مركز التوظيف في تورينو\n",
      std::string(74, 'y'), "é\n", "fine");
  std::string qp = QuotedPrintable(text);
  for (absl::string_view line : absl::StrSplit(qp, "\r\n")) {
    EXPECT_LE(line.size(), 76u) << line;
    EXPECT_FALSE(absl::StartsWith(line, ".")) << line;
    EXPECT_FALSE(absl::EndsWith(line, " ")) << line;
    for (unsigned char c : line) EXPECT_TRUE((c >= 0x20 && c < 0x7f) || c == 0x09) << line;
  }
  EXPECT_EQ(Qp(qp), absl::StrReplaceAll(text, {{"\n", "\r\n"}}));
  EXPECT_EQ(QuotedPrintable("a\r\nb"), "a\r\nb");
  EXPECT_EQ(QuotedPrintable("1+1=2"), "1+1=3D2");
}

TEST(Mime, SubjectItalianAccents) {
  Email e = Sample();
  e.subject = "Promemoria: il suo appuntamento di mercoledì è al Centro per l'Impiego di Città";
  absl::StatusOr<std::string> m = BuildMimeMessage(e, kFrom, Date());
  ASSERT_TRUE(m.ok()) << m.status();
  std::string subject = SubjectOf(*m);
  for (char c : subject) EXPECT_TRUE(static_cast<unsigned char>(c) < 0x80);
  EXPECT_EQ(DecodeWords(subject), e.subject);
}

TEST(Mime, SubjectArabic) {
  Email e = Sample();
  e.subject = "تأكيد موعدك في مركز التوظيف يوم الأربعاء 30 سبتمبر 2026 الساعة 10:30";
  absl::StatusOr<std::string> m = BuildMimeMessage(e, kFrom, Date());
  ASSERT_TRUE(m.ok()) << m.status();
  std::string subject = SubjectOf(*m);
  EXPECT_THAT(subject, HasSubstr("\r\n "));  // folded into several words
  EXPECT_EQ(DecodeWords(subject), e.subject);  // no character split between words
  for (absl::string_view word : absl::StrSplit(subject, "\r\n ")) {
    std::string bytes;
    ASSERT_TRUE(absl::Base64Unescape(word.substr(10, word.size() - 12), &bytes));
    // each word is valid UTF-8 on its own: it never starts with a continuation byte
    EXPECT_NE(static_cast<unsigned char>(bytes[0]) & 0xc0, 0x80);
  }
}

TEST(Mime, NonAsciiDisplayNameIsEncoded) {
  Email e = Sample();
  e.to.display_name = "Fatima Zahra Benali — فاطمة";
  absl::StatusOr<std::string> m = BuildMimeMessage(e, kFrom, Date());
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_THAT(Headers(*m), HasSubstr("To: =?UTF-8?B?"));
  EXPECT_THAT(Headers(*m), HasSubstr(" <mario.rossi@example.it>\r\n"));
  Email q = Sample();
  q.to.display_name = "Rossi \"Mario\"";
  m = BuildMimeMessage(q, kFrom, Date());
  ASSERT_TRUE(m.ok());
  EXPECT_THAT(*m, HasSubstr("To: \"Rossi \\\"Mario\\\"\" <mario.rossi@example.it>\r\n"));
}

TEST(Mime, NoHeaderInjection) {
  auto refused = [](const Email& e, absl::string_view reason) {
    absl::StatusOr<std::string> m = BuildMimeMessage(e, kFrom, Date());
    ASSERT_FALSE(m.ok());
    EXPECT_EQ(m.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(platform::ErrorReason(m.status()), reason) << m.status();
  };
  for (const char* evil : {"\r\nBcc: victim@example.org", "\nBcc: victim@example.org", "\rX: y"}) {
    Email e = Sample();
    e.subject = absl::StrCat("Conferma", evil);
    refused(e, "HEADER_INJECTION");
    e = Sample();
    e.to.display_name = absl::StrCat("Mario", evil);
    refused(e, "HEADER_INJECTION");
    e = Sample();
    e.to.address = absl::StrCat("mario@example.it", evil);
    refused(e, "HEADER_INJECTION");
    e = Sample();
    e.idempotency_key = absl::StrCat("key", evil);
    refused(e, "HEADER_INJECTION");
    e = Sample();
    e.attachment = CalendarAttachment("BEGIN:VCALENDAR", absl::StrCat("a.ics", evil));
    refused(e, "HEADER_INJECTION");
  }
  std::string nul("a\0b", 3);
  Email e = Sample();
  e.subject = nul;
  refused(e, "HEADER_INJECTION");
  // the From of the configuration too
  absl::StatusOr<std::string> m =
      BuildMimeMessage(Sample(), Mailbox{"noreply@x.it", "SISL\r\nBcc: a@b.it"}, Date());
  EXPECT_EQ(platform::ErrorReason(m.status()), "HEADER_INJECTION");
  // a body may hold anything: it cannot end the headers (QP encodes it)
  e = Sample();
  e.text = "line\r\n\r\nFrom: evil@example.org\r\n.\r\nQUIT\r\n";
  m = BuildMimeMessage(e, kFrom, Date());
  ASSERT_TRUE(m.ok());
  EXPECT_THAT(*m, Not(HasSubstr("\r\n.\r\n")));
}

TEST(Mime, AddressesAndRequiredFields) {
  EXPECT_TRUE(ValidateAddress("a.b+c@example.it", "to").ok());
  for (const char* bad : {"", "no-at", "@example.it", "a@", "a@@b.it", "a b@c.it", "a@b.it,c@d.it",
                          "<a@b.it>", "mariò@example.it", "a@b;c.it"}) {
    absl::Status s = ValidateAddress(bad, "to");
    EXPECT_EQ(platform::ErrorReason(s), "INVALID_ADDRESS") << bad;
  }
  Email e = Sample();
  e.idempotency_key.clear();
  EXPECT_EQ(platform::ErrorReason(BuildMimeMessage(e, kFrom, Date()).status()), "INVALID_EMAIL");
  e = Sample();
  e.text.clear();
  EXPECT_EQ(platform::ErrorReason(BuildMimeMessage(e, kFrom, Date()).status()), "INVALID_EMAIL");
  e = Sample();
  e.attachment = CalendarAttachment("x", "appuntamento\".ics");
  EXPECT_EQ(platform::ErrorReason(BuildMimeMessage(e, kFrom, Date()).status()), "INVALID_EMAIL");
}

TEST(Mime, EncodeHeaderText) {
  EXPECT_EQ(EncodeHeaderText("Conferma appuntamento"), "Conferma appuntamento");
  EXPECT_EQ(DecodeWords(EncodeHeaderText("Rendez-vous confirmé")), "Rendez-vous confirmé");
  // text that looks like an encoded word is itself encoded
  EXPECT_EQ(DecodeWords(EncodeHeaderText("=?UTF-8?B?eA==?=")), "=?UTF-8?B?eA==?=");
  std::string long_ascii(120, 'a');
  EXPECT_EQ(DecodeWords(EncodeHeaderText(long_ascii)), long_ascii);
}

TEST(Mime, Base64Lines) {
  std::string data(1000, '\xff');
  std::string b64 = Base64Lines(data);
  std::vector<absl::string_view> lines = absl::StrSplit(b64, "\r\n");
  EXPECT_TRUE(lines.back().empty());
  for (size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_LE(lines[i].size(), 76u);
  EXPECT_EQ(lines[0].size(), 76u);
}

TEST(Mime, FromRendered) {
  RenderedMessage r{"Oggetto", "testo", "<p>html</p>", "sms", "md"};
  Email e = EmailFromRendered(r, {"a@b.it", ""}, "key");
  EXPECT_EQ(e.subject, "Oggetto");
  EXPECT_EQ(e.text, "testo");
  EXPECT_EQ(e.html, "<p>html</p>");
  EXPECT_EQ(e.idempotency_key, "key");
  EXPECT_FALSE(e.attachment.has_value());
}

}  // namespace
}  // namespace sisl::notifications
