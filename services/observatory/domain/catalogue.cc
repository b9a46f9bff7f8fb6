#include "services/observatory/domain/catalogue.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/reference/code_lists.h"
#include "services/reference/cpi_areas.h"
#include "services/reference/municipalities.h"

namespace sisl::observatory {
namespace {

using D = Dim;
const std::vector<Dim> kEmployment = {D::kProvince,     D::kMunicipality,    D::kAtecoSection,
                                      D::kContractType, D::kWorkingTime,     D::kSex,
                                      D::kAgeBand,      D::kCitizenshipGroup};
const std::vector<Dim> kVacancy = {D::kProvince, D::kProfessionGroup, D::kContractType};

struct Pair {
  const char* code;
  const char* it;
  const char* en;
};

// Labels of codes that have no reference list: kinds of every cube, proposal outcomes and the
// groups the communications events carry.
const std::map<std::pair<Dim, absl::string_view>, std::pair<const char*, const char*>>& Fixed() {
  static const auto* fixed = [] {
    auto* m = new std::map<std::pair<Dim, absl::string_view>, std::pair<const char*, const char*>>;
    const std::vector<std::pair<Dim, std::vector<Pair>>> lists = {
        {D::kKind,
         {{"hire", "Attivazioni", "Hires"},
          {"extension", "Proroghe", "Extensions"},
          {"transformation", "Trasformazioni", "Transformations"},
          {"termination", "Cessazioni", "Terminations"},
          {"published", "Pubblicate", "Published"},
          {"filled", "Coperte", "Filled"},
          {"expired", "Scadute", "Expired"},
          {"withdrawn", "Ritirate", "Withdrawn"},
          {"booked", "Prenotati", "Booked"},
          {"delivered", "Erogati", "Delivered"},
          {"no_show", "Assenze", "No-shows"},
          {"cancelled", "Annullati", "Cancelled"}}},
        {D::kSex, {{"M", "Uomini", "Men"}, {"F", "Donne", "Women"}}},
        {D::kAgeBand,
         {{"15-24", "15-24 anni", "15-24 years"},
          {"25-34", "25-34 anni", "25-34 years"},
          {"35-44", "35-44 anni", "35-44 years"},
          {"45-54", "45-54 anni", "45-54 years"},
          {"55-64", "55-64 anni", "55-64 years"},
          {"65+", "65 anni e oltre", "65 years and over"}}},
        {D::kCitizenshipGroup,
         {{"italian", "Italiana", "Italian"},
          {"eu", "Altro paese UE", "Other EU country"},
          {"non_eu", "Paese extra UE", "Non-EU country"}}},
        {D::kOutcome,
         {{"shortlisted", "In rosa", "Shortlisted"},
          {"removed", "Tolte dalla rosa", "Removed"},
          {"proposed", "Proposte", "Proposed"},
          {"accepted", "Accettate", "Accepted"},
          {"refused", "Rifiutate", "Refused"},
          {"lapsed", "Senza risposta", "Lapsed"},
          {"sent", "Inviate all'azienda", "Sent to the company"},
          {"interview", "Colloqui", "Interviews"},
          {"hired", "Assunzioni", "Hired"},
          {"not_selected", "Non selezionati", "Not selected"},
          {"suitable", "Idonei", "Suitable"}}},
    };
    for (const auto& [dim, pairs] : lists) {
      for (const Pair& p : pairs) (*m)[{dim, p.code}] = {p.it, p.en};
    }
    return m;
  }();
  return *fixed;
}

const char* const kPiedmont[] = {"AL", "AT", "BI", "CN", "NO", "TO", "VB", "VC"};

std::string FromList(const reference::CodeList& list, const std::string& code, Lang lang) {
  const reference::CodeEntry* e = list.Find(code);
  if (e == nullptr) return code;
  return lang == Lang::kEn && !e->label_en.empty() ? e->label_en : e->label_it;
}

const reference::CodeList& Ateco() { return reference::AtecoInForce(absl::CivilDay(2025, 1, 1)); }

std::vector<Heading> ListTop(const reference::CodeList& list, Lang lang) {
  std::vector<Heading> out;
  for (const reference::CodeEntry* e : list.Children("")) {
    out.push_back({e->code, FromList(list, e->code, lang)});
  }
  return out;
}

}  // namespace

Lang LangOf(absl::string_view code) { return code == "en" ? Lang::kEn : Lang::kIt; }

bool IndicatorDef::Has(Dim d) const { return std::find(dims.begin(), dims.end(), d) != dims.end(); }

const std::vector<IndicatorDef>& Indicators() {
  static const std::vector<IndicatorDef>* all = new std::vector<IndicatorDef>{
      {"hires", Cube::kFlow, "hire", Measure::kCount, "people", kEmployment, true, true,
       "Attivazioni", "Hires",
       "Rapporti di lavoro attivati (UNILAV, UNISOMM, UNIURG) nel mese dell'evento",
       "Employment relationships started (UNILAV, UNISOMM, UNIURG), by month of the event"},
      {"terminations", Cube::kFlow, "termination", Measure::kCount, "people", kEmployment, true,
       true, "Cessazioni", "Terminations", "Rapporti cessati comunicati, nel mese della cessazione",
       "Relationships ended by a communication, by month of the end"},
      {"extensions", Cube::kFlow, "extension", Measure::kCount, "people", kEmployment, true, true,
       "Proroghe", "Extensions", "Proroghe di rapporti a termine",
       "Extensions of fixed-term relationships"},
      {"transformations", Cube::kFlow, "transformation", Measure::kCount, "people", kEmployment,
       true, true, "Trasformazioni", "Transformations",
       "Trasformazioni (a tempo indeterminato, di orario)",
       "Transformations (to open-ended, of working time)"},
      {"net_change", Cube::kFlow, "", Measure::kNet, "people", kEmployment, true, true, "Saldo",
       "Net change", "Attivazioni meno cessazioni", "Hires minus terminations"},
      {"stock", Cube::kStock, "", Measure::kCumulative, "relationships", kEmployment, true, true,
       "Rapporti in essere", "Relationships in force",
       "Rapporti in essere l'ultimo giorno del mese (dalle comunicazioni ricevute da SISL)",
       "Relationships in force on the last day of the month (from the communications SISL "
       "received)"},
      {"vacancies_published", Cube::kVacancy, "published", Measure::kCount, "vacancies", kVacancy,
       true, false, "Offerte pubblicate", "Vacancies published",
       "Offerte di lavoro pubblicate dai CPI", "Vacancies published by the CPIs"},
      {"vacancies_filled", Cube::kVacancy, "filled", Measure::kCount, "vacancies", kVacancy, true,
       false, "Offerte coperte", "Vacancies filled", "Offerte chiuse perché coperte",
       "Vacancies closed as filled"},
      {"vacancies_expired", Cube::kVacancy, "expired", Measure::kCount, "vacancies", kVacancy, true,
       false, "Offerte scadute", "Vacancies expired", "Offerte chiuse alla scadenza",
       "Vacancies closed at their expiry"},
      {"days_to_fill", Cube::kVacancy, "filled", Measure::kAverage, "days", kVacancy, true, false,
       "Giorni per coprire un'offerta", "Days to fill a vacancy",
       "Media dei giorni dalla pubblicazione alla copertura",
       "Mean days from publication to filling"},
      {"proposals",
       Cube::kProposal,
       "",
       Measure::kCount,
       "people",
       {D::kOutcome, D::kCpi, D::kProfessionGroup},
       true,
       true,
       "Proposte di incrocio",
       "Matching proposals",
       "Candidature proposte dai CPI e loro esito, per stato raggiunto",
       "Candidates proposed by the CPIs and their outcome, by state reached"},
      {"appointments_booked",
       Cube::kAppointment,
       "booked",
       Measure::kCount,
       "appointments",
       {D::kCpi, D::kService},
       false,
       true,
       "Appuntamenti prenotati",
       "Appointments booked",
       "Appuntamenti prenotati, nel mese dell'appuntamento",
       "Appointments booked, by month of the appointment"},
      {"appointments_delivered",
       Cube::kAppointment,
       "delivered",
       Measure::kCount,
       "appointments",
       {D::kCpi, D::kService},
       false,
       true,
       "Servizi erogati",
       "Services delivered",
       "Appuntamenti in cui il servizio è stato erogato",
       "Appointments where the service was delivered"},
      {"appointments_no_show",
       Cube::kAppointment,
       "no_show",
       Measure::kCount,
       "appointments",
       {D::kCpi, D::kService},
       false,
       true,
       "Assenze",
       "No-shows",
       "Appuntamenti a cui la persona non si è presentata",
       "Appointments the person missed"},
  };
  return *all;
}

const IndicatorDef* FindIndicator(absl::string_view id) {
  for (const IndicatorDef& d : Indicators()) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

std::string AxisLabel(absl::string_view axis, Lang lang) {
  static const std::map<absl::string_view, std::pair<const char*, const char*>> names = {
      {"month", {"Mese", "Month"}},
      {"kind", {"Tipo", "Kind"}},
      {"province", {"Provincia", "Province"}},
      {"municipality", {"Comune", "Municipality"}},
      {"ateco_section", {"Settore (ATECO)", "Sector (ATECO)"}},
      {"contract_type", {"Contratto", "Contract"}},
      {"working_time", {"Orario", "Working time"}},
      {"sex", {"Sesso", "Sex"}},
      {"age_band", {"Età", "Age"}},
      {"citizenship_group", {"Cittadinanza", "Citizenship"}},
      {"profession_group", {"Professione (grande gruppo)", "Occupation (major group)"}},
      {"cpi", {"Centro per l'impiego", "Employment centre"}},
      {"service", {"Servizio", "Service"}},
      {"outcome", {"Esito", "Outcome"}},
  };
  auto it = names.find(axis);
  if (it == names.end()) return std::string(axis);
  return lang == Lang::kEn ? it->second.second : it->second.first;
}

std::vector<Heading> DimValues(Dim dim, Lang lang) {
  std::vector<Heading> out;
  switch (dim) {
    case D::kProvince:
      for (const char* p : kPiedmont) out.push_back({p, ValueLabel("province", p, lang)});
      return out;
    case D::kAtecoSection:
      return ListTop(Ateco(), lang);
    case D::kProfessionGroup:
      return ListTop(reference::Cp2011Professions(), lang);
    case D::kContractType:
      for (const reference::CodeEntry& e : reference::CoContractTypes().entries()) {
        out.push_back({e.code, FromList(reference::CoContractTypes(), e.code, lang)});
      }
      return out;
    case D::kWorkingTime:
      return ListTop(reference::CoWorkingTime(), lang);
    case D::kCpi:
      for (const reference::CpiSite& s : reference::CpiAreas::Default().sites()) {
        if (s.kind == reference::CpiSiteKind::kCentre) {
          out.push_back({s.cpi_code, ValueLabel("cpi", s.cpi_code, lang)});
        }
      }
      std::sort(out.begin(), out.end(),
                [](const Heading& a, const Heading& b) { return a.code < b.code; });
      return out;
    case D::kMunicipality:
    case D::kService:
      return out;
    default:
      for (const auto& [key, labels] : Fixed()) {
        if (key.first == dim) {
          out.push_back(
              {std::string(key.second), lang == Lang::kEn ? labels.second : labels.first});
        }
      }
      return out;
  }
}

std::string ValueLabel(absl::string_view axis, const std::string& code, Lang lang) {
  if (code.empty()) return lang == Lang::kEn ? "Not stated" : "Non indicato";
  if (axis == "month") return code;
  const std::optional<Dim> dim = DimFromId(axis);
  if (!dim) return code;
  switch (*dim) {
    case D::kProvince: {
      const auto in = reference::Municipalities::Default().InProvince(code);
      return in.empty() ? code : in.front()->province_name;
    }
    case D::kMunicipality: {
      const reference::Municipality* m = reference::Municipalities::Default().ByIstatCode(code);
      return m == nullptr ? code : m->name;
    }
    case D::kAtecoSection:
      return FromList(Ateco(), code, lang);
    case D::kProfessionGroup:
      return FromList(reference::Cp2011Professions(), code, lang);
    case D::kContractType:
      return FromList(reference::CoContractTypes(), code, lang);
    case D::kWorkingTime:
      return FromList(reference::CoWorkingTime(), code, lang);
    case D::kCpi:
      for (const reference::CpiSite& s : reference::CpiAreas::Default().sites()) {
        if (s.cpi_code == code && s.kind == reference::CpiSiteKind::kCentre) return s.label;
      }
      return code;
    default: {
      auto it = Fixed().find({*dim, code});
      if (it == Fixed().end()) return code;
      return lang == Lang::kEn ? it->second.second : it->second.first;
    }
  }
}

}  // namespace sisl::observatory
