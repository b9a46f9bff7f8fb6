#include "gateway/devidp/demo_users.h"

namespace sisl::gateway::devidp {

const std::vector<DemoUser>& DemoUsers() {
  static const auto* users = new std::vector<DemoUser>{
      {"cittadino-1", "Mario Rossi - cittadino", "RSSMRA85C12L219B", "Mario", "Rossi",
       "mario.rossi@example.org", "+393331112233", "1985-03-12", "citizen", ""},
      {"cittadina-2", "Giulia Bianchi - cittadina", "BNCGLI92L64D205V", "Giulia", "Bianchi",
       "giulia.bianchi@example.org", "+393332223344", "1992-07-24", "citizen", ""},
      {"delegato-azienda", "Luca Ferrero - delegato di un'azienda", "FRRLCU78S05A124F", "Luca",
       "Ferrero", "luca.ferrero@example.org", "+393333334455", "1978-11-05", "company", ""},
      {"consulente-lavoro", "Chiara Gallo - consulente del lavoro", "GLLCHR81B57A479P",
       "Chiara", "Gallo", "chiara.gallo@example.org", "+393334445566", "1981-02-17",
       "consultant", ""},
      {"operatore-torino", "Paolo Esposito - operatore del CPI di Torino", "SPSPLA75P30L219V",
       "Paolo", "Esposito", "paolo.esposito@example.org", "+393335556677", "1975-09-30",
       "operator", "CPI-TO-15"},
      {"contact-center", "Sara Conti - operatrice del contact center", "CNTSRA90E48F952R",
       "Sara", "Conti", "sara.conti@example.org", "+393336667788", "1990-05-08",
       "contact_centre", ""},
      {"amministratore", "Andrea Moretti - amministratore", "MRTNDR80T01L219B", "Andrea",
       "Moretti", "andrea.moretti@example.org", "+393337778899", "1980-12-01", "admin", ""},
      {"titolare-azienda", "Elena Ricci - titolare di un'azienda", "RCCLNE83D62L219Y", "Elena",
       "Ricci", "elena.ricci@example.org", "+393338889900", "1983-04-22", "company", "",
       "10534760011", "Ricci Impianti S.r.l."},
  };
  return *users;
}

const DemoUser* FindDemoUser(const std::string& key) {
  for (const DemoUser& user : DemoUsers()) {
    if (user.key == key) return &user;
  }
  return nullptr;
}

}  // namespace sisl::gateway::devidp
