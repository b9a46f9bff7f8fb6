#ifndef SISL_BOOKING_STORE_APPOINTMENT_STORE_H_
#define SISL_BOOKING_STORE_APPOINTMENT_STORE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/booking/domain/appointment.h"
#include "services/platform/db/database.h"

namespace sisl::booking {

struct StoredAppointment {
  std::string id;
  std::string slot_id;
  std::string service_code;
  std::string site_code;
  absl::Time start;
  absl::Time end;
  DeliveryMode mode = DeliveryMode::kInPerson;
  AppointmentState state = AppointmentState::kToDeliver;
  std::string person_id;
  std::string fiscal_code;
  std::string email;
  std::string mobile;
  std::string language = "it";
  std::string operator_id;
  std::string booked_by;
  std::string booked_by_role;
  int cancellation_reason = 0;
  std::string note;
  std::string moved_to;
  std::string moved_from;
  bool no_show_justified = false;
  int sequence = 0;
  std::string request_id;
  absl::Time created_at;
  absl::Time updated_at;
};

// Appointments, seats and the audit log. Every method works in the caller's transaction.
class AppointmentStore final {
 public:
  AppointmentStore() = default;

  // Serialises one person's bookings: on PostgreSQL the row lock is held until commit.
  absl::Status LockPerson(platform::db::Transaction& tx, const std::string& person_id);
  absl::StatusOr<std::optional<StoredAppointment>> FindByRequest(
      platform::db::Transaction& tx, const std::string& booked_by, const std::string& request_id);
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

  absl::Status Insert(platform::db::Transaction& tx, const StoredAppointment& a);
  // Writes state, cancellation, note, move links, justification, sequence and update time.
  absl::Status Update(platform::db::Transaction& tx, const StoredAppointment& a);
  // NOT_FOUND (APPOINTMENT_NOT_FOUND).
  absl::StatusOr<StoredAppointment> Get(platform::db::Transaction& tx, const std::string& id);
  absl::StatusOr<std::vector<StoredAppointment>> ListByPerson(platform::db::Transaction& tx,
                                                              const std::string& person_id,
                                                              const std::string& after,
                                                              int limit);
  absl::StatusOr<std::vector<StoredAppointment>> ListBySite(platform::db::Transaction& tx,
                                                            const std::string& site_code,
                                                            absl::Time from, absl::Time to,
                                                            const std::string& after, int limit);

  absl::Status Audit(platform::db::Transaction& tx, absl::Time at, const std::string& actor,
                     const std::string& actor_role, const std::string& action,
                     const std::string& person_id, const std::string& appointment_id,
                     const std::string& reason);
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_STORE_APPOINTMENT_STORE_H_
