// observatory_bench, what reaches the observatory: the synthetic events produced straight to the
// run's topics (with the cell deltas the domain makes of them, for the baseline), and real hires
// filed through sisl-communications for the latency.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <map>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "services/observatory/domain/deltas.h"
#include "services/platform/bus/kafka_bus.h"
#include "services/platform/clock.h"
#include "services/platform/outbox/outbox.h"
#include "services/reference/code_lists.h"
#include "services/reference/municipalities.h"
#include "sisl/communications/v1/communication_events.pb.h"
#include "sisl/communications/v1/relationship_events.pb.h"
#include "tests/bench/bench_pg.h"
#include "tests/bench/observatory_bench.h"

namespace sisl::bench::obs {
namespace {

namespace cv1 = ::sisl::communications::v1;
namespace o = ::sisl::observatory;

constexpr char kCommunicationsTopic[] = "sisl.communications.communications.v1";
constexpr char kRelationshipsTopic[] = "sisl.communications.relationships.v1";

// consumers.cc's FactsOf: the facts of an event as the observatory reads them.
o::EmploymentFacts FactsOf(const cv1::CommunicationFacts& f) {
  o::EmploymentFacts out;
  switch (f.event()) {
    case cv1::COMMUNICATION_EVENT_HIRE:
      out.kind = o::FlowKind::kHire;
      break;
    case cv1::COMMUNICATION_EVENT_EXTENSION:
      out.kind = o::FlowKind::kExtension;
      break;
    case cv1::COMMUNICATION_EVENT_TRANSFORMATION:
      out.kind = o::FlowKind::kTransformation;
      break;
    case cv1::COMMUNICATION_EVENT_TERMINATION:
      out.kind = o::FlowKind::kTermination;
      break;
    default:
      break;
  }
  out.event_date = f.event_date();
  out.start_date = f.start_date();
  out.end_date = f.end_date();
  out.province = f.workplace_province();
  out.municipality = f.workplace_istat_code();
  out.ateco = f.ateco();
  out.contract_type = f.contract_type();
  out.working_time = f.working_time();
  out.sex = f.sex() == cv1::SEX_MALE ? "M" : f.sex() == cv1::SEX_FEMALE ? "F" : "";
  out.age_band = f.age_band();
  const cv1::CitizenshipGroup g = f.citizenship_group();
  out.citizenship_group = g == cv1::CITIZENSHIP_GROUP_ITALIAN  ? "italian"
                          : g == cv1::CITIZENSHIP_GROUP_EU     ? "eu"
                          : g == cv1::CITIZENSHIP_GROUP_NON_EU ? "non_eu"
                                                               : "";
  return out;
}

// Piedmont as the events describe it: 3,000 employers (each a workplace drawn by population and
// a level-6 ATECO code of each edition), contract types by their usual shares, people's groups.
class Facts final {
 public:
  explicit Facts(uint64_t seed) : rng_(seed) {
    std::vector<double> population;
    for (const reference::Municipality* m :
         reference::Municipalities::Default().InRegion("Piemonte")) {
      if (m->istat_code.empty()) continue;
      places_.push_back(m);
      population.push_back(static_cast<double>(m->population.value_or(100)));
    }
    std::discrete_distribution<size_t> place(population.begin(), population.end());
    std::map<std::string, std::vector<std::string>> by_division_2025;
    std::vector<std::string> codes_2007, codes_2025;
    for (const reference::CodeEntry& e : reference::Ateco2007().entries()) {
      if (e.level == 6) codes_2007.push_back(e.code);
    }
    for (const reference::CodeEntry& e : reference::Ateco2025().entries()) {
      if (e.level != 6) continue;
      codes_2025.push_back(e.code);
      by_division_2025[e.code.substr(0, 2)].push_back(e.code);
    }
    for (int i = 0; i < 3000; ++i) {
      Employer e;
      e.id = absl::StrFormat("%011d", 10000000000LL + 7919LL * i);
      e.place = places_[place(rng_)];
      e.ateco_2007 = codes_2007[Below(codes_2007.size())];
      if (reference::Ateco2025().Find(e.ateco_2007) != nullptr) {
        e.ateco_2025 = e.ateco_2007;
      } else if (auto it = by_division_2025.find(e.ateco_2007.substr(0, 2));
                 it != by_division_2025.end()) {
        e.ateco_2025 = it->second[Below(it->second.size())];
      } else {
        e.ateco_2025 = codes_2025[Below(codes_2025.size())];
      }
      employers_.push_back(std::move(e));
    }
    for (const reference::CodeEntry& e : reference::Cp2011Professions().entries()) {
      if (e.level == 6) professions_.push_back(e.code);
    }
    for (const reference::CodeEntry& e : reference::Ccnl().entries()) ccnl_.push_back(e.code);
    for (const reference::CodeEntry& e : reference::CoTerminationCauses().entries()) {
      causes_.push_back(e.code);
    }
    for (const auto& [code, weight] : kContracts) {
      if (reference::CoContractTypes().Find(code) == nullptr) {
        Say(absl::StrCat("contract type ", code, " is not in CoContractTypes()"));
      }
    }
    const absl::CivilMonth now(platform::TodayInItaly(platform::SystemClock::Get()));
    first_day_ = absl::CivilDay(now - 23);
    days_ = static_cast<int>(absl::CivilDay(now + 1) - first_day_);
  }

  // A communication of `event` (a hire, or acting on a relationship started before it).
  cv1::CommunicationFacts Make(cv1::CommunicationEvent event) {
    const int64_t n = ++made_;
    const absl::CivilDay day = first_day_ + static_cast<int>(Below(days_));
    const Employer& employer = employers_[static_cast<size_t>(employers_.size() * Uniform() *
                                                              Uniform())];  // big ones more
    cv1::CommunicationFacts f;
    f.set_code(absl::StrFormat("BN%014d", n));
    f.set_form(cv1::COMMUNICATION_FORM_UNILAV);
    f.set_nature(cv1::COMMUNICATION_NATURE_ORDINARY);
    f.set_event(event);
    f.set_event_date(absl::FormatCivilTime(day));
    f.set_relationship_id(absl::StrCat("bench-rel-", n));
    f.set_person_id(absl::StrFormat("%016x%016x", rng_(), rng_()));
    f.set_sex(Uniform() < 0.54 ? cv1::SEX_MALE : cv1::SEX_FEMALE);
    f.set_age_band(Pick(kAgeBands));
    const double c = Uniform();
    f.set_citizenship_group(c < 0.74   ? cv1::CITIZENSHIP_GROUP_ITALIAN
                            : c < 0.83 ? cv1::CITIZENSHIP_GROUP_EU
                                       : cv1::CITIZENSHIP_GROUP_NON_EU);
    f.set_employer_id(employer.id);
    f.set_ateco(&reference::AtecoInForce(day) == &reference::Ateco2025() ? employer.ateco_2025
                                                                         : employer.ateco_2007);
    std::string contract = Pick(kContracts);
    if (event == cv1::COMMUNICATION_EVENT_TRANSFORMATION) contract = "A.01.00";
    f.set_contract_type(contract);
    const bool part_time = Uniform() < 0.28;
    f.set_working_time(part_time ? "P" : "F");
    f.set_weekly_hours(part_time ? 20 : 40);
    f.set_profession(professions_[Below(professions_.size())]);
    f.set_ccnl(ccnl_[Below(ccnl_.size())]);
    const bool fixed_term = contract == "A.02.00" || contract == "A.02.01" ||
                            contract == "C.01.00" || contract == "H.02.00";
    absl::CivilDay start = day;
    if (event != cv1::COMMUNICATION_EVENT_HIRE) start = day - (30 + static_cast<int>(Below(400)));
    f.set_start_date(absl::FormatCivilTime(start));
    if (event == cv1::COMMUNICATION_EVENT_TERMINATION) {
      f.set_end_date(absl::FormatCivilTime(day));
      f.set_termination_cause(causes_[Below(causes_.size())]);
    } else if (fixed_term && event != cv1::COMMUNICATION_EVENT_TRANSFORMATION) {
      f.set_end_date(absl::FormatCivilTime(day + (30 + static_cast<int>(Below(510)))));
    }
    if (event == cv1::COMMUNICATION_EVENT_TRANSFORMATION) f.set_transformation_code("DI");
    const reference::Municipality& place = *employer.place;
    f.set_workplace_municipality_code(place.belfiore_code);
    f.set_workplace_istat_code(place.istat_code);
    f.set_workplace_province(place.province_code);
    return f;
  }

  // Hires 60%, terminations 21%, extensions 11%, transformations 8% (the generator's UNILAV
  // shares).
  cv1::CommunicationEvent Event() {
    const double u = Uniform();
    return u < 0.60   ? cv1::COMMUNICATION_EVENT_HIRE
           : u < 0.81 ? cv1::COMMUNICATION_EVENT_TERMINATION
           : u < 0.92 ? cv1::COMMUNICATION_EVENT_EXTENSION
                      : cv1::COMMUNICATION_EVENT_TRANSFORMATION;
  }

  std::string FirstMonth() const { return absl::FormatCivilTime(absl::CivilMonth(first_day_)); }
  size_t Places() const { return places_.size(); }

 private:
  struct Employer {
    std::string id, ateco_2007, ateco_2025;
    const reference::Municipality* place = nullptr;
  };
  using Weighted = std::vector<std::pair<std::string, double>>;
  inline static const Weighted kContracts = {{"A.02.00", 40},  {"A.01.00", 14}, {"A.05.02", 9},
                                             {"A.02.01", 5},   {"A.03.09", 5},  {"A.04.02", 4},
                                             {"C.01.00", 4},   {"B.03.00", 3},  {"H.02.00", 1},
                                             {"A.03.08", 0.5}, {"G.03.00", 1},  {"N.02.00", 0.5}};
  inline static const Weighted kAgeBands = {{"15-24", 18}, {"25-34", 27}, {"35-44", 21},
                                            {"45-54", 19}, {"55-64", 12}, {"65+", 3}};

  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  size_t Below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  const std::string& Pick(const Weighted& w) {
    double total = 0;
    for (const auto& [v, weight] : w) total += weight;
    double u = Uniform() * total;
    for (const auto& [v, weight] : w) {
      if ((u -= weight) < 0) return v;
    }
    return w.back().first;
  }

  std::mt19937_64 rng_;
  std::vector<const reference::Municipality*> places_;
  std::vector<Employer> employers_;
  std::vector<std::string> professions_, ccnl_, causes_;
  absl::CivilDay first_day_;
  int days_ = 0;
  int64_t made_ = 0;
};

void AppendCopyRows(const std::vector<o::CellDelta>& deltas, std::string& out, int64_t* rows) {
  for (const o::CellDelta& d : deltas) {
    absl::StrAppend(&out, o::CubeName(d.key.cube), "\t", d.key.month);
    for (const std::string& code : d.key.codes) {
      out += '\t';
      CopyField(out, code);
    }
    absl::StrAppend(&out, "\t", d.count, "\t", d.total, "\n");
    ++*rows;
  }
}

class DeliveryCounter final : public RdKafka::DeliveryReportCb {
 public:
  void dr_cb(RdKafka::Message& m) override {
    if (m.err() != RdKafka::ERR_NO_ERROR && failed_++ < 3) Say("delivery failed: " + m.errstr());
  }
  int64_t failed() const { return failed_; }

 private:
  int64_t failed_ = 0;
};

std::unique_ptr<RdKafka::Producer> NewProducer(const std::string& kafka,
                                               RdKafka::DeliveryReportCb* dr) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  for (const auto& [k, v] :
       std::map<std::string, std::string>{{"bootstrap.servers", kafka},
                                          {"enable.idempotence", "true"},
                                          {"acks", "all"},
                                          {"linger.ms", "20"},
                                          {"queue.buffering.max.messages", "200000"},
                                          {"queue.buffering.max.kbytes", "262144"}}) {
    if (conf->set(k, v, error) != RdKafka::Conf::CONF_OK) Say(k + ": " + error);
  }
  if (dr != nullptr) conf->set("dr_cb", dr, error);
  return std::unique_ptr<RdKafka::Producer>(RdKafka::Producer::create(conf.get(), error));
}

}  // namespace

bool ProduceEvents(Run& run, Produced* out) {
  auto bus = platform::bus::KafkaBus::Create(
      {.bootstrap_servers = run.Flag("kafka"), .topic_prefix = run.topic_prefix});
  if (!bus.ok()) return Say(bus.status().ToString()), false;
  // Made with the cluster's defaults, as the services' own EnsureTopics makes them.
  if (absl::Status st = (*bus)->EnsureTopics({kCommunicationsTopic, kRelationshipsTopic});
      !st.ok()) {
    return Say(st.ToString()), false;
  }
  DeliveryCounter deliveries;
  std::unique_ptr<RdKafka::Producer> producer = NewProducer(run.Flag("kafka"), &deliveries);
  if (producer == nullptr) return Say("cannot make a Kafka producer"), false;
  Facts facts(static_cast<uint64_t>(run.Int("seed")));
  Kv("first_month", facts.FirstMonth());
  Kv("places", static_cast<double>(facts.Places()), 0);
  const int64_t total = run.Int("events");
  const platform::Clock& clock = platform::SystemClock::Get();
  int64_t bytes = 0;
  const absl::Time began = absl::Now();
  auto produce = [&](const std::string& topic, const std::string& key,
                     const google::protobuf::Message& event) {
    const sisl::events::v1::Event envelope = platform::outbox::MakeEvent(
        {.source = "sisl-communications", .topic = topic, .subject = key}, event, clock);
    const std::string payload = envelope.SerializeAsString();
    bytes += static_cast<int64_t>(payload.size());
    const std::string name = run.topic_prefix + topic;
    for (;;) {
      RdKafka::Headers* headers = RdKafka::Headers::create();
      headers->add("event_id", envelope.id());
      headers->add("event_type", envelope.type());
      const RdKafka::ErrorCode err =
          producer->produce(name, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                            const_cast<char*>(payload.data()), payload.size(), key.data(),
                            key.size(), 0, headers, nullptr);
      if (err == RdKafka::ERR_NO_ERROR) break;
      delete headers;
      if (err != RdKafka::ERR__QUEUE_FULL) return Say(RdKafka::err2str(err)), false;
      producer->poll(50);
    }
    producer->poll(0);
    return true;
  };
  for (int64_t i = 0; i < total; i += 2) {
    // An accepted communication, and a relationship opened (that of the communication when it is
    // a hire, as sisl-communications publishes them).
    cv1::CommunicationAccepted accepted;
    *accepted.mutable_facts() = facts.Make(facts.Event());
    if (!produce(kCommunicationsTopic, accepted.facts().person_id(), accepted)) return false;
    AppendCopyRows(o::FlowDeltas(FactsOf(accepted.facts()), +1), out->copy_rows, &out->delta_rows);
    if (i + 1 >= total) break;
    cv1::RelationshipChanged changed;
    *changed.mutable_facts() = accepted.facts().event() == cv1::COMMUNICATION_EVENT_HIRE
                                   ? accepted.facts()
                                   : facts.Make(cv1::COMMUNICATION_EVENT_HIRE);
    changed.set_relationship_id(changed.facts().relationship_id());
    changed.set_person_id(changed.facts().person_id());
    changed.set_state("open");
    if (changed.facts().end_date().empty()) ++out->open_ended;
    if (!produce(kRelationshipsTopic, changed.person_id(), changed)) return false;
    AppendCopyRows(o::StockDeltas(FactsOf(changed.facts()), +1), out->copy_rows, &out->delta_rows);
    if ((i + 2) % 200000 == 0) {
      Say(absl::StrFormat("%d events produced (%.0f s)", i + 2,
                          absl::ToDoubleSeconds(absl::Now() - began)));
    }
  }
  if (producer->flush(300000) != RdKafka::ERR_NO_ERROR || producer->outq_len() != 0) {
    return Say("Kafka did not take every event within 5 minutes"), false;
  }
  out->events = total;
  out->seconds = absl::ToDoubleSeconds(absl::Now() - began);
  out->megabytes = static_cast<double>(bytes) / 1e6;
  return deliveries.failed() == 0;
}

void DeleteTopics(const Run& run) {
  std::unique_ptr<RdKafka::Producer> producer = NewProducer(run.Flag("kafka"), nullptr);
  RdKafka::Metadata* raw = nullptr;
  if (producer == nullptr ||
      producer->metadata(true, nullptr, &raw, 10000) != RdKafka::ERR_NO_ERROR) {
    return Say("cannot list the topics to delete the run's own");
  }
  std::unique_ptr<RdKafka::Metadata> metadata(raw);
  std::vector<rd_kafka_DeleteTopic_t*> topics;
  for (const RdKafka::TopicMetadata* t : *metadata->topics()) {
    if (t->topic().rfind(run.topic_prefix, 0) == 0) {
      topics.push_back(rd_kafka_DeleteTopic_new(t->topic().c_str()));
    }
  }
  if (topics.empty()) return;
  rd_kafka_t* rk = producer->c_ptr();
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk);
  rd_kafka_DeleteTopics(rk, topics.data(), topics.size(), nullptr, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 30000);
  Say(absl::StrCat(event != nullptr && rd_kafka_event_error(event) == RD_KAFKA_RESP_ERR_NO_ERROR
                       ? "deleted "
                       : "could not delete ",
                   topics.size(), " topics of the run (", run.topic_prefix, "*)"));
  if (event != nullptr) rd_kafka_event_destroy(event);
  rd_kafka_queue_destroy(queue);
  rd_kafka_DeleteTopic_destroy_array(topics.data(), topics.size());
}

}  // namespace sisl::bench::obs
