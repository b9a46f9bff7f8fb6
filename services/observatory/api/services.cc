#include "services/observatory/api/services.h"

#include "absl/strings/str_cat.h"
#include "services/observatory/domain/datasets.h"
#include "services/platform/status_macros.h"

namespace sisl::observatory::api {
namespace {

using platform::Call;

constexpr char kSuppressionIt[] =
    "Una cella che conta meno persone della soglia non è pubblicata; altre celle e totali sono "
    "nascosti quanto basta perché non si possa ricalcolarla dai totali.";
constexpr char kSuppressionEn[] =
    "A cell counting fewer people than the threshold is not published; other cells and totals "
    "are hidden as needed so that it cannot be recomputed from the totals.";

// Both table requests have the same fields.
template <typename Request>
TableInput InputOf(const Request& r) {
  TableInput in;
  in.indicator = r.indicator();
  in.rows = r.rows();
  in.columns = r.columns();
  in.from_month = r.from_month();
  in.to_month = r.to_month();
  in.language = r.language();
  in.page_size = r.page_size();
  in.page_token = r.page_token();
  const std::pair<Dim, const std::string*> filters[] = {
      {Dim::kProvince, &r.province()},
      {Dim::kMunicipality, &r.municipality()},
      {Dim::kAtecoSection, &r.ateco_section()},
      {Dim::kContractType, &r.contract_type()},
      {Dim::kWorkingTime, &r.working_time()},
      {Dim::kSex, &r.sex()},
      {Dim::kAgeBand, &r.age_band()},
      {Dim::kCitizenshipGroup, &r.citizenship_group()},
      {Dim::kCpi, &r.cpi()},
      {Dim::kService, &r.service()},
      {Dim::kProfessionGroup, &r.profession_group()},
  };
  for (const auto& [dim, value] : filters) {
    if (!value->empty()) in.filters.emplace_back(dim, *value);
  }
  return in;
}

void SetCell(const TableCell& c, v1::Cell* out) {
  out->set_suppressed(c.suppressed);
  out->set_value(c.suppressed ? 0 : c.value);
}

void SetHeading(const Heading& h, v1::Heading* out) {
  out->set_code(h.code);
  out->set_label(h.label);
}

void ToProto(const TablePage& page, v1::Table* out) {
  const BuiltTable& t = page.table;
  out->set_indicator(std::string(page.indicator->id));
  out->set_row_dimension(page.request.rows);
  out->set_column_dimension(page.request.columns);
  out->set_unit(std::string(page.indicator->unit));
  out->set_suppression_threshold(page.request.threshold);
  out->set_suppressed_cells(t.suppressed);
  for (const Heading& h : t.columns) SetHeading(h, out->add_columns());
  for (size_t i = page.first_row; i < page.first_row + page.row_count; ++i) {
    v1::Row* row = out->add_rows();
    SetHeading(t.row_headings[i], row->mutable_heading());
    for (const TableCell& c : t.cells[i]) SetCell(c, row->add_cells());
    SetCell(t.row_totals[i], row->mutable_total());
  }
  v1::Row* totals = out->mutable_totals();
  totals->mutable_heading()->set_code("");
  totals->mutable_heading()->set_label(page.request.lang == Lang::kEn ? "Total" : "Totale");
  for (const TableCell& c : t.column_totals) SetCell(c, totals->add_cells());
  SetCell(t.grand_total, totals->mutable_total());
}

void SetSuppression(int threshold, Lang lang, v1::SuppressionRule* out) {
  out->set_threshold(threshold);
  out->set_description(lang == Lang::kEn ? kSuppressionEn : kSuppressionIt);
}

std::vector<Dim> PublicDims() {
  std::vector<Dim> out;
  for (Dim d : AllDims()) {
    if (d != Dim::kKind) out.push_back(d);
  }
  return out;
}

void SetDimension(Dim d, Lang lang, v1::Dimension* out) {
  out->set_id(std::string(DimId(d)));
  out->set_label(AxisLabel(DimId(d), lang));
  for (const Heading& h : DimValues(d, lang)) SetHeading(h, out->add_values());
}

}  // namespace

grpc::Status IndicatorsServiceImpl::ListIndicators(grpc::ServerContext* context,
                                                   const v1::ListIndicatorsRequest* r,
                                                   v1::ListIndicatorsResponse* out) {
  return calls_.Public(context, [&](const Call&) -> absl::Status {
    const Lang lang = LangOf(r->language());
    for (const IndicatorDef& d : observatory::Indicators()) {
      v1::Indicator* i = out->add_indicators();
      i->set_id(std::string(d.id));
      i->set_label(std::string(d.Label(lang)));
      i->set_description(std::string(d.Description(lang)));
      i->set_unit(std::string(d.unit));
      i->add_dimensions("month");
      for (Dim dim : d.dims) i->add_dimensions(std::string(DimId(dim)));
      i->set_public_(d.is_public);
      i->set_suppressed(d.counts_people);
    }
    SetSuppression(indicators_.threshold(), lang, out->mutable_suppression());
    return absl::OkStatus();
  });
}

grpc::Status IndicatorsServiceImpl::ListDimensions(grpc::ServerContext* context,
                                                   const v1::ListDimensionsRequest* r,
                                                   v1::ListDimensionsResponse* out) {
  return calls_.Public(context, [&](const Call&) -> absl::Status {
    const Lang lang = LangOf(r->language());
    v1::Dimension* month = out->add_dimensions();
    month->set_id("month");
    month->set_label(AxisLabel("month", lang));
    for (Dim d : PublicDims()) SetDimension(d, lang, out->add_dimensions());
    return absl::OkStatus();
  });
}

grpc::Status IndicatorsServiceImpl::GetIndicatorTable(grpc::ServerContext* context,
                                                      const v1::GetIndicatorTableRequest* r,
                                                      v1::GetIndicatorTableResponse* out) {
  return calls_.Public(context, [&](const Call&) -> absl::Status {
    ASSIGN_OR_RETURN(const TablePage page, indicators_.PublicTable(InputOf(*r)));
    ToProto(page, out->mutable_table());
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status IndicatorsServiceImpl::GetStaffIndicatorTable(
    grpc::ServerContext* context, const v1::GetStaffIndicatorTableRequest* r,
    v1::GetStaffIndicatorTableResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(const TablePage page, indicators_.StaffTable(call.caller, InputOf(*r)));
    ToProto(page, out->mutable_table());
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status OpenDataServiceImpl::ListDatasets(grpc::ServerContext* context,
                                               const v1::ListDatasetsRequest* r,
                                               v1::ListDatasetsResponse* out) {
  return calls_.Public(context, [&](const Call&) -> absl::Status {
    const Lang lang = LangOf(r->language());
    for (const DatasetDef& d : Datasets()) {
      v1::Dataset* ds = out->add_datasets();
      ds->set_id(std::string(d.id));
      ds->set_title(std::string(d.Title(lang)));
      ds->set_description(std::string(d.Description(lang)));
      ASSIGN_OR_RETURN(const std::vector<std::string> months, open_data_.Months(d));
      for (const std::string& m : months) ds->add_months(m);
      const std::string base = absl::StrCat("/api/v1/open-data/observatory/", d.id, "/{month}/");
      ds->set_csv_url_template(absl::StrCat(base, "data.csv"));
      ds->set_json_url_template(absl::StrCat(base, "data.json"));
    }
    out->set_licence(std::string(kLicence));
    return absl::OkStatus();
  });
}

grpc::Status OpenDataServiceImpl::GetDataDictionary(grpc::ServerContext* context,
                                                    const v1::GetDataDictionaryRequest* r,
                                                    v1::GetDataDictionaryResponse* out) {
  return calls_.Public(context, [&](const Call&) -> absl::Status {
    const Lang lang = LangOf(r->language());
    const bool en = lang == Lang::kEn;
    for (const DatasetDef& d : Datasets()) {
      v1::DatasetDictionary* dd = out->add_datasets();
      dd->set_id(std::string(d.id));
      dd->set_title(std::string(d.Title(lang)));
      dd->set_description(std::string(d.Description(lang)));
      const std::string dim(DimId(d.dimension));
      auto field = [&](std::string name, const char* type, const char* it, const char* en_text,
                       std::string dimension) {
        v1::DatasetField* f = dd->add_fields();
        f->set_name(std::move(name));
        f->set_type(type);
        f->set_description(en ? en_text : it);
        f->set_dimension(std::move(dimension));
      };
      field("month", "string", "Mese di riferimento (AAAA-MM)", "Reference month (YYYY-MM)",
            "month");
      field(dim, "string", "Codice della modalità; TOTAL per il totale",
            "Code of the category; TOTAL for the total", dim);
      field(dim + "_label", "string", "Descrizione della modalità", "Label of the category", "");
      field("indicator", "string", "Indicatore (vedi /api/v1/observatory/indicators)",
            "Indicator (see /api/v1/observatory/indicators)", "");
      field("value", "number", "Valore; vuoto se soppresso", "Value; empty when suppressed", "");
      field("suppressed", "boolean", "true se il valore è soppresso per riservatezza",
            "true when the value is suppressed for confidentiality", "");
    }
    for (Dim d : PublicDims()) SetDimension(d, lang, out->add_dimensions());
    SetSuppression(indicators_.threshold(), lang, out->mutable_suppression());
    out->set_licence(std::string(kLicence));
    return absl::OkStatus();
  });
}

grpc::Status OpenDataServiceImpl::ExportDatasetCsv(grpc::ServerContext* context,
                                                   const v1::ExportDatasetCsvRequest* r,
                                                   v1::ExportDatasetCsvResponse* out) {
  return calls_.Public(context, [&](const Call&) -> absl::Status {
    ASSIGN_OR_RETURN(*out->mutable_csv(), open_data_.Csv(r->dataset(), r->month()));
    return absl::OkStatus();
  });
}

grpc::Status OpenDataServiceImpl::ExportDatasetJson(grpc::ServerContext* context,
                                                    const v1::ExportDatasetJsonRequest* r,
                                                    v1::ExportDatasetJsonResponse* out) {
  return calls_.Public(context, [&](const Call&) -> absl::Status {
    ASSIGN_OR_RETURN(*out->mutable_json(), open_data_.Json(r->dataset(), r->month()));
    return absl::OkStatus();
  });
}

}  // namespace sisl::observatory::api
