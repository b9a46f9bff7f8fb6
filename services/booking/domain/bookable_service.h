#ifndef SISL_BOOKING_DOMAIN_BOOKABLE_SERVICE_H_
#define SISL_BOOKING_DOMAIN_BOOKABLE_SERVICE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sisl::booking {

// How an appointment is delivered. The numbers match the proto enums (catalogue.proto) and the
// delivery_mode column of the appointments table.
enum class DeliveryMode { kInPerson = 1, kVideoCall = 2, kPhone = 3 };

// Where confirmations and reminders are sent.
enum class Channel { kEmail = 1, kSms = 2, kAppIo = 3 };

// The default territorial scope of an availability search.
enum class SearchScope { kNearest = 1, kProvince = 2, kRegion = 3 };

// A service that can be booked at a Centro per l'impiego (DOMAIN.md §3).
struct BookableService {
  std::string code;
  std::string name_it;
  std::string name_en;
  std::string category;
  int duration_minutes = 0;
  std::vector<DeliveryMode> delivery_modes;
  int booking_horizon_days = 0;  // how far ahead citizens may book
  int minimum_notice_hours = 0;  // how soon citizens may book (staff may book at short notice)
  bool citizen_can_change = false;
  int citizen_change_deadline_hours = 0;  // citizens may move or cancel until start - this
  bool citizen_self_booking = false;      // false: only operators and the contact centre book
  bool send_confirmation = false;
  std::vector<int> reminder_days_before;
  std::vector<Channel> channels;
  SearchScope default_scope = SearchScope::kNearest;
  int minimum_age = 15;
  bool requires_piedmont_domicile = true;
  int group_minimum_seats = 0;  // group sessions ("laboratori") only; 0 and 0 otherwise
  int group_maximum_seats = 0;

  bool is_group() const { return group_maximum_seats > 0; }
  bool Offers(DeliveryMode m) const;
};

// Parses the catalogue seed (services/booking/data/bookable_services.csv). Lists are separated by
// '|' and may be empty, except delivery_modes; delivery modes are in_person, video_call, phone;
// channels email, sms, app_io; scopes nearest, province, region; booleans 0 or 1.
// Each record is validated: non-empty unique code, names and category; positive duration and
// horizon; non-negative notice and change deadline; known words without repetitions; reminders of
// 1 or more days; at least one channel when a confirmation or reminders are sent; minimum age
// 15..99; 0 <= group minimum <= group maximum.
// Fails with INVALID_ARGUMENT, reason INVALID_SEED_DATA, naming the record (1-based, header
// excluded) in the message and in the metadata keys "record" and "code"; CSV syntax errors are
// passed through from platform::ParseCsv.
absl::StatusOr<std::vector<BookableService>> ParseBookableServicesCsv(absl::string_view csv);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_DOMAIN_BOOKABLE_SERVICE_H_
