#include "services/booking/events/office_events.h"

#include "google/protobuf/util/time_util.h"

namespace sisl::booking {

v1::Office ToProto(const Office& o) {
  v1::Office p;
  p.set_site_code(o.site_code);
  p.set_cpi_code(o.cpi_code);
  p.set_cpi_name(o.cpi_name);
  p.set_kind(o.kind == OfficeKind::kBranch ? v1::OFFICE_KIND_BRANCH : v1::OFFICE_KIND_CENTRE);
  p.set_province(o.province);
  p.set_municipality(o.municipality);
  p.set_address(o.address);
  p.set_label(o.label);
  p.set_phone(o.phone);
  p.set_email(o.email);
  p.set_source_note(o.source_note);
  p.set_version(o.version);
  *p.mutable_update_time() =
      google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(o.updated_at));
  return p;
}

v1::Cpi ToProto(const Cpi& c) {
  v1::Cpi p;
  p.set_code(c.code);
  p.set_name(c.name);
  p.set_province(c.province);
  p.set_catchment_number(c.catchment_number);
  p.set_resident_population(c.resident_population);
  p.set_working_age_population(c.working_age_population);
  p.set_area_km2(c.area_km2);
  return p;
}

v1::OfficeUpdated ToOfficeUpdated(const OfficeChange& change) {
  v1::OfficeUpdated e;
  *e.mutable_office() = ToProto(change.office);
  for (const auto& f : change.changed_fields) e.add_changed_fields(f);
  return e;
}

}  // namespace sisl::booking
