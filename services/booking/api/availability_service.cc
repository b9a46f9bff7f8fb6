#include "services/booking/api/availability_service.h"

#include "absl/strings/str_cat.h"
#include "services/booking/api/enum_mappings.h"
#include "services/booking/store/calendar_json.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {
namespace {

// A "nearest" search looks at this many sites.
constexpr size_t kNearestSites = 3;

}  // namespace

void AvailabilityServiceImpl::SetReferenceData(std::vector<BookableService> services,
                                               std::vector<SiteRef> sites) {
  services_.clear();
  for (auto& s : services) services_.emplace(s.code, std::move(s));
  sites_ = std::move(sites);
  LocateSites(sites_);
}

absl::StatusOr<AvailabilityServiceImpl::Query> AvailabilityServiceImpl::Resolve(
    const std::string& service_code, v1::DeliveryMode mode,
    const v1::AvailabilityScope& scope) const {
  Query q;
  auto it = services_.find(service_code);
  if (it == services_.end()) {
    return platform::Error(absl::StatusCode::kNotFound, "SERVICE_NOT_FOUND",
                           absl::StrCat("no bookable service with code ", service_code),
                           {{"service_code", service_code}});
  }
  q.service = &it->second;
  if (mode != v1::DELIVERY_MODE_UNSPECIFIED) {
    auto wanted = kDeliveryModes.FromProto(mode, "delivery_mode");
    if (!wanted.ok() || !q.service->Offers(*wanted)) {
      return platform::InvalidField("DELIVERY_MODE_NOT_OFFERED", "delivery_mode",
                                    "this service is not offered in that mode");
    }
  }
  const SearchScope kind = scope.scope() == v1::SEARCH_SCOPE_UNSPECIFIED
                               ? q.service->default_scope
                               : kSearchScopes.FromProto(scope.scope(), "scope.scope")
                                     .value_or(q.service->default_scope);
  std::set<std::string> only(scope.site_codes().begin(), scope.site_codes().end());
  auto allowed = [&only](const std::string& code) { return only.empty() || only.contains(code); };
  if (kind == SearchScope::kNearest) {
    if (scope.municipality().empty()) {
      return platform::InvalidField("MUNICIPALITY_REQUIRED", "scope.municipality",
                                    "a nearest-site search needs the municipality of domicile");
    }
    for (const std::string& code : SitesByDistance(sites_, scope.municipality())) {
      if (allowed(code) && q.sites.size() < kNearestSites) q.sites.push_back(code);
    }
  } else if (kind == SearchScope::kProvince) {
    if (scope.province().empty()) {
      return platform::InvalidField("PROVINCE_REQUIRED", "scope.province",
                                    "a province search needs the province");
    }
    for (const SiteRef& s : sites_) {
      if (s.province == scope.province() && allowed(s.site_code)) q.sites.push_back(s.site_code);
    }
    if (q.sites.empty()) {
      return platform::InvalidField("UNKNOWN_PROVINCE", "scope.province",
                                    "no CPI site in that province");
    }
  } else {
    for (const SiteRef& s : sites_) {
      if (allowed(s.site_code)) q.sites.push_back(s.site_code);
    }
  }
  q.not_before = clock_.Now() + absl::Hours(q.service->minimum_notice_hours);
  q.not_after = clock_.Now() + absl::Hours(24 * q.service->booking_horizon_days);
  return q;
}

v1::Slot AvailabilityServiceImpl::ToProto(const StoredSlot& s,
                                          const BookableService& service) const {
  v1::Slot p;
  p.set_id(s.id);
  p.set_site_code(s.site_code);
  p.set_service_code(s.service_code);
  *p.mutable_start_time() = platform::ToTimestamp(s.start);
  *p.mutable_end_time() = platform::ToTimestamp(s.end);
  p.set_local_start(absl::StrCat(FormatDay(s.local_day), "T", FormatClock(s.local_start_minute)));
  p.set_free_seats(s.capacity - s.booked);
  for (DeliveryMode m : service.delivery_modes) {
    p.add_delivery_modes(kDeliveryModes.ToProto(m));
  }
  return p;
}

grpc::Status AvailabilityServiceImpl::GetMonthAvailability(
    grpc::ServerContext* context, const v1::GetMonthAvailabilityRequest* request,
    v1::GetMonthAvailabilityResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    absl::CivilMonth month;
    if (request->month().size() != 7 || !absl::ParseCivilTime(request->month(), &month)) {
      return platform::InvalidField("INVALID_MONTH", "month", "must be YYYY-MM");
    }
    ASSIGN_OR_RETURN(const Query q, Resolve(request->service_code(), request->delivery_mode(),
                                            request->scope()));
    const std::set<std::string> sites(q.sites.begin(), q.sites.end());
    const absl::CivilDay first(month);
    // Days past the booking horizon are not offered (a booking there would be refused).
    const absl::CivilDay last =
        std::min(absl::CivilDay(month + 1) - 1, absl::ToCivilDay(q.not_after, zone_) - 1);
    for (const auto& d : index_.Month(q.service->code, sites, first, last, q.not_before)) {
      auto* day = response->add_days();
      day->set_date(FormatDay(d.day));
      day->set_free_seats(d.free_seats);
    }
    return absl::OkStatus();
  });
}

grpc::Status AvailabilityServiceImpl::GetDayAvailability(
    grpc::ServerContext* context, const v1::GetDayAvailabilityRequest* request,
    v1::GetDayAvailabilityResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    ASSIGN_OR_RETURN(const absl::CivilDay day, platform::ParseDate(request->date(), "date"));
    ASSIGN_OR_RETURN(const Query q, Resolve(request->service_code(), request->delivery_mode(),
                                            request->scope()));
    const std::set<std::string> sites(q.sites.begin(), q.sites.end());
    for (const StoredSlot& s : index_.Day(q.service->code, sites, day, q.not_before)) {
      if (s.start > q.not_after) break;  // ordered by start
      *response->add_slots() = ToProto(s, *q.service);
    }
    return absl::OkStatus();
  });
}

grpc::Status AvailabilityServiceImpl::FindFirstAvailable(
    grpc::ServerContext* context, const v1::FindFirstAvailableRequest* request,
    v1::FindFirstAvailableResponse* response) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    ASSIGN_OR_RETURN(const Query q, Resolve(request->service_code(), request->delivery_mode(),
                                            request->scope()));
    auto slot = index_.First(q.service->code, q.sites, q.not_before);
    if (!slot || slot->start > q.not_after) {
      return platform::Error(absl::StatusCode::kNotFound, "NO_AVAILABILITY",
                             "no free slot for this service in the chosen area");
    }
    *response->mutable_slot() = ToProto(*slot, *q.service);
    return absl::OkStatus();
  });
}

}  // namespace sisl::booking
