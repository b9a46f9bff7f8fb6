// Bulk uploads of sisl-communications on the real stack (PostgreSQL, Kafka, Redis of
// deploy/infra.sh), the service as its own process on a database of this run's own:
//  - 100,000 generated records (a tenth invalid on purpose) in a ZIP over gRPC: the report's
//    accepted and refused counts are the generator's expected ones exactly, one stored
//    communication per accepted record, one report row per record;
//  - the fault test: another 100,000 records, the process killed with SIGKILL a fifth of
//    the way through, the Kafka broker restarted, the process started again: once the lease ran
//    out the upload finishes with every record in the report exactly once, every accepted record
//    stored exactly once, and a downstream consumer reading the communications topic from the
//    beginning sees every accepted record's CommunicationAccepted (at least once: repeats are
//    counted and printed, not failed).
// Durations, rates and the Kafka duplicates are printed ([cobulk] lines).
#include <librdkafka/rdkafkacpp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/communications/app/access.h"
#include "services/communications/xml/co_xml.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/ids.h"
#include "services/platform/testing/test_keys.h"
#include "sisl/communications/v1/bulk_uploads.grpc.pb.h"
#include "sisl/communications/v1/communication_events.pb.h"
#include "sisl/events/v1/event.pb.h"
#include "tests/integration/observatory_probe.h"
#include "tests/integration/test_databases.h"
#include "tests/support/child_process.h"
#include "tests/support/co_generator.h"
#include "zip.h"

namespace sisl::testing_env {
namespace {

namespace co = ::sisl::communications;
namespace v1 = ::sisl::communications::v1;
using platform::auth::Caller;
using platform::auth::Role;

constexpr char kConsultant[] = "GLLCHR81B57A479P";  // consulente-lavoro
constexpr char kTopic[] = "sisl.communications.communications.v1";
constexpr char kAcceptedType[] = "sisl.communications.v1.CommunicationAccepted";
constexpr int kRecords = 100000;
constexpr uint64_t kSeedA = 20261206;
constexpr uint64_t kSeedB = 20261207;
constexpr absl::Duration kProcessingTimeout = absl::Minutes(15);

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

double Seconds(absl::Time since) { return absl::ToDoubleSeconds(absl::Now() - since); }

// The bytes of a ZIP holding `content` as one entry `name`, built in memory.
std::string ZipOf(const std::string& name, const std::string& content) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) return "";
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (zip == nullptr) {
    zip_source_free(buffer);
    return "";
  }
  zip_source_keep(buffer);  // survives zip_close, to be read back
  zip_source_t* entry = zip_source_buffer(zip, content.data(), content.size(), 0);
  if (entry == nullptr || zip_file_add(zip, name.c_str(), entry, ZIP_FL_ENC_UTF_8) < 0 ||
      zip_close(zip) != 0) {
    if (entry != nullptr) zip_source_free(entry);
    zip_discard(zip);
    zip_source_free(buffer);
    return "";
  }
  std::string out;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(buffer);
    zip_source_seek(buffer, 0, SEEK_SET);
    out.resize(static_cast<size_t>(size));
    if (zip_source_read(buffer, out.data(), size) != size) out.clear();
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

// Rows of a CSV text (quoted fields may hold newlines), the header included, and the first field
// of every row after the header.
struct CsvRows {
  int64_t rows = 0;
  std::vector<std::string> first_fields;
};
CsvRows ParseCsv(const std::string& csv) {
  CsvRows out;
  bool quoted = false, first = true;
  std::string field;
  for (char c : csv) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == '\n') {
      ++out.rows;
      if (out.rows > 1 && first) out.first_fields.push_back(field);
      field.clear();
      first = true;
    } else if (!quoted && c == ',') {
      if (out.rows > 0 && first) out.first_fields.push_back(field);
      first = false;
    } else if (first) {
      field.push_back(c);
    }
  }
  return out;
}

// What a downstream consumer of the communications topic saw of a set of codes.
struct Seen {
  std::set<std::string> event_ids;
  int64_t deliveries = 0;
};
struct TopicTally {
  absl::flat_hash_map<std::string, Seen> by_code;  // the wanted codes seen
  int64_t topic_messages = 0;                      // every message read
  double seconds = 0;
};
// Of `codes`: how many were seen, delivered in all, and how many came in more than one event
// (a second filing, not a redelivery of one event).
struct CodesSeen {
  int64_t distinct = 0, deliveries = 0, repeats = 0, in_several_events = 0;
};
CodesSeen Of(const TopicTally& tally, const absl::flat_hash_set<std::string>& codes) {
  CodesSeen out;
  for (const std::string& code : codes) {
    auto it = tally.by_code.find(code);
    if (it == tally.by_code.end()) continue;
    ++out.distinct;
    out.deliveries += it->second.deliveries;
    if (it->second.event_ids.size() > 1) ++out.in_several_events;
  }
  out.repeats = out.deliveries - out.distinct;
  return out;
}

// Reads kTopic from the beginning in a consumer group of its own (librdkafka directly: the
// platform's subscription commits every offset synchronously, too slow for 200,000 messages)
// until `expected` distinct wanted codes were seen and the topic was quiet for `idle`, or the
// timeout passed. Events whose id sorts before `marker` (earlier runs) are skipped undecoded.
TopicTally ReadAccepted(const std::string& kafka, const std::string& topic,
                        const std::string& marker, const absl::flat_hash_set<std::string>& wanted,
                        int64_t expected, absl::Duration timeout, absl::Duration idle) {
  TopicTally tally;
  const absl::Time start = absl::Now();
  std::string error;
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  for (const auto& [k, v] :
       std::map<std::string, std::string>{{"bootstrap.servers", kafka},
                                          {"group.id", "it-cobulk-" + platform::NewUuidV7()},
                                          {"client.id", "it-cobulk"},
                                          {"auto.offset.reset", "earliest"},
                                          {"enable.auto.commit", "false"}}) {
    EXPECT_EQ(conf->set(k, v, error), RdKafka::Conf::CONF_OK) << k << ": " << error;
  }
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(
      RdKafka::KafkaConsumer::create(conf.get(), error));
  EXPECT_NE(consumer, nullptr) << error;
  if (consumer == nullptr) return tally;
  EXPECT_EQ(consumer->subscribe({topic}), RdKafka::ERR_NO_ERROR);
  absl::Time last_message = absl::Now();
  for (;;) {
    const absl::Time now = absl::Now();
    if (now - start > timeout) break;
    if (static_cast<int64_t>(tally.by_code.size()) >= expected && now - last_message > idle) {
      break;
    }
    std::unique_ptr<RdKafka::Message> m(consumer->consume(200));
    if (m->err() != RdKafka::ERR_NO_ERROR) continue;
    last_message = absl::Now();
    ++tally.topic_messages;
    std::string event_id, type;
    if (RdKafka::Headers* headers = m->headers(); headers != nullptr) {
      for (const RdKafka::Headers::Header& h : headers->get_all()) {
        if (h.value() == nullptr) continue;
        const std::string value(static_cast<const char*>(h.value()), h.value_size());
        if (h.key() == "event_id") event_id = value;
        if (h.key() == "event_type") type = value;
      }
    }
    if (event_id <= marker || type != kAcceptedType) continue;
    events::v1::Event e;
    v1::CommunicationAccepted accepted;
    if (!e.ParseFromArray(m->payload(), static_cast<int>(m->len())) ||
        !e.data().UnpackTo(&accepted)) {
      ADD_FAILURE() << "an undecodable CommunicationAccepted at offset " << m->offset();
      continue;
    }
    if (!wanted.contains(accepted.facts().code())) continue;
    Seen& seen = tally.by_code[accepted.facts().code()];
    ++seen.deliveries;
    seen.event_ids.insert(e.id());
  }
  consumer->close();
  tally.seconds = Seconds(start);
  return tally;
}

// A generated bulk file and what the test needs to know about it.
struct BulkFile {
  co::testing::GeneratorOptions options;
  std::string zip;
  int64_t xml_bytes = 0;
  std::set<std::string> companies;  // every company a record is filed for
};

// `deploy/infra.sh start kafka` when it leaves, if the test stopped it.
class KafkaGuard final {
 public:
  ~KafkaGuard() {
    if (stopped_) Start();
  }
  bool Stop() {
    stopped_ = true;
    return Shell(absl::StrCat(SourcePath("deploy/infra.sh"), " stop kafka")) == 0;
  }
  bool Start() {
    const bool ok = Shell(absl::StrCat(SourcePath("deploy/infra.sh"), " start kafka")) == 0;
    if (ok) stopped_ = false;
    return ok;
  }

 private:
  bool stopped_ = false;
};

class CommunicationsBulkIntegrationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress lines as they come, also into a file
    suite_start_ = absl::Now();
    pg_ = Env("SISL_TEST_PG_URL");
    kafka_ = Env("SISL_TEST_KAFKA");
    redis_ = Env("SISL_TEST_REDIS");
    const std::string& redis = redis_;
    ASSERT_FALSE(pg_.empty() || kafka_.empty() || redis.empty())
        << "run deploy/infra.sh up and source .run/infra/env (./sisl test does this)";
    marker_ = platform::NewUuidV7();
    const std::string run = absl::StrCat(getpid(), "_", absl::ToUnixMicros(absl::Now()));
    database_ = absl::StrCat("sisl_it_cobulk_", run);
    database_url_ = FreshDatabase(pg_, database_, "sisl");
    // This run's topics and groups: nothing published by earlier runs or other tests counts.
    topic_prefix_ = absl::StrCat(database_, ".");
    ASSERT_FALSE(database_url_.empty()) << "cannot create the " << database_ << " database";
    keys_ = platform::testing::TestKeys::Create();
    ASSERT_NE(keys_, nullptr) << "cannot generate the test keys";
    hasher_ = std::make_unique<platform::auth::PersonIdHasher>(keys_->person_id_key());
    const std::filesystem::path tmp = std::filesystem::temp_directory_path();
    spool_dir_ = (tmp / absl::StrCat("sisl-it-cobulk-spool-", run)).string();
    std::filesystem::create_directories(spool_dir_);
    grpc_ = absl::StrCat("127.0.0.1:", FreePort());
    std::map<std::string, std::string> env = {
        {"SISL_DATABASE_URL", database_url_},
        {"SISL_BUS_BOOTSTRAP_SERVERS", kafka_},
        {"SISL_CACHE_ADDRESS", redis},
        {"SISL_SERVICE_GRPC_ADDRESS", grpc_},
        {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())},
        {"SISL_BUS_GROUP_PREFIX", absl::StrCat(database_, ".")},
        {"SISL_BUS_TOPIC_PREFIX", topic_prefix_},
        {"SISL_COMMUNICATIONS_SPOOL_DIR", spool_dir_}};
    env.merge(keys_->Env(/*gateway=*/false));
    process_ = std::make_unique<ChildProcess>(
        BinaryPath("services/communications/sisl-communications"),
        std::vector<std::string>{"--config", SourcePath("deploy/config/communications.yaml")}, env,
        (tmp / absl::StrCat("sisl-it-cobulk-", run, ".log")).string());
    ASSERT_TRUE(StartService()) << "sisl-communications did not start; see "
                                << process_->log_path();
    auto db = platform::db::OpenDatabase(
        {.url = database_url_, .pool_size = 2, .schema = "communications"});
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = *std::move(db);
    // The service has migrated once its tables answer.
    bool migrated = false;
    for (int i = 0; i < 300 && !migrated; ++i) {
      migrated = Query("SELECT COUNT(*) FROM communications.delegation_replica").ok() &&
                 Query("SELECT COUNT(*) FROM communications.bulk_records").ok();
      if (!migrated) absl::SleepFor(absl::Milliseconds(100));
    }
    ASSERT_TRUE(migrated) << "the communications schema never appeared; see "
                          << process_->log_path();
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(-1);  // the CSV report of 100,000 records
    args.SetMaxSendMessageSize(-1);
    stub_ = v1::BulkUploadsService::NewStub(
        grpc::CreateCustomChannel(grpc_, grpc::InsecureChannelCredentials(), args));
    std::string error;
    observatory_ = ObservatoryProcess::Start({.pg_url = pg_,
                                              .database = database_ + "_obs",
                                              .kafka = kafka_,
                                              .redis = redis_,
                                              .topic_prefix = topic_prefix_,
                                              .group_prefix = absl::StrCat(database_, "."),
                                              .generation = "live"},
                                             *keys_, &error);
    ASSERT_NE(observatory_, nullptr) << error;
    std::printf("[cobulk] setup %.1f s: database %s, log %s\n", Seconds(suite_start_),
                database_.c_str(), process_->log_path().c_str());
  }

  static void TearDownTestSuite() {
    const absl::Time start = absl::Now();
    stub_.reset();
    observatory_.reset();
    if (process_) process_->Kill();
    db_.reset();
    if (!database_.empty() && Env("SISL_IT_KEEP_DATABASE").empty()) {
      DropDatabase(pg_, database_);
    }
    const double drop_s = Seconds(start);
    std::error_code ec;
    int64_t spooled = 0;
    if (!spool_dir_.empty()) spooled = std::filesystem::remove_all(spool_dir_, ec);
    std::printf(
        "[cobulk] teardown %.1f s (database dropped in %.1f s, %lld spool files removed); "
        "whole suite %.1f s\n",
        Seconds(start), drop_s, static_cast<long long>(spooled), Seconds(suite_start_));
    process_.reset();
    hasher_.reset();
    keys_.reset();
  }

  static bool StartService() {
    return process_->Start() && process_->WaitForGrpc(grpc_, std::chrono::seconds(60));
  }

  static absl::StatusOr<platform::db::Result> Query(
      const std::string& sql, const std::vector<platform::db::Value>& params = {}) {
    auto tx = db_->Begin();
    if (!tx.ok()) return tx.status();
    return (*tx)->Execute(sql, params);
  }

  // The first column of the first row of `sql` as an integer (-1 on error, with a failure).
  static int64_t Count(const std::string& sql,
                       const std::vector<platform::db::Value>& params = {}) {
    absl::StatusOr<platform::db::Result> r = Query(sql, params);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status();
    if (!r.ok() || r->rows.empty()) return -1;
    return r->rows.front().Int(0);
  }

  // Generates `kRecords` records of stream `seed` (a tenth invalid) into a batch XML file and
  // zips it; records the companies they are filed for.
  static BulkFile Generate(uint64_t seed) {
    BulkFile f;
    f.options = {.seed = seed,
                 .invalid_share = 0.1,
                 .today = platform::TodayInItaly(platform::SystemClock::Get())};
    const absl::Time start = absl::Now();
    co::testing::CommunicationGenerator gen(f.options);
    std::string xml;
    {
      co::xml::BatchXmlWriter writer(
          [&](absl::string_view bytes) { xml.append(bytes.data(), bytes.size()); });
      for (int i = 0; i < kRecords; ++i) {
        co::testing::GeneratedRecord r = gen.Next();
        f.companies.insert(co::FiledFor(r.communication));
        absl::Status st = writer.AddUnchecked(r.communication);
        if (!st.ok()) ADD_FAILURE() << "record " << i << " (" << r.fault << "): " << st;
      }
      EXPECT_TRUE(writer.Finish().ok());
    }
    f.xml_bytes = static_cast<int64_t>(xml.size());
    const double generated = Seconds(start);
    const absl::Time zip_start = absl::Now();
    f.zip = ZipOf(absl::StrCat("comunicazioni-", seed, ".xml"), xml);
    EXPECT_FALSE(f.zip.empty()) << "libzip could not build the file";
    std::printf(
        "[cobulk] seed %llu: %d records, %zu companies, XML %.1f MB in %.1f s, ZIP %.2f MB in "
        "%.1f s\n",
        static_cast<unsigned long long>(seed), kRecords, f.companies.size(),
        static_cast<double>(f.xml_bytes) / 1e6, generated, static_cast<double>(f.zip.size()) / 1e6,
        Seconds(zip_start));
    return f;
  }

  // The consultant holds an active delegation with the communications scope of every company,
  // as the replica would have it from enterprise's events.
  static void Grant(const std::set<std::string>& companies) {
    const std::string holder = hasher_->PersonId(kConsultant);
    const int64_t now = absl::ToUnixMicros(absl::Now());
    absl::Status st = platform::db::InTransaction(*db_, [&](platform::db::Transaction& tx) {
      for (const std::string& company : companies) {
        absl::StatusOr<platform::db::Result> r = tx.Execute(
            "INSERT INTO communications.delegation_replica (delegation_id, company,"
            " holder_person_id, kind, scopes, state, updated_at)"
            " VALUES ($1, $2, $3, 'consultant', 'communications', 'active', $4)"
            " ON CONFLICT (delegation_id) DO NOTHING",
            {absl::StrCat("it-cobulk-", company), company, holder, now});
        if (!r.ok()) return r.status();
      }
      return absl::OkStatus();
    });
    ASSERT_TRUE(st.ok()) << st;
  }

  static std::unique_ptr<grpc::ClientContext> As(const std::string& company,
                                                 absl::Duration deadline = absl::Seconds(30)) {
    const Caller consultant{.subject = hasher_->PersonId(kConsultant),
                            .role = Role::kConsultant,
                            .acting_for = company,
                            .scopes = {platform::auth::kScopeCommunications},
                            .company_role = "consultant",
                            .spid_level = 2};
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata(platform::auth::kTokenMetadataKey,
                     keys_->Token(consultant, "communications", absl::Minutes(5)));
    ctx->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    return ctx;
  }

  static absl::StatusOr<v1::BulkUpload> Upload(const BulkFile& f, const std::string& company,
                                               const std::string& name) {
    v1::CreateBulkUploadRequest request;
    request.set_request_id(absl::StrCat("it-cobulk-", platform::NewUuidV7()));
    request.set_file_name(name);
    request.set_content(f.zip);
    v1::CreateBulkUploadResponse response;
    const absl::Time start = absl::Now();
    grpc::Status st =
        stub_->CreateBulkUpload(As(company, absl::Minutes(2)).get(), request, &response);
    if (!st.ok()) {
      return absl::UnknownError(
          absl::StrCat("CreateBulkUpload: ", st.error_code(), " ", st.error_message()));
    }
    std::printf("[cobulk] uploaded %s (%.2f MB) in %.1f s: %s\n", name.c_str(),
                static_cast<double>(f.zip.size()) / 1e6, Seconds(start),
                response.bulk_upload().bulk_upload_id().c_str());
    return response.bulk_upload();
  }

  // Polls GetBulkUpload until `until` holds or `timeout` passes (the service may be down
  // meanwhile); prints progress every 10 s. Returns the last state read.
  static v1::BulkUpload WaitFor(const std::string& id, const std::string& company,
                                const std::function<bool(const v1::BulkUpload&)>& until,
                                absl::Duration timeout, absl::Duration poll,
                                const std::string& label) {
    const absl::Time start = absl::Now();
    absl::Time last_print = start;
    v1::BulkUpload last;
    while (absl::Now() - start < timeout) {
      v1::GetBulkUploadRequest request;
      request.set_bulk_upload_id(id);
      v1::GetBulkUploadResponse response;
      grpc::Status st =
          stub_->GetBulkUpload(As(company, absl::Seconds(10)).get(), request, &response);
      if (st.ok()) {
        last = response.bulk_upload();
        if (until(last)) return last;
        if (last.state() == v1::BULK_UPLOAD_STATE_FAILED) return last;
      }
      if (absl::Now() - last_print >= absl::Seconds(10)) {
        last_print = absl::Now();
        std::printf(
            "[cobulk] %s +%.0f s: %s %lld/%lld done, %lld accepted, %lld refused, "
            "%.0f records/s, eta %lld s%s\n",
            label.c_str(), Seconds(start), v1::BulkUploadState_Name(last.state()).c_str(),
            static_cast<long long>(last.records_done()),
            static_cast<long long>(last.records_total()), static_cast<long long>(last.accepted()),
            static_cast<long long>(last.refused()), last.records_per_second(),
            static_cast<long long>(last.eta_seconds()),
            st.ok() ? "" : absl::StrCat(" (", st.error_message(), ")").c_str());
        std::fflush(stdout);
      }
      absl::SleepFor(poll);
    }
    ADD_FAILURE() << label << ": not there after " << timeout << "; last state "
                  << last.ShortDebugString() << "; see " << process_->log_path();
    return last;
  }

  static bool Done(const v1::BulkUpload& u) { return u.state() == v1::BULK_UPLOAD_STATE_DONE; }

  static absl::StatusOr<std::string> ReportCsv(const std::string& id, const std::string& company) {
    v1::ExportBulkUploadReportCsvRequest request;
    request.set_bulk_upload_id(id);
    v1::ExportBulkUploadReportCsvResponse response;
    grpc::Status st =
        stub_->ExportBulkUploadReportCsv(As(company, absl::Minutes(2)).get(), request, &response);
    if (!st.ok()) return absl::UnknownError(st.error_message());
    return response.csv();
  }

  // The report holds every record exactly once: 1..kRecords, once each, and a header.
  static void ExpectCompleteCsv(const std::string& id, const std::string& company) {
    const absl::Time start = absl::Now();
    absl::StatusOr<std::string> csv = ReportCsv(id, company);
    ASSERT_TRUE(csv.ok()) << csv.status();
    const CsvRows rows = ParseCsv(*csv);
    EXPECT_EQ(rows.rows, kRecords + 1) << "report lines, header included";
    std::vector<int> seen(kRecords + 1, 0);
    int64_t out_of_range = 0, twice = 0;
    for (const std::string& field : rows.first_fields) {
      int64_t idx = 0;
      if (!absl::SimpleAtoi(field, &idx) || idx < 1 || idx > kRecords) {
        ++out_of_range;
        continue;
      }
      if (++seen[idx] > 1) ++twice;
    }
    EXPECT_EQ(out_of_range, 0);
    EXPECT_EQ(twice, 0);
    EXPECT_EQ(static_cast<int64_t>(rows.first_fields.size()), kRecords);
    std::printf("[cobulk] CSV report: %.1f MB, %lld rows (header included) in %.1f s\n",
                static_cast<double>(csv->size()) / 1e6, static_cast<long long>(rows.rows),
                Seconds(start));
  }

  // The codes of an upload's accepted records, from its report rows.
  static absl::flat_hash_set<std::string> AcceptedCodes(const std::string& id) {
    absl::flat_hash_set<std::string> codes;
    absl::StatusOr<platform::db::Result> r = Query(
        "SELECT code FROM communications.bulk_records WHERE upload_id = $1"
        " AND outcome = 'accepted'",
        {id});
    EXPECT_TRUE(r.ok()) << r.status();
    if (r.ok()) {
      for (const platform::db::Row& row : r->rows) codes.insert(row.Str(0));
    }
    return codes;
  }

  // The observatory has applied every event of the run's two communications topics exactly once
  // (its inbox holds as many events as the outbox published) and its staff tables count what
  // the generator's valid records say, by kind, province, month and sex.
  static void ExpectObservatoryCounts(const std::string& label) {
    const absl::Time start = absl::Now();
    ASSERT_GE(WaitForRelay(absl::Minutes(5)), 0) << "the outbox still has unsent rows";
    const int64_t published = Count(
        "SELECT COUNT(*) FROM communications.outbox WHERE topic IN"
        " ('sisl.communications.communications.v1', 'sisl.communications.relationships.v1')");
    const double applied_s =
        observatory_->WaitForApplied(published, absl::Seconds(2), absl::Minutes(5));
    const absl::StatusOr<int64_t> applied = observatory_->Applied();
    ASSERT_TRUE(applied.ok()) << applied.status();
    std::printf(
        "[cobulk] %s: observatory applied %lld events of %lld published, %.1f s after "
        "the outbox drained\n",
        label.c_str(), static_cast<long long>(*applied), static_cast<long long>(published),
        applied_s);
    EXPECT_EQ(*applied, published)
        << "events applied once each (see " << observatory_->process().log_path() << ")";
    const ExpectedFlows& want = observed_;
    auto table = [&](const std::string& indicator, const std::string& rows) {
      absl::StatusOr<observatory::v1::Table> t =
          observatory_->Staff(indicator, rows, "", want.first_month, want.last_month);
      EXPECT_TRUE(t.ok()) << t.status();
      std::map<std::string, int64_t> out;
      if (!t.ok()) return out;
      for (const auto& row : t->rows()) {
        if (row.total().value() != 0) {
          out[row.heading().code()] = static_cast<int64_t>(row.total().value());
        }
      }
      out["*"] = static_cast<int64_t>(t->totals().total().value());
      return out;
    };
    const std::map<std::string, std::string> indicators = {{"hire", "hires"},
                                                           {"extension", "extensions"},
                                                           {"transformation", "transformations"},
                                                           {"termination", "terminations"}};
    for (const auto& [kind, indicator] : indicators) {
      std::map<std::string, int64_t> by_province, by_month;
      for (const auto& [key, n] : want.by_kind_province) {
        if (key.first == kind) by_province[key.second] += n;
      }
      for (const auto& [key, n] : want.by_kind_month) {
        if (key.first == kind) by_month[key.second] += n;
      }
      const int64_t total = want.by_kind.contains(kind) ? want.by_kind.at(kind) : 0;
      by_province["*"] = total;
      by_month["*"] = total;
      EXPECT_EQ(table(indicator, "province"), by_province) << indicator << " by province";
      EXPECT_EQ(table(indicator, "month"), by_month) << indicator << " by month";
      std::printf("[cobulk] %s: observatory %s %lld (expected %lld)\n", label.c_str(),
                  indicator.c_str(), static_cast<long long>(table(indicator, "month")["*"]),
                  static_cast<long long>(total));
    }
    std::map<std::string, int64_t> by_sex = want.hires_by_sex;
    by_sex["*"] = want.by_kind.contains("hire") ? want.by_kind.at("hire") : 0;
    EXPECT_EQ(table("hires", "sex"), by_sex) << "hires by sex";
    std::printf("[cobulk] %s: observatory checked in %.1f s\n", label.c_str(), Seconds(start));
  }

  // Waits until the outbox has no unsent row; the seconds it took, or -1.
  static double WaitForRelay(absl::Duration timeout) {
    const absl::Time start = absl::Now();
    while (absl::Now() - start < timeout) {
      if (Count("SELECT COUNT(*) FROM communications.outbox WHERE sent_at IS NULL") == 0) {
        return Seconds(start);
      }
      absl::SleepFor(absl::Milliseconds(500));
    }
    return -1;
  }

  static absl::Time suite_start_;
  static std::string pg_, kafka_, redis_, marker_, database_, database_url_, spool_dir_, grpc_,
      topic_prefix_;
  // sisl-observatory on this run's topics, from the start; what it should count so far.
  static std::unique_ptr<ObservatoryProcess> observatory_;
  static ExpectedFlows observed_;
  static std::unique_ptr<platform::testing::TestKeys> keys_;
  static std::unique_ptr<platform::auth::PersonIdHasher> hasher_;
  static std::unique_ptr<ChildProcess> process_;
  static std::unique_ptr<platform::db::Database> db_;
  static std::unique_ptr<v1::BulkUploadsService::Stub> stub_;
  // Test A's upload (its codes are looked for on Kafka by test B too), "" when it did not run.
  static std::string upload_a_;
  static int64_t accepted_a_;
};

absl::Time CommunicationsBulkIntegrationTest::suite_start_;
std::string CommunicationsBulkIntegrationTest::pg_, CommunicationsBulkIntegrationTest::kafka_,
    CommunicationsBulkIntegrationTest::marker_, CommunicationsBulkIntegrationTest::database_,
    CommunicationsBulkIntegrationTest::database_url_, CommunicationsBulkIntegrationTest::spool_dir_,
    CommunicationsBulkIntegrationTest::grpc_, CommunicationsBulkIntegrationTest::redis_,
    CommunicationsBulkIntegrationTest::topic_prefix_;
std::unique_ptr<ObservatoryProcess> CommunicationsBulkIntegrationTest::observatory_;
ExpectedFlows CommunicationsBulkIntegrationTest::observed_;
std::unique_ptr<platform::testing::TestKeys> CommunicationsBulkIntegrationTest::keys_;
std::unique_ptr<platform::auth::PersonIdHasher> CommunicationsBulkIntegrationTest::hasher_;
std::unique_ptr<ChildProcess> CommunicationsBulkIntegrationTest::process_;
std::unique_ptr<platform::db::Database> CommunicationsBulkIntegrationTest::db_;
std::unique_ptr<v1::BulkUploadsService::Stub> CommunicationsBulkIntegrationTest::stub_;
std::string CommunicationsBulkIntegrationTest::upload_a_;
int64_t CommunicationsBulkIntegrationTest::accepted_a_ = 0;

TEST_F(CommunicationsBulkIntegrationTest, AHundredThousandRecordsMatchTheExpectedCountsExactly) {
  const absl::Time test_start = absl::Now();
  const BulkFile file = Generate(kSeedA);
  ASSERT_FALSE(file.zip.empty());
  ASSERT_LT(file.zip.size(), size_t{16} << 20) << "the gRPC message would exceed 16 MB";
  Grant(file.companies);
  const co::testing::ExpectedTotals expected = co::testing::ExpectedCounts(file.options, kRecords);
  const int64_t stored_before = Count("SELECT COUNT(*) FROM communications.communications");
  const std::string company = *file.companies.begin();

  absl::StatusOr<v1::BulkUpload> created = Upload(file, company, "comunicazioni-a.zip");
  ASSERT_TRUE(created.ok()) << created.status();
  const absl::Time processing = absl::Now();
  const v1::BulkUpload done =
      WaitFor(created->bulk_upload_id(), company, Done, kProcessingTimeout, absl::Seconds(1), "A");
  const double seconds = Seconds(processing);
  ASSERT_EQ(done.state(), v1::BULK_UPLOAD_STATE_DONE) << done.error();
  upload_a_ = done.bulk_upload_id();
  accepted_a_ = done.accepted();
  std::printf(
      "[cobulk] A: %d records in %.1f s (%.0f records/s as measured here, %.0f as the "
      "service reports); accepted %lld (expected %lld), refused %lld (expected %lld), "
      "with warnings %lld\n",
      kRecords, seconds, kRecords / seconds, done.records_per_second(),
      static_cast<long long>(done.accepted()), static_cast<long long>(expected.accepted),
      static_cast<long long>(done.refused()), static_cast<long long>(expected.refused),
      static_cast<long long>(done.with_warnings()));

  EXPECT_EQ(done.records_total(), kRecords);
  EXPECT_EQ(done.records_done(), kRecords);
  EXPECT_EQ(done.accepted(), expected.accepted);
  EXPECT_EQ(done.refused(), expected.refused);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.communications") - stored_before,
            done.accepted());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.bulk_records WHERE upload_id = $1",
                  {done.bulk_upload_id()}),
            kRecords);
  ExpectCompleteCsv(done.bulk_upload_id(), company);
  observed_.Add(ExpectedFlowsOf(file.options, kRecords));
  ExpectObservatoryCounts("A");
  std::printf("[cobulk] A took %.1f s\n", Seconds(test_start));
}

TEST_F(CommunicationsBulkIntegrationTest,
       KilledMidUploadAndKafkaRestartedEveryRecordIsFiledAndPublishedExactlyOnce) {
  const absl::Time test_start = absl::Now();
  const BulkFile file = Generate(kSeedB);
  ASSERT_FALSE(file.zip.empty());
  ASSERT_LT(file.zip.size(), size_t{16} << 20) << "the gRPC message would exceed 16 MB";
  Grant(file.companies);
  const co::testing::ExpectedTotals expected = co::testing::ExpectedCounts(file.options, kRecords);
  const std::string company = *file.companies.begin();

  absl::StatusOr<v1::BulkUpload> created = Upload(file, company, "comunicazioni-b.zip");
  ASSERT_TRUE(created.ok()) << created.status();
  const std::string id = created->bulk_upload_id();
  const absl::Time processing = absl::Now();
  const v1::BulkUpload fifth = WaitFor(
      id, company, [](const v1::BulkUpload& u) { return u.records_done() >= kRecords / 5; },
      kProcessingTimeout, absl::Milliseconds(100), "B before the kill");
  ASSERT_GE(fifth.records_done(), kRecords / 5);
  ASSERT_NE(fifth.state(), v1::BULK_UPLOAD_STATE_DONE);

  // SIGKILL in the middle of a batch: once a fifth is done, at the next batch committed (the
  // processor is then inside a slice), 200 ms into the batch after it. Then the broker goes
  // away and comes back, then the service starts again.
  const v1::BulkUpload moving = WaitFor(
      id, company, [&](const v1::BulkUpload& u) { return u.records_done() > fifth.records_done(); },
      absl::Minutes(2), absl::Milliseconds(50), "B waiting for a batch");
  absl::SleepFor(absl::Milliseconds(200));
  const int64_t open_transactions = Count(
      "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
      " AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')");
  process_->Kill();
  const absl::Time killed = absl::Now();
  const int64_t done_at_kill =
      Count("SELECT records_done FROM communications.bulk_uploads WHERE id = $1", {id});
  const int64_t unsent_at_kill =
      Count("SELECT COUNT(*) FROM communications.outbox WHERE sent_at IS NULL");
  std::printf(
      "[cobulk] B: killed after %.1f s of processing with %lld records committed (%lld read "
      "250 ms before), %lld of its transactions open, %lld outbox rows unsent\n",
      absl::ToDoubleSeconds(killed - processing), static_cast<long long>(done_at_kill),
      static_cast<long long>(moving.records_done()), static_cast<long long>(open_transactions),
      static_cast<long long>(unsent_at_kill));
  EXPECT_LT(done_at_kill, kRecords);
  {
    KafkaGuard kafka;
    absl::Time t = absl::Now();
    ASSERT_TRUE(kafka.Stop());
    const double stop_s = Seconds(t);
    t = absl::Now();
    ASSERT_TRUE(kafka.Start());
    std::printf("[cobulk] B: Kafka stopped in %.1f s, started (answering) in %.1f s\n", stop_s,
                Seconds(t));
  }
  const absl::Time restart = absl::Now();
  ASSERT_TRUE(StartService()) << "sisl-communications did not start again; see "
                              << process_->log_path();
  std::printf("[cobulk] B: service answering %.1f s after the restart began\n", Seconds(restart));
  const v1::BulkUpload resumed = WaitFor(
      id, company, [&](const v1::BulkUpload& u) { return u.records_done() > done_at_kill; },
      absl::Minutes(2), absl::Milliseconds(200), "B resuming");
  std::printf("[cobulk] B: resumed %.1f s after the kill (lease 20 s)\n", Seconds(killed));
  ASSERT_GT(resumed.records_done(), done_at_kill);
  const v1::BulkUpload done =
      WaitFor(id, company, Done, kProcessingTimeout, absl::Seconds(1), "B after the restart");
  ASSERT_EQ(done.state(), v1::BULK_UPLOAD_STATE_DONE) << done.error();
  std::printf(
      "[cobulk] B: done %.1f s after the upload, %.1f s after the kill; accepted %lld "
      "(expected %lld), refused %lld (expected %lld)\n",
      Seconds(processing), Seconds(killed), static_cast<long long>(done.accepted()),
      static_cast<long long>(expected.accepted), static_cast<long long>(done.refused()),
      static_cast<long long>(expected.refused));

  // Every record in the report exactly once.
  EXPECT_EQ(done.records_total(), kRecords);
  EXPECT_EQ(done.records_done(), kRecords);
  EXPECT_EQ(done.accepted() + done.refused(), kRecords);
  EXPECT_EQ(done.accepted(), expected.accepted);
  EXPECT_EQ(done.refused(), expected.refused);
  absl::StatusOr<platform::db::Result> report = Query(
      "SELECT COUNT(*), COUNT(DISTINCT idx), MIN(idx), MAX(idx),"
      " SUM(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END),"
      " COUNT(DISTINCT CASE WHEN outcome = 'accepted' THEN code END)"
      " FROM communications.bulk_records WHERE upload_id = $1",
      {id});
  ASSERT_TRUE(report.ok()) << report.status();
  const platform::db::Row& row = report->rows.front();
  EXPECT_EQ(row.Int(0), kRecords) << "report rows";
  EXPECT_EQ(row.Int(1), kRecords) << "distinct record indexes";
  EXPECT_EQ(row.Int(2), 1);
  EXPECT_EQ(row.Int(3), kRecords);
  EXPECT_EQ(row.Int(4), done.accepted()) << "accepted report rows";
  EXPECT_EQ(row.Int(5), done.accepted()) << "distinct codes of the accepted rows";
  ExpectCompleteCsv(id, company);

  // Every accepted record stored exactly once, nothing stored without its report row.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.bulk_records r"
                  " JOIN communications.communications c ON c.code = r.code"
                  " WHERE r.upload_id = $1 AND r.outcome = 'accepted'",
                  {id}),
            done.accepted());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.communications"),
            Count("SELECT COALESCE(SUM(accepted), 0) FROM communications.bulk_uploads"
                  " WHERE verify_only = 0"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.communications c WHERE NOT EXISTS"
                  " (SELECT 1 FROM communications.bulk_records r WHERE r.code = c.code)"),
            0)
      << "communications stored without a report row (filed twice?)";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications.outbox WHERE topic = $1"
                  " AND event_type = $2",
                  {std::string(kTopic), std::string(kAcceptedType)}),
            Count("SELECT COUNT(*) FROM communications.communications"))
      << "one CommunicationAccepted in the outbox per stored communication";

  // A downstream consumer from the beginning sees every accepted record of the run.
  const double relay_s = WaitForRelay(absl::Minutes(5));
  EXPECT_GE(relay_s, 0) << "the outbox still has unsent rows after 5 minutes";
  std::printf("[cobulk] B: outbox drained %.1f s after done\n", relay_s);
  const absl::flat_hash_set<std::string> codes_b = AcceptedCodes(id);
  ASSERT_EQ(static_cast<int64_t>(codes_b.size()), done.accepted());
  absl::flat_hash_set<std::string> wanted = codes_b;
  const absl::flat_hash_set<std::string> codes_a =
      upload_a_.empty() ? absl::flat_hash_set<std::string>() : AcceptedCodes(upload_a_);
  wanted.insert(codes_a.begin(), codes_a.end());
  const TopicTally tally =
      ReadAccepted(kafka_, topic_prefix_ + kTopic, marker_, wanted,
                   static_cast<int64_t>(wanted.size()), absl::Minutes(5), absl::Seconds(3));
  const CodesSeen b = Of(tally, codes_b);
  const CodesSeen a = Of(tally, codes_a);
  std::printf(
      "[cobulk] Kafka: read %lld messages from the beginning in %.1f s. B: %lld distinct "
      "codes of %lld accepted, %lld deliveries (%lld duplicates), %lld codes in more "
      "than one event. A: %lld distinct codes of %lld accepted, %lld deliveries (%lld "
      "duplicates), %lld codes in more than one event\n",
      static_cast<long long>(tally.topic_messages), tally.seconds,
      static_cast<long long>(b.distinct), static_cast<long long>(done.accepted()),
      static_cast<long long>(b.deliveries), static_cast<long long>(b.repeats),
      static_cast<long long>(b.in_several_events), static_cast<long long>(a.distinct),
      static_cast<long long>(codes_a.size()), static_cast<long long>(a.deliveries),
      static_cast<long long>(a.repeats), static_cast<long long>(a.in_several_events));
  EXPECT_EQ(b.distinct, done.accepted()) << "distinct accepted codes of B on Kafka";
  EXPECT_EQ(b.in_several_events, 0) << "codes of B published in more than one event";
  EXPECT_EQ(a.distinct, static_cast<int64_t>(codes_a.size()))
      << "distinct accepted codes of A on Kafka";
  EXPECT_EQ(a.in_several_events, 0) << "codes of A published in more than one event";
  // The observatory kept consuming through the kill and the broker's restart: exactly once.
  observed_.Add(ExpectedFlowsOf(file.options, kRecords));
  ExpectObservatoryCounts("B");
  std::printf("[cobulk] B took %.1f s\n", Seconds(test_start));
}

// Issue 15: the observatory's state is a function of the topics. Messages delivered again change
// nothing; a new generation on an empty database, replaying both topics from offset zero,
// arrives at the same cells as the live instance that followed A and B as they happened.
TEST_F(CommunicationsBulkIntegrationTest,
       ObservatoryReplayEqualsTheLiveStateAndRedeliveryChangesNothing) {
  ASSERT_NE(observatory_, nullptr);
  ASSERT_GE(WaitForRelay(absl::Minutes(5)), 0);
  const std::string communications_topic = topic_prefix_ + kTopic;
  const std::string relationships_topic = topic_prefix_ + "sisl.communications.relationships.v1";
  auto settle = [&](ObservatoryProcess& o, const std::string& label) {
    // Markers on every partition of both topics: once applied, so is everything before them.
    const absl::StatusOr<int64_t> before = o.Applied();
    EXPECT_TRUE(before.ok());
    const int64_t markers =
        PublishMarkers(kafka_, communications_topic) + PublishMarkers(kafka_, relationships_topic);
    EXPECT_GT(markers, 1);
    const double s = o.WaitForApplied(*before + markers, absl::Seconds(1), absl::Minutes(10));
    EXPECT_GE(s, 0) << label << ": the markers were not applied; see " << o.process().log_path();
    return s;
  };
  settle(*observatory_, "live");
  const absl::StatusOr<std::vector<std::string>> live = observatory_->Cells();
  ASSERT_TRUE(live.ok()) << live.status();
  ASSERT_GT(live->size(), 1000u);
  const absl::StatusOr<int64_t> applied = observatory_->Applied();
  ASSERT_TRUE(applied.ok());

  // Redelivery: 5,000 messages of each topic again, as they were.
  const int64_t copies = RepublishFirst(kafka_, communications_topic, 5000) +
                         RepublishFirst(kafka_, relationships_topic, 5000);
  EXPECT_EQ(copies, 10000);
  settle(*observatory_, "live after redelivery");
  const absl::StatusOr<std::vector<std::string>> after = observatory_->Cells();
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(*after == *live) << "redelivered events changed the cells";
  const absl::StatusOr<int64_t> applied_after = observatory_->Applied();
  std::printf("[cobulk] observatory: %lld events applied; %lld redelivered changed %s\n",
              static_cast<long long>(*applied), static_cast<long long>(copies),
              *after == *live ? "nothing" : "the cells");

  // Replay from offset zero into a new generation.
  std::string error;
  const absl::Time start = absl::Now();
  auto replay = ObservatoryProcess::Start({.pg_url = pg_,
                                           .database = database_ + "_replay",
                                           .kafka = kafka_,
                                           .redis = redis_,
                                           .topic_prefix = topic_prefix_,
                                           .group_prefix = absl::StrCat(database_, "."),
                                           .generation = "replay"},
                                          *keys_, &error);
  ASSERT_NE(replay, nullptr) << error;
  const double caught_up =
      replay->WaitForApplied(*applied_after, absl::Seconds(2), absl::Minutes(10));
  ASSERT_GE(caught_up, 0) << "the replay did not catch up; see " << replay->process().log_path();
  const double seconds = Seconds(start);
  settle(*replay, "replay");
  const absl::StatusOr<std::vector<std::string>> replayed = replay->Cells();
  ASSERT_TRUE(replayed.ok());
  EXPECT_EQ(replayed->size(), after->size());
  EXPECT_TRUE(*replayed == *after) << "the replay's cells differ from the live ones";
  std::printf(
      "[cobulk] observatory replay: %lld events from offset zero in %.1f s (%.0f events/s, "
      "start-up included), %zu cells, equal to the live state: %s\n",
      static_cast<long long>(*applied_after), seconds,
      static_cast<double>(*applied_after) / std::max(seconds, 0.001), replayed->size(),
      *replayed == *after ? "yes" : "NO");
}

}  // namespace
}  // namespace sisl::testing_env
