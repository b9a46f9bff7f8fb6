// The staff directory's reads: administrators only, with a reason, each audited; refused
// attempts by other staff are audited too.
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gateway/staff/api/staff_directory.h"
#include "gateway/staff/domain/access_reason.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/log.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::staff {
namespace {

using platform::auth::Caller;
using platform::auth::Role;
using platform::db::Transaction;

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;

std::string PageQuery(const StaffFilter& f) {
  return absl::StrCat("staff|", f.role ? StaffRoleName(*f.role) : "", "|", f.cpi_code, "|",
                      f.show_inactive ? 1 : 0);
}

bool IsStaff(const Caller& caller) {
  return caller.role == Role::kOperator || caller.role == Role::kContactCentre ||
         caller.role == Role::kAdmin;
}

// A list's filter for the audit, without personal data: the CPI code is free text, so only a
// known code is repeated.
std::string FilterSummary(const StaffFilter& f, const CpiCodeCheck& known_cpi, bool next_page) {
  const std::string cpi = f.cpi_code.empty()                   ? "any"
                          : known_cpi && known_cpi(f.cpi_code) ? f.cpi_code
                                                               : "unknown";
  return absl::StrCat("role=", f.role ? StaffRoleName(*f.role) : "any", ";cpi=", cpi,
                      ";inactive=", f.show_inactive ? 1 : 0,
                      ";page=", next_page ? "next" : "first");
}

AuditEntry ReadAudit(const Caller& caller, std::string action, std::string staff_id,
                     std::string access_reason, std::string detail,
                     const std::string& correlation_id, absl::Time now) {
  return AuditEntry{.at = now,
                    .actor = caller.subject,
                    .actor_role = std::string(platform::auth::RoleName(caller.role)),
                    .action = std::move(action),
                    .staff_id = std::move(staff_id),
                    .correlation_id = correlation_id,
                    .access_reason = std::move(access_reason),
                    .detail = std::move(detail)};
}

}  // namespace

absl::Status StaffDirectory::AuthorizeRead(const Caller& caller, AuditEntry refusal) {
  absl::Status allowed = RequireAdmin(caller);
  if (allowed.ok() || !IsStaff(caller)) return allowed;
  absl::StrAppend(&refusal.detail, refusal.detail.empty() ? "" : ";",
                  "refused=", platform::ErrorReason(allowed));
  const absl::Status audited = platform::db::InTransaction(
      db_, [&](Transaction& tx) { return store_.AppendAudit(tx, refusal, clock_); });
  if (!audited.ok()) {
    platform::log::Error("refused staff directory read not audited",
                         {{"action", refusal.action},
                          {"by", caller.subject},
                          {"error", std::string(audited.message())}});
  }
  return allowed;
}

absl::StatusOr<StaffPage> StaffDirectory::List(const Caller& caller, const ListStaffQuery& q,
                                               const std::string& access_reason,
                                               const std::string& correlation_id) {
  StaffFilter filter = q.filter;
  filter.cpi_code = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(filter.cpi_code));
  const std::string summary = FilterSummary(filter, known_cpi_, !q.page_token.empty());
  RETURN_IF_ERROR(
      AuthorizeRead(caller, ReadAudit(caller, "list_denied", "", BoundedAccessReason(access_reason),
                                      summary, correlation_id, clock_.Now())));
  RETURN_IF_ERROR(ValidateAccessReason(access_reason));
  ASSIGN_OR_RETURN(const int size,
                   platform::ResolvePageSize(q.page_size, kDefaultPageSize, kMaxPageSize));
  const std::string query = PageQuery(filter);
  ASSIGN_OR_RETURN(const std::string cursor, platform::DecodePageToken(q.page_token, query));
  StaffPage page;
  RETURN_IF_ERROR(platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    page = StaffPage{};
    // One more than asked tells whether there is a next page.
    ASSIGN_OR_RETURN(page.members, store_.List(tx, filter, cursor, size + 1));
    if (static_cast<int>(page.members.size()) > size) {
      page.members.resize(size);
      page.next_page_token = platform::EncodePageToken(page.members.back().id, query);
    }
    return store_.AppendAudit(tx,
                              ReadAudit(caller, "list", "", access_reason,
                                        absl::StrCat(summary, ";returned=", page.members.size()),
                                        correlation_id, clock_.Now()),
                              clock_);
  }));
  return page;
}

absl::StatusOr<StaffMember> StaffDirectory::Get(const Caller& caller, const std::string& id,
                                                const std::string& access_reason,
                                                const std::string& correlation_id) {
  // A refusal names the member by a well-formed id only: anything else is free text.
  const bool member_id = platform::IsUuid(id);
  RETURN_IF_ERROR(AuthorizeRead(
      caller,
      ReadAudit(caller, "read_denied", member_id ? id : "", BoundedAccessReason(access_reason),
                member_id ? "" : "id=malformed", correlation_id, clock_.Now())));
  RETURN_IF_ERROR(ValidateAccessReason(access_reason));
  StaffMember member;
  RETURN_IF_ERROR(platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(member, store_.Get(tx, id));
    AuditEntry read =
        ReadAudit(caller, "read", member.id, access_reason, "", correlation_id, clock_.Now());
    read.version = member.version;
    return store_.AppendAudit(tx, read, clock_);
  }));
  return member;
}

}  // namespace sisl::gateway::staff
