// The public vacancy search (VacancyManager::Search): folded words, filters, newest first.
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/enterprise/app/vacancies.h"
#include "services/enterprise/store/company_store.h"
#include "services/platform/errors.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"
#include "services/reference/municipalities.h"

namespace sisl::enterprise {
namespace {

constexpr size_t kMaxWords = 8;

absl::StatusOr<store::VacancySearch> Filters(const PublicSearch& in) {
  store::VacancySearch s;
  for (absl::string_view word :
       absl::StrSplit(store::FoldForSearch(in.text), ' ', absl::SkipEmpty())) {
    if (s.words.size() == kMaxWords) break;
    s.words.emplace_back(word);
  }
  s.profession_prefix = in.profession_code;
  s.province = in.province;
  if (!in.municipality.empty()) {
    const reference::Municipality* m =
        reference::Municipalities::Default().ByIstatCode(in.municipality);
    if (m == nullptr || !m->location.has_value()) {
      return platform::InvalidField("UNKNOWN_MUNICIPALITY", "municipality",
                                    "no current municipality with this ISTAT code");
    }
    s.latitude = m->location->lat;
    s.longitude = m->location->lon;
    s.radius_km = in.radius_km;
  }
  s.contract_type = in.contract_type;
  s.working_time = in.working_time;
  s.l68_reserved = in.l68_reserved;
  return s;
}

std::string Fingerprint(const PublicSearch& in) {
  return absl::StrCat(in.text, "|", in.profession_code, "|", in.province, "|", in.municipality, "|",
                      in.radius_km, "|", in.contract_type, "|", in.working_time, "|",
                      in.l68_reserved);
}

absl::StatusOr<std::optional<store::SearchCursor>> Cursor(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::pair<std::string, std::string> parts = absl::StrSplit(text, absl::MaxSplits(':', 1));
  store::SearchCursor c;
  if (!absl::SimpleAtoi(parts.first, &c.published_at_micros) || parts.second.empty()) {
    return platform::InvalidField("INVALID_PAGE_TOKEN", "page_token", "malformed page token");
  }
  c.id = parts.second;
  return c;
}

}  // namespace

absl::StatusOr<VacancyPage> VacancyManager::Search(const PublicSearch& in) {
  ASSIGN_OR_RETURN(store::VacancySearch filters, Filters(in));
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(in.page_size, 10, 50));
  const std::string fingerprint = Fingerprint(in);
  ASSIGN_OR_RETURN(std::string cursor_text, platform::DecodePageToken(in.page_token, fingerprint));
  ASSIGN_OR_RETURN(std::optional<store::SearchCursor> cursor, Cursor(cursor_text));
  VacancyPage page;
  bool more = false;
  if (index_ != nullptr) {
    ASSIGN_OR_RETURN(page, SearchIndexed(filters, cursor, size, more));
  } else {
    ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
    ASSIGN_OR_RETURN(page.vacancies, store::VacancyStore::Search(*tx, filters, cursor, size + 1));
    ASSIGN_OR_RETURN(page.total_size, store::VacancyStore::Count(*tx, filters));
    more = static_cast<int>(page.vacancies.size()) > size;
    if (more) page.vacancies.resize(size);
  }
  if (more && !page.vacancies.empty()) {
    const store::StoredVacancy& last = page.vacancies.back();
    page.next_page_token = platform::EncodePageToken(
        absl::StrCat(last.published_at.has_value() ? absl::ToUnixMicros(*last.published_at) : 0,
                     ":", last.vacancy.id),
        fingerprint);
  }
  return page;
}

// The index gives the page's ids and the total; the store gives their records in one query.
// A record that is no longer published (the index has not heard of a change made by another
// process yet) is re-read into the index and the search asked again, once.
absl::StatusOr<VacancyPage> VacancyManager::SearchIndexed(
    const store::VacancySearch& filters, const std::optional<store::SearchCursor>& cursor, int size,
    bool& more) {
  VacancyPage page;
  for (int attempt = 0;; ++attempt) {
    IndexPage hits = index_->Search(filters, cursor, static_cast<size_t>(size) + 1);
    more = static_cast<int>(hits.ids.size()) > size;
    if (more) hits.ids.resize(size);
    page.total_size = hits.total;
    if (hits.ids.empty()) return page;
    {
      ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
      ASSIGN_OR_RETURN(page.vacancies, store::VacancyStore::GetMany(*tx, hits.ids));
    }
    std::vector<std::string> stale;
    if (page.vacancies.size() != hits.ids.size()) stale = hits.ids;  // gone: re-read them all
    for (const store::StoredVacancy& v : page.vacancies) {
      if (v.vacancy.state != VacancyState::kPublished) stale.push_back(v.vacancy.id);
    }
    if (stale.empty()) return page;
    RETURN_IF_ERROR(index_->Refresh(stale));
    if (attempt == 1) break;
  }
  std::erase_if(page.vacancies, [](const store::StoredVacancy& v) {
    return v.vacancy.state != VacancyState::kPublished;
  });
  return page;
}

}  // namespace sisl::enterprise
