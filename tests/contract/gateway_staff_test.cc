// The gateway's staff directory on SQLite and PostgreSQL (SISL_DB_ADAPTER): use cases with
// validation, authorisation, optimistic locking, soft delete, audit (changes, reads with their
// reason, refused reads), paging, bootstrap, the audit migration, and the gRPC service end to end
// (tokens, error details) on an in-process server.
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "gateway/staff/api/staff_mapping.h"
#include "gateway/staff/api/staff_module.h"
#include "gateway/staff/domain/fiscal_code.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/platform/db/migrations.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/call.h"
#include "services/platform/ids.h"
#include "sisl/gateway/v1/staff.grpc.pb.h"
#include "tests/contract/db_test_support.h"

namespace sisl::gateway {
namespace embedded_migrations {
const std::vector<platform::EmbeddedFile>& Files();
}  // namespace embedded_migrations
}  // namespace sisl::gateway

namespace sisl::gateway::staff {
namespace {

using platform::ErrorReason;
using platform::auth::Caller;
using platform::auth::Role;
using testing_env::IsOk;

// A valid fiscal code per n (the check letter found by trying them all).
std::string Cf(int n) {
  const std::string first15 = absl::StrFormat("RSSMRA85T%02dA%03d", 1 + n % 28, n % 1000);
  for (char c = 'A'; c <= 'Z'; ++c) {
    if (ValidateFiscalCode(first15 + c).ok()) return first15 + c;
  }
  return "";
}

StaffMember Operator(int n, const std::string& cpi = "CPI-TO-15") {
  return StaffMember{.fiscal_code = Cf(n),
                     .display_name = absl::StrCat("Operatore ", n),
                     .email = absl::StrCat("op", n, "@regione.piemonte.it"),
                     .roles = {{StaffRole::kOperator, cpi}}};
}

class GatewayStaffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(IsOk(MigrateStaffStore(*db_, clock_)));
    directory_ = std::make_unique<StaffDirectory>(*db_, clock_, cpis_);
  }

  StaffMember CreateOk(StaffMember m, const std::string& request_id = "") {
    auto created = directory_->Create(admin_, std::move(m), request_id, "cid-1");
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : StaffMember{};
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<platform::db::Database> db_;
  platform::FakeClock clock_{absl::FromUnixSeconds(1'772'000'000)};
  CpiCodeCheck cpis_ = KnownCpiCodes({"CPI-TO-15", "CPI-CN-18", "CPI-AL-01"});
  std::unique_ptr<StaffDirectory> directory_;
  const Caller admin_{.subject = "admin-1", .role = Role::kAdmin};
  const Caller operator_{.subject = "op-1", .role = Role::kOperator, .cpi_code = "CPI-TO-15"};
  // Every read of the directory gives one (it is audited).
  static constexpr char kWhy[] = "verifica dei ruoli";
};

TEST_F(GatewayStaffTest, CreatedMemberReadsBackAndIsFoundAtLogin) {
  StaffMember in = Operator(1);
  in.roles.push_back({StaffRole::kAdmin, ""});
  const StaffMember m = CreateOk(in);
  EXPECT_TRUE(platform::IsUuid(m.id));
  EXPECT_EQ(m.version, 1);
  EXPECT_TRUE(m.active);
  EXPECT_EQ(m.created_at, clock_.Now());
  auto back = directory_->Get(admin_, m.id, kWhy, "");
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, m);
  auto roles = directory_->LookupRoles(absl::AsciiStrToLower(Cf(1)));
  ASSERT_TRUE(roles.ok()) << roles.status();
  EXPECT_EQ(roles->staff_id, m.id);
  EXPECT_EQ(roles->display_name, "Operatore 1");
  EXPECT_EQ(roles->roles, (std::vector<RoleAssignment>{{StaffRole::kOperator, "CPI-TO-15"},
                                                       {StaffRole::kAdmin, ""}}));
  auto audit = StaffStore(*db_).AuditOf(m.id);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "create");
  EXPECT_EQ((*audit)[0].actor, "admin-1");
  EXPECT_EQ((*audit)[0].actor_role, "admin");
  EXPECT_EQ((*audit)[0].correlation_id, "cid-1");
  EXPECT_EQ((*audit)[0].at, clock_.Now());
  EXPECT_EQ((*audit)[0].access_reason, "");
  EXPECT_EQ((*audit)[1].action, "read");
}

TEST_F(GatewayStaffTest, UnknownFiscalCodeHasNoRoles) {
  auto roles = directory_->LookupRoles(Cf(99));
  ASSERT_TRUE(roles.ok());
  EXPECT_TRUE(roles->staff_id.empty());
  EXPECT_TRUE(roles->roles.empty());
  EXPECT_EQ(ErrorReason(directory_->LookupRoles(" ").status()), "INVALID_FISCAL_CODE");
}

TEST_F(GatewayStaffTest, CreationIsIdempotentPerRequestId) {
  const StaffMember first = CreateOk(Operator(2), "req-1");
  const StaffMember again = CreateOk(Operator(2), "req-1");
  EXPECT_EQ(again, first);
  auto other_caller =
      directory_->Create({.subject = "admin-2", .role = Role::kAdmin}, Operator(2), "req-1", "");
  EXPECT_EQ(other_caller.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ErrorReason(other_caller.status()), "STAFF_MEMBER_EXISTS");
  EXPECT_EQ(platform::ErrorMetadata(other_caller.status())["id"], first.id);
  EXPECT_EQ(StaffStore(*db_).AuditOf(first.id)->size(), 1u);
}

TEST_F(GatewayStaffTest, ConcurrentRetriesOfOneRequestCreateOneMember) {
  std::vector<std::thread> threads;
  absl::Mutex mu;
  std::set<std::string> ids;
  int failures = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      auto m = directory_->Create(admin_, Operator(3), "req-race", "");
      absl::MutexLock lock(&mu);
      if (m.ok()) {
        ids.insert(m->id);
      } else {
        ADD_FAILURE() << m.status();
        ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(ids.size(), 1u);
}

TEST_F(GatewayStaffTest, ValidationReasons) {
  StaffMember m = Operator(4, "CPI-XX-99");
  EXPECT_EQ(ErrorReason(directory_->Create(admin_, m, "", "").status()), "UNKNOWN_CPI");
  m = Operator(4, "");
  EXPECT_EQ(ErrorReason(directory_->Create(admin_, m, "", "").status()), "OPERATOR_NEEDS_CPI");
  m = Operator(4);
  m.fiscal_code = "RSSMRA85T10A562T";
  auto bad = directory_->Create(admin_, m, "", "");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(bad.status()), "INVALID_FISCAL_CODE");
}

TEST_F(GatewayStaffTest, OnlyAdministratorsManageTheDirectory) {
  const StaffMember m = CreateOk(Operator(5));
  for (const absl::Status& st :
       {directory_->List(operator_, {}, kWhy, "").status(),
        directory_->Get(operator_, m.id, kWhy, "").status(),
        directory_->Create(operator_, Operator(6), "", "").status(),
        directory_->Update(operator_, m.id, {.display_name = "x"}, 0, "").status(),
        directory_->Disable(operator_, m.id, 0, "").status()}) {
    EXPECT_EQ(st.code(), absl::StatusCode::kPermissionDenied) << st;
    EXPECT_EQ(ErrorReason(st), "ADMIN_ONLY");
  }
  EXPECT_EQ(ErrorReason(RequireGateway(admin_)), "GATEWAY_ONLY");
  EXPECT_TRUE(RequireGateway({.subject = "gateway", .role = Role::kAdmin}).ok());
}

TEST_F(GatewayStaffTest, UpdatesUseOptimisticVersions) {
  const StaffMember m = CreateOk(Operator(7));
  clock_.Advance(absl::Minutes(1));
  auto updated = directory_->Update(
      admin_, m.id,
      {.display_name = "Operatrice Sette",
       .roles = std::vector<RoleAssignment>{{StaffRole::kOperator, "CPI-CN-18"}}},
      1, "cid-2");
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->updated_at, clock_.Now());
  EXPECT_EQ(*directory_->Get(admin_, m.id, kWhy, ""), *updated);
  auto stale = directory_->Update(admin_, m.id, {.email = "x@y.it"}, 1, "");
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_EQ(ErrorReason(stale.status()), "VERSION_MISMATCH");
  EXPECT_EQ(platform::ErrorMetadata(stale.status())["current_version"], "2");
  auto noop = directory_->Update(admin_, m.id, {.display_name = "Operatrice Sette"}, 0, "");
  ASSERT_TRUE(noop.ok());
  EXPECT_EQ(noop->version, 2);
  EXPECT_EQ(ErrorReason(directory_->Update(admin_, "nope", {.email = ""}, 0, "").status()),
            "STAFF_MEMBER_NOT_FOUND");
  auto audit = StaffStore(*db_).AuditOf(m.id);
  ASSERT_EQ(audit->size(), 3u);  // create, update, and the read after it
  EXPECT_EQ((*audit)[1].action, "update");
  EXPECT_EQ((*audit)[1].changed_fields, (std::vector<std::string>{"display_name", "roles"}));
  EXPECT_EQ((*audit)[1].version, 2);
}

TEST_F(GatewayStaffTest, DeleteDisablesAndEndsStaffLogin) {
  const StaffMember m = CreateOk(Operator(8));
  auto disabled = directory_->Disable(admin_, m.id, 1, "");
  ASSERT_TRUE(disabled.ok()) << disabled.status();
  EXPECT_FALSE(disabled->active);
  EXPECT_EQ(disabled->version, 2);
  EXPECT_TRUE(directory_->LookupRoles(Cf(8))->roles.empty());
  EXPECT_TRUE(directory_->List(admin_, {}, kWhy, "")->members.empty());
  EXPECT_EQ(directory_->List(admin_, {.filter = {.show_inactive = true}}, kWhy, "")->members.size(),
            1u);
  EXPECT_EQ(directory_->Disable(admin_, m.id, 0, "")->version, 2);  // already disabled
  EXPECT_EQ(StaffStore(*db_).AuditOf(m.id)->back().action, "disable");
  ASSERT_TRUE(directory_->Update(admin_, m.id, {.active = true}, 2, "").ok());
  EXPECT_EQ(directory_->LookupRoles(Cf(8))->roles.size(), 1u);
}

TEST_F(GatewayStaffTest, TheLastActiveAdministratorStays) {
  StaffMember a = Operator(9);
  a.roles = {{StaffRole::kAdmin, ""}};
  StaffMember b = Operator(10);
  b.roles = {{StaffRole::kAdmin, ""}};
  a = CreateOk(a);
  b = CreateOk(b);
  ASSERT_TRUE(directory_->Disable(admin_, a.id, 0, "").ok());
  auto last = directory_->Disable(admin_, b.id, 0, "");
  EXPECT_EQ(last.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(last.status()), "LAST_ADMIN");
  auto demote = directory_->Update(
      admin_, b.id, {.roles = std::vector<RoleAssignment>{{StaffRole::kContactCentre, ""}}}, 0, "");
  EXPECT_EQ(ErrorReason(demote.status()), "LAST_ADMIN");
  EXPECT_TRUE(directory_->Get(admin_, b.id, kWhy, "")->active);
}

TEST_F(GatewayStaffTest, ListsPagesWithFilters) {
  std::vector<std::string> ids;
  for (int i = 0; i < 25; ++i) {
    StaffMember m = i < 10   ? Operator(100 + i)
                    : i < 20 ? Operator(100 + i, "CPI-CN-18")
                             : Operator(100 + i);
    if (i >= 20) m.roles = {{StaffRole::kContactCentre, ""}};
    ids.push_back(CreateOk(m).id);
  }
  std::vector<std::string> seen;
  std::string token;
  do {
    auto page = directory_->List(admin_, {.page_size = 7, .page_token = token}, kWhy, "");
    ASSERT_TRUE(page.ok()) << page.status();
    ASSERT_LE(page->members.size(), 7u);
    for (const StaffMember& m : page->members) seen.push_back(m.id);
    token = page->next_page_token;
  } while (!token.empty());
  EXPECT_EQ(seen, ids);
  auto count = [&](StaffFilter f) {
    auto page = directory_->List(admin_, {.page_size = 100, .filter = f}, kWhy, "");
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->members.size() : 0;
  };
  EXPECT_EQ(count({.role = StaffRole::kOperator, .cpi_code = "CPI-TO-15"}), 10u);
  EXPECT_EQ(count({.cpi_code = "cpi-cn-18"}), 10u);
  EXPECT_EQ(count({.role = StaffRole::kContactCentre}), 5u);
  EXPECT_EQ(count({.role = StaffRole::kAdmin}), 0u);
  auto first = directory_->List(admin_, {.page_size = 2}, kWhy, "");
  auto mixed = directory_->List(
      admin_, {.page_token = first->next_page_token, .filter = {.role = StaffRole::kOperator}},
      kWhy, "");
  EXPECT_EQ(ErrorReason(mixed.status()), "INVALID_PAGE_TOKEN");
}

TEST_F(GatewayStaffTest, BootstrapIsIdempotentAndKeepsAdministratorsChanges) {
  const std::vector<StaffSeed> seeds = {
      {Cf(200), "Admin Demo", "admin@example.it", {{StaffRole::kAdmin, ""}}},
      {Cf(201), "Operatore Demo", "", {{StaffRole::kOperator, "CPI-AL-01"}}}};
  ASSERT_TRUE(IsOk(BootstrapStaff(*directory_, seeds)));
  auto op = directory_->LookupRoles(Cf(201));
  ASSERT_FALSE(op->staff_id.empty());
  ASSERT_TRUE(directory_->Update(admin_, op->staff_id, {.display_name = "Renamed"}, 0, "").ok());
  // Two replicas starting together, each bootstrapping again.
  auto replica_db = env_.Open();
  StaffDirectory replica(*replica_db, clock_, cpis_);
  std::thread other([&] { EXPECT_TRUE(IsOk(replica.Bootstrap(seeds))); });
  EXPECT_TRUE(IsOk(directory_->Bootstrap(seeds)));
  other.join();
  auto all = directory_->List(admin_, {}, kWhy, "");
  ASSERT_EQ(all->members.size(), 2u);
  EXPECT_EQ(directory_->Get(admin_, op->staff_id, kWhy, "")->display_name, "Renamed");
  EXPECT_EQ(StaffStore(*db_).AuditOf(op->staff_id)->front().action, "bootstrap");
  absl::Status bad = directory_->Bootstrap({{"XX", "Bad", "", {{StaffRole::kAdmin, ""}}}});
  EXPECT_EQ(ErrorReason(bad), "INVALID_FISCAL_CODE");
  EXPECT_TRUE(absl::StrContains(bad.message(), "staff seed 0")) << bad;
}

// ---- reads: a reason, and an audit row each -----------------------------------------------------

TEST_F(GatewayStaffTest, ReadsWithoutAReasonAreRefused) {
  const StaffMember m = CreateOk(Operator(500));
  for (const std::string& why : {std::string(), std::string(" \t\n")}) {
    const absl::Status list = directory_->List(admin_, {}, why, "").status();
    const absl::Status get = directory_->Get(admin_, m.id, why, "").status();
    for (const absl::Status& st : {list, get}) {
      EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
      EXPECT_EQ(ErrorReason(st), "ACCESS_REASON_REQUIRED");
    }
  }
  EXPECT_EQ(ErrorReason(directory_->Get(admin_, m.id, std::string(501, 'x'), "").status()),
            "ACCESS_REASON_TOO_LONG");
  // 500 characters, not bytes.
  std::string accented;
  for (int i = 0; i < 500; ++i) accented += "\xc3\xa8";
  EXPECT_TRUE(directory_->Get(admin_, m.id, accented, "").ok());
  auto by_admin = StaffStore(*db_).AuditByActor(admin_.subject);
  ASSERT_TRUE(by_admin.ok());
  ASSERT_EQ(by_admin->size(), 2u);  // the create and the one read with a reason
  EXPECT_EQ(by_admin->back().access_reason, accented);
}

TEST_F(GatewayStaffTest, ReadsAreAuditedWithTheirReason) {
  const StaffMember m = CreateOk(Operator(501));
  clock_.Advance(absl::Minutes(5));
  ASSERT_TRUE(directory_->Get(admin_, m.id, "segnalazione del CPI", "cid-read").ok());
  const AuditEntry read = StaffStore(*db_).AuditOf(m.id)->back();
  EXPECT_EQ(read.action, "read");
  EXPECT_EQ(read.actor, "admin-1");
  EXPECT_EQ(read.actor_role, "admin");
  EXPECT_EQ(read.access_reason, "segnalazione del CPI");
  EXPECT_EQ(read.correlation_id, "cid-read");
  EXPECT_EQ(read.version, 1);
  EXPECT_EQ(read.at, clock_.Now());

  auto page = directory_->List(
      admin_, {.filter = {.role = StaffRole::kOperator, .cpi_code = "cpi-to-15"}}, "controllo", "");
  ASSERT_TRUE(page.ok()) << page.status();
  // A filter that is not a known CPI code is free text: the audit does not repeat it.
  ASSERT_TRUE(directory_->List(admin_, {.filter = {.cpi_code = Cf(502)}}, "controllo", "").ok());
  const std::vector<AuditEntry> all = *StaffStore(*db_).AuditByActor(admin_.subject);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[2].action, "list");
  EXPECT_EQ(all[2].staff_id, "");
  EXPECT_EQ(all[2].access_reason, "controllo");
  EXPECT_EQ(all[2].detail, "role=operator;cpi=CPI-TO-15;inactive=0;page=first;returned=1");
  EXPECT_EQ(all[3].detail, "role=any;cpi=unknown;inactive=0;page=first;returned=0");
}

TEST_F(GatewayStaffTest, RefusedReadsByOtherStaffAreAudited) {
  const StaffMember m = CreateOk(Operator(503));
  const absl::Status get = directory_->Get(operator_, m.id, "curiosità", "cid-x").status();
  EXPECT_EQ(get.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ErrorReason(get), "ADMIN_ONLY");
  const AuditEntry denied = StaffStore(*db_).AuditOf(m.id)->back();
  EXPECT_EQ(denied.action, "read_denied");
  EXPECT_EQ(denied.actor, "op-1");
  EXPECT_EQ(denied.actor_role, "operator");
  EXPECT_EQ(denied.access_reason, "curiosità");
  EXPECT_EQ(denied.correlation_id, "cid-x");
  EXPECT_EQ(denied.detail, "refused=ADMIN_ONLY");
  // Refused whatever the request held; a malformed id (free text) is not repeated.
  EXPECT_EQ(ErrorReason(directory_->List(operator_, {.page_size = 500}, "", "").status()),
            "ADMIN_ONLY");
  EXPECT_EQ(ErrorReason(directory_->Get(operator_, Cf(504), std::string(600, 'r'), "").status()),
            "ADMIN_ONLY");
  const std::vector<AuditEntry> by_operator = *StaffStore(*db_).AuditByActor("op-1");
  ASSERT_EQ(by_operator.size(), 3u);
  EXPECT_EQ(by_operator[1].action, "list_denied");
  EXPECT_EQ(by_operator[1].access_reason, "");
  EXPECT_EQ(by_operator[1].detail, "role=any;cpi=any;inactive=0;page=first;refused=ADMIN_ONLY");
  EXPECT_EQ(by_operator[2].action, "read_denied");
  EXPECT_EQ(by_operator[2].staff_id, "");
  EXPECT_EQ(by_operator[2].access_reason, std::string(500, 'r'));
  EXPECT_EQ(by_operator[2].detail, "id=malformed;refused=ADMIN_ONLY");
  // Citizens are not staff: refused, not audited.
  const Caller citizen{.subject = "person-1", .role = Role::kCitizen};
  EXPECT_EQ(ErrorReason(directory_->Get(citizen, m.id, kWhy, "").status()), "ADMIN_ONLY");
  EXPECT_TRUE(StaffStore(*db_).AuditByActor("person-1")->empty());
}

TEST_F(GatewayStaffTest, AReadThatCannotBeAuditedFails) {
  const StaffMember m = CreateOk(Operator(505));
  {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->Execute("DROP TABLE staff_audit").ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_FALSE(directory_->Get(admin_, m.id, kWhy, "").ok());
  EXPECT_FALSE(directory_->List(admin_, {}, kWhy, "").ok());
}

// ---- the gRPC service ------------------------------------------------------------------------

class StaffServiceTest : public GatewayStaffTest {
 protected:
  void SetUp() override {
    GatewayStaffTest::SetUp();
    service_ = std::make_unique<StaffDirectoryServiceImpl>(*directory_, tokens_);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::StaffDirectoryService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  std::unique_ptr<grpc::ClientContext> As(const Caller& caller) {
    auto context = std::make_unique<grpc::ClientContext>();
    Caller leveled = caller;
    if (leveled.spid_level == 0) leveled.spid_level = 2;
    context->AddMetadata(platform::auth::kTokenMetadataKey, signer_.Sign(leveled, "gateway"));
    return context;
  }

  // The ErrorInfo reason and domain of a failed call.
  static std::pair<std::string, std::string> ErrorInfoOf(const grpc::Status& status) {
    google::rpc::Status details;
    if (!details.ParseFromString(status.error_details())) return {};
    for (const auto& any : details.details()) {
      google::rpc::ErrorInfo info;
      if (any.UnpackTo(&info)) return {info.reason(), info.domain()};
    }
    return {};
  }

  platform::auth::TokenSigner signer_ = *platform::auth::TokenSigner::Generate(clock_);
  platform::auth::TokenVerifier tokens_ =
      platform::auth::TokenVerifier::For(signer_, {"gateway"}, {}, clock_);
  std::unique_ptr<StaffDirectoryServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::StaffDirectoryService::Stub> stub_;
};

TEST_F(StaffServiceTest, ManagesMembersOverGrpc) {
  v1::CreateStaffMemberRequest create;
  create.set_request_id("r-1");
  create.mutable_staff_member()->set_fiscal_code(Cf(300));
  create.mutable_staff_member()->set_display_name("Agente");
  auto* role = create.mutable_staff_member()->add_roles();
  role->set_role(v1::STAFF_ROLE_CONTACT_CENTRE);
  v1::CreateStaffMemberResponse created;
  ASSERT_TRUE(stub_->CreateStaffMember(As(admin_).get(), create, &created).ok());
  const v1::StaffMember& m = created.staff_member();
  EXPECT_EQ(m.version(), 1);
  EXPECT_TRUE(m.active());
  EXPECT_EQ(m.create_time().seconds(), 1'772'000'000);

  v1::UpdateStaffMemberRequest update;
  update.set_id(m.id());
  update.set_expected_version(1);
  update.mutable_staff_member()->set_email("agente@example.it");
  update.mutable_update_mask()->add_paths("email");
  v1::UpdateStaffMemberResponse updated;
  ASSERT_TRUE(stub_->UpdateStaffMember(As(admin_).get(), update, &updated).ok());
  EXPECT_EQ(updated.staff_member().email(), "agente@example.it");
  update.mutable_update_mask()->add_paths("fiscal_code");
  grpc::Status bad_mask = stub_->UpdateStaffMember(As(admin_).get(), update, &updated);
  EXPECT_EQ(bad_mask.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorInfoOf(bad_mask).first, "INVALID_UPDATE_MASK");

  v1::ListStaffMembersRequest list;
  list.set_role(v1::STAFF_ROLE_CONTACT_CENTRE);
  list.set_access_reason(kWhy);
  v1::ListStaffMembersResponse listed;
  ASSERT_TRUE(stub_->ListStaffMembers(As(admin_).get(), list, &listed).ok());
  ASSERT_EQ(listed.staff_members_size(), 1);

  v1::DeleteStaffMemberRequest del;
  del.set_id(m.id());
  v1::DeleteStaffMemberResponse deleted;
  ASSERT_TRUE(stub_->DeleteStaffMember(As(admin_).get(), del, &deleted).ok());
  EXPECT_FALSE(deleted.staff_member().active());

  v1::GetStaffMemberRequest get;
  get.set_id("missing");
  get.set_access_reason(kWhy);
  v1::GetStaffMemberResponse got;
  grpc::Status missing = stub_->GetStaffMember(As(admin_).get(), get, &got);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorInfoOf(missing), std::make_pair(std::string("STAFF_MEMBER_NOT_FOUND"),
                                                 platform::ErrorDomainOf("gateway")));
}

TEST_F(StaffServiceTest, ReadsOverGrpcNeedAReasonAndAreAudited) {
  const StaffMember m = CreateOk(Operator(506));
  v1::GetStaffMemberRequest get;
  get.set_id(m.id);
  v1::GetStaffMemberResponse got;
  grpc::Status refused = stub_->GetStaffMember(As(admin_).get(), get, &got);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorInfoOf(refused).first, "ACCESS_REASON_REQUIRED");
  v1::ListStaffMembersRequest list;
  v1::ListStaffMembersResponse listed;
  EXPECT_EQ(ErrorInfoOf(stub_->ListStaffMembers(As(admin_).get(), list, &listed)).first,
            "ACCESS_REASON_REQUIRED");

  get.set_access_reason("richiesta del CPI");
  auto context = As(admin_);
  context->AddMetadata("x-correlation-id", "cid-grpc");
  ASSERT_TRUE(stub_->GetStaffMember(context.get(), get, &got).ok());
  EXPECT_EQ(got.staff_member().id(), m.id);
  AuditEntry read = StaffStore(*db_).AuditOf(m.id)->back();
  EXPECT_EQ(read.action, "read");
  EXPECT_EQ(read.access_reason, "richiesta del CPI");
  EXPECT_EQ(read.correlation_id, "cid-grpc");

  grpc::Status denied = stub_->GetStaffMember(As(operator_).get(), get, &got);
  EXPECT_EQ(denied.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(StaffStore(*db_).AuditOf(m.id)->back().action, "read_denied");
}

TEST_F(StaffServiceTest, LookupIsForTheGatewayOnly) {
  StaffMember in = Operator(301);
  const StaffMember m = CreateOk(in);
  v1::LookupStaffRolesRequest request;
  request.set_fiscal_code(Cf(301));
  v1::LookupStaffRolesResponse response;
  grpc::Status refused = stub_->LookupStaffRoles(As(admin_).get(), request, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorInfoOf(refused).first, "GATEWAY_ONLY");
  grpc::ClientContext anonymous;
  EXPECT_EQ(stub_->LookupStaffRoles(&anonymous, request, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  ASSERT_TRUE(stub_
                  ->LookupStaffRoles(As({.subject = kGatewaySubject, .role = Role::kAdmin}).get(),
                                     request, &response)
                  .ok());
  EXPECT_EQ(response.staff_member_id(), m.id);
  ASSERT_EQ(response.roles_size(), 1);
  EXPECT_EQ(response.roles(0).role(), v1::STAFF_ROLE_OPERATOR);
  EXPECT_EQ(response.roles(0).cpi_code(), "CPI-TO-15");
}

TEST_F(StaffServiceTest, UnspecifiedRoleIsInvalid) {
  v1::CreateStaffMemberRequest create;
  create.mutable_staff_member()->set_fiscal_code(Cf(302));
  create.mutable_staff_member()->set_display_name("X");
  create.mutable_staff_member()->add_roles();
  v1::CreateStaffMemberResponse created;
  grpc::Status st = stub_->CreateStaffMember(As(admin_).get(), create, &created);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorInfoOf(st).first, "INVALID_ROLE");
}

TEST_F(GatewayStaffTest, ModuleMigratesBootstrapsAndLooksUp) {
  const platform::auth::TokenVerifier tokens = platform::auth::TokenVerifier::For(
      *platform::auth::TokenSigner::Generate(clock_), {"gateway"}, {}, clock_);
  EXPECT_EQ(ErrorReason(StaffModule::Create({*db_, clock_, tokens, nullptr}).status()),
            "STAFF_CONFIG_INVALID");
  auto module = StaffModule::Create({*db_, clock_, tokens, cpis_});
  ASSERT_TRUE(module.ok());
  ASSERT_TRUE(IsOk((*module)->Initialize()));
  ASSERT_TRUE(IsOk((*module)->Initialize()));
  ASSERT_TRUE(IsOk((*module)->Bootstrap({{Cf(400), "Demo", "", {{StaffRole::kAdmin, ""}}}})));
  auto roles = (*module)->LookupRoles(Cf(400));
  ASSERT_TRUE(roles.ok());
  EXPECT_EQ(roles->roles, (std::vector<RoleAssignment>{{StaffRole::kAdmin, ""}}));
  const std::vector<session::AvailableRole> session_roles = ToSessionRoles(*roles);
  ASSERT_EQ(session_roles.size(), 1u);
  EXPECT_EQ(session_roles[0].role, Role::kAdmin);
  EXPECT_EQ(session_roles[0].label, "Amministratore");
  EXPECT_TRUE(ToSessionRoles(*(*module)->LookupRoles(Cf(401))).empty());
}

// ---- migrations ---------------------------------------------------------------------------

TEST(GatewayStaffMigrationTest, V003KeepsTheAuditOfADatabaseAtV002) {
  testing_env::TestDatabase env;
  auto db = env.Open();
  ASSERT_NE(db, nullptr);
  platform::FakeClock clock{absl::FromUnixSeconds(1'772'000'000)};
  ASSERT_TRUE(IsOk(
      platform::db::ApplyMigrations(*db, "platform", platform::db::PlatformMigrations(), clock)));
  std::vector<platform::EmbeddedFile> up_to_v002;
  for (const platform::EmbeddedFile& f : embedded_migrations::Files()) {
    if (f.name < "V003") up_to_v002.push_back(f);
  }
  ASSERT_EQ(up_to_v002.size(), 2u);
  ASSERT_TRUE(IsOk(platform::db::ApplyMigrations(*db, "gateway-staff", up_to_v002, clock)));
  // Rows as V002-era code wrote them (ids sorting before the UUIDv7s written later).
  auto insert = [&](const std::string& id, const std::string& action) {
    return platform::db::InTransaction(*db, [&](platform::db::Transaction& tx) {
      return tx
          .Execute(
              "INSERT INTO staff_audit (id, at, actor, actor_role, action, staff_id,"
              " changed_fields, version, correlation_id)"
              " VALUES ($1, 1, 'admin-1', 'admin', $2, 'member-1', 'email', 2, 'cid')",
              {id, action})
          .status();
    });
  };
  ASSERT_TRUE(IsOk(insert("0001", "update")));
  ASSERT_TRUE(IsOk(insert("0002", "remove_seeded")));
  EXPECT_FALSE(insert("0003", "read").ok()) << "V002 does not know reads";

  ASSERT_TRUE(IsOk(MigrateStaffStore(*db, clock)));
  StaffStore store(*db);
  auto kept = store.AuditOf("member-1");
  ASSERT_TRUE(kept.ok()) << kept.status();
  ASSERT_EQ(kept->size(), 2u);
  EXPECT_EQ((*kept)[0].action, "update");
  EXPECT_EQ((*kept)[0].changed_fields, std::vector<std::string>{"email"});
  EXPECT_EQ((*kept)[0].version, 2);
  EXPECT_EQ((*kept)[0].correlation_id, "cid");
  EXPECT_EQ((*kept)[0].access_reason, "");
  EXPECT_EQ((*kept)[1].action, "remove_seeded");
  ASSERT_TRUE(IsOk(insert("0003", "read")));
  ASSERT_TRUE(IsOk(platform::db::InTransaction(*db, [&](platform::db::Transaction& tx) {
    return store.AppendAudit(tx,
                             {.at = clock.Now(),
                              .actor = "admin-1",
                              .actor_role = "admin",
                              .action = "list_denied",
                              .access_reason = "perché sì",
                              .detail = "refused=ADMIN_ONLY"},
                             clock);
  })));
  EXPECT_EQ(store.AuditByActor("admin-1")->back().access_reason, "perché sì");
}

}  // namespace
}  // namespace sisl::gateway::staff
