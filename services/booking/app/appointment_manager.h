#ifndef SISL_BOOKING_APP_APPOINTMENT_MANAGER_H_
#define SISL_BOOKING_APP_APPOINTMENT_MANAGER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/booking/domain/appointment_record.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/outbox/committer.h"

namespace sisl::booking {

struct BookCommand {
  std::string slot_id;
  DeliveryMode mode = DeliveryMode::kInPerson;
  Citizen citizen;  // staff: the citizen booked for; citizens: contact details only
  std::string note;
  std::string request_id;
};

// What a notifier needs to reach the citizen of an appointment.
struct AppointmentContact {
  std::string email;
  std::string mobile;
  std::string language;
  std::string ics;          // the appointment's calendar file (the confirmation's attachment)
  std::string fiscal_code;  // App IO addresses citizens by it
};

// Appointment use cases: booking with every blocker of DOMAIN.md §4, moves that keep history,
// cancellations, attendance, staff lists and search with an audit record for every staff access,
// and AppointmentEvent through the outbox for notifiers and availability indexes. Events carry
// the correlation id of the call being served.
class AppointmentManager final {
 public:
  // `video_meeting_url`: booking.video_meeting_url (ValidateVideoMeetingUrl), "" for none.
  AppointmentManager(platform::outbox::Committer& committer, absl::TimeZone zone,
                     const platform::auth::PersonIdHasher& person_ids,
                     std::string video_meeting_url = "");

  absl::StatusOr<Appointment> Book(const platform::auth::Caller& caller,
                                   const BookCommand& command);
  absl::StatusOr<Appointment> Move(const platform::auth::Caller& caller, const std::string& id,
                                   const BookCommand& command);
  absl::StatusOr<Appointment> Cancel(const platform::auth::Caller& caller, const std::string& id,
                                     int reason, const std::string& note);
  absl::StatusOr<Appointment> RecordAttendance(const platform::auth::Caller& caller,
                                               const std::string& id, Attendance attendance,
                                               const std::string& note);
  absl::StatusOr<Appointment> Get(const platform::auth::Caller& caller, const std::string& id,
                                  const std::string& reason);
  using Page = std::pair<std::vector<Appointment>, std::string>;
  absl::StatusOr<Page> ListMine(const platform::auth::Caller& caller, int page_size,
                                const std::string& page_token);
  absl::StatusOr<Page> ListSiteDay(const platform::auth::Caller& caller,
                                   const std::string& site_code, absl::CivilDay day, int page_size,
                                   const std::string& page_token);
  absl::StatusOr<Page> Search(const platform::auth::Caller& caller, const std::string& fiscal_code,
                              const std::string& reason, int page_size,
                              const std::string& page_token);
  absl::StatusOr<std::vector<Appointment>> CloseSiteDay(const platform::auth::Caller& caller,
                                                        const std::string& site_code,
                                                        absl::CivilDay day,
                                                        const std::string& reason);
  absl::StatusOr<std::string> Ics(const platform::auth::Caller& caller, const std::string& id);
  // The citizen's contact data, for notifiers (role "notifier") and administrators only; every
  // read, and every refused attempt, is audited as "read_contact" with `reason`. Events carry no
  // contact data, so this is the only way out for it. ACCESS_REASON_REQUIRED/_TOO_LONG,
  // CONTACT_READERS_ONLY (PERMISSION_DENIED), APPOINTMENT_NOT_FOUND.
  absl::StatusOr<AppointmentContact> GetContact(const platform::auth::Caller& caller,
                                                const std::string& id, const std::string& reason,
                                                bool with_ics = true);

 private:
  // The calendar file of an appointment already read and authorised.
  absl::StatusOr<std::string> IcsOf(const Appointment& appointment);
  friend class AppointmentTx;
  platform::db::Database& db() const { return committer_.db(); }
  const platform::Clock& clock() const { return committer_.clock(); }

  platform::outbox::Committer& committer_;
  absl::TimeZone zone_;
  const platform::auth::PersonIdHasher& person_ids_;
  const std::string video_meeting_url_;
};

Actor ActorOf(const platform::auth::Caller& caller);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_APP_APPOINTMENT_MANAGER_H_
