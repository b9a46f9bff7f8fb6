// The people of the communication generator: name lists by origin and the citizenship mix of
// workers hired in Piedmont.
#include <vector>

#include "tests/support/co_generator_internal.h"

namespace sisl::communications::testing::internal {

namespace {

// Name lists by origin; surnames include particles, apostrophes and accents on purpose.
enum Names : size_t {
  kItalian,
  kRomanian,
  kAlbanian,
  kArabic,
  kChinese,
  kSlavic,
  kSpanish,
  kWestAfrican,
  kSouthAsian,
  kFilipino,
  kFrench,
  kGerman,
  kNames
};

}  // namespace

std::vector<NameList> BuildNames() {
  std::vector<NameList> n(kNames);
  n[kItalian] = {
      {"Rossi",     "Russo",     "Ferrari",    "Esposito",  "Bianchi",    "Romano",     "Colombo",
       "Ricci",     "Marino",    "Greco",      "Bruno",     "Gallo",      "Conti",      "De Luca",
       "Mancini",   "Costa",     "Giordano",   "Rizzo",     "Lombardi",   "Moretti",    "Barbieri",
       "Fontana",   "Santoro",   "Mariani",    "Rinaldi",   "Caruso",     "Ferrara",    "Galli",
       "Martini",   "Leone",     "Longo",      "Gentile",   "Martinelli", "Vitale",     "Serra",
       "Coppola",   "De Santis", "D'Angelo",   "Marchetti", "Parisi",     "Villa",      "Conte",
       "Ferraro",   "Fabbri",    "Bianco",     "Marini",    "Grasso",     "Valentini",  "Messina",
       "Sala",      "Gatti",     "Pellegrini", "Palumbo",   "Sanna",      "Farina",     "Rizzi",
       "Monti",     "Cattaneo",  "Morelli",    "Amato",     "Silvestri",  "Testa",      "Carbone",
       "Barone",    "Caputo",    "Guerra",     "Fiore",     "De Rosa",    "Bellini",    "Basile",
       "Riva",      "Donati",    "Piras",      "Sartori",   "Neri",       "Milani",     "Orlando",
       "Lo Iacono", "Dell'Orto", "Cantù",      "Nicolò",    "Bertolino",  "Gribaudo",   "Bosio",
       "Cravero",   "Ghione",    "Giraudo",    "Allasia",   "Chiabrando", "Operti",     "Rosso",
       "Audisio",   "Bonino",    "Bussone",    "Cerutti",   "Gallino",    "Mondino",    "Perotti",
       "Barbero",   "Rabino",    "Sappa",      "Aimar",     "Tallone",    "Dellavalle", "Ferrero",
       "Oberto",    "Vottero",   "Boetti",     "Ru",        "Fo",         "Re"},
      {"Marco",    "Luca",    "Giuseppe", "Andrea",   "Francesco", "Alessandro", "Matteo",
       "Lorenzo",  "Davide",  "Simone",   "Federico", "Stefano",   "Roberto",    "Paolo",
       "Giovanni", "Antonio", "Riccardo", "Gabriele", "Fabio",     "Alberto",    "Daniele",
       "Emanuele", "Nicolò",  "Pietro",   "Tommaso",  "Edoardo",   "Mattia",     "Leonardo",
       "Giorgio",  "Massimo", "Claudio",  "Enrico",   "Filippo",   "Salvatore",  "Vincenzo",
       "Michele",  "Alessio", "Cristian", "Diego",    "Gianluca",  "Gian Paolo", "Ivo"},
      {"Giulia",     "Francesca", "Chiara",  "Sara",     "Martina",   "Valentina",    "Alessia",
       "Federica",   "Elisa",     "Silvia",  "Laura",    "Elena",     "Anna",         "Paola",
       "Simona",     "Giorgia",   "Roberta", "Alice",    "Beatrice",  "Sofia",        "Aurora",
       "Ilaria",     "Marta",     "Serena",  "Cristina", "Monica",    "Daniela",      "Barbara",
       "Alessandra", "Veronica",  "Camilla", "Noemi",    "Lucia",     "Maria Grazia", "Rosa",
       "Teresa",     "Erika",     "Irene",   "Arianna",  "Benedetta", "Zoe",          "Ada"}};
  n[kRomanian] = {
      {"Popescu",  "Ionescu", "Popa",    "Pop",    "Radu",     "Dumitru",    "Stan",     "Stoica",
       "Gheorghe", "Matei",   "Ciobanu", "Rusu",   "Munteanu", "Constantin", "Moldovan", "Lazar",
       "Florea",   "Dinu",    "Barbu",   "Rotaru", "Cebotari", "Lungu",      "Ceban"},
      {"Andrei", "Ionut", "Mihai", "Alexandru", "Florin", "Adrian", "Gabriel", "Cristian", "Marius",
       "Bogdan", "Stefan", "Vasile", "Sorin", "Daniel"},
      {"Elena", "Ioana", "Maria", "Andreea", "Mihaela", "Alexandra", "Gabriela", "Daniela",
       "Cristina", "Florentina", "Simona", "Roxana", "Larisa"}};
  n[kAlbanian] = {{"Hoxha", "Shehu", "Dervishi", "Gjoka", "Leka", "Prifti", "Kola", "Marku",
                   "Brahimi", "Cela", "Hysa", "Muca", "Duka", "Sula"},
                  {"Arben", "Ermal", "Besnik", "Gentian", "Klodian", "Erion", "Fatjon", "Ilir",
                   "Dritan", "Endrit", "Altin", "Kledi"},
                  {"Elona", "Anila", "Blerina", "Erjona", "Klaudia", "Mirela", "Valbona", "Jonida",
                   "Entela", "Ornela", "Ina"}};
  n[kArabic] = {
      {"El Idrissi", "Benali",  "Bouazza",  "El Amrani", "Lahlou",  "Chakir",    "Ouali",
       "Tazi",       "Bennani", "El Fassi", "Haddad",    "Karimi",  "Ben Salah", "Trabelsi",
       "Gharbi",     "Mahmoud", "Ibrahim",  "Hassan",    "Mostafa", "Saleh",     "Farouk"},
      {"Mohamed", "Youssef", "Ahmed", "Hassan", "Rachid", "Said", "Karim", "Mustapha", "Abdelali",
       "Hamza", "Omar", "Amr", "Tarek", "Sherif", "Walid"},
      {"Fatima", "Khadija", "Aicha", "Samira", "Naima", "Latifa", "Salma", "Meryem", "Zineb",
       "Hanane", "Mona", "Nour", "Amira", "Rania", "Ines"}};
  n[kChinese] = {{"Hu", "Chen", "Wang", "Zhang", "Liu", "Lin", "Zhou", "Huang", "Xu", "Wu", "Zheng",
                  "Ye", "Li", "Yu"},
                 {"Wei", "Jun", "Hao", "Lei", "Tao", "Ming", "Jian", "Qiang", "Bo", "Yi"},
                 {"Li", "Mei", "Xiu", "Yan", "Hui", "Ling", "Jing", "Fang", "Xia", "Yu"}};
  n[kSlavic] = {{"Kovalenko", "Bondarenko", "Tkachenko", "Shevchenko", "Kravchenko", "Melnyk",
                 "Boyko", "Oliynyk", "Koval", "Savchenko", "Nowak", "Kowalski", "Wisniewski",
                 "Ivanov", "Georgiev", "Dimitrov", "Petrov"},
                {"Oleksandr", "Andriy", "Serhiy", "Volodymyr", "Dmytro", "Mykola", "Ivan", "Yuriy",
                 "Piotr", "Tomasz", "Georgi", "Dimitar"},
                {"Olena", "Natalia", "Oksana", "Iryna", "Tetiana", "Svitlana", "Yulia", "Halyna",
                 "Agnieszka", "Katarzyna", "Desislava", "Ivana"}};
  n[kSpanish] = {
      {"Quispe", "Flores", "Huaman", "Mamani", "Rojas", "Chavez", "Vargas", "Ramos", "Torres",
       "Mendoza", "García", "Fernández", "López", "Sánchez", "Silva", "Oliveira", "Souza"},
      {"José", "Luis", "Carlos", "Jorge", "Juan", "Miguel", "Cesar", "Victor", "João", "Rafael"},
      {"Rosa", "María", "Carmen", "Ana", "Lucía", "Julia", "Elizabeth", "Milagros", "Fernanda",
       "Beatriz"}};
  n[kWestAfrican] = {
      {"Okafor", "Okonkwo", "Adeyemi", "Eze", "Obi", "Nwosu", "Balogun", "Ogunleye", "Chukwu",
       "Diop", "Ndiaye", "Fall", "Sow", "Diallo", "Gueye", "Ba", "Sarr", "Faye", "Cisse"},
      {"Chinedu", "Emeka", "Olumide", "Tunde", "Uche", "Ifeanyi", "Samuel", "Mamadou", "Cheikh",
       "Moussa", "Ibrahima", "Abdoulaye", "Ousmane", "Modou"},
      {"Ngozi", "Chioma", "Blessing", "Funmilayo", "Adaeze", "Joy", "Esther", "Fatou", "Aminata",
       "Awa", "Mariama", "Khady", "Ndeye", "Coumba"}};
  n[kSouthAsian] = {
      {"Singh", "Kumar", "Sharma", "Kaur", "Patel", "Gill", "Sandhu", "Sidhu", "Hossain", "Rahman",
       "Islam", "Ahmed", "Uddin", "Akter", "Miah", "Khan", "Butt"},
      {"Harpreet", "Gurpreet", "Manpreet", "Rajesh", "Amit", "Sukhwinder", "Mohammad", "Abdul",
       "Rakib", "Shahid", "Jahid", "Faruk", "Imran"},
      {"Simranjeet", "Harjit", "Priya", "Kamaljit", "Rupinder", "Navneet", "Nasrin", "Shirin",
       "Rokeya", "Sumaiya", "Ayesha"}};
  n[kFilipino] = {{"Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz",
                   "Villanueva", "Aquino"},
                  {"Jose", "Mark", "John", "Michael", "Rodel", "Ronaldo", "Jerome"},
                  {"Maricel", "Jennifer", "Marilou", "Rowena", "Lorna", "Grace", "Rachelle"}};
  n[kFrench] = {{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Lefèvre",
                 "Moreau", "Garnier"},
                {"Jean", "Pierre", "Nicolas", "François", "Julien", "Mathieu", "Olivier"},
                {"Marie", "Camille", "Sophie", "Julie", "Céline", "Élodie", "Chloé"}};
  n[kGerman] = {{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Schäfer", "Wagner",
                 "Becker", "Hoffmann"},
                {"Lukas", "Jonas", "Stefan", "Michael", "Jürgen", "Tobias"},
                {"Anna", "Lena", "Katrin", "Sabine", "Ute", "Franziska"}};
  return n;
}

// Citizenships of people hired in Piedmont, in rough proportion (percent).
std::vector<Country> BuildCountries() {
  return {
      {"000", "", kItalian, 74.0},        {"235", "Z129", kRomanian, 6.4},
      {"233", "Z127", kSlavic, 0.6},      {"209", "Z104", kSlavic, 0.5},
      {"215", "Z110", kFrench, 0.6},      {"239", "Z131", kSpanish, 0.4},
      {"216", "Z112", kGerman, 0.3},      {"436", "Z330", kArabic, 3.5},
      {"201", "Z100", kAlbanian, 3.3},    {"314", "Z210", kChinese, 1.4},
      {"243", "Z138", kSlavic, 1.1},      {"254", "Z140", kRomanian, 0.8},
      {"615", "Z611", kSpanish, 1.0},     {"609", "Z605", kSpanish, 0.5},
      {"419", "Z336", kArabic, 0.9},      {"443", "Z335", kWestAfrican, 1.0},
      {"450", "Z343", kWestAfrican, 0.8}, {"330", "Z222", kSouthAsian, 0.8},
      {"305", "Z249", kSouthAsian, 0.6},  {"344", "Z236", kSouthAsian, 0.3},
      {"323", "Z216", kFilipino, 0.5},    {"460", "Z352", kArabic, 0.4},
      {"605", "Z602", kSpanish, 0.3},
  };
}

}  // namespace sisl::communications::testing::internal
