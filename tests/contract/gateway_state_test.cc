// The gateway's state on shared infrastructure: the session store on the cache port and the rate
// limiter, against the adapter named by SISL_CACHE_ADAPTER (memory: MemoryCache and
// MemoryRateLimiter; redis: RedisCache and RedisRateLimiter on SISL_TEST_REDIS=host:port, from
// deploy/infra.sh up; . .run/infra/env). The session store always runs on a fake clock (its
// timeouts are checked on read); with Redis the cache TTLs and the buckets' time are real.
#include <hiredis/hiredis.h>

#include <atomic>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gateway/ratelimit/memory_rate_limiter.h"
#include "gateway/ratelimit/rate_limit_policy.h"
#include "gateway/ratelimit/redis_rate_limiter.h"
#include "gateway/session/session_store.h"
#include "gtest/gtest.h"
#include "services/platform/cache/memory_cache.h"
#include "services/platform/cache/redis_cache.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "tests/contract/contract_env.h"

namespace sisl::gateway {
namespace {

using platform::ErrorReason;
using platform::FakeClock;
using platform::auth::Role;
using ratelimit::BucketSpec;
using ratelimit::Decision;
using session::NewSession;
using session::Session;
using session::SessionKey;
using testing_env::IsOk;

std::string Adapter() { return testing_env::EnvOr("SISL_CACHE_ADAPTER", "memory"); }

struct RedisAddress {
  std::string host;
  int port = 0;
};

RedisAddress RedisFromEnv() {
  const std::string address = testing_env::EnvOr("SISL_TEST_REDIS", "");
  std::pair<std::string, std::string> hp = absl::StrSplit(address, absl::MaxSplits(':', 1));
  RedisAddress out{hp.first, 0};
  if (address.empty() || !absl::SimpleAtoi(hp.second, &out.port)) {
    ADD_FAILURE() << "SISL_CACHE_ADAPTER=redis needs SISL_TEST_REDIS=host:port (run "
                     "deploy/infra.sh up, then source .run/infra/env)";
  }
  return out;
}

// Runs one command on its own connection; returns the integer reply (or -1).
long long RedisInteger(const RedisAddress& a, const std::string& command) {
  redisContext* c = redisConnect(a.host.c_str(), a.port);
  long long result = -1;
  if (c != nullptr && c->err == 0) {
    auto* reply = static_cast<redisReply*>(redisCommand(c, command.c_str()));
    if (reply != nullptr && reply->type == REDIS_REPLY_INTEGER) result = reply->integer;
    if (reply != nullptr) freeReplyObject(reply);
  }
  redisFree(c);
  return result;
}

template <typename T>
T OkValue(absl::StatusOr<T> v) {
  EXPECT_TRUE(v.ok()) << v.status();
  return v.ok() ? *std::move(v) : T{};
}

class GatewayStateTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    prefix_ = absl::StrCat("sisl:gw-test:", platform::NewUuidV7(), ":");
    if (redis()) {
      address_ = RedisFromEnv();
      platform::cache::RedisCache::Options options;
      options.host = address_.host;
      options.port = address_.port;
      options.key_prefix = prefix_;
      cache_ = std::make_unique<platform::cache::RedisCache>(options);
      limiter_ = MakeRedisLimiter();
    } else {
      cache_ = std::make_unique<platform::cache::MemoryCache>(
          platform::cache::MemoryCache::kDefaultMaxEntries, clock_);
      limiter_ = std::make_unique<ratelimit::MemoryRateLimiter>(clock_);
    }
    store_ = std::make_unique<session::SessionStore>(*cache_, clock_);
  }

  bool redis() const { return GetParam() == "redis"; }

  std::unique_ptr<ratelimit::RedisRateLimiter> MakeRedisLimiter() {
    ratelimit::RedisRateLimiter::Options options;
    options.redis.host = address_.host;
    options.redis.port = address_.port;
    options.key_prefix = prefix_;
    return std::make_unique<ratelimit::RedisRateLimiter>(options);
  }

  // Lets bucket time pass: the fake clock for memory, real time for Redis.
  void LetBucketTimePass(absl::Duration d) {
    if (redis()) {
      absl::SleepFor(d);
    } else {
      clock_.Advance(d);
    }
  }

  static NewSession Login(const std::string& session_index = "_idx-1") {
    NewSession n;
    n.subject_kind = session::SubjectKind::kStaff;
    n.fiscal_code = "RSSMRA85T10A562S";
    n.name = "Mario";
    n.family_name = "Rossi";
    n.email = "mario.rossi@example.it";
    n.provider = "spid";
    n.idp_entity_id = "https://idp.example.it";
    n.level = "https://www.spid.gov.it/SpidL2";
    n.name_id = "_name-id-1";
    n.session_index = session_index;
    n.available_roles = {{Role::kCitizen, "", "", "Cittadino"},
                         {Role::kOperator, "CPI-TO-15", "", "Operatore"}};
    return n;
  }

  std::optional<Session> GetOk(const std::string& id) {
    auto got = store_->Get(id);
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : std::nullopt;
  }

  bool RawPresent(const std::string& key) {
    auto got = cache_->Get(key);
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() && got->has_value();
  }

  FakeClock clock_{absl::FromUnixSeconds(1'772'000'000)};
  std::string prefix_;
  RedisAddress address_;
  std::unique_ptr<platform::cache::Cache> cache_;
  std::unique_ptr<ratelimit::RateLimiter> limiter_;
  std::unique_ptr<session::SessionStore> store_;
};

// ---- sessions --------------------------------------------------------------------------------

TEST_P(GatewayStateTest, CreatedSessionReadsBack) {
  auto created = store_->Create(Login());
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_TRUE(session::LooksLikeSessionId(created->id));
  EXPECT_EQ(created->csrf_token.size(), 43u);
  EXPECT_NE(created->csrf_token, created->id);
  EXPECT_EQ(created->created_at, clock_.Now());
  EXPECT_EQ(GetOk(created->id), *created);
}

TEST_P(GatewayStateTest, UnknownAndMalformedIdsAreAbsent) {
  EXPECT_EQ(GetOk(std::string(43, 'a')), std::nullopt);
  EXPECT_EQ(GetOk(""), std::nullopt);
  EXPECT_EQ(GetOk("../../etc/passwd"), std::nullopt);
}

TEST_P(GatewayStateTest, IdleSessionEndsAndIsDeleted) {
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  clock_.Advance(absl::Minutes(29));
  EXPECT_TRUE(GetOk(s->id).has_value());
  clock_.Advance(absl::Minutes(1));
  EXPECT_EQ(GetOk(s->id), std::nullopt);
  EXPECT_FALSE(RawPresent(SessionKey(s->id)));
  // The Single Logout index may outlive it (until the absolute timeout) but finds nothing.
  EXPECT_EQ(OkValue(store_->EndBySamlSubject(s->idp_entity_id, s->name_id, s->session_index)), 0);
}

TEST_P(GatewayStateTest, TouchKeepsASessionAliveAndWritesAtMostOncePerMinute) {
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  clock_.Advance(absl::Seconds(30));
  EXPECT_EQ(OkValue(store_->Touch(*s)), false);  // too soon: nothing written
  EXPECT_EQ(GetOk(s->id)->last_seen, s->created_at);
  clock_.Advance(absl::Minutes(20));
  EXPECT_EQ(OkValue(store_->Touch(*s)), true);
  EXPECT_EQ(GetOk(s->id)->last_seen, clock_.Now());
  clock_.Advance(absl::Minutes(29));  // 49.5 minutes after login, 29 after the touch
  EXPECT_TRUE(GetOk(s->id).has_value());
  clock_.Advance(absl::Minutes(1));
  EXPECT_EQ(GetOk(s->id), std::nullopt);
}

TEST_P(GatewayStateTest, AbsoluteTimeoutEndsEvenABusySession) {
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  for (int i = 0; i < 23; ++i) {  // touched every 20 minutes: 7h40m
    clock_.Advance(absl::Minutes(20));
    auto live = GetOk(s->id);
    ASSERT_TRUE(live.has_value()) << i;
    ASSERT_TRUE(store_->Touch(*live).ok());
  }
  clock_.Advance(absl::Minutes(10));  // 7h50m: the entry's TTL is now what is left, 10 minutes
  auto live = GetOk(s->id);
  ASSERT_TRUE(live.has_value());
  ASSERT_EQ(OkValue(store_->Touch(*live)), true);
  if (redis()) {
    const long long pttl =
        RedisInteger(address_, absl::StrCat("PTTL ", prefix_, SessionKey(s->id)));
    EXPECT_GT(pttl, 590'000);
    EXPECT_LE(pttl, 600'000);
  }
  clock_.Advance(absl::Minutes(10));
  if (!redis()) {
    EXPECT_FALSE(RawPresent(SessionKey(s->id)));  // the cache expired it by itself
  }
  EXPECT_EQ(GetOk(s->id), std::nullopt);
  EXPECT_EQ(store_->Touch(*live).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_P(GatewayStateTest, EntryTtlIsTheIdleTimeout) {
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  if (redis()) {
    const long long pttl =
        RedisInteger(address_, absl::StrCat("PTTL ", prefix_, SessionKey(s->id)));
    EXPECT_GT(pttl, 29 * 60'000);
    EXPECT_LE(pttl, 30 * 60'000);
  } else {
    clock_.Advance(absl::Minutes(30));
    EXPECT_FALSE(RawPresent(SessionKey(s->id)));
  }
}

TEST_P(GatewayStateTest, UpdateStoresTheSelectedRole) {
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(IsOk(session::SelectRole(*s, {Role::kOperator, "CPI-TO-15", "", ""})));
  clock_.Advance(absl::Seconds(5));
  ASSERT_TRUE(IsOk(store_->Update(*s)));
  auto back = GetOk(s->id);
  ASSERT_TRUE(back.has_value());
  ASSERT_TRUE(back->selected_role.has_value());
  EXPECT_EQ(back->selected_role->cpi_code, "CPI-TO-15");
  EXPECT_EQ(back->last_seen, clock_.Now());
  clock_.Advance(absl::Hours(9));
  EXPECT_EQ(ErrorReason(store_->Update(*s)), "SESSION_EXPIRED");
}

TEST_P(GatewayStateTest, LogoutDeletesSessionAndSamlIndex) {
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(IsOk(store_->Delete(s->id)));
  EXPECT_EQ(GetOk(s->id), std::nullopt);
  EXPECT_FALSE(RawPresent(session::SamlIndexKey(s->idp_entity_id, s->name_id, s->session_index)));
  EXPECT_EQ(OkValue(store_->EndBySamlSubject(s->idp_entity_id, s->name_id, s->session_index)), 0);
  EXPECT_TRUE(IsOk(store_->Delete(s->id)));
  EXPECT_TRUE(IsOk(store_->Delete("not-a-session")));
}

TEST_P(GatewayStateTest, IdpInitiatedLogoutEndsTheMatchingSessionOnly) {
  auto a = store_->Create(Login("_idx-a"));
  auto b = store_->Create(Login("_idx-b"));
  NewSession anonymous_idp = Login();
  anonymous_idp.name_id.clear();
  auto c = store_->Create(anonymous_idp);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(OkValue(store_->EndBySamlSubject(a->idp_entity_id, a->name_id, "_idx-a")), 1);
  EXPECT_EQ(GetOk(a->id), std::nullopt);
  EXPECT_TRUE(GetOk(b->id).has_value());
  EXPECT_TRUE(GetOk(c->id).has_value());
  EXPECT_EQ(OkValue(store_->EndBySamlSubject(a->idp_entity_id, a->name_id, "_idx-a")), 0);
  EXPECT_EQ(OkValue(store_->EndBySamlSubject("https://other-idp.example.it", b->name_id, "_idx-b")),
            0);
  EXPECT_EQ(OkValue(store_->EndBySamlSubject(a->idp_entity_id, "", "")), 0);
  clock_.Advance(absl::Hours(8));
  EXPECT_EQ(OkValue(store_->EndBySamlSubject(b->idp_entity_id, b->name_id, "_idx-b")),
            0);  // expired
}

TEST_P(GatewayStateTest, CorruptEntryIsDroppedAsAbsent) {
  const std::string id = *session::RandomToken();
  ASSERT_TRUE(IsOk(cache_->Set(SessionKey(id), "{not json", absl::Minutes(5))));
  EXPECT_EQ(GetOk(id), std::nullopt);
  EXPECT_FALSE(RawPresent(SessionKey(id)));
}

TEST_P(GatewayStateTest, ConcurrentLoginsGetDistinctSessions) {
  std::vector<std::thread> threads;
  absl::Mutex mu;
  std::set<std::string> ids;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto s = store_->Create(Login(absl::StrCat("_idx-", t, "-", i)));
        absl::MutexLock lock(&mu);
        if (s.ok()) ids.insert(s->id);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ids.size(), 100u);
}

// A cache whose every call fails, as RedisCache does while Redis is down.
class DownCache final : public platform::cache::Cache {
 public:
  absl::StatusOr<std::optional<std::string>> Get(const std::string&) override { return Down(); }
  absl::Status Set(const std::string&, const std::string&, absl::Duration) override {
    return Down();
  }
  absl::StatusOr<bool> SetIfAbsent(const std::string&, const std::string&,
                                   absl::Duration) override {
    return Down();
  }
  absl::Status Delete(const std::string&) override { return Down(); }
  absl::StatusOr<int64_t> Increment(const std::string&) override { return Down(); }
  absl::Status Ping() override { return Down(); }

 private:
  static absl::Status Down() {
    return platform::Error(absl::StatusCode::kUnavailable, "CACHE_UNAVAILABLE", "down");
  }
};

// A cache that runs an action (once) just before a Set of a matching key: a logout landing
// between a writer's tombstone check and its write.
class InterleavingCache final : public platform::cache::Cache {
 public:
  explicit InterleavingCache(platform::cache::Cache& inner) : inner_(inner) {}
  void BeforeSetOf(std::string key, std::function<void()> action) {
    BeforeSetOf([key](const std::string& k) { return k == key; }, std::move(action));
  }
  void BeforeSetOf(std::function<bool(const std::string&)> match, std::function<void()> action) {
    match_ = std::move(match);
    action_ = std::move(action);
  }
  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) override {
    return inner_.Get(key);
  }
  absl::Status Set(const std::string& key, const std::string& value,
                   absl::Duration ttl) override {
    if (action_ && match_(key)) std::exchange(action_, nullptr)();
    return inner_.Set(key, value, ttl);
  }
  absl::StatusOr<bool> SetIfAbsent(const std::string& key, const std::string& value,
                                   absl::Duration ttl) override {
    return inner_.SetIfAbsent(key, value, ttl);
  }
  absl::Status Delete(const std::string& key) override { return inner_.Delete(key); }
  absl::StatusOr<int64_t> Increment(const std::string& key) override {
    return inner_.Increment(key);
  }
  absl::Status Ping() override { return inner_.Ping(); }

 private:
  platform::cache::Cache& inner_;
  std::function<bool(const std::string&)> match_;
  std::function<void()> action_;
};

TEST_P(GatewayStateTest, AStaleTouchAfterLogoutDoesNotReviveTheSession) {
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  Session held = *s;  // a request that read the session before the logout
  ASSERT_TRUE(IsOk(store_->Delete(s->id)));
  EXPECT_TRUE(RawPresent(session::SessionTombstoneKey(s->id)));
  clock_.Advance(absl::Minutes(2));
  auto touched = store_->Touch(held);
  EXPECT_EQ(ErrorReason(touched.status()), "SESSION_ENDED");
  EXPECT_EQ(ErrorReason(store_->Update(held)), "SESSION_ENDED");
  EXPECT_EQ(ErrorReason(store_->Rotate(held)), "SESSION_ENDED");
  EXPECT_FALSE(RawPresent(SessionKey(s->id)));
  EXPECT_EQ(GetOk(s->id), std::nullopt);
}

TEST_P(GatewayStateTest, ALogoutLandingInsideATouchIsNotUndone) {
  InterleavingCache cache(*cache_);
  session::SessionStore store(cache, clock_);
  auto s = store.Create(Login());
  ASSERT_TRUE(s.ok());
  Session held = *s;
  // The touch checks the tombstone (none yet), then the logout runs, then the touch writes.
  cache.BeforeSetOf(SessionKey(s->id), [&] { ASSERT_TRUE(IsOk(store.Delete(s->id))); });
  clock_.Advance(absl::Minutes(2));
  auto touched = store.Touch(held);
  EXPECT_EQ(ErrorReason(touched.status()), "SESSION_ENDED");
  EXPECT_FALSE(RawPresent(SessionKey(s->id))) << "the touch revived a logged-out session";
  auto after = store.Get(s->id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after, std::nullopt);
}

TEST_P(GatewayStateTest, RotateMovesTheSessionToANewIdAndEndsTheOldOne) {
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  const std::string old_id = s->id;
  const std::string csrf = s->csrf_token;
  ASSERT_TRUE(IsOk(session::SelectRole(*s, {Role::kOperator, "CPI-TO-15", "", ""})));
  clock_.Advance(absl::Seconds(5));
  ASSERT_TRUE(IsOk(store_->Rotate(*s)));
  EXPECT_NE(s->id, old_id);
  EXPECT_TRUE(session::LooksLikeSessionId(s->id));
  EXPECT_EQ(s->csrf_token, csrf);
  EXPECT_EQ(GetOk(old_id), std::nullopt);
  auto back = GetOk(s->id);
  ASSERT_TRUE(back.has_value());
  ASSERT_TRUE(back->selected_role.has_value());
  EXPECT_EQ(back->selected_role->role, Role::kOperator);
  // Single Logout finds the new id.
  EXPECT_EQ(OkValue(store_->EndBySamlSubject(s->idp_entity_id, s->name_id, s->session_index)), 1);
  EXPECT_EQ(GetOk(s->id), std::nullopt);
}

TEST_P(GatewayStateTest, ALogoutRacingARoleChangeEndsBothIds) {
  InterleavingCache cache(*cache_);
  session::SessionStore store(cache, clock_);
  auto s = store.Create(Login());
  ASSERT_TRUE(s.ok());
  const std::string old_id = s->id;
  Session changing = *s;
  ASSERT_TRUE(IsOk(session::SelectRole(changing, {Role::kOperator, "CPI-TO-15", "", ""})));
  // The logout (another tab) lands between the rotation's check and its write of the new id.
  std::string new_key;
  cache.BeforeSetOf(
      [&](const std::string& key) {
        if (key.rfind("sess:", 0) != 0 || key == SessionKey(old_id)) return false;
        new_key = key;
        return true;
      },
      [&] { ASSERT_TRUE(IsOk(store.Delete(old_id))); });
  EXPECT_EQ(ErrorReason(store.Rotate(changing)), "SESSION_ENDED");
  EXPECT_EQ(changing.id, old_id) << "a failed rotation leaves the session as it was";
  ASSERT_FALSE(new_key.empty());
  EXPECT_FALSE(RawPresent(new_key)) << "the rotated session outlived the logout";
  EXPECT_FALSE(RawPresent(SessionKey(old_id)));
}

TEST_P(GatewayStateTest, WithdrawnStaffRolesLeaveLiveSessionsWithinTheRecheckInterval) {
  absl::Mutex mu;
  std::vector<session::AvailableRole> held = {{Role::kOperator, "CPI-TO-15", "", "Operatore"}};
  int lookups = 0;
  store_->SetRoleSource([&](const std::string& cf)
                            -> absl::StatusOr<std::vector<session::AvailableRole>> {
    absl::MutexLock lock(&mu);
    EXPECT_EQ(cf, "RSSMRA85T10A562S");
    ++lookups;
    return held;
  });
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(IsOk(session::SelectRole(*s, {Role::kOperator, "CPI-TO-15", "", ""})));
  ASSERT_TRUE(IsOk(store_->Update(*s)));
  // Within the interval: no lookup.
  clock_.Advance(absl::Seconds(10));
  ASSERT_TRUE(GetOk(s->id).has_value());
  EXPECT_EQ(lookups, 0);
  // The administrator removes the role.
  {
    absl::MutexLock lock(&mu);
    held.clear();
  }
  clock_.Advance(absl::Seconds(21));  // 31 s after the last check
  auto back = GetOk(s->id);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(lookups, 1);
  EXPECT_FALSE(back->selected_role.has_value()) << "the withdrawn role is still selected";
  ASSERT_EQ(back->available_roles.size(), 1u);
  EXPECT_EQ(back->available_roles[0].role, Role::kCitizen);
  EXPECT_EQ(back->roles_checked_at, clock_.Now());
  // Written back: the next read within the interval sees the same and asks nobody.
  clock_.Advance(absl::Seconds(5));
  auto again = GetOk(s->id);
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->selected_role.has_value());
  EXPECT_EQ(lookups, 1);
  // A citizen-only session is never re-checked.
  clock_.Advance(absl::Minutes(2));
  ASSERT_TRUE(GetOk(s->id).has_value());
  EXPECT_EQ(lookups, 1);
}

TEST_P(GatewayStateTest, ARoleThatIsStillHeldStaysSelectedAndNewOnesJoin) {
  store_->SetRoleSource([](const std::string&)
                            -> absl::StatusOr<std::vector<session::AvailableRole>> {
    return std::vector<session::AvailableRole>{{Role::kOperator, "CPI-TO-15", "", "Operatore"},
                                               {Role::kAdmin, "", "", "Amministratore"}};
  });
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(IsOk(session::SelectRole(*s, {Role::kOperator, "CPI-TO-15", "", ""})));
  ASSERT_TRUE(IsOk(store_->Update(*s)));
  clock_.Advance(absl::Seconds(45));
  auto back = GetOk(s->id);
  ASSERT_TRUE(back.has_value());
  ASSERT_TRUE(back->selected_role.has_value());
  EXPECT_EQ(back->selected_role->role, Role::kOperator);
  EXPECT_EQ(back->available_roles.size(), 3u);
}

TEST_P(GatewayStateTest, ARaisedRoleLevelUnselectsTheRoleAtTheNextCheck) {
  store_->SetRoleSource([](const std::string&)
                            -> absl::StatusOr<std::vector<session::AvailableRole>> {
    return std::vector<session::AvailableRole>{{Role::kOperator, "CPI-TO-15", "", "Operatore"}};
  });
  auto s = store_->Create(Login());  // SpidL2
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(IsOk(session::SelectRole(*s, {Role::kOperator, "CPI-TO-15", "", ""})));
  ASSERT_TRUE(IsOk(store_->Update(*s)));
  // The configuration now asks SpidL3 of operators (a restart with a new role_minimum_levels).
  auto levels = session::RoleLevels::Parse(2, "operator=3");
  ASSERT_TRUE(levels.ok());
  store_->SetRoleLevels(*levels);
  clock_.Advance(absl::Seconds(31));
  auto back = GetOk(s->id);
  ASSERT_TRUE(back.has_value());
  EXPECT_FALSE(back->selected_role.has_value());
  EXPECT_EQ(back->available_roles.size(), 2u);  // still offered; selecting it needs SpidL3
}

TEST_P(GatewayStateTest, AStaffSessionIsNotServedWhenItsRolesCannotBeChecked) {
  store_->SetRoleSource([](const std::string&)
                            -> absl::StatusOr<std::vector<session::AvailableRole>> {
    return absl::UnavailableError("database down");
  });
  auto s = store_->Create(Login());
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(GetOk(s->id).has_value());  // checked at login
  clock_.Advance(absl::Seconds(31));
  auto got = store_->Get(s->id);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(ErrorReason(got.status()), "STAFF_DIRECTORY_UNAVAILABLE");
  // Ending it needs no directory: logout reads with Peek, Single Logout too.
  auto peeked = store_->Peek(s->id);
  ASSERT_TRUE(peeked.ok()) << peeked.status();
  EXPECT_TRUE(peeked->has_value());
  EXPECT_EQ(OkValue(store_->EndBySamlSubject(s->idp_entity_id, s->name_id, s->session_index)), 1);
  EXPECT_FALSE(RawPresent(SessionKey(s->id)));
}

TEST_P(GatewayStateTest, CacheOutageIsSessionStoreUnavailable) {
  std::unique_ptr<platform::cache::Cache> down = std::make_unique<DownCache>();
  if (redis()) {
    platform::cache::RedisCache::Options options;
    options.port = testing_env::ClosedPort();
    down = std::make_unique<platform::cache::RedisCache>(options);
  }
  session::SessionStore store(*down, clock_);
  const std::string id = *session::RandomToken();
  Session s;
  s.id = id;
  s.created_at = s.last_seen = clock_.Now() - absl::Minutes(5);
  for (const absl::Status& st :
       {store.Create(Login()).status(), store.Get(id).status(), store.Touch(s).status(),
        store.Update(s), store.Rotate(s), store.Delete(id),
        store.EndBySamlSubject("idp", "n", "i").status()}) {
    EXPECT_EQ(st.code(), absl::StatusCode::kUnavailable) << st;
    EXPECT_EQ(ErrorReason(st), "SESSION_STORE_UNAVAILABLE") << st;
  }
}

// ---- rate limits -----------------------------------------------------------------------------

TEST_P(GatewayStateTest, BucketAllowsItsBurstThenRefuses) {
  const BucketSpec spec{0.01, 5};
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter_->Take("ip:192.0.2.1", spec)->allowed) << i;
  auto refused = limiter_->Take("ip:192.0.2.1", spec);
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_FALSE(refused->allowed);
  EXPECT_GT(refused->retry_after, absl::Seconds(90));
  EXPECT_LE(refused->retry_after, absl::Seconds(100));
  EXPECT_LT(refused->remaining, 0.01);
  EXPECT_TRUE(limiter_->Take("ip:192.0.2.2", spec)->allowed);
}

TEST_P(GatewayStateTest, BucketRefillsAtItsRate) {
  const BucketSpec spec{20, 1};
  ASSERT_TRUE(limiter_->Take("s:refill", spec)->allowed);
  auto refused = limiter_->Take("s:refill", spec);
  ASSERT_FALSE(refused->allowed);
  EXPECT_LE(refused->retry_after, absl::Milliseconds(50));
  LetBucketTimePass(refused->retry_after + absl::Milliseconds(5));
  EXPECT_TRUE(limiter_->Take("s:refill", spec)->allowed);
}

TEST_P(GatewayStateTest, TakeAllChargesAllBucketsOrNone) {
  const BucketSpec roomy{0.001, 10};
  const BucketSpec tight{0.001, 1};
  ASSERT_TRUE(limiter_->TakeAll({{"roomy", roomy, 3}, {"tight", tight, 1}})->allowed);
  auto d = limiter_->TakeAll({{"roomy", roomy, 1}, {"tight", tight, 1}});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_FALSE(d->allowed);
  EXPECT_EQ(d->limited_by, 1);
  auto rest = limiter_->Take("roomy", roomy, 7);  // 10 - 3: the refused request took nothing
  ASSERT_TRUE(rest.ok());
  EXPECT_TRUE(rest->allowed);
  EXPECT_NEAR(rest->remaining, 0, 0.01);
  EXPECT_TRUE(limiter_->TakeAll({})->allowed);
}

TEST_P(GatewayStateTest, ConcurrentTakesNeverExceedTheBurst) {
  const BucketSpec spec{0.001, 100};
  std::atomic<int> allowed = 0;
  std::atomic<int> errors = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        auto d = limiter_->TakeAll({{"ip:race", {1000, 1000}, 1}, {"sb:race", spec, 1}});
        if (!d.ok()) ++errors;
        if (d.ok() && d->allowed) ++allowed;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(allowed.load(), 100);
}

TEST_P(GatewayStateTest, InvalidBucketsAreRefused) {
  EXPECT_EQ(ErrorReason(limiter_->Take("k", {0, 1}).status()), "INVALID_BUCKET");
  EXPECT_EQ(ErrorReason(limiter_->Take("k", {1, 2}, 3).status()), "INVALID_BUCKET");
  EXPECT_EQ(ErrorReason(limiter_->TakeAll({{"k", {1, 1}, 1}, {"j", {1, -1}, 1}}).status()),
            "INVALID_BUCKET");
}

INSTANTIATE_TEST_SUITE_P(Adapter, GatewayStateTest, testing::Values(Adapter()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// Behaviour that exists only with a server: instantiated for Redis alone.
class RedisLimiterTest : public GatewayStateTest {};

TEST_P(RedisLimiterTest, ReplicasShareBuckets) {
  auto other_replica = MakeRedisLimiter();
  const BucketSpec spec{0.001, 2};
  EXPECT_TRUE(limiter_->Take("s:shared", spec)->allowed);
  EXPECT_TRUE(other_replica->Take("s:shared", spec)->allowed);
  EXPECT_FALSE(limiter_->Take("s:shared", spec)->allowed);
  EXPECT_FALSE(other_replica->Take("s:shared", spec)->allowed);
}

TEST_P(RedisLimiterTest, IdleBucketsExpire) {
  ASSERT_TRUE(limiter_->Take("ip:idle", {10, 2})->allowed);
  // One token to refill at 10/s: 100 ms, plus the 1 s margin.
  const long long pttl = RedisInteger(address_, absl::StrCat("PTTL ", prefix_, "ip:idle"));
  EXPECT_GT(pttl, 900);
  EXPECT_LE(pttl, 1100);
}

TEST_P(RedisLimiterTest, ReloadsTheScriptAfterScriptFlush) {
  ASSERT_TRUE(limiter_->Take("ip:flush", {1, 5})->allowed);
  ASSERT_EQ(RedisInteger(address_, "SCRIPT FLUSH"), -1);  // a status reply, "OK"
  auto d = limiter_->Take("ip:flush", {1, 5});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_TRUE(d->allowed);
  EXPECT_NEAR(d->remaining, 3, 0.1);
}

TEST_P(RedisLimiterTest, UnreachableRedisFailsFastWithUnavailable) {
  ratelimit::RedisRateLimiter::Options options;
  options.redis.port = testing_env::ClosedPort();
  ratelimit::RedisRateLimiter down(options);
  const absl::Time start = absl::Now();
  for (int i = 0; i < 100; ++i) {
    auto d = down.Take("ip:1", {1, 1});
    ASSERT_EQ(d.status().code(), absl::StatusCode::kUnavailable) << d.status();
    ASSERT_EQ(ErrorReason(d.status()), "RATE_LIMIT_UNAVAILABLE");
  }
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
}

TEST_P(RedisLimiterTest, OneRoundTripPerRequest) {
  ratelimit::RateLimitPolicy policy;
  const int n = 2000;
  const absl::Time start = absl::Now();
  for (int i = 0; i < n; ++i) {
    auto d = limiter_->TakeAll(policy.BucketsFor(ratelimit::RequestClass::kWrite,
                                                 absl::StrCat("10.0.0.", i % 200), "session-1"));
    ASSERT_TRUE(d.ok()) << d.status();
  }
  const double us = absl::ToDoubleMicroseconds(absl::Now() - start) / n;
  std::printf("redis TakeAll of 3 buckets: %.1f us per request (one thread)\n", us);
  EXPECT_LT(us, 5000);
}

std::vector<std::string> AdaptersWithServers() {
  return Adapter() == "redis" ? std::vector<std::string>{"redis"} : std::vector<std::string>{};
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(RedisLimiterTest);
INSTANTIATE_TEST_SUITE_P(Adapter, RedisLimiterTest, testing::ValuesIn(AdaptersWithServers()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace sisl::gateway
