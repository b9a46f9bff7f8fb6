// Databases of a test's own on the test PostgreSQL server of deploy/infra.sh.
#ifndef SISL_TESTS_INTEGRATION_TEST_DATABASES_H_
#define SISL_TESTS_INTEGRATION_TEST_DATABASES_H_

#include <string>

namespace sisl::testing_env {

// A database of this run's own on the test server (through its `postgres` superuser, trusted
// on loopback by deploy/infra.sh), so nothing left by an earlier run can change the outcome.
// Returns its URL (`pg_url` with the database replaced), or "" when it cannot be made.
std::string FreshDatabase(const std::string& pg_url, const std::string& name,
                          const std::string& owner);
void DropDatabase(const std::string& pg_url, const std::string& name);

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_INTEGRATION_TEST_DATABASES_H_
