#ifndef SISL_REFERENCE_CODE_LISTS_H_
#define SISL_REFERENCE_CODE_LISTS_H_

// The code lists the services validate and search: ISTAT CP2011 professions (with the 6th level
// of the mandatory communications), ATECO 2007 and 2025, and the tables of the mandatory
// communications (CO). Each list is compiled into the binary from services/reference/data/*.csv
// (written by scripts/reference-data/convert_code_lists.py; sources in data/SOURCES.md) and
// parsed once, on first use, into a process-wide immutable instance.
//
//   const CodeList& contracts = CoContractTypes();
//   contracts.Find("A.02.00")->label_it;                       // "LAVORO A TEMPO DETERMINATO"
//   contracts.IsValidOn("A.03.02", absl::CivilDay(2015, 1, 1)); // false: closed 2012-04-25
//   RETURN_IF_ERROR(ValidateContractType("contract.type", code, event_day));

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace sisl::reference {

// One code of a list. Validity is inclusive at both ends; an absent bound is open.
struct CodeEntry {
  std::string code;
  std::string parent;  // "" at the top of a hierarchy and in flat lists
  int level = 1;       // 1 = top; CP2011 1..6, ATECO 1 (section)..6 (subcategory)
  std::optional<absl::CivilDay> valid_from;
  std::optional<absl::CivilDay> valid_to;
  std::string label_it;
  std::string label_en;  // "" where the source has no English

  bool IsValidOn(absl::CivilDay day) const;
};

class CodeList final {
 public:
  // Parses the CSV format of convert_code_lists.py: `# key: value` lines (list, name, version,
  // source, licence, complete, note), then the header
  // code,parent,level,valid_from,valid_to,label_it,label_en and one row per code, sorted by code.
  // Fails on a missing header or key, a bad date or level, an unsorted or duplicate code, or a
  // parent that is not in the list.
  static absl::StatusOr<CodeList> Parse(absl::string_view csv);

  CodeList(CodeList&&) = default;
  CodeList& operator=(CodeList&&) = default;

  const std::string& id() const { return id_; }  // e.g. "cp2011_professions"
  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::string& source() const { return source_; }
  const std::string& licence() const { return licence_; }
  const std::string& note() const { return note_; }
  // True when the list holds every code of the official table it comes from, so a code that is
  // not here is wrong. False for partial lists (see note() and data/SOURCES.md): a code missing
  // from them may still be valid.
  bool complete() const { return complete_; }

  const std::vector<CodeEntry>& entries() const { return entries_; }  // sorted by code
  std::size_t size() const { return entries_.size(); }

  // The entry with exactly this code, or nullptr.
  const CodeEntry* Find(absl::string_view code) const;
  // True when the code exists and is valid on `day` (communications check every code as valid
  // on the event date).
  bool IsValidOn(absl::string_view code, absl::CivilDay day) const;
  // The entries whose parent is `code`, by code; Children("") gives the top level.
  std::vector<const CodeEntry*> Children(absl::string_view code) const;
  // Up to `limit` entries matching `text`, case- and accent-insensitively: first the codes that
  // start with it, then the entries whose Italian label starts with it, then those whose
  // Italian or English label contains every word of it; by code within each group. Punctuation
  // counts as a space; text without letters or digits finds nothing.
  std::vector<const CodeEntry*> Search(absl::string_view text, std::size_t limit) const;

 private:
  CodeList() = default;

  std::string id_, name_, version_, source_, licence_, note_;
  bool complete_ = false;
  std::vector<CodeEntry> entries_;
  std::vector<std::string> folded_labels_;  // per entry: "<label_it> <label_en>", folded
  std::vector<std::size_t> by_parent_;      // entry indexes sorted by (parent, code)
};

// --- The lists (process-wide, parsed once from the embedded CSV; thread-safe) ---------------
const CodeList& Cp2011Professions();  // ISTAT CP2011, levels 1-5 plus the CO's 6th level
const CodeList& Ateco2007();  // ATECO 2007 with its 2022 update, valid to 2024-12-31
const CodeList& Ateco2025();  // ATECO 2025, valid from 2025-01-01
const CodeList& CoContractTypes();  // tipologie contrattuali, e.g. A.02.00
const CodeList& CoWorkingTime();  // tipo orario: F, P, V, M, N
const CodeList& CoTerminationCauses();  // causa cessazione, two letters
const CodeList& CoEducationLevels();  // livello di istruzione, two digits
const CodeList& CoCitizenship();  // cittadinanza, three digits (000 = Italian)
const CodeList& Ccnl();  // CCNL, three characters or two letters
const CodeList& CoCommunicationTypes();  // tipo comunicazione 01..09
const CodeList& CoForms();  // UL, US, UG, VD (and UD)
const CodeList& CoSocialSecurityBodies();  // ente previdenziale, two digits
const CodeList& CoTransformationCodes();  // tipo trasformazione, two letters (AI, DI, ...)
// Every list above, in that order.
std::vector<const CodeList*> AllCodeLists();
// The ATECO edition in force on `day`: 2025 from 2025-01-01, else 2007.
const CodeList& AtecoInForce(absl::CivilDay day);

// True when a worker of this CO citizenship needs no residence permit to work in Italy on
// `day`: Italian, EU and EEA citizens and Swiss, each from the day its country joined (the
// United Kingdom until the end of the Brexit transition, 2020-12-31). The dates are the treaties'
// (see data/SOURCES.md); restrictions of the first years after an accession are not modelled.
bool IsFreeMovementCitizenship(absl::string_view citizenship, absl::CivilDay day);

// --- Formats of the mandatory communications (DOMAIN.md section 11) -------------------------
bool IsWellFormedCoProfession(absl::string_view code);  // ([0-9]\.){5}[0-9]{1,2}
bool IsWellFormedCp2011Unit(absl::string_view code);  // ([0-9]\.){4}[0-9] (ClicLavoro)
bool IsWellFormedAteco(absl::string_view code);  // \d{2}\.\d{2}\.\d{2}
bool IsWellFormedContractType(absl::string_view code);  // [A-Z](\.[0-9]{2}){2}
bool IsWellFormedWorkingTime(absl::string_view code);  // [A-Z]
bool IsWellFormedTerminationCause(absl::string_view code);  // [A-Z]{2}
bool IsWellFormedEducationLevel(absl::string_view code);  // \d{2}
bool IsWellFormedCitizenship(absl::string_view code);  // \d{3}
bool IsWellFormedCcnl(absl::string_view code);  // [0-9A-Z]{3} or [A-Z]{2}
bool IsWellFormedCommunicationType(absl::string_view code);  // \d{2}
bool IsWellFormedForm(absl::string_view code);  // [A-Z]{2}
bool IsWellFormedSocialSecurityBody(absl::string_view code);  // \d{2}

// --- Validation with stable reasons (INVALID_ARGUMENT on `field`) ----------------------------
// CheckCode: UNKNOWN_<what> (the `unknown_reason` given) when `code` is not in a complete
// list; CODE_NOT_VALID_ON_DATE (metadata code, day, valid_from, valid_to) when it is there but
// not valid on `day`. A code missing from a partial list passes: the list cannot tell.
absl::Status CheckCode(const CodeList& list, absl::string_view field, absl::string_view code,
                       absl::CivilDay day, absl::string_view unknown_reason);

// Format first (MALFORMED_<what>), then CheckCode with the reasons named here.
absl::Status ValidateCoProfession(absl::string_view field, absl::string_view code,
                                  absl::CivilDay day);  // UNKNOWN_PROFESSION_CODE
absl::Status ValidateProfessionUnit(absl::string_view field, absl::string_view code,
                                    absl::CivilDay day);  // 5 levels; UNKNOWN_PROFESSION_CODE
// Looks in the edition in force on `day`; a code of the other edition only is
// CODE_NOT_VALID_ON_DATE, a code of neither UNKNOWN_ATECO_CODE.
absl::Status ValidateAteco(absl::string_view field, absl::string_view code, absl::CivilDay day);
absl::Status ValidateContractType(absl::string_view field, absl::string_view code,
                                  absl::CivilDay day);  // UNKNOWN_CONTRACT_TYPE
absl::Status ValidateWorkingTime(absl::string_view field, absl::string_view code,
                                 absl::CivilDay day);  // UNKNOWN_WORKING_TIME_CODE
absl::Status ValidateTerminationCause(absl::string_view field, absl::string_view code,
                                      absl::CivilDay day);  // UNKNOWN_TERMINATION_CAUSE
absl::Status ValidateEducationLevel(absl::string_view field, absl::string_view code,
                                    absl::CivilDay day);  // UNKNOWN_EDUCATION_LEVEL
absl::Status ValidateCitizenship(absl::string_view field, absl::string_view code,
                                 absl::CivilDay day);  // UNKNOWN_CITIZENSHIP_CODE
absl::Status ValidateCcnl(absl::string_view field, absl::string_view code,
                          absl::CivilDay day);  // UNKNOWN_CCNL_CODE

}  // namespace sisl::reference

#endif  // SISL_REFERENCE_CODE_LISTS_H_
