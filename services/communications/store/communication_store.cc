#include "services/communications/store/communication_store.h"

#include "services/communications/store/content_xml.h"
#include "services/platform/db/multi_row.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::store {
namespace {

using platform::db::Result;
using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;
using platform::db::Value;

constexpr char kColumns[] =
    "code, relationship_id, filed_for, state, next_code, due_date, days_late, warnings, xml,"
    " filed_by, filed_by_role, protocol_at, seq";

// The VARDATORI linked to relationships (employer_change_links), as steps of them: the link's
// relationship and sequence number in place of the communication's (none).
constexpr char kLinkedColumns[] =
    "c.code, l.relationship_id, c.filed_for, c.state, c.next_code, c.due_date, c.days_late,"
    " c.warnings, c.xml, c.filed_by, c.filed_by_role, c.protocol_at, l.seq";
constexpr char kLinkedFrom[] =
    " FROM employer_change_links l JOIN communications c ON c.code = l.code";

StoredState StateFromName(const std::string& name) {
  if (name == "corrected") return StoredState::kCorrected;
  if (name == "cancelled") return StoredState::kCancelled;
  return StoredState::kAccepted;
}

absl::StatusOr<std::vector<StoredCommunication>> Read(const Result& res) {
  std::vector<StoredCommunication> out;
  for (const RowReader& r : Rows(res)) {
    StoredCommunication c;
    ASSIGN_OR_RETURN(c.communication, ContentFromXml(r.Str("xml")));
    c.communication.code = r.Str("code");
    c.state = StateFromName(r.Str("state"));
    c.next_code = r.Str("next_code");
    c.relationship_id = r.Str("relationship_id");
    c.filed_for = r.Str("filed_for");
    c.filed_by = r.Str("filed_by");
    c.filed_by_role = r.Str("filed_by_role");
    c.protocol_at = r.Time("protocol_at");
    if (!absl::ParseCivilTime(r.Str("due_date"), &c.due)) c.due = absl::CivilDay();
    c.days_late = static_cast<int>(r.Int("days_late"));
    c.warnings = FindingsFromJson(r.Str("warnings"));
    c.seq = static_cast<int>(r.Int("seq"));
    out.push_back(std::move(c));
  }
  return out;
}

Value OrNull(const std::string& s) {
  if (s.empty()) return std::monostate{};
  return s;
}

}  // namespace

absl::Status CommunicationStore::Insert(Transaction& tx, const StoredCommunication& c) {
  return InsertMany(tx, {&c});
}

absl::Status CommunicationStore::InsertMany(Transaction& tx,
                                            const std::vector<const StoredCommunication*>& all) {
  std::vector<std::vector<Value>> rows;
  rows.reserve(all.size());
  for (const StoredCommunication* c : all) {
    const Communication& m = c->communication;
    std::string xml = c->xml;
    if (xml.empty()) {
      ASSIGN_OR_RETURN(xml, ContentToXml(m));
    }
    rows.push_back({m.code, OrNull(c->relationship_id), c->filed_for, m.worker.fiscal_code,
                    std::string(FormCode(m.form)), std::string(NatureCode(m.nature)),
                    std::string(EventCode(m.event)), absl::FormatCivilTime(EventDate(m)),
                    std::string(StoredStateName(c->state)), OrNull(m.previous_code),
                    OrNull(c->next_code), absl::FormatCivilTime(c->due), int64_t{c->days_late},
                    FindingsToJson(c->warnings), std::move(xml), c->filed_by, c->filed_by_role,
                    absl::ToUnixMicros(c->protocol_at), int64_t{c->seq}});
  }
  return tx
      .CopyRows("communications",
                {"code", "relationship_id", "filed_for", "worker", "form", "nature", "event",
                 "event_date", "state", "previous_code", "next_code", "due_date", "days_late",
                 "warnings", "xml", "filed_by", "filed_by_role", "protocol_at", "seq"},
                rows)
      .status();
}

absl::Status CommunicationStore::MarkReplaced(Transaction& tx, const std::string& code,
                                              StoredState state, const std::string& next_code) {
  ASSIGN_OR_RETURN(Result res, tx.Execute("UPDATE communications SET state = $2, next_code = $3"
                                          " WHERE code = $1 AND state = 'accepted'",
                                          {code, std::string(StoredStateName(state)), next_code}));
  if (res.affected_rows == 1) return absl::OkStatus();
  return platform::Error(absl::StatusCode::kAborted, "COMMUNICATION_CHANGED",
                         "the communication was replaced meanwhile; read it again");
}

absl::StatusOr<StoredCommunication> CommunicationStore::Get(Transaction& tx,
                                                            const std::string& code) {
  ASSIGN_OR_RETURN(Result res, tx.Execute(absl::StrCat("SELECT ", kColumns,
                                                       " FROM communications WHERE code = $1"),
                                          {code}));
  ASSIGN_OR_RETURN(std::vector<StoredCommunication> found, Read(res));
  if (found.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "COMMUNICATION_NOT_FOUND",
                           "no communication with this code");
  }
  return std::move(found.front());
}

absl::StatusOr<std::vector<StoredCommunication>> CommunicationStore::InForce(
    Transaction& tx, const std::string& relationship_id) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute(absl::StrCat("SELECT ", kColumns,
                                           " FROM communications WHERE relationship_id = $1"
                                           " AND state = 'accepted' UNION ALL SELECT ",
                                           kLinkedColumns, kLinkedFrom,
                                           " WHERE l.relationship_id = $1 AND c.state ="
                                           " 'accepted' ORDER BY seq"),
                              {relationship_id}));
  return Read(res);
}

absl::StatusOr<std::vector<StoredCommunication>> CommunicationStore::GetMany(
    Transaction& tx, const std::vector<std::string>& codes) {
  ASSIGN_OR_RETURN(Result res,
                   platform::db::ExecuteIn(tx,
                                           absl::StrCat("SELECT ", kColumns,
                                                        " FROM communications WHERE code IN"
                                                        " ({keys})"),
                                           codes));
  return Read(res);
}

absl::StatusOr<std::vector<StoredCommunication>> CommunicationStore::InForceOfMany(
    Transaction& tx, const std::vector<std::string>& relationship_ids) {
  ASSIGN_OR_RETURN(Result res, platform::db::ExecuteIn(
                                   tx,
                                   absl::StrCat("SELECT ", kColumns,
                                                " FROM communications WHERE relationship_id IN"
                                                " ({keys}) AND state = 'accepted' UNION ALL"
                                                " SELECT ",
                                                kLinkedColumns, kLinkedFrom,
                                                " WHERE l.relationship_id IN ({keys}) AND"
                                                " c.state = 'accepted'"
                                                " ORDER BY relationship_id, seq"),
                                   relationship_ids));
  return Read(res);
}

absl::StatusOr<std::vector<StoredCommunication>> CommunicationStore::OfRelationship(
    Transaction& tx, const std::string& relationship_id) {
  ASSIGN_OR_RETURN(Result res,
                   tx.Execute(absl::StrCat("SELECT ", kColumns,
                                           " FROM communications WHERE relationship_id = $1"
                                           " UNION ALL SELECT ",
                                           kLinkedColumns, kLinkedFrom,
                                           " WHERE l.relationship_id = $1 ORDER BY seq"),
                              {relationship_id}));
  return Read(res);
}

absl::Status CommunicationStore::InsertLinks(Transaction& tx,
                                             const std::vector<EmployerChangeLink>& links) {
  std::vector<std::vector<Value>> rows;
  rows.reserve(links.size());
  for (const EmployerChangeLink& l : links) {
    rows.push_back({l.code, l.relationship_id, int64_t{l.seq}});
  }
  return platform::db::InsertRows(
             tx, "INSERT INTO employer_change_links (code, relationship_id, seq)", rows)
      .status();
}

absl::StatusOr<std::vector<EmployerChangeLink>> CommunicationStore::LinksOf(
    Transaction& tx, const std::string& code) {
  ASSIGN_OR_RETURN(Result res, tx.Execute("SELECT code, relationship_id, seq FROM"
                                          " employer_change_links WHERE code = $1"
                                          " ORDER BY relationship_id",
                                          {code}));
  std::vector<EmployerChangeLink> out;
  for (const RowReader& r : Rows(res)) {
    out.push_back({r.Str("code"), r.Str("relationship_id"), static_cast<int>(r.Int("seq"))});
  }
  return out;
}

absl::StatusOr<int> CommunicationStore::NextSeq(Transaction& tx,
                                                const std::string& relationship_id) {
  ASSIGN_OR_RETURN(Result res, tx.Execute("SELECT COALESCE(MAX(seq), 0) AS last FROM"
                                          " communications WHERE relationship_id = $1",
                                          {relationship_id}));
  return static_cast<int>(Rows(res).front().Int("last")) + 1;
}

absl::StatusOr<std::vector<StoredCommunication>> CommunicationStore::OfCompany(
    Transaction& tx, const std::string& company, const std::string& after_code, int limit) {
  // Codes grow with time within a company's filings only roughly: order by protocol time, then
  // code, and resume after the cursor's (time, code).
  Result res;
  if (after_code.empty()) {
    ASSIGN_OR_RETURN(res, tx.Execute(absl::StrCat("SELECT ", kColumns,
                                                  " FROM communications WHERE filed_for = $1"
                                                  " ORDER BY protocol_at DESC, code DESC"
                                                  " LIMIT $2"),
                                     {company, int64_t{limit}}));
  } else {
    ASSIGN_OR_RETURN(res,
                     tx.Execute(absl::StrCat("SELECT ", kColumns,
                                             " FROM communications c WHERE filed_for = $1 AND"
                                             " (protocol_at, code) < (SELECT protocol_at, code FROM"
                                             " communications WHERE code = $2)"
                                             " ORDER BY protocol_at DESC, code DESC LIMIT $3"),
                                {company, after_code, int64_t{limit}}));
  }
  return Read(res);
}

}  // namespace sisl::communications::store
