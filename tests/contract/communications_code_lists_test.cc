// The code lists API of the communications service (api/code_lists_service.h) over gRPC, as the
// gateway calls it: anonymous (public), every list with its metadata, search, children, validity
// on a day, paging with tokens, labels in Italian or English, and its reasons.

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "services/communications/api/code_lists_service.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/call.h"
#include "services/reference/code_lists.h"

namespace sisl::communications {
namespace {

namespace v1 = ::sisl::communications::v1;

class CodeListsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::CodeListsService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  // An anonymous call (no token: the gateway's public routes).
  v1::ListCodesResponse Codes(v1::ListCodesRequest request) {
    grpc::ClientContext context;
    v1::ListCodesResponse response;
    grpc::Status status = stub_->ListCodes(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  grpc::Status CodesStatus(const v1::ListCodesRequest& request) {
    grpc::ClientContext context;
    v1::ListCodesResponse response;
    return stub_->ListCodes(&context, request, &response);
  }
  static v1::ListCodesRequest Request(const std::string& list) {
    v1::ListCodesRequest r;
    r.set_list(list);
    return r;
  }
  // `list` with labels in English, found by `query` when it is not empty.
  static v1::ListCodesRequest InEnglish(const std::string& list, const std::string& query = "") {
    v1::ListCodesRequest r = Request(list);
    r.set_language("en");
    r.set_query(query);
    return r;
  }
  static std::vector<std::string> CodesOf(const v1::ListCodesResponse& response) {
    std::vector<std::string> codes;
    for (const v1::Code& c : response.codes()) codes.push_back(c.code());
    return codes;
  }
  // The ErrorInfo reason and domain of a failed call.
  static std::pair<std::string, std::string> ErrorInfoOf(const grpc::Status& status) {
    google::rpc::Status details;
    if (!details.ParseFromString(status.error_details())) return {};
    for (const auto& any : details.details()) {
      google::rpc::ErrorInfo info;
      if (any.UnpackTo(&info)) return {info.reason(), info.domain()};
    }
    return {};
  }

  platform::auth::TokenSigner signer_ = *platform::auth::TokenSigner::Generate();
  platform::auth::TokenVerifier tokens_ =
      platform::auth::TokenVerifier::For(signer_, {"communications"});
  platform::CallHandler calls_{tokens_, platform::ErrorDomainOf("communications")};
  api::CodeListsServiceImpl service_{calls_};
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::CodeListsService::Stub> stub_;
};

TEST_F(CodeListsApiTest, ListsEveryCodeListWithItsMetadataInPages) {
  std::vector<v1::CodeListInfo> lists;
  v1::ListCodeListsRequest request;
  request.set_page_size(5);
  int pages = 0;
  do {
    grpc::ClientContext context;
    v1::ListCodeListsResponse response;
    ASSERT_TRUE(stub_->ListCodeLists(&context, request, &response).ok());
    EXPECT_LE(response.code_lists_size(), 5);
    lists.insert(lists.end(), response.code_lists().begin(), response.code_lists().end());
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty() && pages < 10);
  const std::vector<const reference::CodeList*> reference_lists = reference::AllCodeLists();
  ASSERT_EQ(lists.size(), reference_lists.size()) << "every list of services/reference";
  EXPECT_EQ(pages, static_cast<int>((lists.size() + 4) / 5));
  for (std::size_t i = 0; i < reference_lists.size(); ++i) {
    EXPECT_EQ(lists[i].id(), reference_lists[i]->id());
    EXPECT_EQ(lists[i].size(), static_cast<int>(reference_lists[i]->size()));
    EXPECT_EQ(lists[i].complete(), reference_lists[i]->complete());
    EXPECT_FALSE(lists[i].name().empty() || lists[i].version().empty() ||
                 lists[i].source().empty() || lists[i].licence().empty())
        << lists[i].id();
  }
  const v1::CodeListInfo& contracts = lists[3];
  EXPECT_EQ(contracts.id(), "co_contract_types");
  EXPECT_FALSE(contracts.complete());
  EXPECT_FALSE(contracts.note().empty());
  EXPECT_EQ(lists.back().id(), "co_transformation_codes");
  EXPECT_TRUE(lists.back().complete());
  EXPECT_EQ(lists.back().size(), 9);
}

TEST_F(CodeListsApiTest, WithoutFiltersAListGivesEveryCodeByCodeWithValidityAndLabels) {
  v1::ListCodesResponse all = Codes(Request("co_contract_types"));
  const reference::CodeList& contracts = reference::CoContractTypes();
  ASSERT_EQ(all.codes_size(), static_cast<int>(contracts.size()));
  EXPECT_EQ(all.total_size(), all.codes_size());
  EXPECT_TRUE(all.next_page_token().empty());
  const v1::Code& a0302 = all.codes(5);
  EXPECT_EQ(a0302.code(), "A.03.02");
  EXPECT_EQ(a0302.label(), "APPRENDISTATO PROFESSIONALIZZANTE");
  EXPECT_EQ(a0302.valid_from(), "2007-06-21");
  EXPECT_EQ(a0302.valid_to(), "2012-04-25");
  EXPECT_EQ(a0302.level(), 1);
  EXPECT_EQ(a0302.parent(), "");
  EXPECT_EQ(all.codes(0).valid_to(), "") << "A.01.00 is open-ended";
}

TEST_F(CodeListsApiTest, SearchFindsCodePrefixesFirstThenLabels) {
  v1::ListCodesRequest r = Request("co_contract_types");
  r.set_query("a.03.0");
  std::vector<std::string> codes = CodesOf(Codes(r));
  ASSERT_FALSE(codes.empty());
  for (const std::string& code : codes) EXPECT_TRUE(absl::StartsWith(code, "A.03.0")) << code;

  r.set_query("apprendistato professionalizzante");
  v1::ListCodesResponse words = Codes(r);
  ASSERT_GE(words.codes_size(), 2);
  for (const v1::Code& c : words.codes()) {
    EXPECT_TRUE(absl::StrContains(c.label_it(), "PROFESSIONALIZZANTE")) << c.code();
  }
  EXPECT_EQ(words.total_size(), words.codes_size());

  r.set_query("nulla di simile");
  EXPECT_EQ(Codes(r).codes_size(), 0);
}

TEST_F(CodeListsApiTest, ParentGivesChildrenAndTopLevelTheRoots) {
  v1::ListCodesRequest r = Request("ateco_2025");
  r.set_top_level(true);
  v1::ListCodesResponse sections = Codes(r);
  ASSERT_GE(sections.codes_size(), 20);
  for (const v1::Code& c : sections.codes()) {
    EXPECT_EQ(c.parent(), "") << c.code();
    EXPECT_EQ(c.level(), 1) << c.code();
  }
  r.set_top_level(false);
  r.set_parent("C");
  v1::ListCodesResponse manufacturing = Codes(r);
  EXPECT_EQ(manufacturing.codes_size(),
            static_cast<int>(reference::Ateco2025().Children("C").size()));
  ASSERT_GT(manufacturing.codes_size(), 0);
  for (const v1::Code& c : manufacturing.codes()) {
    EXPECT_EQ(c.parent(), "C") << c.code();
    EXPECT_EQ(c.level(), 2) << c.code();
  }
  // A search within one parent.
  r.set_parent("C");
  r.set_query("10");
  const v1::ListCodesResponse found = Codes(r);
  for (const v1::Code& c : found.codes()) EXPECT_EQ(c.parent(), "C") << c.code();
  r.set_query("");
  r.set_parent("NO.SUCH");
  EXPECT_EQ(Codes(r).codes_size(), 0);
}

TEST_F(CodeListsApiTest, ValidOnKeepsTheCodesInForceThatDay) {
  v1::ListCodesRequest r = Request("co_contract_types");
  r.set_valid_on("2015-01-01");
  std::vector<std::string> in_2015 = CodesOf(Codes(r));
  EXPECT_EQ(std::count(in_2015.begin(), in_2015.end(), "A.03.02"), 0) << "closed 2012-04-25";
  EXPECT_EQ(std::count(in_2015.begin(), in_2015.end(), "A.03.09"), 1);
  r.set_valid_on("2012-04-25");
  std::vector<std::string> last_day = CodesOf(Codes(r));
  EXPECT_EQ(std::count(last_day.begin(), last_day.end(), "A.03.02"), 1) << "inclusive";
  EXPECT_EQ(std::count(last_day.begin(), last_day.end(), "A.03.09"), 0) << "from 2012-04-26";
  for (const std::string& code : in_2015) {
    EXPECT_TRUE(reference::CoContractTypes().IsValidOn(code, absl::CivilDay(2015, 1, 1))) << code;
  }
  r.set_valid_on("2015-02-30");
  grpc::Status bad = CodesStatus(r);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorInfoOf(bad).first, "INVALID_DATE");
}

TEST_F(CodeListsApiTest, PagesFollowEachOtherWithTokensBoundToTheQuery) {
  v1::ListCodesRequest r = Request("co_contract_types");
  const std::vector<std::string> all = CodesOf(Codes(r));
  r.set_page_size(20);
  std::vector<std::string> paged;
  std::string second_token;
  int pages = 0;
  do {
    v1::ListCodesResponse page = Codes(r);
    EXPECT_LE(page.codes_size(), 20);
    EXPECT_EQ(page.total_size(), static_cast<int>(all.size()));
    for (const v1::Code& c : page.codes()) paged.push_back(c.code());
    r.set_page_token(page.next_page_token());
    if (pages == 0) second_token = page.next_page_token();
    ++pages;
  } while (!r.page_token().empty() && pages < 10);
  EXPECT_EQ(paged, all);
  EXPECT_EQ(pages, static_cast<int>((all.size() + 19) / 20));

  // The same token with another filter, or a token nobody issued.
  v1::ListCodesRequest other = Request("co_contract_types");
  other.set_page_token(second_token);
  other.set_valid_on("2015-01-01");
  EXPECT_EQ(ErrorInfoOf(CodesStatus(other)).first, "INVALID_PAGE_TOKEN");
  other.set_page_token("not-a-token");
  grpc::Status forged = CodesStatus(other);
  EXPECT_EQ(forged.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ErrorInfoOf(forged).first, "INVALID_PAGE_TOKEN");
  // Sizes: over the maximum is lowered, negative refused.
  v1::ListCodesRequest big = Request("cp2011_professions");
  big.set_page_size(5000);
  EXPECT_EQ(Codes(big).codes_size(), 1000);
  big.set_page_size(-1);
  EXPECT_EQ(ErrorInfoOf(CodesStatus(big)).first, "INVALID_PAGE_SIZE");
}

TEST_F(CodeListsApiTest, EnglishLabelsFallBackToItalianWhereTheSourceHasNone) {
  v1::ListCodesRequest r = Request("co_transformation_codes");
  r.set_language("en");
  v1::ListCodesResponse english = Codes(r);
  ASSERT_EQ(english.codes_size(), 9);
  EXPECT_EQ(english.codes(0).code(), "AI");
  EXPECT_EQ(english.codes(0).label(), "Apprenticeship to open-ended");
  EXPECT_EQ(english.codes(0).label_it(), "Da apprendistato a tempo indeterminato");
  r.set_language("it");
  EXPECT_EQ(Codes(r).codes(0).label(), "Da apprendistato a tempo indeterminato");
  r.set_language("");
  EXPECT_EQ(Codes(r).codes(0).label(), "Da apprendistato a tempo indeterminato") << "default it";

  const v1::ListCodesResponse english_contracts = Codes(InEnglish("co_contract_types"));
  ASSERT_GT(english_contracts.codes_size(), 1);
  EXPECT_EQ(english_contracts.codes(1).code(), "A.02.00");
  EXPECT_EQ(english_contracts.codes(1).label(), "Fixed-term employment");
  EXPECT_EQ(english_contracts.codes(1).label_it(), "LAVORO A TEMPO DETERMINATO");
  const v1::ListCodesResponse german = Codes(InEnglish("co_citizenship", "german"));
  ASSERT_EQ(german.codes_size(), 1) << "searched in the English labels too";
  EXPECT_EQ(german.codes(0).code(), "216");
  EXPECT_EQ(german.codes(0).label(), "German");
  EXPECT_EQ(german.codes(0).label_it(), "TEDESCA");
  // A list whose source has no English answers in Italian.
  v1::ListCodesRequest ccnl = InEnglish("co_ccnl");
  ccnl.set_page_size(1000);
  const v1::ListCodesResponse english_ccnl = Codes(ccnl);
  ASSERT_GT(english_ccnl.codes_size(), 100);
  for (const v1::Code& c : english_ccnl.codes()) {
    ASSERT_TRUE(c.label_en().empty()) << "the source has no English: " << c.code();
    EXPECT_EQ(c.label(), c.label_it()) << c.code();
  }
}

TEST_F(CodeListsApiTest, AtecoInEnglishHasNaceHeadingsAndItalianWhereAClassIsSplit) {
  const v1::ListCodesResponse english_ateco = Codes(InEnglish("ateco_2025", "47.11"));
  std::map<std::string, std::pair<std::string, std::string>> by_code;  // label, label_en
  for (const v1::Code& c : english_ateco.codes()) by_code[c.code()] = {c.label(), c.label_en()};
  ASSERT_TRUE(by_code.contains("47.11") && by_code.contains("47.11.01"));
  EXPECT_EQ(by_code["47.11"].first, by_code["47.11"].second);
  EXPECT_FALSE(by_code["47.11"].second.empty());
  EXPECT_TRUE(by_code["47.11.01"].second.empty());
  EXPECT_EQ(by_code["47.11.01"].first,
            "Commercio al dettaglio non specializzato con prevalenza di prodotti alimentari "
            "surgelati");
}

TEST_F(CodeListsApiTest, AnUnknownListIsNotFoundWithItsReason) {
  grpc::Status missing = CodesStatus(Request("no_such_list"));
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorInfoOf(missing), std::make_pair(std::string("CODE_LIST_NOT_FOUND"),
                                                 platform::ErrorDomainOf("communications")));
}

}  // namespace
}  // namespace sisl::communications
