#ifndef SISL_ENTERPRISE_API_L68_MAPPING_H_
#define SISL_ENTERPRISE_API_L68_MAPPING_H_

// Domain <-> proto for the L.68/1999 returns (l68_returns.proto). The proto enums mirror the
// domain's value for value.

#include <memory>
#include <string>
#include <vector>

#include "services/enterprise/domain/l68_return.h"
#include "services/enterprise/store/l68_return_store.h"
#include "sisl/enterprise/v1/l68_return_events.pb.h"
#include "sisl/enterprise/v1/l68_returns.pb.h"

namespace sisl::enterprise::api {

// Out-of-range enum values become kUnspecified, which the computation refuses naming the field;
// exclusion UNSPECIFIED is "none".
L68ReturnInput L68InputFromProto(const v1::L68ReturnInput& p);
v1::L68ReturnInput L68InputToProto(const L68ReturnInput& in);

// `steps`: with every explanation step (lists leave them out).
v1::L68Computation L68ComputationToProto(const L68Return& r, bool steps);

store::L68ReturnState L68StateFromProto(v1::L68ReturnState state);

// `versions`: every version of the chain (may be empty in lists).
v1::L68Return L68ReturnToProto(const store::StoredL68Return& r,
                               const std::vector<store::StoredL68Return>& versions, bool steps);

// The summary figures of a province or the nation (responses and events).
void SummaryToProto(const L68Figures& f, bool suspended, v1::L68ReturnSummary* out);

}  // namespace sisl::enterprise::api

#endif  // SISL_ENTERPRISE_API_L68_MAPPING_H_
