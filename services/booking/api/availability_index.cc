#include "services/booking/api/availability_index.h"

#include <algorithm>
#include <mutex>

namespace sisl::booking {
namespace {

bool Free(const StoredSlot& s, absl::Time not_before) {
  return s.booked < s.capacity && s.start >= not_before;
}

bool InSites(const std::set<std::string>& sites, const std::string& site) {
  return sites.empty() || sites.contains(site);
}

}  // namespace

absl::Status AvailabilityIndex::Load() {
  auto tx = db_.Begin();
  if (!tx.ok()) return tx.status();
  CalendarStore store;
  auto slots = store.SlotsFrom(**tx, clock_.Now() - absl::Hours(24));
  if (!slots.ok()) return slots.status();
  std::unique_lock lock(mu_);
  slots_.clear();
  by_service_day_.clear();
  for (const StoredSlot& s : *slots) PutLocked(s);
  return absl::OkStatus();
}

void AvailabilityIndex::PutLocked(const StoredSlot& slot) {
  by_service_day_[slot.service_code][slot.local_day].insert(slot.id);
  slots_[slot.id] = slot;
}

absl::Status AvailabilityIndex::RefreshSlot(const std::string& slot_id) {
  auto tx = db_.Begin();
  if (!tx.ok()) return tx.status();
  CalendarStore store;
  auto slot = store.GetSlot(**tx, slot_id);
  if (!slot.ok()) return slot.status();
  std::unique_lock lock(mu_);
  PutLocked(*slot);
  return absl::OkStatus();
}

absl::Status AvailabilityIndex::RefreshCalendar(const std::string& calendar_id) {
  auto tx = db_.Begin();
  if (!tx.ok()) return tx.status();
  auto res = (*tx)->Execute("SELECT id FROM slots WHERE calendar_id = $1 AND start_at >= $2",
                            {calendar_id, platform::ToUnixMicrosUtc(clock_.Now())});
  if (!res.ok()) return res.status();
  CalendarStore store;
  std::vector<StoredSlot> fresh;
  for (const auto& row : res->rows) {
    auto slot = store.GetSlot(**tx, row.Str(0));
    if (!slot.ok()) return slot.status();
    fresh.push_back(*std::move(slot));
  }
  std::unique_lock lock(mu_);
  for (const StoredSlot& s : fresh) PutLocked(s);
  return absl::OkStatus();
}

std::vector<DayFreeSeats> AvailabilityIndex::Month(const std::string& service,
                                                   const std::set<std::string>& sites,
                                                   absl::CivilDay first, absl::CivilDay last,
                                                   absl::Time not_before) const {
  std::vector<DayFreeSeats> out;
  std::shared_lock lock(mu_);
  auto svc = by_service_day_.find(service);
  if (svc == by_service_day_.end()) return out;
  for (auto it = svc->second.lower_bound(first); it != svc->second.end() && it->first <= last;
       ++it) {
    int free = 0;
    for (const std::string& id : it->second) {
      const StoredSlot& s = slots_.at(id);
      if (InSites(sites, s.site_code) && Free(s, not_before)) free += s.capacity - s.booked;
    }
    if (free > 0) out.push_back({it->first, free});
  }
  return out;
}

std::vector<StoredSlot> AvailabilityIndex::Day(const std::string& service,
                                               const std::set<std::string>& sites,
                                               absl::CivilDay day, absl::Time not_before) const {
  std::vector<StoredSlot> out;
  std::shared_lock lock(mu_);
  auto svc = by_service_day_.find(service);
  if (svc == by_service_day_.end()) return out;
  auto d = svc->second.find(day);
  if (d == svc->second.end()) return out;
  for (const std::string& id : d->second) {
    const StoredSlot& s = slots_.at(id);
    if (InSites(sites, s.site_code) && Free(s, not_before)) out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const StoredSlot& a, const StoredSlot& b) {
    return std::tie(a.start, a.site_code) < std::tie(b.start, b.site_code);
  });
  return out;
}

std::optional<StoredSlot> AvailabilityIndex::First(const std::string& service,
                                                   const std::vector<std::string>& preference,
                                                   absl::Time not_before) const {
  std::map<std::string, size_t> rank;
  for (size_t i = 0; i < preference.size(); ++i) rank.emplace(preference[i], i);
  std::shared_lock lock(mu_);
  auto svc = by_service_day_.find(service);
  if (svc == by_service_day_.end()) return std::nullopt;
  for (const auto& [day, ids] : svc->second) {
    const StoredSlot* best = nullptr;
    for (const std::string& id : ids) {
      const StoredSlot& s = slots_.at(id);
      auto r = rank.find(s.site_code);
      if (r == rank.end() || !Free(s, not_before)) continue;
      if (best == nullptr || s.start < best->start ||
          (s.start == best->start && r->second < rank.at(best->site_code))) {
        best = &s;
      }
    }
    if (best != nullptr) return *best;
  }
  return std::nullopt;
}

size_t AvailabilityIndex::size() const {
  std::shared_lock lock(mu_);
  return slots_.size();
}

}  // namespace sisl::booking
