// Patron saint days of the municipalities hosting a CPI site.
//
// This is a REFERENCE TABLE, to be confirmed by each CPI: the day a municipality closes its offices
// for the patron saint is set locally and sometimes differs from the liturgical feast (a Monday
// after a Sunday feast, a date agreed with the staff). Administrators will be able to edit
// holidays; until then this table is the default. Municipalities not listed here get only the
// national holidays. Sources: the municipalities' and local newspapers' announcements where found,
// otherwise the "giorno festivo" of the Italian Wikipedia entry of the municipality.

#include <vector>

#include "services/booking/domain/holidays.h"

namespace sisl::booking {
namespace {

using Kind = PatronFeastRule::Kind;
using WD = absl::Weekday;

PatronFeastRule Fixed(absl::string_view municipality, absl::string_view saint, int month, int day) {
  return {.municipality = municipality,
          .saint = saint,
          .kind = Kind::kFixed,
          .month = month,
          .day = day};
}

// The `nth` (-1: last) `weekday` of `month`, moved by `offset_days`.
PatronFeastRule Nth(absl::string_view municipality, absl::string_view saint, int month, WD weekday,
                    int nth, int offset_days = 0) {
  return {.municipality = municipality,
          .saint = saint,
          .kind = Kind::kNthWeekday,
          .month = month,
          .weekday = weekday,
          .nth = nth,
          .offset_days = offset_days};
}

}  // namespace

const std::vector<PatronFeastRule>& PatronFeastTable() {
  static const auto* const kTable = new std::vector<PatronFeastRule>{
      Fixed("Acqui Terme", "San Guido", 7, 11),  // the feast is kept on the 2nd Sunday of July too
      Fixed("Alba", "San Lorenzo", 8, 10),
      Fixed("Alessandria", "San Baudolino", 11, 10),
      Nth("Asti", "San Secondo", 5, WD::tuesday, 1),
      Fixed("Beinasco", "San Giacomo", 7, 25),
      Fixed("Biella", "Santo Stefano", 12, 26),  // same day as the national holiday
      Fixed("Borgomanero", "San Bartolomeo", 8, 24),
      Fixed("Borgosesia", "Santi Pietro e Paolo", 6, 29),
      Fixed("Bra", "Madonna dei Fiori", 9, 8),
      Fixed("Canelli", "San Tommaso", 12, 21),
      Fixed("Carmagnola", "Immacolata Concezione", 12, 8),  // same day as the national holiday
      Fixed("Casale Monferrato", "Sant'Evasio", 11, 12),
      Fixed("Ceva", "Madonna del Rosario", 10, 7),
      Nth("Chieri", "Santa Maria delle Grazie", 9, WD::monday, 2),
      Nth("Chivasso", "Beato Angelo Carletti", 8, WD::wednesday, -1),
      Nth("Ciriè", "San Ciriaco", 8, WD::sunday, 1, /*offset_days=*/1),
      Fixed("Cuneo", "San Michele", 9, 29),
      Fixed("Cuorgnè", "San Luigi", 6, 21),
      Fixed("Domodossola", "Santi Gervasio e Protasio", 6, 19),
      Nth("Fossano", "San Giovenale", 5, WD::sunday, 1),
      Fixed("Ivrea", "San Savino", 7, 7),
      Fixed("Moncalieri", "Beato Bernardo di Baden", 7, 15),
      Fixed("Mondovì", "Natività di Maria", 9, 8),
      Fixed("Nizza Monferrato", "San Carlo Borromeo", 11, 4),
      Fixed("Novara", "San Gaudenzio", 1, 22),
      Fixed("Novi Ligure", "Madonna della Neve", 8, 5),
      Fixed("Omegna", "Sant'Ambrogio", 12, 7),
      Fixed("Orbassano", "San Giovanni Battista", 6, 24),
      Fixed("Ovada", "San Paolo della Croce", 10, 18),
      Nth("Pinerolo", "San Donato", 8, WD::sunday, -1, /*offset_days=*/1),
      Nth("Rivoli", "Santa Maria della Stella", 9, WD::sunday, 3, /*offset_days=*/1),
      Nth("Saluzzo", "San Chiaffredo", 9, WD::sunday, 1, /*offset_days=*/1),
      Fixed("Savigliano", "San Sebastiano", 8, 19),
      Nth("Settimo Torinese", "Santi Martiri (Corpi Santi)", 9, WD::sunday, 1),
      Fixed("Susa", "Madonna della Neve", 8, 5),
      Fixed("Torino", "San Giovanni Battista", 6, 24),
      Fixed("Tortona", "San Marziano", 3, 6),
      Fixed("Venaria Reale", "Sant'Eusebio", 8, 14),
      Fixed("Verbania", "San Vittore", 5, 8),
      Fixed("Vercelli", "Sant'Eusebio", 8, 1),
      Fixed("Villanova d'Asti", "Sant'Isidoro", 9, 4),
  };
  return *kTable;
}

}  // namespace sisl::booking
