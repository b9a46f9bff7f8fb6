#include "tests/integration/observatory_probe.h"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "services/communications/domain/communication.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/clock.h"
#include "services/platform/ids.h"
#include "services/platform/outbox/outbox.h"
#include "services/reference/municipalities.h"
#include "sisl/communications/v1/communication_events.pb.h"
#include "tests/integration/test_databases.h"

namespace sisl::testing_env {

namespace v1 = ::sisl::observatory::v1;
namespace co = ::sisl::communications;

std::unique_ptr<ObservatoryProcess> ObservatoryProcess::Start(
    const Options& options, const platform::testing::TestKeys& keys, std::string* error) {
  std::unique_ptr<ObservatoryProcess> p(new ObservatoryProcess());
  p->options_ = options;
  p->keys_ = &keys;
  p->database_url_ = FreshDatabase(options.pg_url, options.database, "sisl");
  if (p->database_url_.empty()) {
    *error = "cannot create the database " + options.database;
    return nullptr;
  }
  p->grpc_ = absl::StrCat("127.0.0.1:", FreePort());
  std::map<std::string, std::string> env = {
      {"SISL_DATABASE_URL", p->database_url_},
      {"SISL_BUS_BOOTSTRAP_SERVERS", options.kafka},
      {"SISL_BUS_TOPIC_PREFIX", options.topic_prefix},
      {"SISL_BUS_GROUP_PREFIX", options.group_prefix},
      {"SISL_CACHE_ADDRESS", options.redis},
      {"SISL_SERVICE_GRPC_ADDRESS", p->grpc_},
      {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())},
      {"SISL_OBSERVATORY_GENERATION", options.generation}};
  env.merge(keys.Env(/*gateway=*/false));
  const std::filesystem::path tmp = std::filesystem::temp_directory_path();
  p->process_ = std::make_unique<ChildProcess>(
      BinaryPath("services/observatory/sisl-observatory"),
      std::vector<std::string>{"--config", SourcePath("deploy/config/observatory.yaml")}, env,
      (tmp / absl::StrCat("sisl-it-", options.database, ".log")).string());
  if (!p->process_->Start() || !p->process_->WaitForGrpc(p->grpc_, std::chrono::seconds(60))) {
    *error = "sisl-observatory did not start; see " + p->process_->log_path();
    return nullptr;
  }
  auto db = platform::db::OpenDatabase(
      {.url = p->database_url_, .pool_size = 1, .schema = "observatory"});
  if (!db.ok()) {
    *error = db.status().ToString();
    return nullptr;
  }
  p->db_ = *std::move(db);
  p->stub_ = v1::IndicatorsService::NewStub(
      grpc::CreateChannel(p->grpc_, grpc::InsecureChannelCredentials()));
  return p;
}

ObservatoryProcess::~ObservatoryProcess() {
  stub_.reset();
  db_.reset();
  if (process_) process_->Kill();
  if (!database_url_.empty()) DropDatabase(options_.pg_url, options_.database);
}

absl::StatusOr<v1::Table> ObservatoryProcess::Staff(const std::string& indicator,
                                                    const std::string& rows,
                                                    const std::string& columns,
                                                    const std::string& from_month,
                                                    const std::string& to_month) const {
  v1::GetStaffIndicatorTableRequest r;
  r.set_indicator(indicator);
  r.set_rows(rows);
  r.set_columns(columns);
  r.set_from_month(from_month);
  r.set_to_month(to_month);
  r.set_page_size(1000);
  grpc::ClientContext context;
  context.AddMetadata(
      platform::auth::kTokenMetadataKey,
      keys_->Token({.subject = "op-it", .role = platform::auth::Role::kOperator}, "observatory"));
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::GetStaffIndicatorTableResponse out;
  grpc::Status st = stub_->GetStaffIndicatorTable(&context, r, &out);
  if (!st.ok()) return absl::UnknownError(st.error_message());
  return out.table();
}

absl::StatusOr<std::vector<std::string>> ObservatoryProcess::Cells() const {
  std::vector<std::string> out;
  absl::Status st = platform::db::InTransaction(*db_, [&](platform::db::Transaction& tx) {
    absl::StatusOr<platform::db::Result> r =
        tx.Execute("SELECT * FROM observatory.cells WHERE n <> 0 OR total <> 0");
    if (!r.ok()) return r.status();
    for (const platform::db::Row& row : r->rows) {
      std::vector<std::string> fields;
      for (size_t i = 0; i < r->columns.size(); ++i) fields.push_back(row.Str(i));
      out.push_back(absl::StrJoin(fields, "|"));
    }
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  std::sort(out.begin(), out.end());
  return out;
}

absl::StatusOr<int64_t> ObservatoryProcess::Applied() const {
  int64_t n = 0;
  absl::Status st = platform::db::InTransaction(*db_, [&](platform::db::Transaction& tx) {
    absl::StatusOr<platform::db::Result> r = tx.Execute("SELECT COUNT(*) FROM observatory.inbox");
    if (!r.ok()) return r.status();
    n = r->rows.front().Int(0);
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return n;
}

double ObservatoryProcess::WaitForApplied(int64_t at_least, absl::Duration quiet,
                                          absl::Duration timeout) const {
  const absl::Time start = absl::Now();
  int64_t last = -1;
  absl::Time last_change = start;
  while (absl::Now() - start < timeout) {
    absl::StatusOr<int64_t> n = Applied();
    if (n.ok() && *n != last) {
      last = *n;
      last_change = absl::Now();
    }
    if (last >= at_least && absl::Now() - last_change >= quiet) {
      return absl::ToDoubleSeconds(last_change - start);
    }
    absl::SleepFor(absl::Milliseconds(200));
  }
  return -1;
}

void ExpectedFlows::Add(const ExpectedFlows& other) {
  for (const auto& [k, v] : other.by_kind) by_kind[k] += v;
  for (const auto& [k, v] : other.by_kind_province) by_kind_province[k] += v;
  for (const auto& [k, v] : other.by_kind_month) by_kind_month[k] += v;
  for (const auto& [k, v] : other.hires_by_sex) hires_by_sex[k] += v;
  if (first_month.empty() || (!other.first_month.empty() && other.first_month < first_month)) {
    first_month = other.first_month;
  }
  last_month = std::max(last_month, other.last_month);
}

ExpectedFlows ExpectedFlowsOf(const co::testing::GeneratorOptions& options, int64_t n) {
  ExpectedFlows out;
  co::testing::CommunicationGenerator gen(options);
  for (int64_t i = 0; i < n; ++i) {
    const co::testing::GeneratedRecord r = gen.Next();
    if (!r.valid) continue;
    const co::Communication& c = r.communication;
    std::string kind;
    switch (c.event) {
      case co::EventKind::kHire:
      case co::EventKind::kMissionStart:
        kind = "hire";
        break;
      case co::EventKind::kExtension:
      case co::EventKind::kMissionExtension:
        kind = "extension";
        break;
      case co::EventKind::kTransformation:
        kind = "transformation";
        break;
      case co::EventKind::kTermination:
      case co::EventKind::kMissionTermination:
        kind = "termination";
        break;
      default:
        continue;
    }
    const absl::CivilDay day = co::EventDate(c);
    const std::string month = absl::FormatCivilTime(day).substr(0, 7);
    const std::string& place = c.mission && !c.mission->workplace.municipality_code.empty()
                                   ? c.mission->workplace.municipality_code
                                   : c.employer.workplace.municipality_code;
    const reference::Municipality* m =
        reference::Municipalities::Default().ByBelfioreOn(place, day);
    const std::string province = m == nullptr ? "" : m->province_code;
    ++out.by_kind[kind];
    ++out.by_kind_province[{kind, province}];
    ++out.by_kind_month[{kind, month}];
    if (kind == "hire") ++out.hires_by_sex[c.worker.sex == reference::Sex::kFemale ? "F" : "M"];
    if (out.first_month.empty() || month < out.first_month) out.first_month = month;
    out.last_month = std::max(out.last_month, month);
  }
  return out;
}

namespace {

std::unique_ptr<RdKafka::Conf> KafkaConf(const std::map<std::string, std::string>& properties) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  for (const auto& [k, v] : properties) conf->set(k, v, error);
  return conf;
}

// Produces and waits for every delivery; false if any failed.
bool ProduceAll(RdKafka::Producer& producer) {
  return producer.flush(30000) == RdKafka::ERR_NO_ERROR && producer.outq_len() == 0;
}

}  // namespace

int64_t RepublishFirst(const std::string& kafka, const std::string& topic, int64_t n) {
  std::string error;
  auto consumer_conf = KafkaConf({{"bootstrap.servers", kafka},
                                  {"group.id", "it-republish-" + platform::NewUuidV7()},
                                  {"auto.offset.reset", "earliest"},
                                  {"enable.auto.commit", "false"}});
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(
      RdKafka::KafkaConsumer::create(consumer_conf.get(), error));
  auto producer_conf = KafkaConf({{"bootstrap.servers", kafka}});
  std::unique_ptr<RdKafka::Producer> producer(
      RdKafka::Producer::create(producer_conf.get(), error));
  if (consumer == nullptr || producer == nullptr) return -1;
  consumer->subscribe({topic});
  int64_t sent = 0;
  const absl::Time deadline = absl::Now() + absl::Minutes(1);
  while (sent < n && absl::Now() < deadline) {
    std::unique_ptr<RdKafka::Message> m(consumer->consume(500));
    if (m->err() != RdKafka::ERR_NO_ERROR) continue;
    RdKafka::Headers* headers = RdKafka::Headers::create();
    if (RdKafka::Headers* h = m->headers(); h != nullptr) {
      for (const RdKafka::Headers::Header& header : h->get_all()) {
        headers->add(header.key(), header.value(), header.value_size());
      }
    }
    const RdKafka::ErrorCode err =
        producer->produce(topic, m->partition(), RdKafka::Producer::RK_MSG_COPY, m->payload(),
                          m->len(), m->key_pointer(), m->key_len(), 0, headers, nullptr);
    if (err != RdKafka::ERR_NO_ERROR) {
      delete headers;
      continue;
    }
    ++sent;
    producer->poll(0);
  }
  consumer->close();
  return ProduceAll(*producer) ? sent : -1;
}

int64_t PublishMarkers(const std::string& kafka, const std::string& topic) {
  std::string error;
  auto conf = KafkaConf({{"bootstrap.servers", kafka}});
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(conf.get(), error));
  if (producer == nullptr) return -1;
  std::unique_ptr<RdKafka::Topic> handle(
      RdKafka::Topic::create(producer.get(), topic, nullptr, error));
  RdKafka::Metadata* raw = nullptr;
  if (handle == nullptr ||
      producer->metadata(false, handle.get(), &raw, 10000) != RdKafka::ERR_NO_ERROR) {
    return -1;
  }
  std::unique_ptr<RdKafka::Metadata> metadata(raw);
  if (metadata->topics()->empty()) return -1;
  const int partitions = static_cast<int>(metadata->topics()->front()->partitions()->size());
  for (int p = 0; p < partitions; ++p) {
    communications::v1::CommunicationAccepted marker;
    marker.mutable_facts()->set_form(communications::v1::COMMUNICATION_FORM_VARDATORI);
    const sisl::events::v1::Event envelope =
        platform::outbox::MakeEvent({.source = "it-marker", .topic = topic, .subject = "marker"},
                                    marker, platform::SystemClock::Get());
    const std::string payload = envelope.SerializeAsString();
    RdKafka::Headers* headers = RdKafka::Headers::create();
    headers->add("event_id", envelope.id());
    headers->add("event_type", envelope.type());
    if (producer->produce(topic, p, RdKafka::Producer::RK_MSG_COPY,
                          const_cast<char*>(payload.data()), payload.size(), nullptr, 0, 0, headers,
                          nullptr) != RdKafka::ERR_NO_ERROR) {
      delete headers;
      return -1;
    }
  }
  return ProduceAll(*producer) ? partitions : -1;
}

}  // namespace sisl::testing_env
