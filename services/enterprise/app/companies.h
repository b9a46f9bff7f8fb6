#ifndef SISL_ENTERPRISE_APP_COMPANIES_H_
#define SISL_ENTERPRISE_APP_COMPANIES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/enterprise/app/deps.h"
#include "services/enterprise/store/company_store.h"
#include "services/platform/auth/internal_token.h"

namespace sisl::enterprise {

struct RegisterCompany {
  Company company;
  std::string legal_representative;  // operators only: the person's fiscal code
  std::string request_id;
};

struct CompanyPage {
  std::vector<store::StoredCompany> companies;
  std::string next_page_token;
};

struct VersionPage {
  std::vector<store::CompanyVersionRow> versions;
  std::string next_page_token;
};

// The company registry's use cases: registration (by the legal representative after login, who
// is recorded as such, or by an operator naming them), reads, changes with history.
class CompanyRegistry final {
 public:
  explicit CompanyRegistry(Deps deps) : deps_(deps) {}

  absl::StatusOr<store::StoredCompany> Register(const platform::auth::Caller& caller,
                                                RegisterCompany request);
  // The company's people (any valid role for it) and operators of its CPIs.
  absl::StatusOr<store::StoredCompany> Get(const platform::auth::Caller& caller,
                                           const std::string& fiscal_code);
  // `paths`: the fields to change (update mask paths); `version`: the one the caller read.
  absl::StatusOr<store::StoredCompany> Update(const platform::auth::Caller& caller,
                                              const std::string& fiscal_code,
                                              const Company& changes,
                                              const std::vector<std::string>& paths,
                                              int64_t version, const std::string& reason);
  // Operators: their CPI's companies; administrators: every company.
  absl::StatusOr<CompanyPage> List(const platform::auth::Caller& caller, const std::string& query,
                                   int page_size, const std::string& page_token);
  absl::StatusOr<VersionPage> Versions(const platform::auth::Caller& caller,
                                       const std::string& fiscal_code, int page_size,
                                       const std::string& page_token);

 private:
  // May `caller` read the company (inside `tx`)?
  absl::Status RequireReader(platform::db::Transaction& tx, const platform::auth::Caller& caller,
                             const std::string& fiscal_code);
  Deps deps_;
};

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_APP_COMPANIES_H_
