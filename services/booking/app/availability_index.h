#ifndef SISL_BOOKING_APP_AVAILABILITY_INDEX_H_
#define SISL_BOOKING_APP_AVAILABILITY_INDEX_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "services/booking/store/calendar_store.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/periodic_task.h"

namespace sisl::booking {

struct DayFreeSeats {
  absl::CivilDay day;
  int free_seats = 0;
};

// In-memory index of future slots and their free seats, answering availability searches
// without touching the database. It is loaded at start and kept current by booking events:
// each event names the slots or calendar that changed, and the index re-reads exactly those
// rows, so a redelivered or reordered event can never make it drift.
class AvailabilityIndex final {
 public:
  AvailabilityIndex(platform::db::Database& db, const platform::Clock& clock)
      : db_(db), clock_(clock) {}
  ~AvailabilityIndex() { StopReconciling(); }
  AvailabilityIndex(const AvailabilityIndex&) = delete;
  AvailabilityIndex& operator=(const AvailabilityIndex&) = delete;

  // Rebuilds the index from the store; readers keep the old one until the new one is ready.
  absl::Status Load();
  // Reloads every `interval` in the background, reconciling anything an event did not bring
  // (e.g. a change published while the subscription was being assigned).
  void StartReconciling(absl::Duration interval);
  void StopReconciling();
  absl::Status RefreshSlot(const std::string& slot_id);
  absl::Status RefreshCalendar(const std::string& calendar_id);

  // Days of [first, last] with free seats for `service` at any of `sites` (empty: all sites).
  std::vector<DayFreeSeats> Month(const std::string& service, const std::set<std::string>& sites,
                                  absl::CivilDay first, absl::CivilDay last,
                                  absl::Time not_before) const;
  // Free slots of one day, ordered by start then site.
  std::vector<StoredSlot> Day(const std::string& service, const std::set<std::string>& sites,
                              absl::CivilDay day, absl::Time not_before) const;
  // The earliest free slot at any of `sites`; ties go to the site listed first.
  std::optional<StoredSlot> First(const std::string& service,
                                  const std::vector<std::string>& sites_by_preference,
                                  absl::Time not_before) const;
  size_t size() const;

 private:
  // The slots of one site on one day, in start order, with their free seats summed, so a month
  // view costs one addition per site and day.
  struct SiteDay {
    std::vector<const StoredSlot*> slots;
    int free = 0;
  };
  using Days = std::map<absl::CivilDay, std::unordered_map<std::string, SiteDay>>;

  void PutLocked(const StoredSlot& slot) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Calls fn(site, SiteDay&) for the wanted sites of one day (all when `sites` is empty).
  template <typename Fn>
  static void ForSites(const std::unordered_map<std::string, SiteDay>& day,
                       const std::set<std::string>& sites, Fn fn);

  platform::db::Database& db_;
  const platform::Clock& clock_;
  std::unique_ptr<platform::PeriodicTask> reconciler_;
  mutable absl::Mutex mu_;
  std::unordered_map<std::string, StoredSlot> slots_ ABSL_GUARDED_BY(mu_);  // by id; stable nodes
  std::unordered_map<std::string, Days> by_service_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_APP_AVAILABILITY_INDEX_H_
