// The public vacancy search's in-memory index on a real store: word beginnings, every filter,
// order and pages, upserts and removals, the same answers as the store's SQL on generated data
// (before and after changes and compaction), the manager's own steps applied at once, the
// service's events applied by another process's index, and the reconciler.
#include <array>
#include <random>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "services/enterprise/app/places.h"
#include "services/enterprise/app/vacancy_search_index.h"
#include "services/enterprise/enterprise_module.h"
#include "services/enterprise/events/enterprise_events.h"
#include "services/enterprise/events/vacancy_projection.h"
#include "services/platform/ids.h"
#include "services/platform/metrics.h"
#include "services/platform/outbox/dispatcher.h"
#include "services/platform/testing/module_fixture.h"
#include "services/platform/testing/status_matchers.h"
#include "services/reference/municipalities.h"
#include "sisl/enterprise/v1/vacancies.grpc.pb.h"
#include "sisl/events/v1/event.pb.h"
#include "tests/contract/enterprise_test_support.h"

namespace sisl::enterprise {
namespace {

using store::IndexedVacancy;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr int64_t kDay = 86'400'000'000;
constexpr int64_t kT0 = 1'796'000'000'000'000;  // December 2026

IndexedVacancy Entry(const std::string& id, int64_t at, const std::string& text,
                     const std::string& municipality = "001272") {
  const store::VacancyPlace place = PlaceOf(municipality);
  return {.id = id,
          .published_at_micros = at,
          .profession_code = "2.1.1.4.1",
          .province = place.province,
          .latitude = place.latitude,
          .longitude = place.longitude,
          .contract_type = "A.01.00",
          .working_time = "F",
          .l68_reserved = false,
          .search_text = text};
}

store::VacancySearch Words(std::vector<std::string> words) { return {.words = std::move(words)}; }

std::vector<std::string> Ids(const IndexPage& page) { return page.ids; }

class SearchIndexTest : public EnterpriseWorldTest {
 protected:
  void SetUp() override {
    EnterpriseWorldTest::SetUp();
    index_ = std::make_unique<VacancySearchIndex>(*db_);
    ASSERT_TRUE(companies_->Register(Citizen(rep_), {Acme(), "", ""}).ok());
    auto d = delegations_->Grant(company_, {"01234567897",
                                            DelegationKind::kDelegate,
                                            delegate_,
                                            std::nullopt,
                                            {DelegationScope::kVacancies},
                                            absl::CivilDay(2026, 12, 1),
                                            std::nullopt,
                                            "hr",
                                            ""});
    ASSERT_TRUE(d.ok()) << d.status();
  }

  IndexPage Find(const store::VacancySearch& s, size_t limit = 100,
                 std::optional<store::SearchCursor> after = std::nullopt) {
    return index_->Search(s, after, limit);
  }

  // A vacancy written with the store in `state` (published at `at` when published).
  std::string Stored(VacancyContent content, VacancyState state, int64_t at) {
    return Stored(*db_, std::move(content), state, at);
  }
  std::string Stored(platform::db::Database& db, VacancyContent content, VacancyState state,
                     int64_t at) {
    Vacancy v;
    v.id = platform::NewUuidV7(clock_);
    v.company = "01234567897";
    v.content = std::move(content);
    v.state = VacancyState::kApproved;
    const store::VacancyPlace place = PlaceOf(v.content.workplace_municipality);
    auto tx = db.Begin();
    EXPECT_TRUE(tx.ok());
    EXPECT_TRUE(store::VacancyStore::Insert(**tx, v, place, absl::FromUnixMicros(at)).ok());
    v.state = state;
    EXPECT_TRUE(store::VacancyStore::Update(**tx, v, place, absl::FromUnixMicros(at)).ok());
    EXPECT_TRUE((*tx)->Commit().ok());
    return v.id;
  }

  // Another process's change: the record and its columns, without telling the index.
  void SetState(const std::string& id, VacancyState state) {
    auto tx = db_->Begin();
    ASSERT_OK(tx);
    auto v = store::VacancyStore::Get(**tx, id);
    ASSERT_OK(v);
    v->vacancy.state = state;
    ASSERT_OK(store::VacancyStore::Update(**tx, v->vacancy,
                                          PlaceOf(v->vacancy.content.workplace_municipality),
                                          absl::FromUnixMicros(kT0 + kDay)));
    ASSERT_OK((*tx)->Commit());
  }

  // A vacancy published through the real steps (its publication day is today).
  std::string Published(VacancyManager& manager, VacancyContent content) {
    content.publication_date = absl::CivilDay(2026, 12, 10);
    auto v = manager.Create(delegate_caller_, content, "");
    EXPECT_TRUE(v.ok()) << v.status();
    EXPECT_TRUE(manager.Transition(delegate_caller_, v->vacancy.id, {VacancyAction::kSubmit}).ok());
    auto approved =
        manager.Transition(Operator(v->cpi_code), v->vacancy.id, {VacancyAction::kApprove});
    EXPECT_TRUE(approved.ok()) << approved.status();
    return v->vacancy.id;
  }

  const Caller company_ = ActingFor(rep_, "01234567897");
  const Caller delegate_caller_ = ActingFor(delegate_, "01234567897");
  const Caller torino_ = Operator("CPI-TO-15");
  std::unique_ptr<VacancySearchIndex> index_;
};

TEST_F(SearchIndexTest, EveryWordMustBeginAWordOfTheVacancy) {
  index_->Upsert(Entry("a", kT0 + 3, "sviluppatore software c sviluppo grpc"));
  index_->Upsert(Entry("b", kT0 + 2, "magazziniere gestione del magazzino"));
  index_->Upsert(Entry("c", kT0 + 1, "esercenti di locali notturni magazzino"));
  EXPECT_THAT(Ids(Find(Words({"svilupp"}))), ElementsAre("a"));
  EXPECT_THAT(Ids(Find(Words({"atore"}))), IsEmpty());  // inside a word: no longer a match
  EXPECT_THAT(Ids(Find(Words({"turni"}))), IsEmpty());
  EXPECT_THAT(Ids(Find(Words({"magazz"}))), ElementsAre("b", "c"));
  EXPECT_THAT(Ids(Find(Words({"magazzino", "nott"}))), ElementsAre("c"));
  EXPECT_THAT(Ids(Find(Words({"mag", "magazziniere"}))), ElementsAre("b"));
  EXPECT_THAT(Ids(Find(Words({"c"}))), ElementsAre("a"));
  EXPECT_THAT(Ids(Find(Words({"sviluppatore", "magazzino"}))), IsEmpty());
  EXPECT_THAT(Ids(Find(Words({"zzz"}))), IsEmpty());
  EXPECT_EQ(Find(Words({})).total, 3);
}

TEST_F(SearchIndexTest, EveryFilterAsTheStoreAppliesIt) {
  IndexedVacancy torino = Entry("t", kT0 + 4, "a", "001272");
  IndexedVacancy moncalieri = Entry("m", kT0 + 3, "a", "001156");
  moncalieri.profession_code = "8.1.3.1.0";
  moncalieri.contract_type = "A.02.00";
  IndexedVacancy alba = Entry("b", kT0 + 2, "a", "004003");
  alba.working_time = "P";
  alba.l68_reserved = true;
  alba.profession_code = "2.1.2.1.0";
  IndexedVacancy nowhere = Entry("x", kT0 + 1, "a", "999999");  // no place: no centroid
  for (const auto& v : {torino, moncalieri, alba, nowhere}) index_->Upsert(v);

  EXPECT_THAT(Ids(Find({.profession_prefix = "2.1"})), ElementsAre("t", "b", "x"));
  EXPECT_THAT(Ids(Find({.profession_prefix = "8"})), ElementsAre("m"));
  EXPECT_THAT(Ids(Find({.profession_prefix = "2.1.1.4.1"})), ElementsAre("t", "x"));
  EXPECT_THAT(Ids(Find({.profession_prefix = "2_1"})), ElementsAre("t", "b", "x"));  // LIKE's _
  EXPECT_THAT(Ids(Find({.profession_prefix = "%3.1"})), ElementsAre("m"));
  EXPECT_THAT(Ids(Find({.profession_prefix = "9"})), IsEmpty());
  EXPECT_THAT(Ids(Find({.province = "CN"})), ElementsAre("b"));
  EXPECT_THAT(Ids(Find({.province = "TO"})), ElementsAre("t", "m"));
  EXPECT_THAT(Ids(Find({.province = "XX"})), IsEmpty());
  EXPECT_THAT(Ids(Find({.contract_type = "A.02.00"})), ElementsAre("m"));
  EXPECT_THAT(Ids(Find({.working_time = "P"})), ElementsAre("b"));
  EXPECT_THAT(Ids(Find({.l68_reserved = true})), ElementsAre("b"));
  EXPECT_THAT(Ids(Find({.province = "CN", .l68_reserved = true})), ElementsAre("b"));
  EXPECT_THAT(Ids(Find({.province = "TO", .working_time = "P"})), IsEmpty());

  const reference::Municipality* to = reference::Municipalities::Default().ByIstatCode("001272");
  ASSERT_TRUE(to != nullptr && to->location.has_value());
  auto around = [&](int km) {
    return Ids(
        Find({.latitude = to->location->lat, .longitude = to->location->lon, .radius_km = km}));
  };
  EXPECT_THAT(around(0), ElementsAre("t"));
  EXPECT_THAT(around(15), ElementsAre("t", "m"));
  EXPECT_THAT(around(60), ElementsAre("t", "m", "b"));
  EXPECT_THAT(around(-5), ElementsAre("t"));  // a negative radius counts as 0, as in SQL
}

TEST_F(SearchIndexTest, NewestFirstThenIdAndPagesAfterACursor) {
  index_->Upsert(Entry("v1", kT0, "x"));
  index_->Upsert(Entry("v3", kT0, "x"));
  index_->Upsert(Entry("v2", kT0, "x"));
  index_->Upsert(Entry("v0", kT0 + kDay, "x"));
  index_->Upsert(Entry("v9", kT0 - kDay, "x"));
  EXPECT_THAT(Ids(Find({})), ElementsAre("v0", "v3", "v2", "v1", "v9"));
  IndexPage first = Find({}, 2);
  EXPECT_THAT(first.ids, ElementsAre("v0", "v3"));
  EXPECT_EQ(first.total, 5);  // the total counts every match, not the page
  IndexPage second = Find({}, 2, store::SearchCursor{kT0, "v3"});
  EXPECT_THAT(second.ids, ElementsAre("v2", "v1"));
  EXPECT_EQ(second.total, 5);
  EXPECT_THAT(Ids(Find({}, 2, store::SearchCursor{kT0, "v1"})), ElementsAre("v9"));
  EXPECT_THAT(Ids(Find({}, 2, store::SearchCursor{kT0 - kDay, "v9"})), IsEmpty());
  // A cursor that is not an indexed vacancy still means "after this point".
  EXPECT_THAT(Ids(Find({}, 9, store::SearchCursor{kT0, "v25"})), ElementsAre("v2", "v1", "v9"));
}

TEST_F(SearchIndexTest, UpsertsReplaceAndRemovalsForgetInTheSegmentAndAfterIt) {
  // Two in the built segment, then changes on top of it, then the same after compaction.
  Stored(Developer(), VacancyState::kPublished, kT0);
  const std::string b = Stored(Developer(), VacancyState::kPublished, kT0 + 1);
  ASSERT_OK(index_->Load());
  ASSERT_EQ(index_->size(), 2u);
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round);
    EXPECT_EQ(Find(Words({"svilupp"})).total, 2);
    IndexedVacancy changed = Entry(b, kT0 + 1, "magazziniere");
    index_->Upsert(changed);
    index_->Upsert(changed);  // twice: still one
    EXPECT_EQ(index_->size(), 2u);
    EXPECT_EQ(Find(Words({"svilupp"})).total, 1);
    EXPECT_THAT(Ids(Find(Words({"magazz"}))), ElementsAre(b));
    index_->Upsert(Entry("new", kT0 + 5, "magazziniere notturno"));
    EXPECT_THAT(Ids(Find(Words({"magazz"}))), ElementsAre("new", b));
    EXPECT_THAT(Ids(Find(Words({"magazz"}), 1, store::SearchCursor{kT0 + 5, "new"})),
                ElementsAre(b));
    index_->Remove(b);
    index_->Remove("unknown");
    EXPECT_THAT(Ids(Find(Words({"magazz"}))), ElementsAre("new"));
    EXPECT_EQ(index_->size(), 2u);
    const store::PublishedSummary summary = index_->Summary();
    EXPECT_EQ(summary.count, 2);
    EXPECT_EQ(summary.max_published_at_micros, kT0 + 5);
    ASSERT_OK(index_->Compact());
    EXPECT_THAT(Ids(Find(Words({"magazz"}))), ElementsAre("new"));
    EXPECT_EQ(index_->Summary(), summary);
    index_->Remove("new");
    index_->Upsert(Entry(b, kT0 + 1, "sviluppatore"));
  }
  EXPECT_GT(index_->MemoryBytes(), 0u);
}

// ---- the same answers as the store's SQL -------------------------------------------------------

class SameAnswersTest : public SearchIndexTest {
 protected:
  void SetUp() override {
    SearchIndexTest::SetUp();
    indexed_ = std::make_unique<VacancyManager>(Deps{*db_, *committer_, clock_, hasher_});
    indexed_->AttachSearchIndex(index_.get());
  }

  // Vacancies of every kind: words that begin others, ties of publication time, places
  // without a centroid, and some not published.
  std::vector<std::string> Generate(int n, uint32_t seed) {
    static const char* kWords[] = {
        "sviluppatore", "sviluppo",  "magazzino",  "magazziniere", "turni",     "notturni",
        "cucina",       "cuoco",     "vendita",    "rivendita",    "montaggio", "smontaggio",
        "Torino",       "fattorino", "esperienza", "inglese",      "C++",       "Java",
        "contabilità",  "x1",        "2026",       "saldatura",    "a",         "àncora"};
    static const char* kPlaces[] = {"001272", "001156", "004003", "004078", "006003", "003106",
                                    "005005", "096004", "002158", "103072", "999999"};
    static const char* kProfessions[] = {"2.1.1.4.1", "2.1.1.5.1", "8.1.3.1.0",
                                         "5.2.2.1.0", "3.3.1.2.1", "6.2.3.1.1"};
    static const char* kContracts[] = {"A.01.00", "A.02.00", "A.03.09"};
    std::mt19937 rng(seed);
    auto pick = [&](auto& list) { return list[rng() % std::size(list)]; };
    std::vector<std::string> ids;
    for (int i = 0; i < n; ++i) {
      VacancyContent c = Developer();
      c.title = absl::StrCat(pick(kWords), " ", pick(kWords));
      c.description.clear();
      for (int w = static_cast<int>(rng() % 12); w >= 0; --w) {
        absl::StrAppend(&c.description, pick(kWords), rng() % 5 == 0 ? ", " : " ");
      }
      c.workplace_municipality = pick(kPlaces);
      c.profession_code = pick(kProfessions);
      c.contract_type = pick(kContracts);
      c.working_time = rng() % 3 == 0 ? "P" : "F";
      c.l68_reservation =
          std::array{L68Reservation::kNone, L68Reservation::kNone, L68Reservation::kDisabled,
                     L68Reservation::kProtected}[rng() % 4];
      const VacancyState state = rng() % 8 == 0
                                     ? std::array{VacancyState::kApproved, VacancyState::kSuspended,
                                                  VacancyState::kClosed}[rng() % 3]
                                     : VacancyState::kPublished;
      ids.push_back(Stored(c, state, kT0 + static_cast<int64_t>(rng() % 40) * 60'000'000));
    }
    return ids;
  }

  std::vector<PublicSearch> Queries() {
    std::vector<PublicSearch> out;
    for (const char* text : {"", "svilupp", "sviluppo", "magazz", "turni", "torino", "vendita",
                             "montaggio", "c", "C++ java", "x", "2026", "Contabilità",
                             "magazzino turni", "svil magazz", "a", "ancora", "inesistente"}) {
      out.push_back({.text = text});
    }
    for (const char* p : {"TO", "CN", "AL", "VB"}) out.push_back({.province = p});
    for (const char* p : {"2", "2.1", "2.1.1.4", "8.1.3", "5.2", "2_1", "7"}) {
      out.push_back({.profession_code = p});
    }
    for (int km : {0, 10, 30, 80}) out.push_back({.municipality = "001272", .radius_km = km});
    out.push_back({.municipality = "004003", .radius_km = 20});
    out.push_back({.contract_type = "A.03.09"});
    out.push_back({.working_time = "P"});
    out.push_back({.l68_reserved = true});
    out.push_back({.text = "magazz", .province = "TO", .working_time = "F"});
    out.push_back({.text = "sviluppatore", .profession_code = "2", .l68_reserved = true});
    out.push_back(
        {.text = "cu", .municipality = "001272", .radius_km = 50, .contract_type = "A.01.00"});
    return out;
  }

  // Every page of every query through both paths: the same records, totals and tokens (and
  // at least `least` records found in all).
  void ExpectSameAnswers(int least) {
    int sizes[] = {1, 4, 10, 50};
    int n = 0, found = 0;
    for (PublicSearch q : Queries()) {
      q.page_size = sizes[n++ % 4];
      SCOPED_TRACE(absl::StrCat("text=", q.text, " province=", q.province,
                                " profession=", q.profession_code, " municipality=", q.municipality,
                                " km=", q.radius_km, " size=", q.page_size));
      for (int page = 0; page < 12; ++page) {
        auto sql = vacancies_->Search(q);
        auto fast = indexed_->Search(q);
        ASSERT_TRUE(sql.ok() && fast.ok()) << sql.status() << fast.status();
        std::vector<std::string> sql_ids, fast_ids;
        for (const auto& v : sql->vacancies) sql_ids.push_back(v.vacancy.id);
        for (const auto& v : fast->vacancies) fast_ids.push_back(v.vacancy.id);
        ASSERT_EQ(fast_ids, sql_ids) << "page " << page;
        ASSERT_EQ(fast->total_size, sql->total_size);
        ASSERT_EQ(fast->next_page_token, sql->next_page_token);
        found += static_cast<int>(sql_ids.size());
        for (size_t i = 0; i < sql->vacancies.size(); ++i) {
          EXPECT_EQ(fast->vacancies[i].company_name, sql->vacancies[i].company_name);
          EXPECT_EQ(fast->vacancies[i].published_at, sql->vacancies[i].published_at);
        }
        if (sql->next_page_token.empty()) break;
        q.page_token = sql->next_page_token;
      }
    }
    EXPECT_GE(found, least);
  }

  std::unique_ptr<VacancyManager> indexed_;
};

TEST_F(SameAnswersTest, OnGeneratedDataBeforeAndAfterChangesAndCompaction) {
  const std::vector<std::string> ids = Generate(300, 11);
  ASSERT_OK(index_->Load());
  ExpectSameAnswers(1000);
  // Changes written to the store and re-read by the index: some withdrawn, some new.
  std::mt19937 rng(5);
  std::vector<std::string> touched;
  for (int i = 0; i < 40; ++i) {
    const std::string& id = ids[rng() % ids.size()];
    SetState(id, VacancyState::kSuspended);
    touched.push_back(id);
  }
  const std::vector<std::string> added = Generate(60, 12);
  touched.insert(touched.end(), added.begin(), added.end());
  ASSERT_OK(index_->Refresh(touched));
  ExpectSameAnswers(1000);
  ASSERT_OK(index_->Compact());
  ExpectSameAnswers(1000);
  auto tx = db_->Begin();
  ASSERT_OK(tx);
  auto summary = store::VacancyStore::SummarizePublished(**tx);
  ASSERT_OK(summary);
  EXPECT_EQ(*summary, index_->Summary());
}

TEST_F(SameAnswersTest, TheManagerAppliesItsOwnStepsAtOnce) {
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 10, 6, 0, 0), absl::UTCTimeZone()));
  ASSERT_OK(index_->Load());
  const std::string id = Published(*indexed_, Developer());
  auto found = [&] { return indexed_->Search({.text = "svilupp"}); };
  ASSERT_OK(found());
  EXPECT_EQ(found()->total_size, 1);
  ASSERT_OK(indexed_->Transition(delegate_caller_, id, {VacancyAction::kSuspend}));
  EXPECT_EQ(found()->total_size, 0);
  ASSERT_OK(indexed_->Transition(delegate_caller_, id, {VacancyAction::kResume}));
  EXPECT_EQ(found()->total_size, 1);
  ASSERT_OK(indexed_->Transition(delegate_caller_, id,
                                 {VacancyAction::kClose, {}, ClosureReason::kFilled}));
  EXPECT_EQ(found()->total_size, 0);
  // The schedule: published on its day, closed after its expiry.
  VacancyContent later = Developer();
  later.publication_date = absl::CivilDay(2026, 12, 12);
  later.expiry_date = absl::CivilDay(2026, 12, 20);
  auto v = indexed_->Create(delegate_caller_, later, "");
  ASSERT_OK(v);
  ASSERT_OK(indexed_->Transition(delegate_caller_, v->vacancy.id, {VacancyAction::kSubmit}));
  ASSERT_OK(indexed_->Transition(Operator(v->cpi_code), v->vacancy.id, {VacancyAction::kApprove}));
  EXPECT_EQ(found()->total_size, 0);
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 12, 6, 0, 0), absl::UTCTimeZone()));
  ASSERT_OK(indexed_->RunSchedule(100));
  EXPECT_EQ(found()->total_size, 1);
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 21, 6, 0, 0), absl::UTCTimeZone()));
  ASSERT_OK(indexed_->RunSchedule(100));
  EXPECT_EQ(found()->total_size, 0);
  EXPECT_EQ(index_->size(), 0u);
}

TEST_F(SameAnswersTest, AVacancyAnotherProcessClosedIsNotShownAndIsForgotten) {
  const std::string a = Stored(Developer(), VacancyState::kPublished, kT0);
  const std::string b = Stored(Developer(), VacancyState::kPublished, kT0 + 1);
  ASSERT_OK(index_->Load());
  SetState(b, VacancyState::kClosed);
  auto page = indexed_->Search({});
  ASSERT_OK(page);
  ASSERT_EQ(page->vacancies.size(), 1u);
  EXPECT_EQ(page->vacancies[0].vacancy.id, a);
  EXPECT_EQ(page->total_size, 1);
  EXPECT_EQ(index_->size(), 1u);
}

// ---- events and the reconciler -----------------------------------------------------------------

platform::bus::Message Delivered(const google::protobuf::Message& event) {
  sisl::events::v1::Event envelope;
  envelope.set_id(platform::NewUuidV7());
  envelope.set_type(event.GetDescriptor()->full_name());
  envelope.set_source("sisl-enterprise");
  envelope.mutable_data()->PackFrom(event);
  return {
      .topic = "sisl.enterprise.vacancies.v1", .key = "", .payload = envelope.SerializeAsString()};
}

TEST_F(SameAnswersTest, TheServicesEventsKeepAnotherProcesssIndexCurrent) {
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 10, 6, 0, 0), absl::UTCTimeZone()));
  ASSERT_OK(index_->Load());  // "the other process": its index hears of changes by events only
  platform::events::EventDispatcher dispatcher("enterprise-vacancy-search", nullptr, clock_);
  events::ProjectVacancySearch(dispatcher, *index_);
  EXPECT_EQ(dispatcher.Topics(), std::vector<std::string>{"sisl.enterprise.vacancies.v1"});
  auto step = [&](const std::string& id, VacancyAction action) {
    auto v = vacancies_->Get(torino_, id);
    EXPECT_TRUE(v.ok());
    auto event = events::VacancyStepEvent(v->first, action);
    EXPECT_NE(event, nullptr);
    platform::bus::Message m = Delivered(*event);
    EXPECT_OK(dispatcher.Handle(m));
    return m;
  };
  const std::string id = Published(*vacancies_, Developer());  // the manager without an index
  EXPECT_EQ(index_->size(), 0u);
  const platform::bus::Message published = step(id, VacancyAction::kPublish);
  EXPECT_THAT(Ids(Find(Words({"svilupp"}))), ElementsAre(id));
  ASSERT_OK(vacancies_->Transition(delegate_caller_, id, {VacancyAction::kSuspend}));
  step(id, VacancyAction::kSuspend);
  EXPECT_EQ(index_->size(), 0u);
  ASSERT_OK(vacancies_->Transition(delegate_caller_, id, {VacancyAction::kResume}));
  const platform::bus::Message resumed = step(id, VacancyAction::kResume);
  EXPECT_THAT(Ids(Find({})), ElementsAre(id));
  ASSERT_OK(vacancies_->Transition(delegate_caller_, id,
                                   {VacancyAction::kClose, {}, ClosureReason::kWithdrawn}));
  step(id, VacancyAction::kClose);
  EXPECT_EQ(index_->size(), 0u);
  // Redelivered or late events re-read the vacancy: they cannot bring a closed one back.
  ASSERT_OK(dispatcher.Handle(published));
  ASSERT_OK(dispatcher.Handle(resumed));
  EXPECT_EQ(index_->size(), 0u);
}

TEST_F(SameAnswersTest, TheReconcilerPicksUpWhatNoEventBrought) {
  ASSERT_OK(index_->Load());
  Generate(30, 3);
  ASSERT_EQ(index_->size(), 0u);
  index_->StartReconciling(absl::Milliseconds(20), absl::Hours(1));
  auto tx = db_->Begin();
  ASSERT_OK(tx);
  auto stored = store::VacancyStore::SummarizePublished(**tx);
  ASSERT_OK(stored);
  tx->reset();
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (index_->Summary() != *stored && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  index_->StopReconciling();
  EXPECT_EQ(index_->Summary(), *stored);
  EXPECT_EQ(static_cast<int64_t>(index_->size()), stored->count);
  ExpectSameAnswers(100);
}

// The module: loads its index at start, serves the public search from it, applies its own
// steps, reconciles rows written behind its back, and reports its size.
TEST_F(SearchIndexTest, TheModuleServesThePublicSearchFromItsIndex) {
  ASSERT_OK_AND_ASSIGN(auto served,
                       platform::testing::ModuleFixture::Start(EnterpriseModuleSpec()));
  auto& module = static_cast<EnterpriseModule&>(served->module());
  ASSERT_OK(module.companies().Register(Citizen(rep_), {Acme(), "", ""}));
  EXPECT_EQ(module.vacancy_search_index().size(), 0u);
  const std::string id = Stored(served->db(), Developer(), VacancyState::kPublished, kT0);
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (module.vacancy_search_index().size() == 0 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  ASSERT_EQ(module.vacancy_search_index().size(), 1u);
  auto stub = v1::VacanciesService::NewStub(served->channel());
  v1::SearchVacanciesRequest request;
  request.set_text("Svilupp");
  v1::SearchVacanciesResponse response;
  ASSERT_TRUE(stub->SearchVacancies(served->Anonymous().get(), request, &response).ok());
  ASSERT_EQ(response.vacancies_size(), 1);
  EXPECT_EQ(response.vacancies(0).vacancy_id(), id);
  EXPECT_EQ(response.total_size(), 1);
  EXPECT_TRUE(
      absl::StrContains(platform::MetricsRegistry::Global().Render(), "sisl_vacancy_index_size 1"));
  // Its own step reaches the search at once (the operator of the workplace's CPI).
  ASSERT_OK(module.vacancies().Transition(Operator("CPI-TO-15"), id, {VacancyAction::kSuspend}));
  response.Clear();
  ASSERT_TRUE(stub->SearchVacancies(served->Anonymous().get(), request, &response).ok());
  EXPECT_EQ(response.total_size(), 0);
}

}  // namespace
}  // namespace sisl::enterprise
