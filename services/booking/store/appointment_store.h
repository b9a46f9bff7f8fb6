#ifndef SISL_BOOKING_STORE_APPOINTMENT_STORE_H_
#define SISL_BOOKING_STORE_APPOINTMENT_STORE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/booking/domain/appointment_record.h"
#include "services/platform/db/database.h"

namespace sisl::booking {

// Appointments, seats and the audit log. Every method works in the caller's transaction.
class AppointmentStore final {
 public:
  AppointmentStore() = default;

  // Serialises one person's bookings: on PostgreSQL the row lock is held until commit.
  absl::Status LockPerson(platform::db::Transaction& tx, const std::string& person_id);
  absl::StatusOr<std::vector<OpenAppointment>> OpenFor(platform::db::Transaction& tx,
                                                       const std::string& person_id);
  // Open appointments per operator at `site_code` in [from, to).
  absl::StatusOr<std::map<std::string, int>> OperatorLoad(platform::db::Transaction& tx,
                                                          const std::string& site_code,
                                                          absl::Time from, absl::Time to);
  // Takes one seat if one is free; SLOT_TAKEN otherwise. The database's CHECK makes this safe
  // across replicas.
  absl::Status TakeSeat(platform::db::Transaction& tx, const std::string& slot_id);
  absl::Status ReleaseSeat(platform::db::Transaction& tx, const std::string& slot_id);

  absl::Status Insert(platform::db::Transaction& tx, const Appointment& a);
  // Writes state, cancellation, note, move links, justification, sequence and update time.
  absl::Status Update(platform::db::Transaction& tx, const Appointment& a);
  // NOT_FOUND (APPOINTMENT_NOT_FOUND).
  absl::StatusOr<Appointment> Get(platform::db::Transaction& tx, const std::string& id);
  // `cpi_code` not empty: only appointments at that CPI's sites (what an operator may see).
  absl::StatusOr<std::vector<Appointment>> ListByPerson(platform::db::Transaction& tx,
                                                        const std::string& person_id,
                                                        const std::string& after, int limit,
                                                        const std::string& cpi_code = "");
  absl::StatusOr<std::vector<Appointment>> ListBySite(platform::db::Transaction& tx,
                                                      const std::string& site_code, absl::Time from,
                                                      absl::Time to, const std::string& after,
                                                      int limit);

  // Retention (RetentionJob): deletes at most `limit` appointments that ended before `cutoff`,
  // with their idempotency keys; returns how many.
  absl::StatusOr<int64_t> DeleteEndedBefore(platform::db::Transaction& tx, absl::Time cutoff,
                                            int limit);
  // Deletes at most `limit` audit records written before `cutoff`; returns how many.
  absl::StatusOr<int64_t> DeleteAuditBefore(platform::db::Transaction& tx, absl::Time cutoff,
                                            int limit);

  absl::Status Audit(platform::db::Transaction& tx, absl::Time at, const std::string& actor,
                     const std::string& actor_role, const std::string& action,
                     const std::string& person_id, const std::string& appointment_id,
                     const std::string& reason);
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_STORE_APPOINTMENT_STORE_H_
