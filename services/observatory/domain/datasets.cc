#include "services/observatory/domain/datasets.h"

namespace sisl::observatory {

const std::vector<DatasetDef>& Datasets() {
  static const std::vector<absl::string_view> kFlows = {"hires", "terminations", "extensions",
                                                        "transformations", "net_change"};
  static const std::vector<DatasetDef>* all = new std::vector<DatasetDef>{
      {"flows_by_province", Dim::kProvince, kFlows, "Flussi per provincia", "Flows by province",
       "Attivazioni, cessazioni, proroghe, trasformazioni e saldo per provincia del luogo di "
       "lavoro",
       "Hires, terminations, extensions, transformations and net change by province of the "
       "workplace"},
      {"flows_by_sector", Dim::kAtecoSection, kFlows, "Flussi per settore", "Flows by sector",
       "I flussi per sezione ATECO del datore di lavoro",
       "The flows by ATECO section of the employer"},
      {"flows_by_contract", Dim::kContractType, kFlows, "Flussi per contratto", "Flows by contract",
       "I flussi per tipologia contrattuale", "The flows by type of contract"},
      {"flows_by_sex", Dim::kSex, kFlows, "Flussi per sesso", "Flows by sex",
       "I flussi per sesso del lavoratore", "The flows by the worker's sex"},
      {"flows_by_age", Dim::kAgeBand, kFlows, "Flussi per età", "Flows by age",
       "I flussi per classe d'età del lavoratore alla data dell'evento",
       "The flows by the worker's age band on the day of the event"},
      {"flows_by_citizenship", Dim::kCitizenshipGroup, kFlows, "Flussi per cittadinanza",
       "Flows by citizenship", "I flussi per cittadinanza (italiana, UE, extra UE)",
       "The flows by citizenship (Italian, EU, non-EU)"},
      {"stock_by_province",
       Dim::kProvince,
       {"stock"},
       "Rapporti in essere per provincia",
       "Relationships in force by province",
       "Rapporti in essere l'ultimo giorno del mese, per provincia del luogo di lavoro",
       "Relationships in force on the month's last day, by province of the workplace"},
      {"vacancies_by_province",
       Dim::kProvince,
       {"vacancies_published", "vacancies_filled", "vacancies_expired", "days_to_fill"},
       "Offerte di lavoro per provincia",
       "Vacancies by province",
       "Offerte pubblicate, coperte e scadute e giorni per coprirle, per provincia",
       "Vacancies published, filled and expired and the days to fill them, by province"},
  };
  return *all;
}

const DatasetDef* FindDataset(absl::string_view id) {
  for (const DatasetDef& d : Datasets()) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

}  // namespace sisl::observatory
