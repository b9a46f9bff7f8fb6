// communications_bench, the bulk upload and its baseline.
//
// The file: --records records of the generator (seed --seed, 10% invalid, filed today) written
// with xml::BatchXmlWriter::AddUnchecked (as tests/contract/communications_bulk_test.cc makes
// them: the invalid records are in the file, the service refuses them) into --entries batch
// documents of a ZIP (entries lotto-01.xml, ... read in name order), so that it stays under
// gRPC's 16 MB. The consultant holds a delegation for every company of the file, written into
// sisl-communications' delegation_replica by SQL (as enterprise's events would), and uploads it
// acting for the first of them: CreateBulkUpload, then GetBulkUpload every 250 ms until DONE.
//
// Checked afterwards: the report's counts equal the generator's (every valid record accepted,
// every invalid one refused), one bulk_records row per record, a communications row and a
// forwarding row per accepted record, and its two events (CommunicationAccepted,
// RelationshipChanged) in the outbox and published (sent_at set by the relay once Kafka took
// them: waited for, at most --publish-timeout s).
//
// The baseline: the same records as the rows the communications table keeps for them (code,
// relationship_id, filed_for, worker, form, nature, event, event_date, state, due_date,
// days_late, warnings, the XML text, filed_by, filed_by_role, protocol_at, seq; built while the
// file is written, the warnings from the rule catalogue) COPied through libpq into a plain table
// of the same shape (LIKE communications: columns and NOT NULL, no index, no key), and, for
// reference, into one with the same indexes (LIKE ... INCLUDING ALL).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "services/communications/app/access.h"
#include "services/communications/domain/deadlines.h"
#include "services/communications/domain/rules.h"
#include "services/communications/store/communication_store.h"
#include "services/communications/xml/co_xml.h"
#include "services/platform/ids.h"
#include "sisl/communications/v1/bulk_uploads.grpc.pb.h"
#include "tests/bench/bench_pg.h"
#include "tests/bench/communications_bench.h"
#include "tests/support/co_generator.h"
#include "zip.h"

namespace sisl::bench::co {
namespace {

namespace cv1 = ::sisl::communications::v1;
namespace comms = ::sisl::communications;

constexpr char kCopyColumns[] =
    "code, relationship_id, filed_for, worker, form, nature, event, event_date, state,"
    " previous_code, next_code, due_date, days_late, warnings, xml, filed_by, filed_by_role,"
    " protocol_at, seq";
// What fits in one gRPC message (the services' SetMaxReceiveMessageSize), with room for the
// request's other fields.
constexpr size_t kGrpcLimit = 16 * 1024 * 1024 - 4096;

struct BulkFile {
  std::vector<std::string> entries;  // the XML of each ZIP entry
  std::string zip;
  std::string copy_rows;  // COPY text of the same records
  std::set<std::string> companies;
  int64_t records = 0, valid = 0, invalid = 0, unwritten = 0;
  int64_t xml_bytes = 0;
  std::vector<bool> valid_at;  // per record of the file, in order
};

void Field(std::string& out, absl::string_view value, bool last = false) {
  CopyField(out, value);
  out += last ? '\n' : '\t';
}

std::string NewCode(comms::Form form, absl::CivilDay day, std::mt19937_64& random) {
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
  std::string code =
      absl::StrFormat("01%02d%s", static_cast<int>(day.year() % 100), comms::FormCode(form));
  uint64_t bits = random();
  for (int i = 0; i < 10; ++i) {
    code.push_back(kAlphabet[bits & 31]);
    bits >>= 5;
  }
  return code;
}

absl::StatusOr<BulkFile> Generate(const Env& env) {
  BulkFile f;
  const int64_t records = env.Int("records");
  const int64_t entries = std::max(1, env.Int("entries"));
  const int64_t per_entry = (records + entries - 1) / entries;
  comms::testing::CommunicationGenerator gen(
      {.seed = static_cast<uint64_t>(env.Int("seed")), .invalid_share = 0.1, .today = env.today});
  std::mt19937_64 random(static_cast<uint64_t>(env.Int("seed")));
  std::map<int64_t, std::pair<std::string, int>> relationships;  // hire index -> id, last seq
  const int64_t protocol0 = absl::ToUnixMicros(absl::Now());
  std::unique_ptr<comms::xml::BatchXmlWriter> writer;
  std::string* out = nullptr;
  for (int64_t i = 0; i < records; ++i) {
    if (i % per_entry == 0) {
      if (writer) {
        if (absl::Status st = writer->Finish(); !st.ok()) return st;
      }
      f.entries.emplace_back();
      out = &f.entries.back();
      out->reserve(static_cast<size_t>(per_entry) * 3000);
      writer = std::make_unique<comms::xml::BatchXmlWriter>(
          [out](absl::string_view bytes) { out->append(bytes.data(), bytes.size()); });
    }
    comms::testing::GeneratedRecord r = gen.Next();
    const comms::Communication& c = r.communication;
    const size_t mark = out->size();
    if (!writer->AddUnchecked(c).ok()) {
      ++f.unwritten;
      continue;
    }
    ++f.records;
    (r.valid ? f.valid : f.invalid) += 1;
    f.valid_at.push_back(r.valid);
    f.companies.insert(comms::FiledFor(c));
    // The record's own text (the first of an entry follows the declaration and the envelope).
    absl::string_view text(out->data() + mark, out->size() - mark);
    if (const size_t root = text.find("<UNI"); root != absl::string_view::npos) {
      text.remove_prefix(root);
    }
    const std::string code = NewCode(c.form, env.today, random);
    std::string xml(text);
    if (const size_t zeros = xml.find("0000000000000000"); zeros != std::string::npos) {
      xml.replace(zeros, 16, code);
    }
    std::string relationship;
    int seq = 1;
    if (r.hire_index.has_value() && relationships.count(*r.hire_index) > 0) {
      auto& [id, last] = relationships[*r.hire_index];
      relationship = id;
      seq = ++last;
    } else {
      relationship = platform::NewUuidV7();
      relationships[r.index] = {relationship, 1};
    }
    std::vector<comms::Finding> warnings;
    for (comms::Finding& finding : comms::Validate(c, comms::testing::ContextFor(r, env.today))) {
      if (finding.severity == comms::Severity::kWarning) warnings.push_back(std::move(finding));
    }
    const std::optional<comms::Deadline> deadline = comms::DeadlineOf(c);
    std::string& row = f.copy_rows;
    Field(row, code);
    Field(row, relationship);
    Field(row, comms::FiledFor(c));
    Field(row, c.worker.fiscal_code);
    Field(row, comms::FormCode(c.form));
    Field(row, comms::NatureCode(c.nature));
    Field(row, comms::EventCode(c.event));
    Field(row, absl::FormatCivilTime(comms::EventDate(c)));
    Field(row, "accepted");
    row += c.previous_code.empty() ? "\\N\t" : absl::StrCat(c.previous_code, "\t");
    row += "\\N\t";
    Field(row, absl::FormatCivilTime(deadline ? deadline->due : env.today));
    Field(row, absl::StrCat(comms::DaysLate(c, env.today).value_or(0)));
    Field(row, comms::store::FindingsToJson(warnings));
    Field(row, xml);
    Field(row, env.consultant);
    Field(row, "consultant");
    Field(row, absl::StrCat(protocol0 + i));
    Field(row, absl::StrCat(seq), /*last=*/true);
  }
  if (writer) {
    if (absl::Status st = writer->Finish(); !st.ok()) return st;
  }
  for (const std::string& e : f.entries) f.xml_bytes += static_cast<int64_t>(e.size());
  return f;
}

absl::Status Zip(const Env& env, BulkFile& f) {
  const std::filesystem::path path = std::filesystem::path(env.Flag("work-dir")) /
                                     absl::StrCat("communications-bench-", getpid(), ".zip");
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (zip == nullptr) return absl::InternalError(absl::StrCat("zip_open: error ", error));
  for (size_t i = 0; i < f.entries.size(); ++i) {
    zip_source_t* src = zip_source_buffer(zip, f.entries[i].data(), f.entries[i].size(), 0);
    const zip_int64_t index =
        zip_file_add(zip, absl::StrFormat("lotto-%02d.xml", i + 1).c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(src);
      zip_discard(zip);
      return absl::InternalError("zip_file_add failed");
    }
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
  }
  if (zip_close(zip) != 0) {
    const std::string why = zip_strerror(zip);
    zip_discard(zip);
    return absl::InternalError(absl::StrCat("zip_close: ", why));
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  f.zip = bytes.str();
  std::filesystem::remove(path);
  f.entries.clear();
  f.entries.shrink_to_fit();
  return absl::OkStatus();
}

// The consultant's delegations for every company of the file, as enterprise's events would
// have written them.
absl::Status Grant(const Env& env, PgConn& db, const std::set<std::string>& companies) {
  std::string rows;
  const std::string now = absl::StrCat(absl::ToUnixMicros(absl::Now()));
  for (const std::string& company : companies) {
    Field(rows, absl::StrCat("bench-", company));
    Field(rows, company);
    Field(rows, env.consultant);
    Field(rows, "consultant");
    Field(rows, "communications");
    Field(rows, "active");
    Field(rows, now, /*last=*/true);
  }
  return db.Copy(
      "delegation_replica (delegation_id, company, holder_person_id, kind, scopes, state,"
      " updated_at)",
      rows);
}

// The database's activity counters (pg_stat_database), to see what the upload cost it.
std::map<std::string, int64_t> DbCounters(PgConn& db) {
  static const char* kNames[] = {"xact_commit", "xact_rollback", "tup_returned",
                                 "tup_fetched", "tup_inserted",  "tup_updated",
                                 "tup_deleted", "blks_read",     "blks_hit"};
  std::map<std::string, int64_t> out;
  (void)db.Exec("SELECT pg_stat_clear_snapshot()");
  auto rows = db.Query(
      "SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated,"
      " tup_deleted, blks_read, blks_hit FROM pg_stat_database WHERE datname ="
      " current_database()");
  if (!rows.ok() || rows->empty()) return out;
  for (size_t i = 0; i < std::size(kNames); ++i) {
    int64_t v = 0;
    if (absl::SimpleAtoi((*rows)[0][i], &v)) out[kNames[i]] = v;
  }
  return out;
}

// Each table's activity counters (pg_stat_user_tables of the communications schema).
using TableCounters = std::map<std::string, std::vector<int64_t>>;
TableCounters TablesOf(PgConn& db) {
  TableCounters out;
  (void)db.Exec("SELECT pg_stat_clear_snapshot()");
  auto rows = db.Query(
      "SELECT relname, coalesce(seq_scan, 0), coalesce(seq_tup_read, 0), coalesce(idx_scan, 0),"
      " coalesce(idx_tup_fetch, 0), n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM"
      " pg_stat_user_tables WHERE schemaname = 'communications' ORDER BY relname");
  if (!rows.ok()) return out;
  for (const std::vector<std::string>& r : *rows) {
    std::vector<int64_t>& v = out[r[0]];
    for (size_t i = 1; i < r.size(); ++i) {
      int64_t n = 0;
      (void)absl::SimpleAtoi(r[i], &n);
      v.push_back(n);
    }
  }
  return out;
}

// TABLE lines: what each table saw between the two snapshots: seq_scan, seq_tup_read, idx_scan,
// idx_tup_fetch, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del.
void PrintTables(const TableCounters& before, const TableCounters& after) {
  for (const auto& [table, values] : after) {
    auto b = before.find(table);
    std::string line = absl::StrCat("TABLE\t", table);
    bool any = false;
    for (size_t i = 0; i < values.size(); ++i) {
      const int64_t d = values[i] - (b != before.end() && i < b->second.size() ? b->second[i] : 0);
      any = any || d != 0;
      absl::StrAppend(&line, "\t", d);
    }
    if (any) std::printf("%s\n", line.c_str());
  }
  std::fflush(stdout);
}

// perf record of one process, from Start until Stop (SIGINT) or `seconds`.
class Profiler final {
 public:
  Profiler(std::string pid, std::string out, int seconds)
      : pid_(std::move(pid)), out_(std::move(out)), seconds_(seconds) {}
  ~Profiler() { Stop(); }
  void Start() {
    if (pid_.empty() || out_.empty() || child_ > 0) return;
    child_ = fork();
    if (child_ == 0) {
      const std::string seconds = absl::StrCat(seconds_);
      execlp("timeout", "timeout", "-s", "INT", seconds.c_str(), "perf", "record", "-q", "-F",
             "499", "-g", "-p", pid_.c_str(), "-o", out_.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  void Stop() {
    if (child_ <= 0) return;
    kill(child_, SIGINT);
    int status = 0;
    waitpid(child_, &status, 0);
    child_ = -1;
  }

 private:
  std::string pid_, out_;
  int seconds_;
  pid_t child_ = -1;
};

// Stops a process of the script's (SIGTERM, then SIGKILL after 30 s): the upload's batches
// commit whole, so what it committed stays consistent.
void StopProcess(const std::string& pid_text) {
  int pid = 0;
  if (!absl::SimpleAtoi(pid_text, &pid) || pid <= 1) return;
  auto alive = [&] {
    std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t paren = stat.rfind(')');
    return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z';
  };
  kill(pid, SIGTERM);
  for (int i = 0; i < 300 && alive(); ++i) absl::SleepFor(absl::Milliseconds(100));
  if (alive()) kill(pid, SIGKILL);
}

std::string Seconds(absl::Duration d) { return absl::StrFormat("%.2f", absl::ToDoubleSeconds(d)); }

void Target(const std::string& name, double value, double target, bool met) {
  std::printf("TARGET\t%s\t%.2f\t%.2f\t%s\n", name.c_str(), value, target, met ? "PASS" : "MISS");
  std::fflush(stdout);
}

absl::Time TimeOf(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

}  // namespace

bool RunBulkAndCopy(const Env& env, bool file_only) {
  absl::StatusOr<PgConn> db = absl::UnavailableError("no database");
  if (!file_only) {
    db = PgConn::Connect(env.db_url, "communications");
    if (!db.ok()) {
      std::fprintf(stderr, "communications_bench: %s\n", db.status().ToString().c_str());
      return false;
    }
  }
  // ---- the file ----
  absl::Time t0 = absl::Now();
  absl::StatusOr<BulkFile> generated = Generate(env);
  if (!generated.ok()) {
    std::fprintf(stderr, "communications_bench: generating: %s\n",
                 generated.status().ToString().c_str());
    return false;
  }
  BulkFile& file = *generated;
  Phase("bulk: generating the records, their XML and their COPY rows", absl::Now() - t0);
  t0 = absl::Now();
  if (absl::Status st = Zip(env, file); !st.ok()) {
    std::fprintf(stderr, "communications_bench: %s\n", st.ToString().c_str());
    return false;
  }
  Phase("bulk: compressing the ZIP", absl::Now() - t0);
  Kv("bulk_records", file.records);
  Kv("bulk_valid", file.valid);
  Kv("bulk_invalid", file.invalid);
  Kv("bulk_unwritten", file.unwritten);
  Kv("bulk_companies", static_cast<int64_t>(file.companies.size()));
  Kv("bulk_xml_bytes", file.xml_bytes);
  Kv("bulk_zip_bytes", static_cast<int64_t>(file.zip.size()));
  Kv("copy_bytes", static_cast<int64_t>(file.copy_rows.size()));
  if (file.zip.size() > kGrpcLimit) {
    std::fprintf(stderr,
                 "communications_bench: the ZIP (%zu bytes) does not fit in a gRPC"
                 " message\n",
                 file.zip.size());
    Kv("bulk_error", "the ZIP does not fit in one gRPC message");
    return false;
  }
  if (file_only) return true;
  t0 = absl::Now();
  if (absl::Status st = Grant(env, *db, file.companies); !st.ok()) {
    std::fprintf(stderr, "communications_bench: granting: %s\n", st.ToString().c_str());
    return false;
  }
  // A replica filled over time has its statistics (autovacuum); this one grew from one row to
  // thousands at once, and the service's connections still hold plans made for one row (a
  // sequential scan per delegation check) until autovacuum gets to it: ANALYZE now, which also
  // invalidates those plans.
  if (absl::Status st = db->Exec("ANALYZE delegation_replica"); !st.ok()) {
    std::fprintf(stderr, "communications_bench: %s\n", st.ToString().c_str());
  }
  Phase("bulk: the consultant's delegations into the replica", absl::Now() - t0);

  // ---- the upload ----
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(-1);
  auto stub = cv1::BulkUploadsService::NewStub(
      grpc::CreateCustomChannel(env.grpc, grpc::InsecureChannelCredentials(), args));
  const std::string acting_for = *file.companies.begin();
  const std::string token = ConsultantToken(env, acting_for, absl::Hours(2));
  {
    // The channel connected before the clock starts.
    grpc::ClientContext ctx;
    ctx.AddMetadata(platform::auth::kTokenMetadataKey, token);
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    cv1::ListBulkUploadsRequest req;
    cv1::ListBulkUploadsResponse resp;
    (void)stub->ListBulkUploads(&ctx, req, &resp);
  }
  const int idle_wait = env.Int("idle-wait");
  Kv("bulk_idle", WaitIdle(idle_wait) ? "1" : "0");
  const std::map<std::string, int64_t> counters0 = DbCounters(*db);
  const TableCounters tables0 = TablesOf(*db);
  CpuMeter cpu(env.Flag("cpu-groups"));
  cpu.Start();
  const absl::Time create_start = absl::Now();
  cv1::CreateBulkUploadRequest create;
  create.set_request_id(absl::StrCat("bench-bulk-", absl::ToUnixMicros(create_start)));
  create.set_file_name("comunicazioni-bench.zip");
  create.set_content(file.zip);
  cv1::CreateBulkUploadResponse created;
  {
    grpc::ClientContext ctx;
    ctx.AddMetadata(platform::auth::kTokenMetadataKey, token);
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(120)));
    const grpc::Status st = stub->CreateBulkUpload(&ctx, create, &created);
    if (!st.ok()) {
      std::fprintf(stderr, "communications_bench: CreateBulkUpload: %d %s\n",
                   static_cast<int>(st.error_code()), st.error_message().c_str());
      Kv("bulk_error", absl::StrCat("CreateBulkUpload: ", st.error_message()));
      return false;
    }
  }
  const absl::Time create_end = absl::Now();
  Kv("bulk_create_call_s", Seconds(create_end - create_start));
  const std::string id = created.bulk_upload().bulk_upload_id();
  const std::string perf_pid = env.Flag("perf-pid"), perf_out = env.Flag("perf-out");
  Profiler perf(perf_pid, perf_out, env.Int("perf-seconds"));
  cv1::BulkUpload last = created.bulk_upload();
  absl::Time processing_seen = absl::InfinitePast(), last_print = absl::Now();
  // Pauses: more than kPause between two advances of records_done while processing (a batch of
  // 500 records commits at once: at 1,000 records/s an advance every half second).
  constexpr absl::Duration kPause = absl::Seconds(5);
  absl::Time last_progress = absl::InfinitePast();
  int64_t last_done = -1, pauses = 0;
  absl::Duration paused, longest_pause;
  const absl::Duration timeout = absl::Seconds(env.Int("bulk-timeout"));
  bool timed_out = false;
  for (;;) {
    absl::SleepFor(absl::Milliseconds(250));
    grpc::ClientContext ctx;
    ctx.AddMetadata(platform::auth::kTokenMetadataKey, token);
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    cv1::GetBulkUploadRequest get;
    get.set_bulk_upload_id(id);
    cv1::GetBulkUploadResponse resp;
    const grpc::Status st = stub->GetBulkUpload(&ctx, get, &resp);
    if (st.ok()) last = resp.bulk_upload();
    const absl::Time now = absl::Now();
    if (last.records_done() != last_done) {
      if (last_progress != absl::InfinitePast() && now - last_progress > kPause) {
        ++pauses;
        paused += now - last_progress;
        longest_pause = std::max(longest_pause, now - last_progress);
      }
      if (last.records_done() > 0) last_progress = now;
      last_done = last.records_done();
    }
    const cv1::BulkUploadState state = last.state();
    if (state == cv1::BULK_UPLOAD_STATE_PROCESSING && processing_seen == absl::InfinitePast()) {
      processing_seen = absl::Now();
      perf.Start();
    }
    if (state == cv1::BULK_UPLOAD_STATE_DONE || state == cv1::BULK_UPLOAD_STATE_FAILED) break;
    if (absl::Now() - last_print > absl::Seconds(15)) {
      last_print = absl::Now();
      std::fprintf(stderr, "== bulk: %lld of %lld records, %.0f records/s, ETA %lld s\n",
                   static_cast<long long>(last.records_done()),
                   static_cast<long long>(last.records_total()), last.records_per_second(),
                   static_cast<long long>(last.eta_seconds()));
    }
    if (absl::Now() - create_start > timeout) {
      timed_out = true;
      break;
    }
  }
  absl::Time seen_done = absl::Now();
  const auto cores = cpu.Stop("bulk");
  perf.Stop();
  // Timed out: the service is stopped, so that it does not go on under the COPY; what it
  // committed until then is what is counted (and checked below).
  const bool stopped = timed_out && !env.Flag("service-pid").empty();
  if (stopped) {
    std::fprintf(stderr, "== bulk: not done after %d s; stopping sisl-communications\n",
                 env.Int("bulk-timeout"));
    StopProcess(env.Flag("service-pid"));
    seen_done = absl::Now();
    auto row = db->Query(
        "SELECT records_done, accepted, refused, with_warnings FROM bulk_uploads WHERE id = $1",
        {id});
    int64_t v[4] = {0, 0, 0, 0};
    if (row.ok() && !row->empty()) {
      for (int i = 0; i < 4; ++i) (void)absl::SimpleAtoi((*row)[0][i], &v[i]);
      last.set_records_done(v[0]);
      last.set_accepted(v[1]);
      last.set_refused(v[2]);
      last.set_with_warnings(v[3]);
    }
  }
  Kv("bulk_service_stopped", stopped ? "yes" : "no");
  absl::SleepFor(absl::Seconds(1));  // the statistics collector's flush
  const std::map<std::string, int64_t> counters1 = DbCounters(*db);
  PrintTables(tables0, TablesOf(*db));
  Phase("bulk: upload and processing", seen_done - create_start);

  const absl::Time server_create = TimeOf(last.create_time());
  const absl::Time server_finish = last.has_finish_time() ? TimeOf(last.finish_time()) : seen_done;
  const double elapsed = std::max(1e-3, absl::ToDoubleSeconds(server_finish - server_create));
  const double rate = static_cast<double>(last.records_done()) / elapsed;
  const char* state_name = timed_out                                     ? "timed out"
                           : last.state() == cv1::BULK_UPLOAD_STATE_DONE ? "done"
                                                                         : "failed";
  Kv("bulk_state", state_name);
  Kv("bulk_error_text", last.error());
  Kv("bulk_records_total", last.records_total());
  Kv("bulk_records_done", last.records_done());
  Kv("bulk_accepted", last.accepted());
  Kv("bulk_refused", last.refused());
  Kv("bulk_with_warnings", last.with_warnings());
  KvDouble("bulk_elapsed_s", elapsed, 2);
  KvDouble("bulk_records_per_s", rate, 0);
  KvDouble("bulk_service_records_per_s", last.records_per_second(), 0);
  if (last.records_per_second() > 0 && !timed_out) {
    KvDouble("bulk_queue_s",
             elapsed - static_cast<double>(last.records_done()) / last.records_per_second(), 2);
  }
  KvDouble("bulk_client_s", absl::ToDoubleSeconds(seen_done - create_start), 2);
  Kv("bulk_pauses", pauses);
  KvDouble("bulk_paused_s", absl::ToDoubleSeconds(paused), 1);
  KvDouble("bulk_longest_pause_s", absl::ToDoubleSeconds(longest_pause), 1);
  if (elapsed - absl::ToDoubleSeconds(paused) > 0.5) {
    KvDouble("bulk_records_per_s_outside_pauses",
             static_cast<double>(last.records_done()) / (elapsed - absl::ToDoubleSeconds(paused)),
             0);
  }
  if (processing_seen != absl::InfinitePast()) {
    KvDouble("bulk_first_processing_seen_s", absl::ToDoubleSeconds(processing_seen - create_start),
             2);
  }
  for (const auto& [name, value] : counters1) {
    auto before = counters0.find(name);
    if (before != counters0.end()) Kv(absl::StrCat("bulk_db_", name), value - before->second);
  }
  for (const auto& [label, used] : cores) KvDouble(absl::StrCat("bulk_cpu_", label), used, 2);
  if (!perf_out.empty() && !perf_pid.empty()) Kv("bulk_perf_file", perf_out);

  // ---- validated, stored, published ----
  // Every valid record accepted, every invalid one refused: of the whole file, or of the records
  // done when the upload timed out.
  const int64_t done_records =
      std::min<int64_t>(last.records_done(), static_cast<int64_t>(file.valid_at.size()));
  const int64_t valid_done =
      std::count(file.valid_at.begin(), file.valid_at.begin() + done_records, true);
  Kv("bulk_expected_accepted", valid_done);
  Kv("bulk_expected_refused", done_records - valid_done);
  const bool matches = last.accepted() == valid_done &&
                       last.refused() == done_records - valid_done &&
                       (timed_out || last.records_done() == file.records);
  Kv("bulk_counts_match_generator", matches ? "yes" : "no");
  // Whether the connections to PostgreSQL are TLS (libpq's sslmode=prefer, the URL's default):
  // the services' and this COPY's.
  if (auto tls = db->Query(
          "SELECT count(*) FILTER (WHERE s.ssl), count(*), (SELECT ssl FROM pg_stat_ssl WHERE"
          " pid = pg_backend_pid()) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)"
          " WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()");
      tls.ok() && !tls->empty()) {
    Kv("db_service_connections_tls", absl::StrCat((*tls)[0][0], " of ", (*tls)[0][1]));
    Kv("db_bench_connection_tls", (*tls)[0][2] == "t" ? "yes" : "no");
  }
  auto count = [&](const std::string& sql, const std::vector<std::string>& params) -> int64_t {
    absl::StatusOr<int64_t> n = db->Int(sql, params);
    if (!n.ok()) std::fprintf(stderr, "communications_bench: %s\n", n.status().ToString().c_str());
    return n.ok() ? *n : -1;
  };
  Kv("bulk_report_rows", count("SELECT COUNT(*) FROM bulk_records WHERE upload_id = $1", {id}));
  Kv("bulk_stored",
     count("SELECT COUNT(*) FROM communications c JOIN bulk_records b ON b.code = c.code"
           " WHERE b.upload_id = $1 AND b.outcome = 'accepted'",
           {id}));
  Kv("bulk_spooled",
     count("SELECT COUNT(*) FROM forwarding f JOIN bulk_records b ON b.code = f.code"
           " WHERE b.upload_id = $1",
           {id}));
  const std::string since = absl::StrCat(absl::ToUnixMicros(server_create));
  Kv("bulk_events_communications",
     count("SELECT COUNT(*) FROM outbox WHERE created_at >= $1 AND topic ="
           " 'sisl.communications.communications.v1'",
           {since}));
  Kv("bulk_events_relationships",
     count("SELECT COUNT(*) FROM outbox WHERE created_at >= $1 AND topic ="
           " 'sisl.communications.relationships.v1'",
           {since}));
  const absl::Time publish_start = absl::Now();
  int64_t unsent = -1;
  for (;;) {
    unsent =
        count("SELECT COUNT(*) FROM outbox WHERE created_at >= $1 AND sent_at IS NULL", {since});
    if (unsent <= 0 || stopped ||
        absl::Now() - publish_start > absl::Seconds(env.Int("publish-timeout"))) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(500));
  }
  Kv("bulk_events_unsent", unsent);
  Kv("bulk_events_published",
     count("SELECT COUNT(*) FROM outbox WHERE created_at >= $1 AND sent_at IS NOT NULL", {since}));
  // When the relay had published the last of them, after the upload's finish_time.
  const int64_t last_sent =
      count("SELECT COALESCE(MAX(sent_at), 0) FROM outbox WHERE created_at >= $1", {since});
  if (last_sent > 0 && last.has_finish_time()) {
    KvDouble("bulk_published_after_finish_s",
             absl::ToDoubleSeconds(absl::FromUnixMicros(last_sent) - server_finish), 1);
  }
  Phase("bulk: waiting for the relay to publish the events", absl::Now() - publish_start);

  // How far the forwarder (the national node's spool, in the background) had come; then the
  // service is stopped, so that its background work does not run under the COPY.
  if (auto spool = db->Query(
          "SELECT f.state, COUNT(*) FROM forwarding f JOIN bulk_records b ON b.code = f.code"
          " WHERE b.upload_id = $1 GROUP BY f.state",
          {id});
      spool.ok()) {
    for (const std::vector<std::string>& r : *spool) Kv(absl::StrCat("forwarding_", r[0]), r[1]);
  }
  if (!stopped && !env.Flag("service-pid").empty()) {
    StopProcess(env.Flag("service-pid"));
    Kv("service_stopped_before_copy", "yes");
  }

  // ---- the baseline: COPY of the same rows ----
  t0 = absl::Now();
  for (const char* sql : {"CREATE SCHEMA IF NOT EXISTS bench",
                          "DROP TABLE IF EXISTS bench.copy_plain, bench.copy_indexed",
                          "CREATE TABLE bench.copy_plain (LIKE communications.communications"
                          " INCLUDING DEFAULTS)",
                          "CREATE TABLE bench.copy_indexed (LIKE communications.communications"
                          " INCLUDING ALL)"}) {
    if (absl::Status st = db->Exec(sql); !st.ok()) {
      std::fprintf(stderr, "communications_bench: %s\n", st.ToString().c_str());
      return false;
    }
  }
  double copy_rate = 0;
  for (const char* table : {"copy_plain", "copy_indexed"}) {
    Kv(absl::StrCat(table, "_idle"), WaitIdle(idle_wait) ? "1" : "0");
    cpu.Start();
    const absl::Time c0 = absl::Now();
    const absl::Status st =
        db->Copy(absl::StrCat("bench.", table, " (", kCopyColumns, ")"), file.copy_rows);
    const double secs = std::max(1e-3, absl::ToDoubleSeconds(absl::Now() - c0));
    cpu.Stop(table);
    if (!st.ok()) {
      std::fprintf(stderr, "communications_bench: %s\n", st.ToString().c_str());
      Kv(absl::StrCat(table, "_error"), std::string(st.message()));
      continue;
    }
    const int64_t rows = count(absl::StrCat("SELECT COUNT(*) FROM bench.", table), {});
    Kv(absl::StrCat(table, "_rows"), rows);
    KvDouble(absl::StrCat(table, "_s"), secs, 2);
    KvDouble(absl::StrCat(table, "_rows_per_s"), static_cast<double>(rows) / secs, 0);
    Kv(absl::StrCat(table, "_bytes"),
       count(absl::StrCat("SELECT pg_total_relation_size('bench.", table, "')"), {}));
    if (std::string(table) == "copy_plain") copy_rate = static_cast<double>(rows) / secs;
  }
  Phase("bulk: the COPY baseline", absl::Now() - t0);

  const bool done = last.state() == cv1::BULK_UPLOAD_STATE_DONE && !timed_out;
  Target("bulk_records_per_s", rate, 30000, done && rate >= 30000);
  if (copy_rate > 0 && rate > 0) {
    const double slower = copy_rate / rate;
    KvDouble("copy_over_bulk", slower, 1);
    Target("copy_over_bulk", slower, 3, done && slower <= 3);
  }
  return done && matches;
}

}  // namespace sisl::bench::co
