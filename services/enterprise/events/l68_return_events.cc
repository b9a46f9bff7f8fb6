#include "services/enterprise/events/l68_return_events.h"

#include "services/enterprise/api/l68_mapping.h"
#include "services/enterprise/api/mapping.h"
#include "services/platform/grpc/convert.h"
#include "sisl/enterprise/v1/l68_return_events.pb.h"

namespace sisl::enterprise::events {

using api::SummaryToProto;
using api::ToProtoEnum;
using store::StoredL68Return;

std::unique_ptr<google::protobuf::Message> L68SubmittedEvent(const StoredL68Return& r) {
  auto e = std::make_unique<v1::L68ReturnSubmitted>();
  e->set_l68_return_id(r.id);
  e->set_company_fiscal_code(r.company);
  e->set_year(r.year);
  e->set_version(r.version);
  e->set_previous_version_id(r.previous_id);
  e->set_protocol_number(r.protocol);
  if (r.submitted_at.has_value())
    *e->mutable_submit_time() = platform::ToTimestamp(*r.submitted_at);
  e->set_late(r.late);
  const L68Return& f = r.filing.figures;
  e->set_category(ToProtoEnum<v1::L68CompanyCategory>(f.category));
  bool suspended = false;
  for (const L68ProvinceResult& p : f.provinces) {
    v1::L68ReturnSummary* s = e->add_provinces();
    s->set_province(p.province);
    SummaryToProto(p.figures, p.obligation_suspended, s);
    suspended |= p.obligation_suspended;
  }
  SummaryToProto(f.national, suspended, e->mutable_national());
  return e;
}

std::unique_ptr<google::protobuf::Message> L68CorrectionRequestedEvent(
    const StoredL68Return& r, const std::string& requested_by_role) {
  auto e = std::make_unique<v1::L68CorrectionRequested>();
  e->set_l68_return_id(r.id);
  e->set_company_fiscal_code(r.company);
  e->set_year(r.year);
  e->set_version(r.version);
  e->set_requested_by_role(requested_by_role);
  return e;
}

std::unique_ptr<google::protobuf::Message> L68CancelledEvent(const StoredL68Return& r) {
  auto e = std::make_unique<v1::L68ReturnCancelled>();
  e->set_l68_return_id(r.id);
  e->set_company_fiscal_code(r.company);
  e->set_year(r.year);
  e->set_version(r.version);
  e->set_protocol_number(r.protocol);
  return e;
}

}  // namespace sisl::enterprise::events
