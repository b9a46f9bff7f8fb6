#include "gateway/staff/api/staff_directory.h"

#include <map>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/staff/domain/fiscal_code.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::staff {
namespace {

absl::Status MemberExists(const std::string& id) {
  std::map<std::string, std::string> metadata;
  if (!id.empty()) metadata["id"] = id;
  return platform::Error(absl::StatusCode::kAlreadyExists, "STAFF_MEMBER_EXISTS",
                         "a staff member with this fiscal code exists already", metadata);
}

using platform::auth::Caller;
using platform::auth::Role;
using platform::db::Transaction;

constexpr size_t kMaxRequestIdLength = 100;
constexpr char kBootstrapActor[] = "bootstrap";

AuditEntry Audit(const Caller& caller, absl::string_view action, const StaffMember& m,
                 std::vector<std::string> changed, const std::string& correlation_id,
                 absl::Time now) {
  return AuditEntry{now,
                    caller.subject,
                    std::string(platform::auth::RoleName(caller.role)),
                    std::string(action),
                    m.id,
                    std::move(changed),
                    m.version,
                    correlation_id};
}

}  // namespace

absl::Status RequireAdmin(const Caller& caller) {
  if (caller.role == Role::kAdmin) return absl::OkStatus();
  return platform::Error(absl::StatusCode::kPermissionDenied, "ADMIN_ONLY",
                         "only administrators manage the staff directory");
}

absl::Status RequireGateway(const Caller& caller) {
  if (caller.role == Role::kAdmin && caller.subject == kGatewaySubject) return absl::OkStatus();
  return platform::Error(absl::StatusCode::kPermissionDenied, "GATEWAY_ONLY",
                         "only the gateway looks up staff roles");
}

StaffDirectory::StaffDirectory(platform::db::Database& db, const platform::Clock& clock,
                               CpiCodeCheck known_cpi)
    : db_(db), clock_(clock), known_cpi_(std::move(known_cpi)), store_(db) {}

absl::StatusOr<StaffMember> StaffDirectory::Create(const Caller& caller, StaffMember member,
                                                   const std::string& request_id,
                                                   const std::string& correlation_id) {
  RETURN_IF_ERROR(RequireAdmin(caller));
  // Idempotency keys are stored (request_ids): bounded like any stored text (docs/privacy.md).
  if (request_id.size() > kMaxRequestIdLength) {
    return platform::InvalidField("REQUEST_ID_TOO_LONG", "request_id",
                                  absl::StrCat("must be at most ", kMaxRequestIdLength,
                                               " characters"));
  }
  ASSIGN_OR_RETURN(const StaffMember normalized, NormalizeNewMember(std::move(member), known_cpi_));
  StaffMember result;
  bool created = false;
  absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    created = false;
    auto create = [&]() -> absl::StatusOr<StaffMember> {
      ASSIGN_OR_RETURN(std::optional<StaffMember> same_code,
                       store_.FindByFiscalCode(tx, normalized.fiscal_code));
      if (same_code.has_value()) return MemberExists(same_code->id);
      const absl::Time now = clock_.Now();
      StaffMember m = normalized;
      m.id = platform::NewUuidV7(clock_);
      m.active = true;
      m.version = 1;
      m.created_at = now;
      m.updated_at = now;
      RETURN_IF_ERROR(store_.Insert(tx, m, caller.subject, request_id));
      RETURN_IF_ERROR(
          store_.AppendAudit(tx, Audit(caller, "create", m, {}, correlation_id, now), clock_));
      created = true;
      return m;
    };
    ASSIGN_OR_RETURN(result, platform::db::CreateOnce<StaffMember>(
                                 tx, {"gateway.CreateStaffMember", caller.subject, request_id},
                                 clock_.Now(),
                                 [&](const std::string& id) { return store_.Get(tx, id); },
                                 create, [](const StaffMember& m) { return m.id; }));
    return absl::OkStatus();
  });
  // Another request created a member with this fiscal code meanwhile (the unique index).
  if (platform::ErrorReason(st) == "UNIQUE_VIOLATION") return MemberExists("");
  RETURN_IF_ERROR(st);
  if (created) {
    platform::log::Info("staff member created", {{"id", result.id}, {"by", caller.subject}});
  }
  return result;
}

absl::StatusOr<StaffMember> StaffDirectory::Update(const Caller& caller, const std::string& id,
                                                   const StaffPatch& patch,
                                                   int64_t expected_version,
                                                   const std::string& correlation_id) {
  return Change(caller, id, patch, expected_version, "update", correlation_id);
}

absl::StatusOr<StaffMember> StaffDirectory::Disable(const Caller& caller, const std::string& id,
                                                    int64_t expected_version,
                                                    const std::string& correlation_id) {
  return Change(caller, id, StaffPatch{.active = false}, expected_version, "disable",
                correlation_id);
}

absl::StatusOr<StaffMember> StaffDirectory::Change(const Caller& caller, const std::string& id,
                                                   const StaffPatch& patch,
                                                   int64_t expected_version,
                                                   const std::string& action,
                                                   const std::string& correlation_id) {
  RETURN_IF_ERROR(RequireAdmin(caller));
  StaffChange change;
  absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(const StaffMember current, store_.Get(tx, id));
    if (expected_version != 0 && expected_version != current.version) {
      return platform::Error(absl::StatusCode::kAborted, "VERSION_MISMATCH",
                             absl::StrCat("staff member ", id, " is at version ", current.version,
                                          ", not ", expected_version, "; read it again"),
                             {{"id", id}, {"current_version", absl::StrCat(current.version)}});
    }
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(change, ApplyStaffPatch(current, patch, known_cpi_, now));
    if (change.changed_fields.empty()) return absl::OkStatus();
    RETURN_IF_ERROR(store_.Update(tx, change.member));
    if (IsActiveAdmin(current) && !IsActiveAdmin(change.member)) {
      ASSIGN_OR_RETURN(const int64_t admins, store_.CountActiveAdmins(tx));
      if (admins == 0) {
        return platform::Error(absl::StatusCode::kFailedPrecondition, "LAST_ADMIN",
                               "this would leave the directory without an active administrator",
                               {{"id", id}});
      }
    }
    return store_.AppendAudit(
        tx, Audit(caller, action, change.member, change.changed_fields, correlation_id, now),
        clock_);
  });
  RETURN_IF_ERROR(st);
  if (!change.changed_fields.empty()) {
    platform::log::Info("staff member changed", {{"id", id},
                                                 {"action", action},
                                                 {"by", caller.subject},
                                                 {"version", absl::StrCat(change.member.version)}});
  }
  return change.member;
}

absl::StatusOr<StaffRolesLookup> StaffDirectory::LookupRoles(const std::string& fiscal_code) {
  const std::string code = NormalizeFiscalCode(fiscal_code);
  if (code.empty()) {
    return platform::InvalidField("INVALID_FISCAL_CODE", "fiscal_code", "must not be empty");
  }
  ASSIGN_OR_RETURN(std::optional<StaffMember> member, store_.FindByFiscalCode(code));
  StaffRolesLookup out;
  if (member.has_value() && member->active) {
    out.staff_id = member->id;
    out.display_name = member->display_name;
    out.roles = member->roles;
  }
  return out;
}

absl::Status StaffDirectory::Bootstrap(const std::vector<StaffSeed>& seeds) {
  const Caller system{.subject = kBootstrapActor, .role = Role::kAdmin};
  int created = 0;
  for (size_t i = 0; i < seeds.size(); ++i) {
    const StaffSeed& seed = seeds[i];
    auto member = NormalizeNewMember(StaffMember{.fiscal_code = seed.fiscal_code,
                                                 .display_name = seed.display_name,
                                                 .email = seed.email,
                                                 .roles = seed.roles},
                                     known_cpi_);
    if (!member.ok()) return platform::Annotate(member.status(), absl::StrCat("staff seed ", i));
    bool inserted = false;
    absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
      inserted = false;
      ASSIGN_OR_RETURN(std::optional<StaffMember> existing,
                       store_.FindByFiscalCode(tx, member->fiscal_code));
      if (existing.has_value()) return absl::OkStatus();
      const absl::Time now = clock_.Now();
      StaffMember m = *member;
      m.id = platform::NewUuidV7(clock_);
      m.created_at = now;
      m.updated_at = now;
      RETURN_IF_ERROR(store_.Insert(tx, m, kBootstrapActor, ""));
      inserted = true;
      return store_.AppendAudit(tx, Audit(system, "bootstrap", m, {}, "", now), clock_);
    });
    // Another replica seeded the same member meanwhile: that is the goal reached.
    if (platform::ErrorReason(st) == "STAFF_MEMBER_EXISTS" ||
        platform::ErrorReason(st) == "UNIQUE_VIOLATION") {
      continue;
    }
    if (!st.ok()) return platform::Annotate(st, absl::StrCat("staff seed ", i));
    if (inserted) ++created;
  }
  if (created > 0) platform::log::Info("staff seeded", {{"created", absl::StrCat(created)}});
  return absl::OkStatus();
}

absl::Status StaffDirectory::RemoveBootstrapped(const std::vector<std::string>& fiscal_codes,
                                                const std::string& why) {
  const Caller system{.subject = kBootstrapActor, .role = Role::kAdmin};
  int removed = 0;
  for (const std::string& code : fiscal_codes) {
    RETURN_IF_ERROR(platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
      ASSIGN_OR_RETURN(std::optional<std::string> id,
                       store_.DeleteBootstrapped(tx, NormalizeFiscalCode(code)));
      if (!id.has_value()) return absl::OkStatus();
      ++removed;
      StaffMember gone;
      gone.id = *id;
      return store_.AppendAudit(tx, Audit(system, "remove_seeded", gone, {}, "", clock_.Now()),
                                clock_);
    }));
  }
  if (removed > 0) {
    platform::log::Warn("seeded staff removed", {{"removed", absl::StrCat(removed)}, {"why", why}});
  }
  return absl::OkStatus();
}

absl::Status BootstrapStaff(StaffDirectory& directory, const std::vector<StaffSeed>& seeds) {
  return directory.Bootstrap(seeds);
}

}  // namespace sisl::gateway::staff
