// observatory_bench, the latency: sisl-communications started beside sisl-observatory (same
// database, topics and groups of the run), the consultant delegated by the companies of the
// hires (in the replica, as tests/integration/communications_bulk_test.cc does), then valid
// UNILAV hires of the communications generator filed one at a time over gRPC; from each
// FileCommunication's return to the staff table "hires" of the hire's month counting it, polled
// every 2 ms.
#include <filesystem>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "services/communications/api/content_mapping.h"
#include "services/communications/app/access.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/clock.h"
#include "sisl/communications/v1/communications.grpc.pb.h"
#include "sisl/observatory/v1/observatory.grpc.pb.h"
#include "tests/bench/bench_pg.h"
#include "tests/bench/observatory_bench.h"
#include "tests/support/co_generator.h"

namespace sisl::bench::obs {

namespace cv1 = ::sisl::communications::v1;
namespace comms = ::sisl::communications;
namespace o = ::sisl::observatory;
using platform::auth::Role;

namespace {

// The grand total of the staff table "hires" for one month, and how long the call took.
absl::StatusOr<int64_t> Hires(o::v1::IndicatorsService::Stub& stub, const std::string& token,
                              const std::string& month, double* call_ms) {
  o::v1::GetStaffIndicatorTableRequest r;
  r.set_indicator("hires");
  r.set_rows("month");
  r.set_from_month(month);
  r.set_to_month(month);
  grpc::ClientContext ctx;
  ctx.AddMetadata(platform::auth::kTokenMetadataKey, token);
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  o::v1::GetStaffIndicatorTableResponse resp;
  const absl::Time t0 = absl::Now();
  const grpc::Status st = stub.GetStaffIndicatorTable(&ctx, r, &resp);
  *call_ms = absl::ToDoubleMilliseconds(absl::Now() - t0);
  if (!st.ok()) return absl::UnknownError(st.error_message());
  return static_cast<int64_t>(resp.table().totals().total().value());
}

}  // namespace

bool MeasureLatency(Run& run) {
  const std::string grpc = absl::StrCat("127.0.0.1:", FreePort());
  std::map<std::string, std::string> env = run.ServerEnv(grpc);
  env["SISL_COMMUNICATIONS_SPOOL_DIR"] = run.Flag("work-dir") + "/spool";
  std::error_code ec;
  std::filesystem::create_directories(env["SISL_COMMUNICATIONS_SPOOL_DIR"], ec);
  Process communications(run.Flag("build") + "/services/communications/sisl-communications",
                         {"--config", run.Flag("root") + "/deploy/config/communications.yaml"}, env,
                         run.Flag("work-dir") + "/communications.log");
  if (!communications.Start() ||
      !communications.WaitForPort(std::stoi(grpc.substr(grpc.rfind(':') + 1)),
                                  absl::Seconds(120))) {
    return Say("sisl-communications did not start; see " + communications.log()), false;
  }
  absl::StatusOr<PgConn> db = PgConn::Connect(run.Flag("db"), "communications");
  if (!db.ok()) return Say(db.status().ToString()), false;
  // The hires: valid UNILAV hires of the generator, filed today (Italy).
  const absl::CivilDay today = platform::TodayInItaly(platform::SystemClock::Get());
  const int warmup = run.Int("warmup"), count = run.Int("latency");
  comms::testing::CommunicationGenerator gen(
      {.seed = static_cast<uint64_t>(run.Int("seed")), .invalid_share = 0, .today = today});
  std::vector<comms::Communication> hires;
  std::set<std::string> companies;
  while (static_cast<int>(hires.size()) < warmup + count) {
    comms::testing::GeneratedRecord r = gen.Next();
    const comms::Communication& c = r.communication;
    if (!r.valid || c.form != comms::Form::kUnilav || c.event != comms::EventKind::kHire ||
        c.nature != comms::Nature::kOrdinary) {
      continue;
    }
    companies.insert(comms::FiledFor(c));
    hires.push_back(c);
  }
  // The consultant's delegations for those companies, as the replica has them from enterprise.
  const platform::auth::PersonIdHasher hasher(run.keys->person_id_key());
  const std::string consultant = hasher.PersonId("GLLCHR81B57A479P");
  for (int i = 0; i < 300 && !db->Int("SELECT COUNT(*) FROM delegation_replica").ok(); ++i) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  for (const std::string& company : companies) {
    auto r = db->Query(
        "INSERT INTO delegation_replica (delegation_id, company, holder_person_id, kind, scopes,"
        " state, updated_at) VALUES ($1, $2, $3, 'consultant', 'communications', 'active', $4)"
        " RETURNING company",
        {"bench-obs-" + company, company, consultant,
         absl::StrCat(absl::ToUnixMicros(absl::Now()))});
    if (!r.ok()) return Say(r.status().ToString()), false;
  }
  auto filings = cv1::CommunicationsService::NewStub(
      grpc::CreateChannel(grpc, grpc::InsecureChannelCredentials()));
  auto tables = o::v1::IndicatorsService::NewStub(
      grpc::CreateChannel(run.observatory_grpc, grpc::InsecureChannelCredentials()));
  const std::string staff = run.keys->Token({.subject = "op-bench", .role = Role::kOperator},
                                            "observatory", absl::Hours(2));
  std::vector<double> latency, filing_ms, poll_ms, polls;
  int timeouts = 0, refused = 0, overcounted = 0;
  for (int k = 0; k < warmup + count; ++k) {
    if (k == warmup) WaitIdle("latency", run.Int("idle-wait"));
    const comms::Communication& c = hires[k];
    const std::string month = absl::FormatCivilTime(comms::EventDate(c)).substr(0, 7);
    double call_ms = 0;
    absl::StatusOr<int64_t> before = Hires(*tables, staff, month, &call_ms);
    if (!before.ok()) return Say("GetStaffIndicatorTable: " + before.status().ToString()), false;
    cv1::FileCommunicationRequest request;
    request.set_request_id(absl::StrCat("bench-obs-", run.topic_prefix, k));
    *request.mutable_content() = comms::api::ContentToProto(c);
    grpc::ClientContext ctx;
    ctx.AddMetadata(platform::auth::kTokenMetadataKey,
                    run.keys->Token({.subject = consultant,
                                     .role = Role::kConsultant,
                                     .acting_for = comms::FiledFor(c),
                                     .scopes = {platform::auth::kScopeCommunications},
                                     .company_role = platform::auth::kCompanyRoleConsultant,
                                     .spid_level = 2},
                                    "communications"));
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    cv1::FileCommunicationResponse resp;
    const absl::Time called = absl::Now();
    const grpc::Status st = filings->FileCommunication(&ctx, request, &resp);
    const absl::Time t0 = absl::Now();
    if (!st.ok() || resp.communication().state() != cv1::COMMUNICATION_STATE_ACCEPTED) {
      if (refused++ < 5) Say(absl::StrCat("filing ", k, ": ", st.error_message()));
      continue;
    }
    // Polled every 2 ms (a call starts 2 ms after the previous one started, or at once when it
    // took longer) until the month's total grew.
    int64_t seen = *before, calls = 0;
    double calls_ms = 0;
    while (seen <= *before && absl::Now() - t0 < absl::Seconds(30)) {
      const absl::Time polled = absl::Now();
      absl::StatusOr<int64_t> now = Hires(*tables, staff, month, &call_ms);
      ++calls;
      calls_ms += call_ms;
      if (now.ok()) seen = *now;
      if (seen > *before) break;
      absl::SleepFor(absl::Milliseconds(2) - (absl::Now() - polled));
    }
    const absl::Time t1 = absl::Now();
    if (seen <= *before) {
      ++timeouts;
      continue;
    }
    if (seen != *before + 1) ++overcounted;
    if (k < warmup) continue;
    latency.push_back(absl::ToDoubleMilliseconds(t1 - t0));
    filing_ms.push_back(absl::ToDoubleMilliseconds(t0 - called));
    poll_ms.push_back(calls_ms / static_cast<double>(calls));
    polls.push_back(static_cast<double>(calls));
  }
  Kv("lat_count", static_cast<double>(latency.size()), 0);
  Kv("lat_companies", static_cast<double>(companies.size()), 0);
  Kv("lat_timeouts", timeouts, 0);
  Kv("lat_refused", refused, 0);
  Kv("lat_overcounted", overcounted, 0);
  KvDistribution("lat", latency);
  KvDistribution("lat_filing", filing_ms);
  KvDistribution("lat_poll_call", poll_ms);
  KvDistribution("lat_polls", polls);
  const double p99 = Percentile(latency, 99);
  Kv("lat_p99_under_1s", p99 < 1000 ? "yes" : "no");
  Say(absl::StrFormat("latency: %d hires, p50 %.0f ms, p99 %.0f ms, max %.0f ms; %d timeouts",
                      latency.size(), Percentile(latency, 50), p99, Percentile(latency, 100),
                      timeouts));
  return timeouts == 0 && refused == 0 && overcounted == 0 &&
         static_cast<int>(latency.size()) == count;
}

}  // namespace sisl::bench::obs
