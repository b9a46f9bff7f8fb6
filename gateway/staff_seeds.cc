#include "gateway/staff_seeds.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/reference/data_files.h"

namespace sisl::gateway {

absl::StatusOr<std::vector<staff::StaffSeed>> ParseStaffBootstrap(const std::string& text) {
  std::vector<staff::StaffSeed> seeds;
  int n = 0;
  for (absl::string_view entry : absl::StrSplit(text, ';', absl::SkipWhitespace())) {
    ++n;
    std::vector<std::string> parts = absl::StrSplit(absl::StripAsciiWhitespace(entry), ':');
    auto role = parts.size() >= 2 ? staff::ParseStaffRole(parts[1]) : std::nullopt;
    if (parts.size() < 2 || parts.size() > 4 || parts[0].empty() || !role) {
      return absl::InvalidArgumentError(absl::StrCat(
          "config key 'gateway.staff_bootstrap': entry ", n,
          " must be FISCALCODE:operator|contact_centre|admin[:CPI][:Display name]"));
    }
    staff::RoleAssignment assignment{*role, parts.size() >= 3 ? parts[2] : ""};
    const std::string cf = absl::AsciiStrToUpper(parts[0]);
    auto it = std::find_if(seeds.begin(), seeds.end(),
                           [&](const staff::StaffSeed& s) { return s.fiscal_code == cf; });
    if (it == seeds.end()) {
      staff::StaffSeed seed;
      seed.fiscal_code = cf;
      seed.display_name = parts.size() == 4 ? parts[3] : absl::StrCat("Staff ", n);
      seeds.push_back(std::move(seed));
      it = seeds.end() - 1;
    }
    it->roles.push_back(std::move(assignment));
  }
  return seeds;
}

std::vector<std::string> PiedmontCpiCodes() {
  // The regional list of Centri per l'impiego (services/reference/data/cpi_piemonte.csv).
  std::vector<std::string> codes;
  absl::StatusOr<absl::string_view> file = reference::DataFile("cpi_piemonte.csv");
  if (!file.ok()) return codes;  // compiled in: never missing in a built binary
  bool header = true;
  for (absl::string_view line : absl::StrSplit(*file, '\n', absl::SkipWhitespace())) {
    if (header) {
      header = false;
      continue;
    }
    codes.emplace_back(line.substr(0, line.find(',')));
  }
  return codes;
}

}  // namespace sisl::gateway
