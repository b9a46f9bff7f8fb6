// Proto <-> domain for sisl.matching.v1 (one place for every enum pair and shape).
#ifndef SISL_SERVICES_MATCHING_API_MAPPING_H_
#define SISL_SERVICES_MATCHING_API_MAPPING_H_

#include "absl/status/statusor.h"
#include "services/matching/app/matcher.h"
#include "services/matching/app/profiles.h"
#include "services/matching/app/proposals.h"
#include "sisl/matching/v1/matching.pb.h"
#include "sisl/matching/v1/profiles.pb.h"
#include "sisl/matching/v1/proposals.pb.h"

namespace sisl::matching::api {

namespace v1 = ::sisl::matching::v1;

// INVALID_ARGUMENT with the field for malformed dates and unknown enum values.
absl::StatusOr<CandidateProfile> ContentFromProto(const v1::ProfileContent& c);
v1::ProfileContent ContentToProto(const CandidateProfile& p);
v1::Profile ProfileToProto(const ProfileRecord& r);
absl::StatusOr<std::optional<store::ProfileState>> StateFromProto(v1::ProfileState s);

v1::Contribution ContributionToProto(const Contribution& c);
v1::Proposal ProposalToProto(const ProposalView& v);
// The request's step (actor set by the use case).
absl::StatusOr<StepInput> StepFromProto(const v1::TransitionProposalRequest& r);

}  // namespace sisl::matching::api

#endif  // SISL_SERVICES_MATCHING_API_MAPPING_H_
