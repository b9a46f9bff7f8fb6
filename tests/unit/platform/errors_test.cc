// Error payloads (reason, metadata, field violations) and their trip through gRPC statuses.

#include "services/platform/errors.h"

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "services/platform/grpc/status.h"

namespace sisl::platform {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

MATCHER_P2(Violation, field, description, "") {
  return arg.field == field && arg.description == description;
}

TEST(ErrorsTest, ErrorCarriesReasonMetadataAndViolations) {
  absl::Status st = Error(absl::StatusCode::kFailedPrecondition, "SLOT_TAKEN", "slot is taken",
                          {{"slot_id", "s-1"}, {"site", "TO-01"}},
                          {{"booking.slot", "already booked"}, {"booking.when", "in the past"}});
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(st.message(), "slot is taken");
  EXPECT_EQ(ErrorReason(st), "SLOT_TAKEN");
  EXPECT_EQ(ErrorMetadata(st),
            (std::map<std::string, std::string>{{"slot_id", "s-1"}, {"site", "TO-01"}}));
  EXPECT_THAT(ErrorFieldViolations(st), ElementsAre(Violation("booking.slot", "already booked"),
                                                    Violation("booking.when", "in the past")));
}

TEST(ErrorsTest, PlainStatusHasNoPayloads) {
  absl::Status st = absl::NotFoundError("nope");
  EXPECT_EQ(ErrorReason(st), "");
  EXPECT_THAT(ErrorMetadata(st), IsEmpty());
  EXPECT_THAT(ErrorFieldViolations(st), IsEmpty());
}

TEST(ErrorsTest, InvalidFieldNamesFieldInMessageAndViolation) {
  absl::Status st = InvalidField("BAD_EMAIL", "office.email", "must be an e-mail address");
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ErrorReason(st), "BAD_EMAIL");
  EXPECT_EQ(st.message(), "office.email: must be an e-mail address");
  EXPECT_THAT(ErrorFieldViolations(st),
              ElementsAre(Violation("office.email", "must be an e-mail address")));
}

TEST(ErrorsTest, AnnotatePrefixesMessageAndKeepsCodeAndPayloads) {
  absl::Status st = Error(absl::StatusCode::kAborted, "VERSION_CONFLICT", "changed meanwhile",
                          {{"version", "3"}}, {{"office.version", "stale"}});
  absl::Status annotated = Annotate(st, "updating TO-01");
  EXPECT_EQ(annotated.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(annotated.message(), "updating TO-01: changed meanwhile");
  EXPECT_EQ(ErrorReason(annotated), "VERSION_CONFLICT");
  EXPECT_EQ(ErrorMetadata(annotated)["version"], "3");
  EXPECT_THAT(ErrorFieldViolations(annotated), ElementsAre(Violation("office.version", "stale")));
  EXPECT_TRUE(Annotate(absl::OkStatus(), "context").ok());
}

TEST(GrpcStatusTest, OkMapsToOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus(), "sisl").ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(GrpcStatusTest, RoundTripKeepsCodeMessageReasonMetadataAndViolations) {
  absl::Status st = Error(absl::StatusCode::kInvalidArgument, "INVALID_OFFICE_FIELD",
                          "office.phone: bad", {{"site", "TO-01"}, {"attempt", "2"}},
                          {{"office.phone", "bad"}, {"office.email", "worse"}});
  grpc::Status wire = ToGrpcStatus(st, "booking.sisl");
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(wire.error_message(), "office.phone: bad");

  absl::Status back = FromGrpcStatus(wire);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(back.message(), "office.phone: bad");
  EXPECT_EQ(ErrorReason(back), "INVALID_OFFICE_FIELD");
  EXPECT_EQ(ErrorMetadata(back),
            (std::map<std::string, std::string>{{"site", "TO-01"}, {"attempt", "2"}}));
  EXPECT_THAT(ErrorFieldViolations(back),
              ElementsAre(Violation("office.phone", "bad"), Violation("office.email", "worse")));
}

TEST(GrpcStatusTest, DetailsAreGoogleRpcErrorInfoWithDomain) {
  grpc::Status wire =
      ToGrpcStatus(Error(absl::StatusCode::kNotFound, "OFFICE_NOT_FOUND", "no such office",
                         {{"site_code", "XX-99"}}),
                   "booking.sisl");
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(wire.error_details()));
  EXPECT_EQ(details.code(), static_cast<int>(absl::StatusCode::kNotFound));
  EXPECT_EQ(details.message(), "no such office");
  ASSERT_EQ(details.details_size(), 1);  // no BadRequest without violations
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "OFFICE_NOT_FOUND");
  EXPECT_EQ(info.domain(), "booking.sisl");
  EXPECT_EQ(info.metadata().at("site_code"), "XX-99");
}

TEST(GrpcStatusTest, StatusWithoutReasonGetsCodeNameAsReason) {
  absl::Status back =
      FromGrpcStatus(ToGrpcStatus(absl::PermissionDeniedError("not your office"), "sisl"));
  EXPECT_EQ(back.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(back.message(), "not your office");
  EXPECT_EQ(ErrorReason(back), "PERMISSION_DENIED");

  EXPECT_EQ(ErrorReason(FromGrpcStatus(ToGrpcStatus(absl::NotFoundError("x"), "sisl"))),
            "NOT_FOUND");
}

TEST(GrpcStatusTest, InternalErrorsGetAGenericMessage) {
  const std::string secret = "pq: relation \"bookings\" at 10.0.0.7:5432 password=hunter2";
  for (absl::Status st :
       {absl::InternalError(secret), absl::UnknownError(secret),
        Error(absl::StatusCode::kInternal, "DB_ERROR", secret)}) {
    grpc::Status wire = ToGrpcStatus(st, "sisl");
    EXPECT_EQ(wire.error_code(), static_cast<grpc::StatusCode>(st.code()));
    EXPECT_THAT(wire.error_message(), Not(HasSubstr("hunter2")));
    EXPECT_THAT(wire.error_message(), HasSubstr("internal error"));
    // Nothing of the original message travels in the details either.
    EXPECT_THAT(wire.error_details(), Not(HasSubstr("hunter2")));
    EXPECT_THAT(wire.error_details(), Not(HasSubstr("10.0.0.7")));
    EXPECT_THAT(std::string(FromGrpcStatus(wire).message()), Not(HasSubstr("hunter2")));
  }
}

TEST(GrpcStatusTest, InternalErrorReasons) {
  // An explicit reason is kept (it is a stable code, not an internal detail) ...
  EXPECT_EQ(ErrorReason(FromGrpcStatus(
                ToGrpcStatus(Error(absl::StatusCode::kInternal, "DB_ERROR", "x"), "sisl"))),
            "DB_ERROR");
  // ... and a missing one becomes INTERNAL, also for UNKNOWN.
  EXPECT_EQ(ErrorReason(FromGrpcStatus(ToGrpcStatus(absl::InternalError("x"), "sisl"))),
            "INTERNAL");
  EXPECT_EQ(ErrorReason(FromGrpcStatus(ToGrpcStatus(absl::UnknownError("x"), "sisl"))),
            "INTERNAL");
}

TEST(GrpcStatusTest, FromGrpcStatusWithoutDetailsKeepsCodeAndMessage) {
  absl::Status st = FromGrpcStatus(grpc::Status(grpc::StatusCode::UNAVAILABLE, "conn refused"));
  EXPECT_EQ(st.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(st.message(), "conn refused");
  EXPECT_EQ(ErrorReason(st), "");

  absl::Status garbage =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::ABORTED, "x", std::string("\xff\xff\xff", 3)));
  EXPECT_EQ(garbage.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(garbage.message(), "x");
}

}  // namespace
}  // namespace sisl::platform
