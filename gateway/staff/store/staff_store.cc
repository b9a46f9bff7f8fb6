#include "gateway/staff/store/staff_store.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/platform/db/migrations.h"
#include "services/platform/embedded.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}

namespace staff {
namespace {

using platform::db::Transaction;
using platform::db::Value;

constexpr char kColumns[] =
    "m.id, m.fiscal_code, m.display_name, m.email, m.active, m.version, m.created_at,"
    " m.updated_at";
// $1 role, $2 cpi_code ('' for any), $3 1 to include inactive members.
constexpr char kFilter[] =
    " WHERE (($1 = '' AND $2 = '') OR EXISTS (SELECT 1 FROM staff_roles r WHERE"
    " r.staff_id = m.id AND ($1 = '' OR r.role = $1) AND ($2 = '' OR r.cpi_code = $2)))"
    " AND ($3 = 1 OR m.active = 1)";

StaffMember MemberFromRow(const platform::db::RowReader& r) {
  StaffMember m;
  m.id = r.Str("id");
  m.fiscal_code = r.Str("fiscal_code");
  m.display_name = r.Str("display_name");
  m.email = r.Str("email");
  m.active = r.Int("active") == 1;
  m.version = r.Int("version");
  m.created_at = r.Time("created_at");
  m.updated_at = r.Time("updated_at");
  return m;
}

absl::Status NotFound(const std::string& id) {
  return platform::Error(absl::StatusCode::kNotFound, "STAFF_MEMBER_NOT_FOUND",
                         absl::StrCat("no staff member with id ", id), {{"id", id}});
}

absl::StatusOr<std::optional<StaffMember>> FirstOf(absl::StatusOr<std::vector<StaffMember>> all) {
  ASSIGN_OR_RETURN(std::vector<StaffMember> members, std::move(all));
  if (members.empty()) return std::nullopt;
  return std::move(members.front());
}

}  // namespace

absl::Status MigrateStaffStore(platform::db::Database& db, const platform::Clock& clock) {
  // The platform's tables first: request ids for idempotent creates, and the outbox the kit
  // relays for every module (empty here: the gateway publishes no events).
  RETURN_IF_ERROR(
      platform::db::ApplyMigrations(db, "platform", platform::db::PlatformMigrations(), clock));
  return platform::db::ApplyMigrations(db, "gateway-staff", embedded_migrations::Files(), clock);
}

absl::StatusOr<std::vector<StaffMember>> StaffStore::List(Transaction& tx,
                                                          const StaffFilter& filter,
                                                          const std::string& after, int limit) {
  const std::string role = filter.role ? std::string(StaffRoleName(*filter.role)) : "";
  ASSIGN_OR_RETURN(auto res,
                   tx.Execute(absl::StrCat("SELECT ", kColumns, " FROM staff_members m", kFilter,
                                           " AND m.id > $4 ORDER BY m.id LIMIT $5"),
                              {role, filter.cpi_code, int64_t{filter.show_inactive ? 1 : 0}, after,
                               int64_t{limit}}));
  std::vector<StaffMember> out;
  out.reserve(res.rows.size());
  for (const platform::db::RowReader& r : platform::db::Rows(res)) {
    out.push_back(MemberFromRow(r));
  }
  return WithRoles(tx, std::move(out));
}

absl::StatusOr<StaffMember> StaffStore::Get(const std::string& id) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  return Get(*tx, id);
}

absl::StatusOr<StaffMember> StaffStore::Get(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(
      auto res,
      tx.Execute(absl::StrCat("SELECT ", kColumns, " FROM staff_members m WHERE m.id = $1"), {id}));
  if (res.rows.empty()) return NotFound(id);
  ASSIGN_OR_RETURN(std::vector<StaffMember> members,
                   WithRoles(tx, {MemberFromRow(platform::db::Rows(res).front())}));
  return std::move(members.front());
}

absl::StatusOr<std::optional<StaffMember>> StaffStore::FindByFiscalCode(
    const std::string& fiscal_code) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  return FindByFiscalCode(*tx, fiscal_code);
}

absl::StatusOr<std::optional<StaffMember>> StaffStore::FindByFiscalCode(
    Transaction& tx, const std::string& fiscal_code) {
  ASSIGN_OR_RETURN(auto res,
                   tx.Execute(absl::StrCat("SELECT ", kColumns,
                                           " FROM staff_members m WHERE m.fiscal_code = $1"),
                              {fiscal_code}));
  std::vector<StaffMember> found;
  for (const platform::db::RowReader& r : platform::db::Rows(res)) {
    found.push_back(MemberFromRow(r));
  }
  return FirstOf(WithRoles(tx, std::move(found)));
}

absl::StatusOr<std::optional<std::string>> StaffStore::DeleteBootstrapped(
    Transaction& tx, const std::string& fiscal_code) {
  ASSIGN_OR_RETURN(auto found, tx.Execute("SELECT id FROM staff_members WHERE fiscal_code = $1"
                                          " AND created_by = 'bootstrap'",
                                          {fiscal_code}));
  if (found.rows.empty()) return std::nullopt;
  const std::string id = platform::db::Rows(found).front().Str("id");
  RETURN_IF_ERROR(tx.Execute("DELETE FROM staff_roles WHERE staff_id = $1", {id}).status());
  RETURN_IF_ERROR(tx.Execute("DELETE FROM staff_members WHERE id = $1", {id}).status());
  return id;
}

absl::Status StaffStore::Insert(Transaction& tx, const StaffMember& m,
                                const std::string& created_by, const std::string& request_id) {
  ASSIGN_OR_RETURN(
      auto res,
      tx.Execute(
          "INSERT INTO staff_members (id, fiscal_code, display_name, email, active, version,"
          " created_at, updated_at, created_by, request_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)"
          " ON CONFLICT (fiscal_code) DO NOTHING",
          {m.id, m.fiscal_code, m.display_name, m.email, int64_t{m.active ? 1 : 0}, m.version,
           platform::ToUnixMicrosUtc(m.created_at), platform::ToUnixMicrosUtc(m.updated_at),
           created_by, request_id.empty() ? Value{} : Value{request_id}}));
  if (res.affected_rows != 1) {
    return platform::Error(absl::StatusCode::kAlreadyExists, "STAFF_MEMBER_EXISTS",
                           "a staff member with this fiscal code exists already");
  }
  return WriteRoles(tx, m);
}

absl::Status StaffStore::Update(Transaction& tx, const StaffMember& m) {
  ASSIGN_OR_RETURN(auto res,
                   tx.Execute("UPDATE staff_members SET display_name = $1, email = $2, active = $3,"
                              " version = $4, updated_at = $5 WHERE id = $6 AND version = $7",
                              {m.display_name, m.email, int64_t{m.active ? 1 : 0}, m.version,
                               platform::ToUnixMicrosUtc(m.updated_at), m.id, m.version - 1}));
  if (res.affected_rows != 1) {
    return platform::Error(
        absl::StatusCode::kAborted, "VERSION_MISMATCH",
        absl::StrCat("staff member ", m.id, " was changed by someone else; read it again"),
        {{"id", m.id}});
  }
  RETURN_IF_ERROR(tx.Execute("DELETE FROM staff_roles WHERE staff_id = $1", {m.id}));
  return WriteRoles(tx, m);
}

absl::StatusOr<int64_t> StaffStore::CountActiveAdmins(Transaction& tx) {
  ASSIGN_OR_RETURN(auto res,
                   tx.Execute("SELECT COUNT(DISTINCT m.id) AS n FROM staff_members m JOIN"
                              " staff_roles r ON r.staff_id = m.id WHERE m.active = 1"
                              " AND r.role = 'admin'"));
  return platform::db::Rows(res).front().Int("n");
}

absl::Status StaffStore::AppendAudit(Transaction& tx, const AuditEntry& e,
                                     const platform::Clock& clock) {
  return tx
      .Execute(
          "INSERT INTO staff_audit (id, at, actor, actor_role, action, staff_id, changed_fields,"
          " version, correlation_id, access_reason, detail)"
          " VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)",
          {platform::NewUuidV7(clock), platform::ToUnixMicrosUtc(e.at), e.actor, e.actor_role,
           e.action, e.staff_id, absl::StrJoin(e.changed_fields, ","), e.version, e.correlation_id,
           e.access_reason.empty() ? Value{} : Value{e.access_reason}, e.detail})
      .status();
}

absl::StatusOr<std::vector<AuditEntry>> StaffStore::AuditOf(const std::string& staff_id) {
  return AuditWhere("staff_id", staff_id);
}

absl::StatusOr<std::vector<AuditEntry>> StaffStore::AuditByActor(const std::string& actor) {
  return AuditWhere("actor", actor);
}

absl::StatusOr<std::vector<AuditEntry>> StaffStore::AuditWhere(const std::string& column,
                                                               const std::string& value) {
  ASSIGN_OR_RETURN(auto tx, db_.Begin());
  ASSIGN_OR_RETURN(auto res, tx->Execute(absl::StrCat("SELECT at, actor, actor_role, action,"
                                                      " staff_id, changed_fields, version,"
                                                      " correlation_id, access_reason, detail"
                                                      " FROM staff_audit WHERE ",
                                                      column, " = $1 ORDER BY id"),
                                         {value}));
  std::vector<AuditEntry> out;
  for (const platform::db::RowReader& r : platform::db::Rows(res)) {
    AuditEntry e{.at = r.Time("at"),
                 .actor = r.Str("actor"),
                 .actor_role = r.Str("actor_role"),
                 .action = r.Str("action"),
                 .staff_id = r.Str("staff_id"),
                 .version = r.Int("version"),
                 .correlation_id = r.Str("correlation_id"),
                 .access_reason = r.IsNull("access_reason") ? "" : r.Str("access_reason"),
                 .detail = r.Str("detail")};
    const std::string fields = r.Str("changed_fields");
    if (!fields.empty()) e.changed_fields = absl::StrSplit(fields, ',');
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<std::vector<StaffMember>> StaffStore::WithRoles(Transaction& tx,
                                                               std::vector<StaffMember> members) {
  if (members.empty()) return members;
  std::vector<Value> ids;
  std::vector<std::string> placeholders;
  std::map<std::string, StaffMember*> by_id;
  for (StaffMember& m : members) {
    ids.push_back(m.id);
    placeholders.push_back(absl::StrCat("$", ids.size()));
    by_id[m.id] = &m;
  }
  ASSIGN_OR_RETURN(auto res,
                   tx.Execute(absl::StrCat("SELECT staff_id, role, cpi_code FROM staff_roles"
                                           " WHERE staff_id IN (",
                                           absl::StrJoin(placeholders, ","),
                                           ") ORDER BY staff_id, role, cpi_code"),
                              ids));
  for (const platform::db::RowReader& r : platform::db::Rows(res)) {
    std::optional<StaffRole> role = ParseStaffRole(r.Str("role"));
    auto it = by_id.find(r.Str("staff_id"));
    if (!role.has_value() || it == by_id.end()) continue;
    it->second->roles.push_back({*role, r.Str("cpi_code")});
  }
  // Same order as the domain's normalization, whatever the collation.
  for (StaffMember& m : members) {
    std::sort(m.roles.begin(), m.roles.end(), [](const RoleAssignment& a, const RoleAssignment& b) {
      return std::make_pair(a.role, a.cpi_code) < std::make_pair(b.role, b.cpi_code);
    });
  }
  return members;
}

absl::Status StaffStore::WriteRoles(Transaction& tx, const StaffMember& m) {
  for (const RoleAssignment& r : m.roles) {
    RETURN_IF_ERROR(
        tx.Execute("INSERT INTO staff_roles (staff_id, role, cpi_code) VALUES ($1,$2,$3)",
                   {m.id, std::string(StaffRoleName(r.role)), r.cpi_code}));
  }
  return absl::OkStatus();
}

}  // namespace staff
}  // namespace sisl::gateway
