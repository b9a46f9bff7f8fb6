#include "services/reference/text_folding.h"

#include <cstdint>

#include "absl/strings/ascii.h"

namespace sisl::reference {
namespace {

// Base letters of U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A), upper case;
// "" for the two symbols in that range (multiplication and division signs).
// clang-format off
constexpr const char* kLatin[] = {
    // U+00C0 ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    // U+00D0 ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß
    "D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "SS",
    // U+00E0 àáâãäåæçèéêëìíîï
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    // U+00F0 ðñòóôõö÷øùúûüýþÿ
    "D", "N", "O", "O", "O", "O", "O", "", "O", "U", "U", "U", "U", "Y", "TH", "Y",
    // U+0100 ĀāĂăĄąĆćĈĉĊċČčĎď
    "A", "A", "A", "A", "A", "A", "C", "C", "C", "C", "C", "C", "C", "C", "D", "D",
    // U+0110 ĐđĒēĔĕĖėĘęĚěĜĝĞğ
    "D", "D", "E", "E", "E", "E", "E", "E", "E", "E", "E", "E", "G", "G", "G", "G",
    // U+0120 ĠġĢģĤĥĦħĨĩĪīĬĭĮį
    "G", "G", "G", "G", "H", "H", "H", "H", "I", "I", "I", "I", "I", "I", "I", "I",
    // U+0130 İıĲĳĴĵĶķĸĹĺĻļĽľĿ
    "I", "I", "IJ", "IJ", "J", "J", "K", "K", "K", "L", "L", "L", "L", "L", "L", "L",
    // U+0140 ŀŁłŃńŅņŇňŉŊŋŌōŎŏ
    "L", "L", "L", "N", "N", "N", "N", "N", "N", "N", "N", "N", "O", "O", "O", "O",
    // U+0150 ŐőŒœŔŕŖŗŘřŚśŜŝŞş
    "O", "O", "OE", "OE", "R", "R", "R", "R", "R", "R", "S", "S", "S", "S", "S", "S",
    // U+0160 ŠšŢţŤťŦŧŨũŪūŬŭŮů
    "S", "S", "T", "T", "T", "T", "T", "T", "U", "U", "U", "U", "U", "U", "U", "U",
    // U+0170 ŰűŲųŴŵŶŷŸŹźŻżŽžſ
    "U", "U", "U", "U", "W", "W", "Y", "Y", "Y", "Z", "Z", "Z", "Z", "Z", "Z", "S",
};
// clang-format on
static_assert(sizeof(kLatin) / sizeof(kLatin[0]) == 0x180 - 0xC0);

// Decodes the UTF-8 sequence at `text[*i]` and advances `*i` past it. A byte that does not
// start a complete sequence is taken as Latin-1, the encoding of older files.
uint32_t NextCodePoint(absl::string_view text, size_t* i) {
  const unsigned char lead = static_cast<unsigned char>(text[*i]);
  int extra = 0;
  uint32_t value = lead;
  if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    extra = 2;
    value = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3;
    value = lead & 0x07;
  }
  if (extra > 0 && *i + extra < text.size()) {
    bool valid = true;
    for (int k = 1; k <= extra && valid; ++k) {
      const unsigned char next = static_cast<unsigned char>(text[*i + k]);
      valid = (next & 0xC0) == 0x80;
      value = (value << 6) | (next & 0x3F);
    }
    if (valid) {
      *i += extra + 1;
      return value;
    }
  }
  *i += 1;
  return lead;
}

}  // namespace

std::string ToAsciiUpper(absl::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const uint32_t cp = NextCodePoint(utf8, &i);
    if (cp < 0x80) {
      out.push_back(cp == '`' ? '\'' : absl::ascii_toupper(static_cast<unsigned char>(cp)));
    } else if (cp >= 0xC0 && cp < 0x180) {
      out.append(kLatin[cp - 0xC0]);
    } else if (cp == 0x218 || cp == 0x219) {  // Romanian S with comma below
      out.push_back('S');
    } else if (cp == 0x21A || cp == 0x21B) {  // Romanian T with comma below
      out.push_back('T');
    } else if (cp == 0xB4 || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) {
      out.push_back('\'');  // acute accent, typographic quotes, modifier apostrophe
    }
  }
  return out;
}

std::string FoldPlaceName(absl::string_view name) {
  const std::string upper = ToAsciiUpper(name);
  std::string out;
  out.reserve(upper.size());
  for (char c : upper) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace sisl::reference
