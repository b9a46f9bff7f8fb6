#include "services/booking/app/availability_index.h"

#include <algorithm>
#include <utility>

#include "services/platform/status_macros.h"

namespace sisl::booking {
namespace {

int FreeSeats(const StoredSlot& s) { return std::max(0, s.capacity - s.booked); }

bool Free(const StoredSlot& s, absl::Time not_before) {
  return s.booked < s.capacity && s.start >= not_before;
}

}  // namespace

absl::Status AvailabilityIndex::Load() {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(const std::vector<StoredSlot> slots,
                   CalendarStore().SlotsFrom(*tx, clock_.Now() - absl::Hours(24)));
  AvailabilityIndex fresh(db_, clock_);
  absl::MutexLock fresh_lock(&fresh.mu_);
  for (const StoredSlot& s : slots) fresh.PutLocked(s);
  absl::MutexLock lock(&mu_);
  // Swapping keeps every SiteDay's pointers valid: unordered_map nodes move with the map.
  slots_.swap(fresh.slots_);
  by_service_.swap(fresh.by_service_);
  return absl::OkStatus();
}

void AvailabilityIndex::StartReconciling(absl::Duration interval) {
  if (reconciler_) return;
  bool first = true;
  reconciler_ = std::make_unique<platform::PeriodicTask>(
      "availability-reconciler", interval, [this, first]() mutable {
        // The caller has just loaded: the first round only waits.
        if (!std::exchange(first, false)) (void)Load();  // on failure the index stays as it is
        return false;
      });
  reconciler_->Start();
}

void AvailabilityIndex::StopReconciling() {
  if (reconciler_) reconciler_->Stop();
}

void AvailabilityIndex::PutLocked(const StoredSlot& slot) {
  // A slot's service, site and day never change; only its capacity and bookings do.
  SiteDay& site_day = by_service_[slot.service_code][slot.local_day][slot.site_code];
  auto [it, inserted] = slots_.try_emplace(slot.id, slot);
  if (inserted) {
    const StoredSlot* added = &it->second;
    auto pos = std::upper_bound(
        site_day.slots.begin(), site_day.slots.end(), added,
        [](const StoredSlot* a, const StoredSlot* b) { return a->start < b->start; });
    site_day.slots.insert(pos, added);
  } else {
    site_day.free -= FreeSeats(it->second);
    it->second = slot;
  }
  site_day.free += FreeSeats(it->second);
}

absl::Status AvailabilityIndex::RefreshSlot(const std::string& slot_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(const StoredSlot slot, CalendarStore().GetSlot(*tx, slot_id));
  absl::MutexLock lock(&mu_);
  PutLocked(slot);
  return absl::OkStatus();
}

absl::Status AvailabilityIndex::RefreshCalendar(const std::string& calendar_id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(platform::db::Result res,
                   tx->Execute("SELECT id FROM slots WHERE calendar_id = $1 AND start_at >= $2",
                               {calendar_id, platform::ToUnixMicrosUtc(clock_.Now())}));
  CalendarStore store;
  std::vector<StoredSlot> fresh;
  for (const platform::db::RowReader& row : platform::db::Rows(res)) {
    ASSIGN_OR_RETURN(StoredSlot slot, store.GetSlot(*tx, row.Str("id")));
    fresh.push_back(std::move(slot));
  }
  absl::MutexLock lock(&mu_);
  for (const StoredSlot& s : fresh) PutLocked(s);
  return absl::OkStatus();
}

template <typename Fn>
void AvailabilityIndex::ForSites(const std::unordered_map<std::string, SiteDay>& day,
                                 const std::set<std::string>& sites, Fn fn) {
  if (sites.empty()) {
    for (const auto& [site, site_day] : day) fn(site, site_day);
    return;
  }
  for (const std::string& site : sites) {
    auto it = day.find(site);
    if (it != day.end()) fn(site, it->second);
  }
}

std::vector<DayFreeSeats> AvailabilityIndex::Month(const std::string& service,
                                                   const std::set<std::string>& sites,
                                                   absl::CivilDay first, absl::CivilDay last,
                                                   absl::Time not_before) const {
  std::vector<DayFreeSeats> out;
  absl::ReaderMutexLock lock(&mu_);
  auto svc = by_service_.find(service);
  if (svc == by_service_.end()) return out;
  for (auto it = svc->second.lower_bound(first); it != svc->second.end() && it->first <= last;
       ++it) {
    int free = 0;
    ForSites(it->second, sites, [&](const std::string&, const SiteDay& site_day) {
      if (site_day.slots.empty() || site_day.slots.front()->start >= not_before) {
        free += site_day.free;  // the whole day is bookable: use the running sum
        return;
      }
      for (const StoredSlot* s : site_day.slots) {
        if (Free(*s, not_before)) free += FreeSeats(*s);
      }
    });
    if (free > 0) out.push_back({it->first, free});
  }
  return out;
}

std::vector<StoredSlot> AvailabilityIndex::Day(const std::string& service,
                                               const std::set<std::string>& sites,
                                               absl::CivilDay day, absl::Time not_before) const {
  std::vector<StoredSlot> out;
  absl::ReaderMutexLock lock(&mu_);
  auto svc = by_service_.find(service);
  if (svc == by_service_.end()) return out;
  auto d = svc->second.find(day);
  if (d == svc->second.end()) return out;
  ForSites(d->second, sites, [&](const std::string&, const SiteDay& site_day) {
    if (site_day.free == 0) return;
    for (const StoredSlot* s : site_day.slots) {
      if (Free(*s, not_before)) out.push_back(*s);
    }
  });
  std::sort(out.begin(), out.end(), [](const StoredSlot& a, const StoredSlot& b) {
    return std::tie(a.start, a.site_code) < std::tie(b.start, b.site_code);
  });
  return out;
}

std::optional<StoredSlot> AvailabilityIndex::First(const std::string& service,
                                                   const std::vector<std::string>& preference,
                                                   absl::Time not_before) const {
  absl::ReaderMutexLock lock(&mu_);
  auto svc = by_service_.find(service);
  if (svc == by_service_.end()) return std::nullopt;
  for (const auto& [day, by_site] : svc->second) {
    const StoredSlot* best = nullptr;
    for (const std::string& site : preference) {  // earlier sites win ties
      auto it = by_site.find(site);
      if (it == by_site.end() || it->second.free == 0) continue;
      for (const StoredSlot* s : it->second.slots) {
        if (!Free(*s, not_before)) continue;
        if (best == nullptr || s->start < best->start) best = s;
        break;  // slots are in start order: the first free one is this site's earliest
      }
    }
    if (best != nullptr) return *best;
  }
  return std::nullopt;
}

size_t AvailabilityIndex::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return slots_.size();
}

}  // namespace sisl::booking
