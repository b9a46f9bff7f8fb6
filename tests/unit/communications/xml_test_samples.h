#ifndef SISL_TESTS_UNIT_COMMUNICATIONS_XML_TEST_SAMPLES_H_
#define SISL_TESTS_UNIT_COMMUNICATIONS_XML_TEST_SAMPLES_H_

// Real-looking communications of every form and event for the XML tests (xml_*_test.cc).

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/communications/domain/communication.h"

namespace sisl::communications::xml_test {

inline Employer Torino() {
  Employer e;
  e.fiscal_code = "07643520011";
  e.name = "Officine Meccaniche Subalpine S.r.l.";
  e.ateco = "28.41.00";
  e.registered_office = {"L219", "10128", "Corso Re Umberto 45"};
  e.workplace = {"G674", "10064", "Via Nazionale 12"};  // Pinerolo
  e.pec = "omsubalpine@pec.it";
  return e;
}

inline Worker Rossi() {
  Worker w;
  w.fiscal_code = "RSSMRA85T10L219G";
  w.surname = "Rossi";
  w.name = "Mario";
  w.birth_date = absl::CivilDay(1985, 12, 10);
  w.birth_place_code = "L219";
  w.citizenship = "000";
  w.education_level = "40";
  w.domicile = {"L219", "10139", "Via Cibrario 80"};
  return w;
}

// A non-EU worker with a residence permit.
inline Worker Kamara() {
  Worker w;
  w.fiscal_code = "KMRYSF90C15Z330J";
  w.surname = "Kamara";
  w.name = "Youssef";
  w.birth_date = absl::CivilDay(1990, 3, 15);
  w.birth_place_code = "Z330";
  w.citizenship = "436";
  w.education_level = "20";
  w.domicile = {"L219", "10152", "Corso Giulio Cesare 20"};
  w.permit = Permit{"1", "TO1234567", "LAVSU", absl::CivilDay(2027, 6, 30), "L219"};
  return w;
}

inline Contract FixedTerm() {
  Contract k;
  k.start = absl::CivilDay(2026, 3, 2);
  k.end = absl::CivilDay(2026, 8, 31);
  k.contract_type = "A.02.00";
  k.working_time = "P";
  k.weekly_hours = 24.5;
  k.ccnl = "051";
  k.level = "5S";
  k.profession = "7.2.1.1.0.2";
  k.social_security_body = "01";
  k.inail_pat = "012345678";
  k.annual_pay_eur = 21500;
  return k;
}

inline Communication UnilavHire() {
  Communication c;
  c.form = Form::kUnilav;
  c.event = EventKind::kHire;
  c.employer = Torino();
  c.worker = Rossi();
  c.contract = FixedTerm();
  c.sent_at = absl::CivilSecond(2026, 3, 1, 18, 42, 5);
  return c;
}

// Every UNILAV event, with its part.
inline Communication UnilavEvent(EventKind event) {
  Communication c = UnilavHire();
  c.event = event;
  c.code = "0102026000123456";
  switch (event) {
    case EventKind::kExtension:
      c.extension = Extension{absl::CivilDay(2027, 2, 28)};
      break;
    case EventKind::kTransformation:
      c.transformation = Transformation{"DI", absl::CivilDay(2026, 9, 1), "A.01.00", "F", 0};
      break;
    case EventKind::kTransfer:
      c.transfer = Transfer{absl::CivilDay(2026, 5, 4), std::nullopt,
                            Address{"A479", "10011", "Via Torino 3"}, "", ""};
      break;
    case EventKind::kSecondment:
      c.transfer = Transfer{absl::CivilDay(2026, 5, 4), absl::CivilDay(2026, 7, 31),
                            Address{"F205", "20121", "Via Manzoni 7"}, "11122233344",
                            "Meccanica Lombarda S.p.A."};
      break;
    case EventKind::kTermination:
      c.termination = Termination{absl::CivilDay(2026, 6, 15), "DM"};
      break;
    default:
      break;
  }
  return c;
}

inline Communication UnisommMission(EventKind event) {
  Communication c;
  c.form = Form::kUnisomm;
  c.event = event;
  c.employer.fiscal_code = "12485671007";
  c.employer.name = "Lavoro Pronto Agenzia per il Lavoro S.p.A.";
  c.employer.ateco = "78.20.00";
  c.employer.registered_office = {"H501", "00187", "Via Veneto 108"};
  c.employer.workplace = {"L219", "10121", "Via Roma 101"};
  c.agency = Agency{"12485671007", "Lavoro Pronto Agenzia per il Lavoro S.p.A.", "1100-SG"};
  c.worker = Kamara();
  c.contract = FixedTerm();
  c.contract.contract_type = "A.06.02";
  c.mission = Mission{"07643520011",
                      "Officine Meccaniche Subalpine S.r.l.",
                      "28.41.00",
                      false,
                      "000123456",
                      absl::CivilDay(2026, 3, 2),
                      absl::CivilDay(2026, 5, 29),
                      Address{"G674", "10064", "Via Nazionale 12"},
                      "7.2.1.1.0.2",
                      "051",
                      "4",
                      "F",
                      0,
                      "012345678"};
  if (event == EventKind::kMissionExtension) c.mission->end = absl::CivilDay(2026, 8, 31);
  if (event == EventKind::kMissionTermination) {
    c.termination = Termination{absl::CivilDay(2026, 4, 30), "FM"};
  }
  c.sent_at = absl::CivilSecond(2026, 3, 20, 9, 0, 0);
  return c;
}

inline Communication Uniurg() {
  Communication c;
  c.form = Form::kUniurg;
  c.event = EventKind::kHire;
  c.employer = Torino();
  c.worker = Rossi();
  c.worker.domicile = {};
  c.worker.education_level.clear();
  c.contract.start = absl::CivilDay(2026, 3, 7);
  c.contract.contract_type = "A.02.00";
  c.contract.inail_pat = "012345678";
  c.urgency = Urgency{"Sostituzione improvvisa di personale assente (sabato)"};
  c.sent_at = absl::CivilSecond(2026, 3, 7, 7, 30, 0);
  return c;
}

inline Communication Vardatori() {
  Communication c;
  c.form = Form::kVardatori;
  c.event = EventKind::kEmployerChange;
  c.employer = Torino();
  c.employer.name = "OMS Subalpina S.r.l.";
  c.employer_change = EmployerChange{"TRANSFER",
                                     absl::CivilDay(2026, 4, 1),
                                     "09876543210",
                                     "Officine Meccaniche Subalpine S.r.l.",
                                     {"RSSMRA85T10L219G", "BNCLRA92A41F205K"}};
  c.sent_at = absl::CivilSecond(2026, 4, 2, 11, 5, 0);
  return c;
}

// One of each form and event, in a stable order.
inline std::vector<Communication> AllSamples() {
  std::vector<Communication> all;
  for (EventKind e : {EventKind::kHire, EventKind::kExtension, EventKind::kTransformation,
                      EventKind::kTransfer, EventKind::kSecondment, EventKind::kTermination}) {
    all.push_back(UnilavEvent(e));
  }
  for (EventKind e :
       {EventKind::kMissionStart, EventKind::kMissionExtension, EventKind::kMissionTermination}) {
    all.push_back(UnisommMission(e));
  }
  all.push_back(Uniurg());
  all.push_back(Vardatori());
  return all;
}

// The i-th worker of a generated batch: a distinct, pattern-valid fiscal code.
inline Communication Generated(int i) {
  Communication c = UnilavHire();
  c.worker.fiscal_code = absl::StrCat("RSSMRA85T10L", 100 + i % 900, "G");
  c.worker.surname = absl::StrCat("Rossi", i);
  c.contract.annual_pay_eur = 20000 + i;
  return c;
}

}  // namespace sisl::communications::xml_test

#endif  // SISL_TESTS_UNIT_COMMUNICATIONS_XML_TEST_SAMPLES_H_
