// Discriminatory wording in a vacancy's free text: words about age, sex or nationality, in
// Italian and English, matched whole and ignoring case and accents. Warnings for the operator
// who approves the vacancy, never a refusal.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "services/enterprise/domain/vacancy.h"
#include "services/reference/text_folding.h"

namespace sisl::enterprise {
namespace {

struct Token {
  std::string word;  // folded: lower-case ASCII
  size_t offset = 0;
  size_t length = 0;
};

// Words are runs of ASCII letters and digits and of non-ASCII (UTF-8) bytes, so "età" stays
// one word and "dell'età" two.
std::vector<Token> Tokenize(absl::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!absl::ascii_isalnum(c) && c < 0x80) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < text.size()) {
      const auto d = static_cast<unsigned char>(text[i]);
      if (!absl::ascii_isalnum(d) && d < 0x80) break;
      ++i;
    }
    const absl::string_view raw = text.substr(start, i - start);
    std::string folded = absl::AsciiStrToLower(reference::ToAsciiUpper(raw));
    if (!folded.empty()) tokens.push_back({std::move(folded), start, i - start});
  }
  return tokens;
}

constexpr absl::string_view kAge = "#";  // a pattern word: a number from 14 to 75

struct Rule {
  WordingCategory category;
  std::vector<absl::string_view> words;
  std::vector<absl::string_view> unless_next;   // not when the next word is one of these
  std::vector<absl::string_view> unless_after;  // not right after these words, in this order
};

const std::vector<Rule>& Rules() {
  static const auto* rules = new std::vector<Rule>{
      // Age. "# anni" is an age unless it counts experience ("5 anni di esperienza").
      {WordingCategory::kAge, {"eta"}, {}, {}},
      {WordingCategory::kAge, {"under", kAge}, {}, {}},
      {WordingCategory::kAge, {"over", kAge}, {}, {}},
      {WordingCategory::kAge, {kAge, "anni"}, {"di", "esperienza", "nel", "nella", "in"}, {}},
      {WordingCategory::kAge, {"giovane"}, {}, {}},
      {WordingCategory::kAge, {"giovani"}, {}, {}},
      {WordingCategory::kAge, {"ragazzo"}, {}, {}},
      {WordingCategory::kAge, {"ragazza"}, {}, {}},
      {WordingCategory::kAge, {"ragazzi"}, {}, {}},
      {WordingCategory::kAge, {"ragazze"}, {}, {}},
      {WordingCategory::kAge, {"young"}, {}, {}},
      {WordingCategory::kAge, {"youthful"}, {}, {}},
      {WordingCategory::kAge, {"aged"}, {}, {}},
      {WordingCategory::kAge, {"years", "old"}, {}, {}},
      {WordingCategory::kAge, {"age", "limit"}, {}, {}},
      {WordingCategory::kAge, {"maximum", "age"}, {}, {}},
      {WordingCategory::kAge, {"max", "age"}, {}, {}},
      // Sex.
      {WordingCategory::kSex, {"uomo"}, {}, {}},
      {WordingCategory::kSex, {"uomini"}, {}, {}},
      {WordingCategory::kSex, {"donna"}, {}, {}},
      {WordingCategory::kSex, {"donne"}, {}, {}},
      {WordingCategory::kSex, {"maschio"}, {}, {}},
      {WordingCategory::kSex, {"maschi"}, {}, {}},
      {WordingCategory::kSex, {"femmina"}, {}, {}},
      {WordingCategory::kSex, {"femmine"}, {}, {}},
      {WordingCategory::kSex, {"maschile"}, {}, {}},
      {WordingCategory::kSex, {"femminile"}, {}, {}},
      {WordingCategory::kSex, {"signorina"}, {}, {}},
      {WordingCategory::kSex, {"male"}, {}, {}},
      {WordingCategory::kSex, {"female"}, {}, {}},
      {WordingCategory::kSex, {"man"}, {}, {}},
      {WordingCategory::kSex, {"men"}, {}, {}},
      {WordingCategory::kSex, {"woman"}, {}, {}},
      {WordingCategory::kSex, {"women"}, {}, {}},
      {WordingCategory::kSex, {"girl"}, {}, {}},
      {WordingCategory::kSex, {"girls"}, {}, {}},
      // Nationality. "reddito di cittadinanza" is a benefit, not a requirement.
      {WordingCategory::kNationality, {"cittadinanza"}, {}, {"reddito", "di"}},
      {WordingCategory::kNationality, {"nazionalita"}, {}, {}},
      {WordingCategory::kNationality, {"madrelingua"}, {}, {}},
      {WordingCategory::kNationality, {"solo", "italiani"}, {}, {}},
      {WordingCategory::kNationality, {"solo", "italiane"}, {}, {}},
      {WordingCategory::kNationality, {"cittadini", "italiani"}, {}, {}},
      {WordingCategory::kNationality, {"stranieri"}, {}, {}},
      {WordingCategory::kNationality, {"extracomunitari"}, {}, {}},
      {WordingCategory::kNationality, {"nationality"}, {}, {}},
      {WordingCategory::kNationality, {"citizenship"}, {}, {}},
      {WordingCategory::kNationality, {"native", "speaker"}, {}, {}},
      {WordingCategory::kNationality, {"native", "speakers"}, {}, {}},
      {WordingCategory::kNationality, {"mother", "tongue"}, {}, {}},
      {WordingCategory::kNationality, {"italians", "only"}, {}, {}},
      {WordingCategory::kNationality, {"only", "italians"}, {}, {}},
      {WordingCategory::kNationality, {"foreigners"}, {}, {}},
  };
  return *rules;
}

bool WordMatches(absl::string_view pattern, const std::string& word) {
  if (pattern != kAge) return pattern == word;
  int n = 0;
  return word.size() <= 2 && absl::SimpleAtoi(word, &n) && n >= 14 && n <= 75;
}

bool OneOf(const std::vector<absl::string_view>& words, const std::string& word) {
  for (absl::string_view w : words) {
    if (w == word) return true;
  }
  return false;
}

// The number of tokens `rule` matches at `at`, or 0.
size_t Match(const Rule& rule, const std::vector<Token>& tokens, size_t at) {
  if (at + rule.words.size() > tokens.size()) return 0;
  for (size_t k = 0; k < rule.words.size(); ++k) {
    if (!WordMatches(rule.words[k], tokens[at + k].word)) return 0;
  }
  const size_t end = at + rule.words.size();
  if (end < tokens.size() && OneOf(rule.unless_next, tokens[end].word)) return 0;
  const size_t n = rule.unless_after.size();
  if (n > 0 && at >= n) {
    bool after = true;
    for (size_t k = 0; k < n; ++k) after = after && tokens[at - n + k].word == rule.unless_after[k];
    if (after) return 0;
  }
  return rule.words.size();
}

void Messages(WordingCategory c, WordingWarning& w) {
  switch (c) {
    case WordingCategory::kAge:
      w.message_it =
          "Riferimento all'età: un annuncio non può selezionare per età (D.lgs. 216/2003).";
      w.message_en = "Reference to age: a job ad may not select by age (D.lgs. 216/2003).";
      return;
    case WordingCategory::kSex:
      w.message_it =
          "Riferimento al sesso: un annuncio non può selezionare per sesso (D.lgs. 198/2006, "
          "art.27).";
      w.message_en = "Reference to sex: a job ad may not select by sex (D.lgs. 198/2006, art.27).";
      return;
    case WordingCategory::kNationality:
      w.message_it =
          "Riferimento a nazionalità o cittadinanza: un annuncio non può selezionare per "
          "nazionalità (D.lgs. 215/2003; D.lgs. 286/1998, art.43).";
      w.message_en =
          "Reference to nationality or citizenship: a job ad may not select by nationality "
          "(D.lgs. 215/2003; D.lgs. 286/1998, art.43).";
      return;
    case WordingCategory::kUnspecified:
      return;
  }
}

}  // namespace

std::vector<WordingWarning> CheckWording(absl::string_view field, absl::string_view text) {
  const std::vector<Token> tokens = Tokenize(text);
  std::vector<WordingWarning> out;
  size_t i = 0;
  while (i < tokens.size()) {
    size_t matched = 0;
    for (const Rule& rule : Rules()) {
      matched = Match(rule, tokens, i);
      if (matched == 0) continue;
      const Token& first = tokens[i];
      const Token& last = tokens[i + matched - 1];
      WordingWarning w;
      w.category = rule.category;
      w.field = std::string(field);
      w.offset = first.offset;
      w.text = std::string(text.substr(first.offset, last.offset + last.length - first.offset));
      Messages(rule.category, w);
      out.push_back(std::move(w));
      break;
    }
    i += matched == 0 ? 1 : matched;
  }
  return out;
}

std::vector<WordingWarning> CheckVacancyWording(const VacancyContent& content) {
  std::vector<WordingWarning> out = CheckWording("title", content.title);
  std::vector<WordingWarning> more = CheckWording("description", content.description);
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

}  // namespace sisl::enterprise
