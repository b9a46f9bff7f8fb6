// The PDF receipt's texts in Italian and English: a fixed document, so a table in the code.
#include <array>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/communications/receipt/receipt_internal.h"

namespace sisl::communications::receipt_internal {
namespace {

struct Pair {
  const char* it;
  const char* en;
};

// In the order of Label.
constexpr std::array<Pair, static_cast<size_t>(Label::kCount)> kLabels = {{
    {"Ricevuta di comunicazione obbligatoria", "Receipt of mandatory communication"},
    {"SISL - Sistema Informativo Lavoro Piemonte", "SISL - Piedmont labour information system"},
    {"Protocollo", "Protocol"},
    {"Codice comunicazione", "Communication code"},
    {"Data e ora di protocollo", "Protocol date and time"},
    {"Modulo", "Form"},
    {"Tipo di comunicazione", "Nature"},
    {"Evento", "Event"},
    {"Comunicazione precedente", "Previous communication"},
    {"Comunicazione per conto di", "Filed for"},
    {"Datore di lavoro", "Employer"},
    {"Codice fiscale", "Fiscal code"},
    {"Denominazione", "Name"},
    {"Lavoratore", "Worker"},
    {"Cognome", "Surname"},
    {"Nome", "Name"},
    {"Datore di lavoro precedente", "Previous employer"},
    {"Lavoratori interessati", "Workers concerned"},
    {"Rapporto di lavoro", "Employment relationship"},
    {"Data dell'evento", "Event date"},
    {"Tipo di contratto", "Contract type"},
    {"Termini", "Deadline"},
    {"Scadenza", "Due by"},
    {"Giorni lavorativi di ritardo", "Working days late"},
    {"ATTENZIONE: comunicazione tardiva, giorni lavorativi di ritardo:",
     "WARNING: late communication, working days late:"},
    {"Comunicazione nei termini", "Filed on time"},
    {"Avvertenze", "Warnings"},
    {"Nessuna avvertenza", "No warnings"},
    {"Pagina", "Page"},
    {"Ricevuta generata da SISL. Conservare insieme alla comunicazione.",
     "Receipt issued by SISL. Keep it with the communication."},
}};

const char* Pick(const Pair& p, Language lang) { return lang == Language::kItalian ? p.it : p.en; }

}  // namespace

absl::string_view Text(Label label, Language lang) {
  return Pick(kLabels[static_cast<size_t>(label)], lang);
}

absl::string_view NatureLabel(Nature nature, Language lang) {
  switch (nature) {
    case Nature::kOrdinary:
      return Pick({"Ordinaria", "Ordinary"}, lang);
    case Nature::kAfterUrgency:
      return Pick({"A seguito di urgenza", "After an urgent hire"}, lang);
    case Nature::kCorrection:
      return Pick({"Rettifica", "Correction"}, lang);
    case Nature::kCancellation:
      return Pick({"Annullamento", "Cancellation"}, lang);
    case Nature::kByOffice:
      return Pick({"D'ufficio", "Entered by the office"}, lang);
  }
  return "";
}

absl::string_view EventLabel(EventKind event, Language lang) {
  switch (event) {
    case EventKind::kHire:
      return Pick({"Assunzione", "Hire"}, lang);
    case EventKind::kExtension:
      return Pick({"Proroga", "Extension"}, lang);
    case EventKind::kTransformation:
      return Pick({"Trasformazione", "Transformation"}, lang);
    case EventKind::kTransfer:
      return Pick({"Trasferimento", "Transfer"}, lang);
    case EventKind::kSecondment:
      return Pick({"Distacco", "Secondment"}, lang);
    case EventKind::kTermination:
      return Pick({"Cessazione", "Termination"}, lang);
    case EventKind::kMissionStart:
      return Pick({"Inizio missione", "Mission start"}, lang);
    case EventKind::kMissionExtension:
      return Pick({"Proroga missione", "Mission extension"}, lang);
    case EventKind::kMissionTermination:
      return Pick({"Cessazione missione", "Mission termination"}, lang);
    case EventKind::kEmployerChange:
      return Pick({"Variazione datore di lavoro", "Employer change"}, lang);
  }
  return "";
}

absl::string_view FormName(Form form) {
  switch (form) {
    case Form::kUnilav:
      return "UNILAV";
    case Form::kUnisomm:
      return "UNISOMM";
    case Form::kUniurg:
      return "UNIURG";
    case Form::kVardatori:
      return "VARDATORI";
  }
  return "";
}

std::string FormatDay(absl::CivilDay day, Language lang) {
  if (lang == Language::kItalian) {
    return absl::StrFormat("%02d/%02d/%04d", day.day(), day.month(), day.year());
  }
  return absl::FormatCivilTime(day);
}

std::string FormatProtocolTime(absl::Time t, Language lang) {
  static const std::pair<absl::TimeZone, const char*> kZone = [] {
    absl::TimeZone rome;
    if (absl::LoadTimeZone("Europe/Rome", &rome)) return std::make_pair(rome, "Europe/Rome");
    return std::make_pair(absl::UTCTimeZone(), "UTC");
  }();
  const char* format = lang == Language::kItalian ? "%d/%m/%Y %H:%M:%S" : "%Y-%m-%d %H:%M:%S";
  return absl::StrCat(absl::FormatTime(format, t, kZone.first), " (", kZone.second, ")");
}

}  // namespace sisl::communications::receipt_internal
