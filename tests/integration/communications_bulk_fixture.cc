#include "tests/integration/communications_bulk_fixture.h"

#include <librdkafka/rdkafkacpp.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
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

namespace co = ::sisl::communications;
namespace v1 = ::sisl::communications::v1;
using platform::auth::Caller;
using platform::auth::Role;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

double Seconds(absl::Time since) { return absl::ToDoubleSeconds(absl::Now() - since); }

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

KafkaGuard::~KafkaGuard() {
  if (stopped_) Start();
}

bool KafkaGuard::Stop() {
  stopped_ = true;
  return Shell(absl::StrCat(SourcePath("deploy/infra.sh"), " stop kafka")) == 0;
}

bool KafkaGuard::Start() {
  const bool ok = Shell(absl::StrCat(SourcePath("deploy/infra.sh"), " start kafka")) == 0;
  if (ok) stopped_ = false;
  return ok;
}

void CommunicationsBulkFixture::SetUpTestSuite() {
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
  ASSERT_TRUE(StartService()) << "sisl-communications did not start; see " << process_->log_path();
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
  ASSERT_TRUE(migrated) << "the communications schema never appeared; see " << process_->log_path();
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

void CommunicationsBulkFixture::TearDownTestSuite() {
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

bool CommunicationsBulkFixture::StartService() {
  return process_->Start() && process_->WaitForGrpc(grpc_, std::chrono::seconds(60));
}

absl::StatusOr<platform::db::Result> CommunicationsBulkFixture::Query(
    const std::string& sql, const std::vector<platform::db::Value>& params) {
  auto tx = db_->Begin();
  if (!tx.ok()) return tx.status();
  return (*tx)->Execute(sql, params);
}

int64_t CommunicationsBulkFixture::Count(const std::string& sql,
                                         const std::vector<platform::db::Value>& params) {
  absl::StatusOr<platform::db::Result> r = Query(sql, params);
  EXPECT_TRUE(r.ok()) << sql << ": " << r.status();
  if (!r.ok() || r->rows.empty()) return -1;
  return r->rows.front().Int(0);
}

BulkFile CommunicationsBulkFixture::Generate(uint64_t seed, int records) {
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
    for (int i = 0; i < records; ++i) {
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
      static_cast<unsigned long long>(seed), records, f.companies.size(),
      static_cast<double>(f.xml_bytes) / 1e6, generated, static_cast<double>(f.zip.size()) / 1e6,
      Seconds(zip_start));
  return f;
}

void CommunicationsBulkFixture::Grant(const std::set<std::string>& companies) {
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

std::unique_ptr<grpc::ClientContext> CommunicationsBulkFixture::As(const std::string& company,
                                                                   absl::Duration deadline) {
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

absl::StatusOr<v1::BulkUpload> CommunicationsBulkFixture::Upload(const BulkFile& f,
                                                                 const std::string& company,
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

v1::BulkUpload CommunicationsBulkFixture::WaitFor(
    const std::string& id, const std::string& company,
    const std::function<bool(const v1::BulkUpload&)>& until, absl::Duration timeout,
    absl::Duration poll, const std::string& label) {
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
          static_cast<long long>(last.records_done()), static_cast<long long>(last.records_total()),
          static_cast<long long>(last.accepted()), static_cast<long long>(last.refused()),
          last.records_per_second(), static_cast<long long>(last.eta_seconds()),
          st.ok() ? "" : absl::StrCat(" (", st.error_message(), ")").c_str());
      std::fflush(stdout);
    }
    absl::SleepFor(poll);
  }
  ADD_FAILURE() << label << ": not there after " << timeout << "; last state "
                << last.ShortDebugString() << "; see " << process_->log_path();
  return last;
}

bool CommunicationsBulkFixture::Done(const v1::BulkUpload& u) {
  return u.state() == v1::BULK_UPLOAD_STATE_DONE;
}

absl::StatusOr<std::string> CommunicationsBulkFixture::ReportCsv(const std::string& id,
                                                                 const std::string& company) {
  v1::ExportBulkUploadReportCsvRequest request;
  request.set_bulk_upload_id(id);
  v1::ExportBulkUploadReportCsvResponse response;
  grpc::Status st =
      stub_->ExportBulkUploadReportCsv(As(company, absl::Minutes(2)).get(), request, &response);
  if (!st.ok()) return absl::UnknownError(st.error_message());
  return response.csv();
}

void CommunicationsBulkFixture::ExpectCompleteCsv(const std::string& id, const std::string& company,
                                                  int records) {
  const absl::Time start = absl::Now();
  absl::StatusOr<std::string> csv = ReportCsv(id, company);
  ASSERT_TRUE(csv.ok()) << csv.status();
  const CsvRows rows = ParseCsv(*csv);
  EXPECT_EQ(rows.rows, records + 1) << "report lines, header included";
  std::vector<int> seen(records + 1, 0);
  int64_t out_of_range = 0, twice = 0;
  for (const std::string& field : rows.first_fields) {
    int64_t idx = 0;
    if (!absl::SimpleAtoi(field, &idx) || idx < 1 || idx > records) {
      ++out_of_range;
      continue;
    }
    if (++seen[idx] > 1) ++twice;
  }
  EXPECT_EQ(out_of_range, 0);
  EXPECT_EQ(twice, 0);
  EXPECT_EQ(static_cast<int64_t>(rows.first_fields.size()), records);
  std::printf("[cobulk] CSV report: %.1f MB, %lld rows (header included) in %.1f s\n",
              static_cast<double>(csv->size()) / 1e6, static_cast<long long>(rows.rows),
              Seconds(start));
}

absl::flat_hash_set<std::string> CommunicationsBulkFixture::AcceptedCodes(const std::string& id) {
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

void CommunicationsBulkFixture::ExpectObservatoryCounts(const std::string& label) {
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
  EXPECT_EQ(*applied, published) << "events applied once each (see "
                                 << observatory_->process().log_path() << ")";
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

double CommunicationsBulkFixture::WaitForRelay(absl::Duration timeout) {
  const absl::Time start = absl::Now();
  while (absl::Now() - start < timeout) {
    if (Count("SELECT COUNT(*) FROM communications.outbox WHERE sent_at IS NULL") == 0) {
      return Seconds(start);
    }
    absl::SleepFor(absl::Milliseconds(500));
  }
  return -1;
}

}  // namespace sisl::testing_env
