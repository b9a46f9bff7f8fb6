// The limits of the channels, over every rendered template with realistic long values: an SMS is
// one segment (160 GSM 03.38 characters, or 70 UCS-2 ones for Arabic, which GSM-7 cannot write);
// App IO wants a subject of 10-120 characters and a Markdown body of 80-10000; its generated
// validators exclude the upper bound, so we keep to 119 and 9999 (channels/app_io.h).
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "services/notifications/domain/catalogue.h"
#include "tests/unit/notifications/test_messages.h"

namespace sisl::notifications {
namespace {

// The code points of UTF-8 text.
std::u32string CodePoints(absl::string_view s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

// GSM 03.38 septets of `text` (escaped characters count two), or -1 when it needs UCS-2.
int GsmSeptets(absl::string_view text) {
  static const std::u32string kBasic =
      U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  static const std::u32string kExtended = U"^{}\\[~]|€\f";
  int septets = 0;
  for (char32_t c : CodePoints(text)) {
    if (kBasic.find(c) != std::u32string::npos) {
      septets += 1;
    } else if (kExtended.find(c) != std::u32string::npos) {
      septets += 2;
    } else {
      return -1;
    }
  }
  return septets;
}

int Utf16Units(absl::string_view text) {
  int units = 0;
  for (char32_t c : CodePoints(text)) units += c > 0xFFFF ? 2 : 1;
  return units;
}

class TemplateLimitsTest : public ::testing::TestWithParam<Language> {};

TEST_P(TemplateLimitsTest, EveryMessageFitsItsChannels) {
  absl::StatusOr<TemplateCatalogue> catalogue = TemplateCatalogue::Load(testing::Rome());
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  const Language language = GetParam();
  for (MessageType type : kAllMessageTypes) {
    for (const testing::Sample& s : testing::Samples(type)) {
      SCOPED_TRACE(absl::StrCat(MessageTypeName(type), ".", LanguageCode(language), " ", s.label));
      absl::StatusOr<RenderedMessage> m = catalogue->Render(type, language, s.values);
      ASSERT_TRUE(m.ok()) << m.status();
      // SMS: one segment.
      int septets = GsmSeptets(m->sms);
      if (language == Language::kArabic) {
        EXPECT_LE(Utf16Units(m->sms), 70) << m->sms;
      } else {
        EXPECT_GE(septets, 0) << "not GSM-7: " << m->sms;
        EXPECT_LE(septets, 160) << m->sms;
      }
      // App IO (and a sane e-mail subject).
      size_t subject = CodePoints(m->subject).size();
      EXPECT_GE(subject, 10u) << m->subject;
      EXPECT_LE(subject, 119u) << m->subject;
      size_t body = CodePoints(m->markdown).size();
      EXPECT_GE(body, 80u) << m->markdown;
      EXPECT_LE(body, 9999u) << m->markdown;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllLanguages, TemplateLimitsTest, ::testing::ValuesIn(kAllLanguages),
                         [](const ::testing::TestParamInfo<Language>& info) {
                           return std::string(LanguageCode(info.param));
                         });

TEST(GsmCountTest, CountsSeptets) {
  EXPECT_EQ(GsmSeptets("città è"), 7);
  EXPECT_EQ(GsmSeptets("€5"), 3);
  EXPECT_EQ(GsmSeptets("reçu"), -1);  // lower-case ç is not GSM-7
  EXPECT_EQ(Utf16Units("مرحبا"), 5);
}

}  // namespace
}  // namespace sisl::notifications
