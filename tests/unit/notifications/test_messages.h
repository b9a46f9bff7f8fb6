// Realistic (long) values for every message type of the notifications catalogue, one set per
// variant of its choices (delivery modes, who cancelled), for the catalogue and limits tests.
#ifndef SISL_TESTS_UNIT_NOTIFICATIONS_TEST_MESSAGES_H_
#define SISL_TESTS_UNIT_NOTIFICATIONS_TEST_MESSAGES_H_

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/notifications/domain/message_values.h"
#include "services/notifications/domain/types.h"

namespace sisl::notifications::testing {

inline absl::TimeZone Rome() {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Europe/Rome", &zone)) return absl::UTCTimeZone();
  return zone;
}

inline absl::Time RomeTime(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), Rome());
}

inline constexpr char kLongService[] =
    "Colloquio di orientamento e definizione del percorso GOL (Garanzia di Occupabilità dei "
    "Lavoratori) - primo incontro";
inline constexpr char kLongSite[] =
    "Centro per l'Impiego di Moncalieri - sportello decentrato di Carmagnola";
inline constexpr char kLongAddress[] =
    "Via Valobra 102, Palazzo Comunale, secondo piano, scala B, 10022 Carmagnola (TO)";
inline constexpr char kLongVideoLink[] =
    "https://meet.sisl.regione.piemonte.it/cpi-moncalieri/colloquio/"
    "8f14e45f-ceea-467f-a0e6-6d4f4c1c3b2a?lang=it";
inline constexpr char kPortal[] = "https://sisl.regione.piemonte.it/area-personale/appuntamenti";
inline constexpr char kLongVacancy[] =
    "Addetta/o alla contabilità generale e agli adempimenti fiscali, con esperienza in software "
    "gestionali ERP (SAP Business One)";

struct Sample {
  std::string label;
  MessageValues values;
};

// Every variant of `type` with the longest realistic values (Wednesday 30 September 2026: the
// longest weekday and month names in Italian).
inline std::vector<Sample> Samples(MessageType type) {
  const absl::Time start = RomeTime(2026, 9, 30, 10, 30);
  const absl::Time end = RomeTime(2026, 9, 30, 11, 30);
  const absl::CivilDay day(2026, 9, 30);
  auto appointment = [&](const std::string& delivery) {
    MessageValues v;
    v.SetText("service_name", kLongService)
        .SetText("site_label", kLongSite)
        .SetDateTime("start", start)
        .SetDateTime("end", end)
        .SetText("delivery", delivery)
        .SetText("portal_url", kPortal);
    if (delivery == "in_person") v.SetText("site_address", kLongAddress);
    if (delivery == "video_call") v.SetText("video_link", kLongVideoLink);
    return v;
  };
  std::vector<Sample> out;
  switch (type) {
    case MessageType::kAppointmentConfirmation:
    case MessageType::kAppointmentReminder:
    case MessageType::kAppointmentMoved:
      for (const char* d : {"in_person", "video_call", "phone"}) {
        MessageValues v = appointment(d);
        if (type == MessageType::kAppointmentMoved) {
          v.SetDateTime("previous_start", RomeTime(2026, 9, 23, 15, 45));
        }
        out.push_back({d, v});
      }
      break;
    case MessageType::kAppointmentCancelled:
      for (const char* by : {"citizen", "operator", "office_closure"}) {
        MessageValues v;
        v.SetText("service_name", kLongService)
            .SetText("site_label", kLongSite)
            .SetDateTime("start", start)
            .SetText("cancelled_by", by)
            .SetText("portal_url", kPortal);
        out.push_back({by, v});
      }
      break;
    case MessageType::kProposalReceived: {
      MessageValues v;
      v.SetText("vacancy_title", kLongVacancy)
          .SetDate("deadline", day)
          .SetText("cpi_name", kLongSite)
          .SetText("portal_url", kPortal);
      out.push_back({"proposal", v});
      break;
    }
    case MessageType::kProfileExpiring: {
      MessageValues v;
      v.SetDate("expires_on", day).SetText("cpi_name", kLongSite).SetText("portal_url", kPortal);
      out.push_back({"profile", v});
      break;
    }
    case MessageType::kCommunicationReceipt: {
      MessageValues v;
      v.SetText("communication_code", "0102026012345678")
          .SetText("form", "VARDATORI")
          .SetDate("protocol_date", day)
          .SetText("portal_url", "https://sisl.regione.piemonte.it/comunicazioni/ricevute");
      out.push_back({"receipt", v});
      break;
    }
  }
  return out;
}

}  // namespace sisl::notifications::testing

#endif  // SISL_TESTS_UNIT_NOTIFICATIONS_TEST_MESSAGES_H_
