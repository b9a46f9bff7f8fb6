#ifndef SISL_ENTERPRISE_STORE_COMPANY_STORE_H_
#define SISL_ENTERPRISE_STORE_COMPANY_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/enterprise/domain/company.h"
#include "services/platform/db/database.h"

namespace sisl::enterprise::store {

struct StoredCompany {
  Company company;
  int64_t version = 0;
  absl::Time created_at;
  absl::Time updated_at;
};

// Who made a version and why (kept in company_versions).
struct ChangeMeta {
  std::string actor;       // pseudonymous person id or staff id
  std::string actor_role;  // "company", "operator"
  std::vector<std::string> changed_fields;
  std::string reason;
  absl::Time at;
};

struct CompanyVersionRow {
  int64_t version = 0;
  ChangeMeta meta;
  Company company;
};

// The company registry's tables (companies, company_cpis, company_versions), inside the caller's
// transaction.
class CompanyStore final {
 public:
  // ALREADY_EXISTS, reason COMPANY_ALREADY_REGISTERED, when the fiscal code is taken.
  static absl::StatusOr<StoredCompany> Insert(platform::db::Transaction& tx, const Company& company,
                                              const std::vector<std::string>& cpi_codes,
                                              const ChangeMeta& meta);
  // NOT_FOUND, reason COMPANY_NOT_FOUND.
  static absl::StatusOr<StoredCompany> Get(platform::db::Transaction& tx,
                                           const std::string& fiscal_code);
  // Writes version `expected_version + 1`; ABORTED (VERSION_CONFLICT) when another change came
  // first.
  static absl::StatusOr<StoredCompany> Update(platform::db::Transaction& tx, const Company& company,
                                              int64_t expected_version,
                                              const std::vector<std::string>& cpi_codes,
                                              const ChangeMeta& meta);
  // Companies with a site in `cpi_code` ("" for every CPI), whose folded name starts with
  // `name_prefix` or whose fiscal code is `name_prefix` ("" for all), by fiscal code after
  // `after`.
  static absl::StatusOr<std::vector<StoredCompany>> List(platform::db::Transaction& tx,
                                                         const std::string& cpi_code,
                                                         const std::string& name_prefix,
                                                         const std::string& after, int limit);
  static absl::StatusOr<std::vector<std::string>> CpisOf(platform::db::Transaction& tx,
                                                         const std::string& fiscal_code);
  // Versions below `before` (0: from the newest), newest first.
  static absl::StatusOr<std::vector<CompanyVersionRow>> Versions(platform::db::Transaction& tx,
                                                                 const std::string& fiscal_code,
                                                                 int64_t before, int limit);
};

// Lower case, accents removed, blanks collapsed: the form names are searched in.
std::string FoldForSearch(absl::string_view text);

}  // namespace sisl::enterprise::store

#endif  // SISL_ENTERPRISE_STORE_COMPANY_STORE_H_
