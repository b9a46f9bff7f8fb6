#include "services/communications/api/code_lists_service.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::api {
namespace {

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

// A page of `total` items from the offset the token carries (the cursor is the offset of the
// first item of the page; a token is bound to `query`).
struct Page {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string next_token;
};

absl::StatusOr<Page> PageOf(std::size_t total, int requested_size, const std::string& token,
                            const std::string& query) {
  ASSIGN_OR_RETURN(int size,
                   platform::ResolvePageSize(requested_size, kDefaultPageSize, kMaxPageSize));
  ASSIGN_OR_RETURN(std::string cursor, platform::DecodePageToken(token, query));
  Page page;
  if (!cursor.empty() && (!absl::SimpleAtoi(cursor, &page.begin) || page.begin > total)) {
    return platform::Error(absl::StatusCode::kInvalidArgument, "INVALID_PAGE_TOKEN",
                           "the page token is not valid for this query");
  }
  page.end = std::min(total, page.begin + static_cast<std::size_t>(size));
  if (page.end < total) page.next_token = platform::EncodePageToken(absl::StrCat(page.end), query);
  return page;
}

const reference::CodeList* FindList(const std::string& id) {
  for (const reference::CodeList* list : ServedCodeLists()) {
    if (list->id() == id) return list;
  }
  return nullptr;
}

void ToProto(const reference::CodeEntry& e, bool english, v1::Code* out) {
  out->set_code(e.code);
  out->set_parent(e.parent);
  out->set_level(e.level);
  if (e.valid_from) out->set_valid_from(platform::FormatDate(*e.valid_from));
  if (e.valid_to) out->set_valid_to(platform::FormatDate(*e.valid_to));
  out->set_label(english && !e.label_en.empty() ? e.label_en : e.label_it);
  out->set_label_it(e.label_it);
  out->set_label_en(e.label_en);
}

}  // namespace

std::vector<const reference::CodeList*> ServedCodeLists() { return reference::AllCodeLists(); }

absl::StatusOr<v1::ListCodeListsResponse> ListCodeLists(const v1::ListCodeListsRequest& request) {
  const std::vector<const reference::CodeList*> lists = ServedCodeLists();
  ASSIGN_OR_RETURN(Page page,
                   PageOf(lists.size(), request.page_size(), request.page_token(), "code-lists"));
  v1::ListCodeListsResponse response;
  for (std::size_t i = page.begin; i < page.end; ++i) {
    const reference::CodeList& list = *lists[i];
    v1::CodeListInfo* info = response.add_code_lists();
    info->set_id(list.id());
    info->set_name(list.name());
    info->set_version(list.version());
    info->set_source(list.source());
    info->set_licence(list.licence());
    info->set_complete(list.complete());
    info->set_note(list.note());
    info->set_size(static_cast<int32_t>(list.size()));
  }
  response.set_next_page_token(page.next_token);
  return response;
}

absl::StatusOr<v1::ListCodesResponse> ListCodes(const v1::ListCodesRequest& request) {
  const reference::CodeList* list = FindList(request.list());
  if (list == nullptr) {
    return platform::Error(absl::StatusCode::kNotFound, "CODE_LIST_NOT_FOUND",
                           absl::StrCat("no code list ", request.list()),
                           {{"list", request.list()}});
  }
  std::optional<absl::CivilDay> day;
  if (!request.valid_on().empty()) {
    ASSIGN_OR_RETURN(day, platform::ParseDate(request.valid_on(), "valid_on"));
  }
  // The candidates: the search's hits (by relevance), a parent's children, or the whole list
  // (by code); then the other filters.
  const bool by_parent = !request.parent().empty() || request.top_level();
  std::vector<const reference::CodeEntry*> candidates;
  if (!request.query().empty()) {
    candidates = list->Search(request.query(), list->size());
  } else if (by_parent) {
    candidates = list->Children(request.parent());
  } else {
    for (const reference::CodeEntry& e : list->entries()) candidates.push_back(&e);
  }
  std::vector<const reference::CodeEntry*> matches;
  for (const reference::CodeEntry* e : candidates) {
    if (by_parent && e->parent != request.parent()) continue;
    if (day && !e->IsValidOn(*day)) continue;
    matches.push_back(e);
  }
  const std::string query =
      absl::StrCat("codes|", request.list(), "|", request.query(), "|", request.parent(), "|",
                   request.top_level() ? "top" : "", "|", request.valid_on());
  ASSIGN_OR_RETURN(Page page,
                   PageOf(matches.size(), request.page_size(), request.page_token(), query));
  v1::ListCodesResponse response;
  const bool english = request.language() == "en";
  for (std::size_t i = page.begin; i < page.end; ++i) {
    ToProto(*matches[i], english, response.add_codes());
  }
  response.set_next_page_token(page.next_token);
  response.set_total_size(static_cast<int32_t>(matches.size()));
  return response;
}

grpc::Status CodeListsServiceImpl::ListCodeLists(grpc::ServerContext* context,
                                                 const v1::ListCodeListsRequest* request,
                                                 v1::ListCodeListsResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    ASSIGN_OR_RETURN(*response, api::ListCodeLists(*request));
    return absl::OkStatus();
  });
}

grpc::Status CodeListsServiceImpl::ListCodes(grpc::ServerContext* context,
                                             const v1::ListCodesRequest* request,
                                             v1::ListCodesResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    ASSIGN_OR_RETURN(*response, api::ListCodes(*request));
    return absl::OkStatus();
  });
}

}  // namespace sisl::communications::api
