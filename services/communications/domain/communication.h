// The mandatory employment communication (DOMAIN.md §6 and §11): UNILAV, UNISOMM, UNIURG and
// VARDATORI, their events and natures. Pure data: codes are the ministry's (reference code
// lists), dates are civil days, and nothing here knows about XML, protos or the store.
#ifndef SISL_SERVICES_COMMUNICATIONS_DOMAIN_COMMUNICATION_H_
#define SISL_SERVICES_COMMUNICATIONS_DOMAIN_COMMUNICATION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/reference/fiscal_code.h"

namespace sisl::communications {

// A required date left empty (the web form, a partial XML) maps to kNoDay: the rules report any
// date before 1900 on its field, so an empty date is a finding, not a crash or a made-up day.
inline constexpr absl::CivilDay kNoDay(1, 1, 1);

// The form (tipo modulo): UL, US, UG, VD.
enum class Form { kUnilav, kUnisomm, kUniurg, kVardatori };

// The nature of a filing (tipo comunicazione, reference::CoCommunicationTypes): 01 ordinary,
// 02 after an urgent hire (a UNILAV completing a UNIURG), 03 correction, 04 cancellation,
// 06 entered by the office after an inspection.
enum class Nature { kOrdinary, kAfterUrgency, kCorrection, kCancellation, kByOffice };

// What happened to the relationship. Mission events are UNISOMM's (agency work); VARDATORI
// records an employer change (name change or transfer of business).
enum class EventKind {
  kHire,
  kExtension,
  kTransformation,
  kTransfer,    // trasferimento: another workplace of the same employer
  kSecondment,  // distacco: the worker serves another employer for a while
  kTermination,
  kMissionStart,
  kMissionExtension,
  kMissionTermination,
  kEmployerChange,
};

absl::string_view FormCode(Form form);         // "UL", "US", "UG", "VD"
absl::string_view NatureCode(Nature nature);   // "01", "02", "03", "04", "06"
absl::string_view EventCode(EventKind event);  // "hire", "extension", ... (stable, lower snake)
std::optional<Form> FormFromCode(absl::string_view code);
std::optional<Nature> NatureFromCode(absl::string_view code);
std::optional<EventKind> EventFromCode(absl::string_view code);

// A place: the municipality's Belfiore code (e.g. L219 Torino), postcode and street.
struct Address {
  std::string municipality_code;
  std::string postcode;
  std::string street;

  bool operator==(const Address&) const = default;
};

struct Employer {
  std::string fiscal_code;  // 11 digits (company) or 16 characters (a person)
  std::string name;
  std::string ateco;  // 2007 or 2025 edition, as in force on the event date
  bool public_administration = false;
  Address registered_office;
  Address workplace;
  std::string pec;  // certified e-mail, at most 80 characters

  bool operator==(const Employer&) const = default;
};

// The residence permit of a non-EU worker.
struct Permit {
  std::string document_type;  // e.g. "1" permesso di soggiorno, "2" carta di soggiorno
  std::string number;
  std::string reason;                    // the permit's reason code
  std::optional<absl::CivilDay> expiry;  // none: open-ended (carta di soggiorno)
  std::string police_office;  // the issuing questura (Belfiore code of the province town)

  bool operator==(const Permit&) const = default;
};

struct Worker {
  std::string fiscal_code;
  std::string surname;
  std::string name;
  reference::Sex sex = reference::Sex::kMale;
  absl::CivilDay birth_date;
  std::string birth_place_code;  // Belfiore code, or Z and 3 digits for a foreign country
  std::string citizenship;       // three digits, 000 = Italian (reference::CoCitizenship)
  std::string education_level;   // two digits (reference::CoEducationLevels)
  Address domicile;
  std::optional<Permit> permit;  // required for non-EU citizens

  bool operator==(const Worker&) const = default;
};

// The relationship as hired (and, for transformations, as it becomes).
struct Contract {
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;  // required for fixed-term contracts
  std::string contract_type;          // e.g. A.01.00 open-ended, A.02.00 fixed-term
  std::string working_time;           // F full-time, P part-time, V vertical, M mixed, N none
  double weekly_hours = 0;            // average weekly hours (part-time)
  std::string ccnl;
  std::string level;                 // the CCNL's level (inquadramento)
  std::string profession;            // ISTAT CP2011 with the CO's 6th level
  std::string social_security_body;  // two digits
  std::string inail_pat;             // 8-10 digits
  long long annual_pay_eur = 0;      // gross yearly pay in euro; 0 = not stated
  bool l68 = false;                  // hired under Law 68/1999
  bool seasonal = false;
  bool agricultural = false;
  std::optional<absl::CivilDay> training_end;  // apprenticeships: end of the training period

  bool operator==(const Contract&) const = default;
};

struct Extension {
  absl::CivilDay new_end;

  bool operator==(const Extension&) const = default;
};

struct Transformation {
  std::string code;  // the transformation code (e.g. from fixed-term to open-ended)
  absl::CivilDay date;
  std::string new_contract_type;
  std::string new_working_time;  // "" when unchanged
  double new_weekly_hours = 0;

  bool operator==(const Transformation&) const = default;
};

// Transfer (same employer, another workplace) or secondment (to a host employer).
struct Transfer {
  absl::CivilDay date;
  std::optional<absl::CivilDay> end;  // secondments end
  Address new_workplace;
  std::string host_employer_fiscal_code;  // secondment only
  std::string host_employer_name;

  bool operator==(const Transfer&) const = default;
};

struct Termination {
  absl::CivilDay date;
  std::string cause;  // two letters (reference::CoTerminationCauses)

  bool operator==(const Termination&) const = default;
};

// UNISOMM: the temporary-work agency and the mission at the user company.
struct Agency {
  std::string fiscal_code;
  std::string name;
  std::string register_number;  // the ministry's register of agencies (albo)

  bool operator==(const Agency&) const = default;
};

struct Mission {
  std::string user_fiscal_code;
  std::string user_name;
  std::string user_ateco;
  bool user_public_administration = false;
  std::string agency_contract_number;  // contratto di somministrazione
  absl::CivilDay start;
  std::optional<absl::CivilDay> end;
  Address workplace;
  std::string profession;
  std::string ccnl;
  std::string level;
  std::string working_time;
  double weekly_hours = 0;
  std::string inail_pat;

  bool operator==(const Mission&) const = default;
};

// UNIURG: the reason for the urgent hire; the complete UNILAV follows within 5 days.
struct Urgency {
  std::string reason;

  bool operator==(const Urgency&) const = default;
};

// VARDATORI: the employer the relationships come from (the new one is `employer`).
struct EmployerChange {
  std::string kind;  // "NAME" name change, "TRANSFER" transfer of business
  absl::CivilDay date;
  std::string previous_fiscal_code;
  std::string previous_name;
  std::vector<std::string> worker_fiscal_codes;  // the workers who move

  bool operator==(const EmployerChange&) const = default;
};

struct Communication {
  std::string code;           // 16 characters, given at acceptance ("" before)
  std::string previous_code;  // corrections, cancellations and a UNILAV after its UNIURG
  Form form = Form::kUnilav;
  Nature nature = Nature::kOrdinary;
  EventKind event = EventKind::kHire;
  Employer employer;
  Worker worker;
  Contract contract;
  std::optional<Extension> extension;
  std::optional<Transformation> transformation;
  std::optional<Transfer> transfer;
  std::optional<Termination> termination;
  std::optional<Agency> agency;
  std::optional<Mission> mission;
  std::optional<Urgency> urgency;
  std::optional<EmployerChange> employer_change;
  // dataInvio: when the filing was sent (Europe/Rome); none before sending.
  std::optional<absl::CivilSecond> sent_at;

  bool operator==(const Communication&) const = default;
};

// The day the event happened: the start for a hire (and a mission start), the old end for an
// extension (`contract.end`, or the mission's end), the transformation, transfer, termination
// date, the change date for VARDATORI. Falls back to the contract's start when the event's part
// is missing (the rules report that).
absl::CivilDay EventDate(const Communication& c);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_DOMAIN_COMMUNICATION_H_
