// booking_bench: throughput and latency of availability searches and bookings against a running
// booking service (sisl-allinone or sisl-booking) over gRPC, next to the equivalent query run
// directly on its store through the platform db adapter. Driven by run_booking_bench.sh; prints
// one tab-separated "ROW" line per measurement.
//
//   booking_bench --label=NAME --grpc=HOST:PORT --db=URL --private-key-file=PEM
//                 [--threads=16] [--seconds=10]
// (PEM: the Ed25519 key that signs internal tokens — the all-in-one's
// internal-token-ed25519.pem, or the internal-token.pem of `sisl-allinone keys`.)
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "services/reference/fiscal_code.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/db/database.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/status.h"
#include "sisl/booking/v1/appointments.grpc.pb.h"
#include "sisl/booking/v1/availability.grpc.pb.h"

namespace sisl::bench {
namespace {

namespace v1 = booking::v1;
using platform::db::Value;

constexpr char kService[] = "DID_PATTO";  // 24 h notice, 60-day horizon
constexpr char kProvince[] = "Torino";

enum class Outcome { kOk, kTaken, kError, kStop };

struct Stats {
  int64_t ok = 0, taken = 0, errors = 0;
  std::vector<int64_t> micros;  // of every answered call
  double seconds = 0;
};

// Calls `call(thread)` on `threads` threads until `duration` has passed or a call says kStop.
Stats Run(int threads, absl::Duration duration, const std::function<Outcome(int)>& call) {
  std::vector<Stats> per(threads);
  const absl::Time start = absl::Now();
  const absl::Time end = start + duration;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      while (absl::Now() < end) {
        const absl::Time t0 = absl::Now();
        const Outcome o = call(t);
        if (o == Outcome::kStop) break;
        per[t].micros.push_back(absl::ToInt64Microseconds(absl::Now() - t0));
        (o == Outcome::kOk ? per[t].ok : o == Outcome::kTaken ? per[t].taken : per[t].errors)++;
      }
    });
  }
  for (auto& th : pool) th.join();
  Stats all;
  all.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  for (Stats& s : per) {
    all.ok += s.ok;
    all.taken += s.taken;
    all.errors += s.errors;
    all.micros.insert(all.micros.end(), s.micros.begin(), s.micros.end());
  }
  std::sort(all.micros.begin(), all.micros.end());
  return all;
}

double Percentile(const Stats& s, double p) {
  if (s.micros.empty()) return 0;
  return s.micros[std::min(s.micros.size() - 1, static_cast<size_t>(s.micros.size() * p))] / 1e3;
}

void Report(const std::string& label, const std::string& what, const std::string& path,
            int threads, const Stats& s) {
  const int64_t calls = s.ok + s.taken + s.errors;
  std::printf("ROW\t%s\t%s\t%s\t%d\t%lld\t%.1f\t%.0f\t%.2f\t%.2f\t%lld\t%lld\n", label.c_str(),
              what.c_str(), path.c_str(), threads, static_cast<long long>(calls), s.seconds,
              calls / s.seconds, Percentile(s, 0.50), Percentile(s, 0.99),
              static_cast<long long>(s.errors), static_cast<long long>(s.taken));
  std::fflush(stdout);
}

// A valid fiscal code from `n`: letters, birth date (1950-1999) and Belfiore code.
std::string InventFiscalCode(uint64_t n) {
  std::string cf;
  for (int i = 0; i < 6; ++i, n /= 26) cf.push_back(static_cast<char>('A' + n % 26));
  absl::StrAppend(&cf, absl::Dec(50 + n % 50, absl::kZeroPad2));
  n /= 50;
  cf.push_back("ABCDEHLMPRST"[n % 12]);
  n /= 12;
  absl::StrAppend(&cf, absl::Dec(1 + n % 28, absl::kZeroPad2));
  n /= 28;
  cf.push_back(static_cast<char>('A' + n % 26));
  absl::StrAppend(&cf, absl::Dec(n / 26 % 1000, absl::kZeroPad3));
  cf.push_back(*reference::FiscalCodeCheckCharacter(cf));
  return cf;
}

class Bench {
 public:
  Bench(std::map<std::string, std::string> flags, platform::auth::TokenSigner signer)
      : flags_(std::move(flags)), tokens_(std::move(signer)) {
    absl::SimpleAtoi(flags_["threads"], &threads_);
    int seconds = 10;
    absl::SimpleAtoi(flags_["seconds"], &seconds);
    duration_ = absl::Seconds(seconds);
    absl::LoadTimeZone("Europe/Rome", &zone_);
  }

  int Main();

 private:
  std::shared_ptr<grpc::Channel> NewChannel() const {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // one connection per client thread
    return grpc::CreateCustomChannel(flags_.at("grpc"), grpc::InsecureChannelCredentials(), args);
  }
  // A search for the service in the province.
  template <typename Request>
  static Request Search() {
    Request req;
    req.set_service_code(kService);
    req.mutable_scope()->set_scope(v1::SEARCH_SCOPE_PROVINCE);
    req.mutable_scope()->set_province(kProvince);
    return req;
  }
  static v1::GetDayAvailabilityRequest DayRequest(absl::CivilDay day) {
    auto req = Search<v1::GetDayAvailabilityRequest>();
    req.set_date(absl::FormatCivilTime(day));
    return req;
  }
  static v1::GetMonthAvailabilityRequest MonthRequest(absl::CivilMonth month) {
    auto req = Search<v1::GetMonthAvailabilityRequest>();
    req.set_month(absl::StrFormat("%04d-%02d", month.year(), month.month()));
    return req;
  }
  // "$first,$first+1,..." for the sites, which Sql() appends to the other parameters.
  std::string SiteList(size_t first) const {
    std::vector<std::string> p;
    for (size_t i = 0; i < sites_.size(); ++i) p.push_back(absl::StrCat("$", first + i));
    return absl::StrJoin(p, ",");
  }
  Outcome Sql(const std::string& sql, std::vector<Value> params) {
    for (const std::string& s : sites_) params.emplace_back(s);
    auto tx = db_->Begin();
    if (!tx.ok()) return Outcome::kError;
    return (*tx)->Execute(sql, params).ok() ? Outcome::kOk : Outcome::kError;
  }
  Outcome Book(v1::AppointmentsService::Stub& stub, const std::string& slot_id, uint64_t person);
  std::vector<std::string> SeatsToBook();

  std::map<std::string, std::string> flags_;
  platform::auth::TokenSigner tokens_;
  int threads_ = 16;
  absl::Duration duration_;
  absl::TimeZone zone_;
  std::unique_ptr<platform::db::Database> db_;
  std::vector<std::string> sites_;
  std::vector<absl::CivilDay> days_;  // with free seats in the province
  std::vector<absl::CivilMonth> months_;
  std::atomic<int> errors_printed_{0};
};

Outcome Bench::Book(v1::AppointmentsService::Stub& stub, const std::string& slot_id,
                    uint64_t person) {
  v1::BookAppointmentRequest req;
  req.set_slot_id(slot_id);
  req.set_delivery_mode(v1::DELIVERY_MODE_IN_PERSON);
  req.mutable_citizen()->set_email(absl::StrCat("bench", person % 100000, "@example.org"));
  req.mutable_citizen()->set_domicile_municipality("001272");  // Torino
  grpc::ClientContext ctx;
  ctx.AddMetadata(platform::auth::kTokenMetadataKey,
                  tokens_.Sign({.subject = absl::StrCat("bench-citizen-", person),
                                .role = platform::auth::Role::kCitizen,
                                .fiscal_code = InventFiscalCode(person),
                                .spid_level = 2},
                               "booking"));
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  v1::BookAppointmentResponse resp;
  grpc::Status st = stub.BookAppointment(&ctx, req, &resp);
  if (st.ok()) return Outcome::kOk;
  const std::string reason = platform::ErrorReason(platform::FromGrpcStatus(st));
  if (reason == "SLOT_TAKEN") return Outcome::kTaken;
  if (errors_printed_++ < 5) {
    std::fprintf(stderr, "booking failed: %s %s\n", reason.c_str(), st.error_message().c_str());
  }
  return Outcome::kError;
}

// One entry per free seat of the service across the region, earliest first, within the horizon.
std::vector<std::string> Bench::SeatsToBook() {
  auto stub = v1::AvailabilityService::NewStub(NewChannel());
  const absl::Time now = absl::Now();
  std::vector<std::string> seats;
  for (absl::CivilDay d = absl::ToCivilDay(now, zone_) + 2;
       d < absl::ToCivilDay(now + absl::Hours(24 * 59), zone_); ++d) {
    v1::GetDayAvailabilityRequest req = DayRequest(d);
    req.mutable_scope()->Clear();
    req.mutable_scope()->set_scope(v1::SEARCH_SCOPE_REGION);
    v1::GetDayAvailabilityResponse resp;
    grpc::ClientContext ctx;
    if (!stub->GetDayAvailability(&ctx, req, &resp).ok()) continue;
    for (const v1::Slot& s : resp.slots()) {
      for (int i = 0; i < s.free_seats(); ++i) seats.push_back(s.id());
    }
  }
  return seats;
}

int Bench::Main() {
  const std::string label = flags_["label"];
  auto probe = NewChannel();
  if (!probe->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(120)))) {
    std::fprintf(stderr, "booking_bench: %s does not answer\n", flags_["grpc"].c_str());
    return 1;
  }
  auto db = platform::db::OpenDatabase(
      {.url = flags_["db"], .pool_size = threads_, .schema = "booking"});
  if (!db.ok()) {
    std::fprintf(stderr, "booking_bench: %s\n", db.status().ToString().c_str());
    return 1;
  }
  db_ = *std::move(db);
  if (auto tx = db_->Begin(); tx.ok()) {
    auto rows = (*tx)->Execute("SELECT site_code FROM offices WHERE province = $1 ORDER BY 1",
                               {std::string(kProvince)});
    if (rows.ok()) {
      for (const auto& r : rows->rows) sites_.push_back(r.Str(0));
    }
  }
  auto availability = v1::AvailabilityService::NewStub(probe);
  const absl::CivilMonth this_month(absl::ToCivilDay(absl::Now(), zone_));
  for (int m = 0; m < 3; ++m) {
    v1::GetMonthAvailabilityResponse resp;
    grpc::ClientContext ctx;
    if (!availability->GetMonthAvailability(&ctx, MonthRequest(this_month + m), &resp).ok()) {
      continue;
    }
    if (resp.days_size() > 0) months_.push_back(this_month + m);
    for (const auto& d : resp.days()) {
      absl::CivilDay day;
      if (absl::ParseCivilTime(d.date(), &day)) days_.push_back(day);
    }
  }
  if (days_.empty() || sites_.empty()) {
    std::fprintf(stderr, "booking_bench: no %s availability in %s: are the demo calendars "
                 "seeded?\n", kService, kProvince);
    return 1;
  }
  std::printf("%s: %zu sites in %s, %zu days with free seats in %zu months\n", label.c_str(),
              sites_.size(), kProvince, days_.size(), months_.size());

  std::vector<std::unique_ptr<v1::AvailabilityService::Stub>> search;
  for (int t = 0; t < threads_; ++t) {
    search.push_back(v1::AvailabilityService::NewStub(NewChannel()));
  }
  std::vector<uint64_t> n(threads_, 0);
  auto day_call = [&](int t) {
    v1::GetDayAvailabilityResponse resp;
    grpc::ClientContext ctx;
    const auto req = DayRequest(days_[n[t]++ % days_.size()]);
    return search[t]->GetDayAvailability(&ctx, req, &resp).ok() ? Outcome::kOk : Outcome::kError;
  };
  auto month_call = [&](int t) {
    v1::GetMonthAvailabilityResponse resp;
    grpc::ClientContext ctx;
    const auto req = MonthRequest(months_[n[t]++ % months_.size()]);
    return search[t]->GetMonthAvailability(&ctx, req, &resp).ok() ? Outcome::kOk
                                                                  : Outcome::kError;
  };
  Run(threads_, absl::Seconds(1), day_call);  // warm-up: connections, caches
  Report(label, "day availability", "gRPC + index", threads_, Run(threads_, duration_, day_call));
  Report(label, "month availability", "gRPC + index", threads_,
         Run(threads_, duration_, month_call));

  const std::string day_sql = absl::StrCat(
      "SELECT id, site_code, start_at, end_at, local_start, capacity - booked FROM slots"
      " WHERE service_code = $1 AND local_day = $2 AND booked < capacity AND start_at >= $3"
      " AND site_code IN (", SiteList(4), ") ORDER BY start_at, site_code");
  const std::string month_sql = absl::StrCat(
      "SELECT local_day, SUM(capacity - booked) FROM slots WHERE service_code = $1"
      " AND local_day BETWEEN $2 AND $3 AND booked < capacity AND start_at >= $4"
      " AND site_code IN (", SiteList(5), ") GROUP BY local_day ORDER BY local_day");
  const int64_t not_before = absl::ToUnixMicros(absl::Now() + absl::Hours(24));
  Report(label, "day availability", "SQL on the store", threads_,
         Run(threads_, duration_, [&](int t) {
           return Sql(day_sql, {std::string(kService),
                                absl::FormatCivilTime(days_[n[t]++ % days_.size()]),
                                not_before});
         }));
  Report(label, "month availability", "SQL on the store", threads_,
         Run(threads_, duration_, [&](int t) {
           const absl::CivilMonth m = months_[n[t]++ % months_.size()];
           return Sql(month_sql, {std::string(kService), absl::FormatCivilTime(absl::CivilDay(m)),
                                  absl::FormatCivilTime(absl::CivilDay(m + 1) - 1), not_before});
         }));

  const std::vector<std::string> seats = SeatsToBook();
  std::printf("%s: %zu free seats to book\n", label.c_str(), seats.size());
  std::vector<std::unique_ptr<v1::AppointmentsService::Stub>> booking;
  for (int t = 0; t < threads_; ++t) {
    booking.push_back(v1::AppointmentsService::NewStub(NewChannel()));
  }
  std::atomic<size_t> next{0};
  const uint64_t run = std::mt19937_64(std::random_device{}())() >> 20;
  Report(label, "booking", "gRPC", threads_, Run(threads_, duration_, [&](int t) {
           const size_t i = next++;
           if (i >= seats.size()) return Outcome::kStop;
           return Book(*booking[t], seats[i], run * 1000000 + i);
         }));
  return 0;
}

}  // namespace
}  // namespace sisl::bench

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags = {{"threads", "16"}, {"seconds", "10"}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos) {
      std::fprintf(stderr, "booking_bench: bad argument %s (want --name=value)\n", argv[i]);
      return 2;
    }
    flags[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
  }
  std::stringstream pem;
  if (!flags["private-key-file"].empty()) pem << std::ifstream(flags["private-key-file"]).rdbuf();
  auto signer = sisl::platform::auth::TokenSigner::FromPrivateKeyPem(pem.str());
  if (flags["label"].empty() || flags["grpc"].empty() || flags["db"].empty() || !signer.ok()) {
    std::fprintf(stderr, "usage: booking_bench --label=NAME --grpc=HOST:PORT --db=URL "
                 "--private-key-file=PEM [--threads=16] [--seconds=10]\n");
    return 2;
  }
  return sisl::bench::Bench(std::move(flags), *std::move(signer)).Main();
}
