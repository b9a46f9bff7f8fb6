#ifndef SISL_ENTERPRISE_APP_SERVICE_REQUESTS_H_
#define SISL_ENTERPRISE_APP_SERVICE_REQUESTS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "services/enterprise/app/deps.h"
#include "services/enterprise/domain/service_request.h"
#include "services/enterprise/store/service_request_store.h"
#include "services/platform/auth/internal_token.h"

namespace sisl::enterprise {

// A step asked for by a caller (TransitionServiceRequest).
struct ServiceRequestStep {
  ServiceRequestAction action = ServiceRequestAction::kUnspecified;
  ServiceRequestOutcome outcome = ServiceRequestOutcome::kUnspecified;  // close only
  std::string message;
};

struct ServiceRequestPage {
  std::vector<store::StoredServiceRequest> requests;  // without their threads
  std::string next_page_token;
};

// How a reader sees a request: staff also see who took it in charge.
enum class ServiceRequestReader { kCompany, kStaff };

// Service requests from companies to their CPI: opened by the company's people with the
// service-requests scope (acting for it), assigned to a CPI (AssignCpi), handled by the
// operators of that CPI (and administrators) through the thread and the steps of
// domain/service_request.h. Every change commits with its event on
// sisl.enterprise.servicerequests.v1 (creation and steps; messages publish nothing).
//
// Who sees a request: the company's people with the scope, the operators of its CPI and
// administrators. Operators of another CPI are refused (OUTSIDE_OPERATOR_CPI); anyone else gets
// SERVICE_REQUEST_NOT_FOUND, so ids reveal nothing.
class ServiceRequestManager final {
 public:
  explicit ServiceRequestManager(Deps deps) : deps_(deps) {}

  // Idempotent by `request_id` for the caller and the company it acts for. The draft's reasons,
  // LINKED_VACANCY_NOT_FOUND, LINKED_VACANCY_CLOSED, NO_COMPETENT_CPI, and the reasons of
  // RequireCompanyScope (NOT_ACTING_FOR_COMPANY, NO_ROLE_FOR_COMPANY, SCOPE_NOT_DELEGATED...).
  absl::StatusOr<store::StoredServiceRequest> Create(const platform::auth::Caller& caller,
                                                     const ServiceRequestDraft& draft,
                                                     const std::string& request_id);
  // With its thread and history.
  absl::StatusOr<std::pair<store::StoredServiceRequest, ServiceRequestReader>> Get(
      const platform::auth::Caller& caller, const std::string& id);
  // A plain message by the caller's side (AddServiceRequestMessage's reasons).
  absl::StatusOr<store::StoredServiceRequest> AddMessage(const platform::auth::Caller& caller,
                                                         const std::string& id,
                                                         const std::string& text);
  // A step by the caller's side (ApplyServiceRequestTransition's reasons).
  absl::StatusOr<store::StoredServiceRequest> Transition(const platform::auth::Caller& caller,
                                                         const std::string& id,
                                                         const ServiceRequestStep& step);
  // The company's (acting for it with the scope), the operator's CPI's, or (administrators)
  // every one; in `states` (all when empty), newest first. INVALID_PAGE_TOKEN for a token of
  // another query.
  absl::StatusOr<ServiceRequestPage> List(const platform::auth::Caller& caller,
                                          const std::vector<ServiceRequestState>& states,
                                          int page_size, const std::string& page_token);

 private:
  Deps deps_;
};

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_APP_SERVICE_REQUESTS_H_
