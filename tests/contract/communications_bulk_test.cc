// Bulk uploads on a real store (SQLite and PostgreSQL): a generated file's report counts match
// the generator's expected accepted and refused counts exactly; a processor that stops after a
// batch (a crash) is resumed by another once its lease runs out, with no record lost or filed
// twice; the same file twice is refused; verify-only files nothing; a ZIP of files is read.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "services/communications/app/access.h"
#include "services/communications/app/bulk.h"
#include "services/communications/app/bulk_processor.h"
#include "services/communications/app/bulk_source.h"
#include "services/communications/app/filing_support.h"
#include "services/communications/domain/rules.h"
#include "services/communications/store/delegation_replica.h"
#include "services/communications/store/filing_store.h"
#include "services/communications/xml/co_xml.h"
#include "services/platform/clock.h"
#include "services/platform/db/migrations.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/outbox/committer.h"
#include "services/platform/testing/status_matchers.h"
#include "tests/contract/communications_test_support.h"
#include "tests/support/co_generator.h"
#include "zip.h"

namespace sisl::communications {
namespace {

using platform::testing::HasReason;
using platform::testing::IsOk;

class CommunicationsBulkTest : public CommunicationsWorldTest {
 protected:
  void SetUp() override {
    CommunicationsWorldTest::SetUp();
    uploads_ = std::make_unique<BulkUploads>(deps(), BulkLimits{});
  }

  testing::GeneratorOptions Options(uint64_t seed) const {
    return {.seed = seed, .invalid_share = 0.1, .today = platform::TodayInItaly(clock_)};
  }

  // The first `n` records of a stream as one batch file; the consultant is granted every
  // company they are filed for.
  std::string File(uint64_t seed, int n) {
    testing::CommunicationGenerator gen(Options(seed));
    std::string out;
    xml::BatchXmlWriter writer(
        [&](absl::string_view bytes) { out.append(bytes.data(), bytes.size()); });
    std::set<std::string> companies;
    for (int i = 0; i < n; ++i) {
      testing::GeneratedRecord r = gen.Next();
      companies.insert(FiledFor(r.communication));
      EXPECT_THAT(writer.AddUnchecked(r.communication), IsOk()) << "record " << i << " " << r.fault;
    }
    EXPECT_THAT(writer.Finish(), IsOk());
    for (const std::string& company : companies) Grant(company);
    company_ = *companies.begin();
    return out;
  }

  Caller Consultant() const { return ConsultantFor(company_); }

  // Runs `processor` until the upload is no longer queued or processing.
  store::BulkUploadRow Drain(BulkProcessor& processor, const std::string& id) {
    for (int i = 0; i < 10000; ++i) {
      processor.RunOnce();
      auto row = uploads_->Get(Consultant(), id);
      EXPECT_THAT(row.status(), IsOk());
      if (!row.ok() || (row->state != "queued" && row->state != "processing")) return *row;
    }
    ADD_FAILURE() << "the upload never finished";
    return {};
  }

  // Every row of `sql` on `db`.
  static std::vector<platform::db::Row> Rows(platform::db::Database& db, const std::string& sql) {
    std::vector<platform::db::Row> rows;
    EXPECT_THAT(platform::db::InTransaction(db,
                                            [&](platform::db::Transaction& tx) -> absl::Status {
                                              absl::StatusOr<platform::db::Result> r =
                                                  tx.Execute(sql);
                                              if (!r.ok()) return r.status();
                                              rows = std::move(r->rows);
                                              return absl::OkStatus();
                                            }),
                IsOk());
    return rows;
  }

  // Every row of `sql` on `db` as its values joined by "|".
  static std::vector<std::string> Texts(platform::db::Database& db, const std::string& sql) {
    std::vector<std::string> out;
    for (const platform::db::Row& r : Rows(db, sql)) {
      std::string line;
      for (size_t i = 0; i < r.values.size(); ++i) absl::StrAppend(&line, i ? "|" : "", r.Str(i));
      out.push_back(std::move(line));
    }
    return out;
  }

  // The rules of `findings` of one severity, space-separated, as the report has them.
  static std::string RuleCodes(const std::vector<Finding>& findings, Severity severity) {
    std::vector<std::string> codes;
    for (const Finding& f : findings) {
      if (f.severity == severity) codes.push_back(f.rule);
    }
    return absl::StrJoin(codes, " ");
  }

  static std::string Line(const std::string& outcome, const std::string& errors,
                          const std::string& warnings) {
    return absl::StrCat(outcome, " [", errors, "] [", warnings, "]");
  }

  // The first valid fixed-term hire of a stream.
  Communication ValidHire(uint64_t seed) const {
    testing::CommunicationGenerator gen(
        {.seed = seed, .invalid_share = 0, .today = platform::TodayInItaly(clock_)});
    for (;;) {
      testing::GeneratedRecord r = gen.Next();
      if (r.communication.form == Form::kUnilav && r.communication.event == EventKind::kHire &&
          r.communication.contract.contract_type == "A.02.00") {
        return r.communication;
      }
    }
  }

  void ExpectSameAsOneAtATime(const std::string& file);

  std::unique_ptr<BulkUploads> uploads_;
  std::string company_;
};

TEST_F(CommunicationsBulkTest, TheReportMatchesTheGeneratorsExpectedCountsExactly) {
  constexpr int kRecords = 1200;
  const std::string file = File(3, kRecords);
  auto created = uploads_->Create(Consultant(), "up-1", "lotto.xml", file, false);
  ASSERT_THAT(created.status(), IsOk());
  BulkProcessor processor(deps(), {.batch_size = 100});
  const store::BulkUploadRow done = Drain(processor, created->id);
  const testing::ExpectedTotals expected = testing::ExpectedCounts(Options(3), kRecords);
  EXPECT_EQ(done.state, "done") << done.error;
  EXPECT_EQ(done.records_total, kRecords);
  EXPECT_EQ(done.records_done, kRecords);
  EXPECT_EQ(done.accepted, expected.accepted);
  EXPECT_EQ(done.refused, expected.refused);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications"), expected.accepted);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE topic = "
                  "'sisl.communications.communications.v1'"),
            expected.accepted);
  auto csv = uploads_->ReportCsv(Consultant(), created->id, Language::kItalian);
  ASSERT_THAT(csv.status(), IsOk());
  const std::vector<std::string> lines = absl::StrSplit(*csv, '\n', absl::SkipEmpty());
  EXPECT_EQ(lines.size(), static_cast<size_t>(kRecords + 1));
  auto xml = uploads_->ReportXml(Consultant(), created->id, Language::kEnglish);
  ASSERT_THAT(xml.status(), IsOk());
  EXPECT_NE(xml->find("outcome=\"refused\""), std::string::npos);
  EXPECT_NE(xml->find("xml:lang=\"en\""), std::string::npos);
  // The messages in the language asked for: a refused record's first rule with its Italian
  // message in the Italian report and its English one in the English report.
  auto csv_en = uploads_->ReportCsv(Consultant(), created->id, Language::kEnglish);
  ASSERT_THAT(csv_en.status(), IsOk());
  const Rule* rule = nullptr;
  for (const std::string& line : lines) {
    const std::vector<std::string> fields = absl::StrSplit(line, ',');
    if (fields.size() < 4 || fields[1] != "refused") continue;
    rule = FindRule(std::vector<std::string>(absl::StrSplit(fields[3], ' ')).front());
    if (rule != nullptr) break;
  }
  ASSERT_NE(rule, nullptr) << "no refused record with a rule code";
  const std::string it = absl::StrCat(rule->code, ": ", rule->message_it);
  const std::string en = absl::StrCat(rule->code, ": ", rule->message_en);
  EXPECT_NE(csv->find(it), std::string::npos) << it;
  EXPECT_EQ(csv->find(en), std::string::npos) << en;
  EXPECT_NE(csv_en->find(en), std::string::npos) << en;
  EXPECT_NE(xml->find(en.substr(0, en.find_first_of("\"<>&"))), std::string::npos) << en;
  // The same file again is refused; verify-only of it files nothing.
  EXPECT_THAT(uploads_->Create(Consultant(), "up-2", "lotto.xml", file, false).status(),
              HasReason("FILE_ALREADY_UPLOADED"));
}

// The batch path (BatchFilingStore: prefetched, in memory, written at the end) files exactly what
// one filing at a time (DirectFilingStore, as File does) files: the same outcome and rules for
// every record, the same relationships in the same states, the same communications.
TEST_F(CommunicationsBulkTest, ABatchFilesExactlyWhatOneFilingAtATimeFiles) {
  constexpr int kRecords = 700;
  const std::string file = File(5, kRecords);
  auto created = uploads_->Create(Consultant(), "up-b", "lotto.xml", file, false);
  ASSERT_THAT(created.status(), IsOk());
  BulkProcessor processor(deps(), {.batch_size = 250});
  ASSERT_EQ(Drain(processor, created->id).state, "done");
  ExpectSameAsOneAtATime(file);
  EXPECT_GT(Count("SELECT COUNT(*) FROM communications WHERE seq > 1"), 0)
      << "the file should hold events of relationships it opens";
}

// A batch holding two hires and the transfer of business (VARDATORI) that moves them (and names
// a worker with no relationship) files what one filing at a time files: the relationships moved
// to the new employer, the change linked to both, the same events.
TEST_F(CommunicationsBulkTest, ABatchWithAnEmployerChangeMovesWhatOneAtATimeMoves) {
  const Communication first = ValidHire(11);
  Communication second = ValidHire(12);
  second.employer = first.employer;
  const Communication elsewhere = ValidHire(13);
  const Communication change = TransferOfBusiness(
      first.employer.fiscal_code, first.employer.name, elsewhere, std::max(first.contract.start, second.contract.start),
      {first.worker.fiscal_code, second.worker.fiscal_code, elsewhere.worker.fiscal_code});
  std::string file;
  xml::BatchXmlWriter writer(
      [&](absl::string_view bytes) { file.append(bytes.data(), bytes.size()); });
  for (const Communication* c : std::vector<const Communication*>{&first, &second, &change}) {
    ASSERT_THAT(writer.AddUnchecked(*c), IsOk());
  }
  ASSERT_THAT(writer.Finish(), IsOk());
  Grant(first.employer.fiscal_code);
  Grant(elsewhere.employer.fiscal_code);
  company_ = first.employer.fiscal_code;
  auto created = uploads_->Create(Consultant(), "up-v", "lotto.xml", file, false);
  ASSERT_THAT(created.status(), IsOk());
  BulkProcessor processor(deps(), {.batch_size = 10});
  const store::BulkUploadRow done = Drain(processor, created->id);
  EXPECT_EQ(done.accepted, 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationships WHERE employer = '" +
                  elsewhere.employer.fiscal_code + "'"),
            2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM employer_change_links"), 2);
  ExpectSameAsOneAtATime(file);
}

// Files the records of `file` one transaction each (DirectFilingStore, as File does) on a
// database of their own and expects what the batches filed on db_: the same outcome and rules for
// every record, the same relationships, communications, employer change links and events.
void CommunicationsBulkTest::ExpectSameAsOneAtATime(const std::string& file) {
  // The same records, one transaction each, on a database of their own.
  testing_env::TestDatabase other_env;
  std::unique_ptr<platform::db::Database> other = other_env.Open();
  ASSERT_NE(other, nullptr);
  ASSERT_THAT(
      platform::db::ApplyMigrations(*other, "platform", platform::db::PlatformMigrations(), clock_),
      IsOk());
  ASSERT_THAT(
      platform::db::ApplyMigrations(*other, "communications", embedded_migrations::Files(), clock_),
      IsOk());
  platform::outbox::Committer committer(*other, clock_, "sisl-communications", nullptr);
  const Deps other_deps{*other, committer, clock_, hasher_};
  // The records as the processor reads them (those the XSD refuses are refused alike).
  absl::StatusOr<std::unique_ptr<BulkSource>> source = BulkSource::Open(file, BulkLimits{});
  ASSERT_THAT(source.status(), IsOk());
  std::vector<std::string> outcomes;
  for (;;) {
    absl::StatusOr<std::optional<BulkRecord>> record = (*source)->Next();
    ASSERT_THAT(record.status(), IsOk());
    if (!record->has_value()) break;
    if (!(*record)->communication.ok()) {
      outcomes.push_back(
          Line("refused", platform::ErrorReason((*record)->communication.status()), ""));
      continue;
    }
    const Communication& c = *(*record)->communication;
    ASSERT_THAT(platform::db::InTransaction(*other,
                                            [&](platform::db::Transaction& tx) {
                                              return store::DelegationReplica::Put(
                                                  tx,
                                                  {"d-" + FiledFor(c),
                                                   FiledFor(c),
                                                   hasher_.PersonId(kConsultant),
                                                   "consultant",
                                                   {"communications"},
                                                   "active"},
                                                  clock_.Now());
                                            }),
                IsOk());
    ASSERT_THAT(committer.Commit([&](platform::db::Transaction& tx,
                                     platform::outbox::EventWriter& events) -> absl::Status {
      store::DirectFilingStore direct(tx);
      std::map<std::string, bool> delegated;
      absl::StatusOr<RecordOutcome> o =
          FileRecord(tx, direct, events, Consultant(), c, delegated, false, false, clock_.Now(),
                     platform::TodayInItaly(clock_), other_deps);
      if (!o.ok()) return o.status();
      outcomes.push_back(
          Line(o->outcome, o->reason.empty() ? RuleCodes(o->findings, Severity::kError) : o->reason,
               RuleCodes(o->findings, Severity::kWarning)));
      return absl::OkStatus();
    }),
                IsOk());
  }
  std::vector<std::string> reported;
  for (const platform::db::Row& r :
       Rows(*db_, "SELECT outcome, errors, warnings FROM bulk_records ORDER BY idx")) {
    reported.push_back(Line(r.Str(0), r.Str(1), r.Str(2)));
  }
  ASSERT_EQ(reported.size(), outcomes.size());
  for (size_t i = 0; i < outcomes.size(); ++i) {
    EXPECT_EQ(reported[i], outcomes[i]) << "record " << i + 1;
  }
  constexpr char kRelationships[] =
      "SELECT worker, employer, start_date, state, person_id FROM relationships"
      " ORDER BY worker, employer, start_date";
  EXPECT_EQ(Texts(*db_, kRelationships), Texts(*other, kRelationships));
  constexpr char kCommunications[] =
      "SELECT worker, form, nature, event, event_date, state, seq, due_date, days_late"
      " FROM communications ORDER BY worker, event_date, seq, form, event, nature, state";
  EXPECT_EQ(Texts(*db_, kCommunications), Texts(*other, kCommunications));
  constexpr char kLinks[] =
      "SELECT r.worker, r.employer, l.seq FROM employer_change_links l JOIN relationships r"
      " ON r.id = l.relationship_id ORDER BY r.worker, l.seq";
  EXPECT_EQ(Texts(*db_, kLinks), Texts(*other, kLinks));
  constexpr char kOutbox[] = "SELECT topic, event_key FROM outbox ORDER BY topic, event_key";
  EXPECT_EQ(Texts(*db_, kOutbox), Texts(*other, kOutbox));
}

TEST_F(CommunicationsBulkTest, AStoppedUploadResumesWithNothingLostOrFiledTwice) {
  constexpr int kRecords = 600;
  const std::string file = File(9, kRecords);
  auto created = uploads_->Create(Consultant(), "", "lotto.xml", file, false);
  ASSERT_THAT(created.status(), IsOk());
  {
    // One batch per slice; the holder of the lease goes on at once (it does not wait for its
    // own lease), then the process "dies" holding it.
    BulkProcessor crashed(deps(), {.batch_size = 100, .slice = absl::ZeroDuration()});
    crashed.RunOnce();
    crashed.RunOnce();
  }
  auto half = uploads_->Get(Consultant(), created->id);
  ASSERT_THAT(half.status(), IsOk());
  EXPECT_EQ(half->records_done, 200);
  BulkProcessor other(deps(), {.batch_size = 100});
  other.RunOnce();  // the lease still holds: nothing happens
  EXPECT_EQ(uploads_->Get(Consultant(), created->id)->records_done, 200);
  clock_.Advance(absl::Minutes(1));
  const store::BulkUploadRow done = Drain(other, created->id);
  const testing::ExpectedTotals expected = testing::ExpectedCounts(Options(9), kRecords);
  EXPECT_EQ(done.records_done, kRecords);
  EXPECT_EQ(done.accepted, expected.accepted);
  EXPECT_EQ(done.refused, expected.refused);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bulk_records"), kRecords);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications"), expected.accepted);
}

TEST_F(CommunicationsBulkTest, VerifyOnlyFilesNothingAndAZipOfFilesIsRead) {
  const std::string first = File(21, 150);
  const std::string second = File(22, 150);
  // A ZIP holding both files (and a directory and a text file, skipped).
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("sisl-bulk-" + platform::NewUuidV7() + ".zip");
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  ASSERT_NE(zip, nullptr);
  zip_dir_add(zip, "lotti", 0);
  for (const auto& [name, text] :
       {std::pair{"lotti/a.xml", &first}, std::pair{"lotti/b.xml", &second},
        std::pair{"leggimi.txt", &first}}) {
    zip_source_t* src = zip_source_buffer(zip, text->data(), text->size(), 0);
    ASSERT_GE(zip_file_add(zip, name, src, ZIP_FL_ENC_UTF_8), 0);
  }
  ASSERT_EQ(zip_close(zip), 0);
  std::string bytes;
  {
    FILE* f = std::fopen(path.c_str(), "rb");
    ASSERT_NE(f, nullptr);
    char buffer[65536];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) bytes.append(buffer, n);
    std::fclose(f);
    std::filesystem::remove(path);
  }
  auto verify = uploads_->Create(Consultant(), "", "lotti.zip", bytes, /*verify_only=*/true);
  ASSERT_THAT(verify.status(), IsOk());
  BulkProcessor processor(deps(), {.batch_size = 64});
  const store::BulkUploadRow checked = Drain(processor, verify->id);
  EXPECT_EQ(checked.state, "done") << checked.error;
  EXPECT_EQ(checked.records_done, 300);
  EXPECT_EQ(checked.accepted + checked.refused, 300);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM communications"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bulk_records WHERE outcome = 'acceptable'"),
            checked.accepted);
  // Not a ZIP nor XML: the upload fails with the file's error, not a crash.
  auto junk = uploads_->Create(Consultant(), "", "junk.xml", "PK\x03\x04 not really", false);
  ASSERT_THAT(junk.status(), IsOk());
  const store::BulkUploadRow failed = Drain(processor, junk->id);
  EXPECT_EQ(failed.state, "failed");
  EXPECT_FALSE(failed.error.empty());
}

}  // namespace
}  // namespace sisl::communications
