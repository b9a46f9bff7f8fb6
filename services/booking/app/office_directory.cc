#include "services/booking/app/office_directory.h"

#include "absl/strings/str_cat.h"
#include "services/booking/events/office_events.h"
#include "services/platform/errors.h"
#include "services/platform/metrics.h"
#include "services/platform/status_macros.h"
#include "services/platform/paging.h"

namespace sisl::booking {
namespace {

constexpr char kGenerationKey[] = "booking:offices:generation";
constexpr absl::Duration kCacheTtl = absl::Minutes(10);
constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;

platform::Counter& CacheCounter(const char* result) {
  return platform::MetricsRegistry::Global().GetCounter(
      "sisl_cache_requests_total", "Cache lookups by result", {{"cache", "offices"}, {"result", result}});
}

}  // namespace

OfficeDirectory::OfficeDirectory(platform::outbox::Committer& committer,
                                 platform::cache::Cache& cache)
    : store_(committer.db()), committer_(committer), cache_(cache) {}

std::optional<std::string> OfficeDirectory::Generation() {
  auto gen = cache_.Get(kGenerationKey);
  if (!gen.ok()) {
    CacheCounter("error").Increment();
    return std::nullopt;  // cache down: bypass it
  }
  return gen->value_or("0");
}

std::optional<std::string> OfficeDirectory::CacheGet(const std::string& key) {
  auto v = cache_.Get(key);
  if (!v.ok()) {
    CacheCounter("error").Increment();
    return std::nullopt;
  }
  CacheCounter(v->has_value() ? "hit" : "miss").Increment();
  return *v;
}

void OfficeDirectory::CachePut(const std::string& key, const std::string& value) {
  (void)cache_.Set(key, value, kCacheTtl);  // best effort: the store stays the truth
}

absl::StatusOr<v1::ListOfficesResponse> OfficeDirectory::List(
    const v1::ListOfficesRequest& request) {
  // Validate before touching the cache so bad input fails the same way every time.
  ASSIGN_OR_RETURN(const int size, platform::ResolvePageSize(request.page_size(),
                                                            kDefaultPageSize, kMaxPageSize));
  const std::string query = absl::StrCat("offices|", request.province(), "|", request.cpi_code());
  ASSIGN_OR_RETURN(const std::string cursor,
                   platform::DecodePageToken(request.page_token(), query));

  const std::optional<std::string> gen = Generation();
  const std::string key =
      gen ? absl::StrCat("booking:offices:", *gen, ":list:", query, "|", cursor, "|", size) : "";
  if (gen) {
    if (auto hit = CacheGet(key)) {
      v1::ListOfficesResponse cached;
      if (cached.ParseFromString(*hit)) return cached;
    }
  }
  auto response =
      ListFromStore({request.province(), request.cpi_code()}, cursor, size, query);
  if (response.ok() && gen) CachePut(key, response->SerializeAsString());
  return response;
}

absl::StatusOr<v1::ListOfficesResponse> OfficeDirectory::ListFromStore(
    const OfficeFilter& filter, const std::string& cursor, int page_size,
    const std::string& query) {
  // One extra row tells whether another page follows.
  ASSIGN_OR_RETURN(std::vector<Office> offices, store_.List(filter, cursor, page_size + 1));
  ASSIGN_OR_RETURN(const int total, store_.Count(filter));
  v1::ListOfficesResponse response;
  const bool more = static_cast<int>(offices.size()) > page_size;
  if (more) offices.pop_back();
  for (const Office& o : offices) *response.add_offices() = ToProto(o);
  if (more) {
    response.set_next_page_token(platform::EncodePageToken(offices.back().site_code, query));
  }
  response.set_total_size(total);
  return response;
}

absl::StatusOr<v1::Office> OfficeDirectory::Get(const std::string& site_code) {
  RETURN_IF_ERROR(ValidateSiteCode(site_code));
  const std::optional<std::string> gen = Generation();
  const std::string key = gen ? absl::StrCat("booking:offices:", *gen, ":office:", site_code) : "";
  if (gen) {
    if (auto hit = CacheGet(key)) {
      v1::Office cached;
      if (cached.ParseFromString(*hit)) return cached;
    }
  }
  ASSIGN_OR_RETURN(const Office office, store_.Get(site_code));
  v1::Office proto = ToProto(office);
  if (gen) CachePut(key, proto.SerializeAsString());
  return proto;
}

absl::StatusOr<v1::ListCpisResponse> OfficeDirectory::ListCpis(const std::string& province) {
  ASSIGN_OR_RETURN(const std::vector<Cpi> cpis, store_.ListCpis(province));
  v1::ListCpisResponse response;
  for (const Cpi& c : cpis) *response.add_cpis() = ToProto(c);
  return response;
}

absl::StatusOr<v1::Office> OfficeDirectory::Update(const std::string& site_code,
                                                   const OfficePatch& patch,
                                                   int64_t expected_version) {
  RETURN_IF_ERROR(ValidateSiteCode(site_code));
  OfficeChange change;
  RETURN_IF_ERROR(committer_.Commit([&](platform::db::Transaction& tx,
                                        platform::outbox::EventWriter& events) -> absl::Status {
    ASSIGN_OR_RETURN(const Office current, store_.Get(tx, site_code));
    if (expected_version != 0 && current.version != expected_version) {
      return platform::Error(absl::StatusCode::kAborted, "OFFICE_VERSION_CONFLICT",
                             absl::StrCat("office ", site_code, " is at version ",
                                          current.version, ", not ", expected_version),
                             {{"site_code", site_code}});
    }
    ASSIGN_OR_RETURN(change, ApplyPatch(current, patch, committer_.clock().Now()));
    if (change.changed_fields.empty()) return absl::OkStatus();
    RETURN_IF_ERROR(store_.Update(tx, change.office));
    return events.Emit(site_code, ToOfficeUpdated(change));
  }));
  if (!change.changed_fields.empty()) {
    (void)cache_.Increment(kGenerationKey);  // if the cache is down, entries expire by TTL
  }
  return ToProto(change.office);
}

}  // namespace sisl::booking
