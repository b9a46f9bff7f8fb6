#include "services/matching/app/profiles.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/matching/app/feeds.h"
#include "services/matching/events/matching_events.h"
#include "services/matching/store/relationship_seeds.h"
#include "services/platform/clock.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"
#include "services/reference/cpi_areas.h"
#include "services/reference/fiscal_code.h"

namespace sisl::matching {
namespace {

using platform::db::Transaction;
using store::ProfileState;
using store::StoredProfile;

// Experiences from communications' relationships the profile does not list yet (by id).
absl::Status Prefill(Transaction& tx, CandidateProfile& p) {
  ASSIGN_OR_RETURN(std::vector<store::RelationshipSeed> seeds,
                   store::RelationshipSeeds::OfPerson(tx, p.person_id));
  for (const store::RelationshipSeed& s : seeds) MergeExperience(p, s);
  return absl::OkStatus();
}

absl::Status NotFound() {
  return platform::Error(absl::StatusCode::kNotFound, "PROFILE_NOT_FOUND",
                         "this person has no profile");
}

}  // namespace

absl::StatusOr<ProfileRecord> Profiles::Load(Transaction& tx, const std::string& person_id) {
  ProfileRecord out;
  ASSIGN_OR_RETURN(std::optional<StoredProfile> found, store::ProfileStore::Find(tx, person_id));
  if (found) {
    out.profile = *std::move(found);
    out.stored = true;
  } else {
    out.profile.profile.person_id = person_id;
  }
  RETURN_IF_ERROR(Prefill(tx, out.profile.profile));
  return out;
}

absl::StatusOr<ProfileRecord> Profiles::Save(Transaction& tx, platform::outbox::EventWriter& events,
                                             ProfileRecord current, CandidateProfile content,
                                             bool keep_validation) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  content.person_id = current.profile.profile.person_id;
  const std::optional<std::string> cpi = content.domicile_istat_code.empty()
                                             ? std::nullopt
                                             : reference::CompetentCpi(content.domicile_istat_code);
  content.cpi_code = cpi.value_or("");
  content.validated_on = keep_validation ? current.profile.profile.validated_on : std::nullopt;
  if (!cpi && !content.domicile_istat_code.empty()) {
    return platform::InvalidField("DOMICILE_OUTSIDE_PIEDMONT", "content.domicile_municipality",
                                  "the domicile is not served by a Piedmont CPI");
  }
  RETURN_IF_ERROR(ValidateProfile(content, today));
  StoredProfile& p = current.profile;
  p.profile = std::move(content);
  p.state = p.profile.validated_on ? ProfileState::kValidated : ProfileState::kToValidate;
  if (p.profile.validated_on && IsExpired(p.profile, today)) p.state = ProfileState::kExpired;
  p.expires_on = ExpiryDate(p.profile);
  p.updated_at = deps_.clock.Now();
  RETURN_IF_ERROR(store::ProfileStore::Put(tx, p));
  RETURN_IF_ERROR(events.Emit(p.profile.person_id,
                              events::ProfileChangedOf(p.profile.person_id, p.profile.cpi_code)));
  current.stored = true;
  return current;
}

void Profiles::Reindex(const std::string& person_id) {
  absl::StatusOr<std::unique_ptr<Transaction>> tx = deps_.db.Begin();
  if (!tx.ok()) return;
  absl::StatusOr<std::optional<StoredProfile>> p = store::ProfileStore::Find(**tx, person_id);
  if (!p.ok()) {
    platform::log::Warn("matching: cannot reindex a profile", {{"error", p.status().ToString()}});
    return;
  }
  if (*p) {
    deps_.index.UpsertProfile((*p)->profile);
  } else {
    deps_.index.RemoveProfile(person_id);
  }
}

absl::StatusOr<ProfileRecord> Profiles::GetMine(const Caller& caller) {
  RETURN_IF_ERROR(RequireCitizen(caller));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  return Load(*tx, caller.subject);
}

absl::StatusOr<ProfileRecord> Profiles::UpdateMine(const Caller& caller, CandidateProfile content,
                                                   const std::string& given_name,
                                                   const std::string& family_name) {
  RETURN_IF_ERROR(RequireCitizen(caller));
  if (given_name.find_first_not_of(' ') == std::string::npos ||
      family_name.find_first_not_of(' ') == std::string::npos) {
    return platform::InvalidField("NAME_REQUIRED", "given_name", "your given and family names");
  }
  ProfileRecord saved;
  RETURN_IF_ERROR(deps_.committer.Commit(
      [&](Transaction& tx, platform::outbox::EventWriter& events) -> absl::Status {
        ASSIGN_OR_RETURN(ProfileRecord current, Load(tx, caller.subject));
        current.profile.given_name = given_name;
        current.profile.family_name = family_name;
        ASSIGN_OR_RETURN(saved, Save(tx, events, std::move(current), std::move(content),
                                     /*keep_validation=*/false));
        return absl::OkStatus();
      }));
  Reindex(caller.subject);
  return saved;
}

absl::StatusOr<ProfileRecord> Profiles::Get(const Caller& caller, const std::string& person_id,
                                            const std::string& reason) {
  if (!IsStaff(caller)) RETURN_IF_ERROR(RequireStaffOf(caller, ""));
  RETURN_IF_ERROR(CheckAccessReason(reason));
  ProfileRecord out;
  RETURN_IF_ERROR(platform::db::InTransaction(deps_.db, [&](Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, Load(tx, person_id));
    if (out.stored) RETURN_IF_ERROR(RequireStaffOf(caller, out.profile.profile.cpi_code));
    return Audit(tx, caller, "matching.GetProfile", person_id, reason, deps_.clock.Now());
  }));
  return out;
}

absl::StatusOr<ProfileRecord> Profiles::Lookup(const Caller& caller, const std::string& fiscal_code,
                                               const std::string& reason) {
  if (!IsStaff(caller)) RETURN_IF_ERROR(RequireStaffOf(caller, ""));
  RETURN_IF_ERROR(reference::ValidateFiscalCode(fiscal_code));
  return Get(caller, deps_.person_ids.PersonId(reference::NormalizeFiscalCode(fiscal_code)),
             reason);
}

absl::StatusOr<ProfileRecord> Profiles::Update(const Caller& caller, const std::string& person_id,
                                               CandidateProfile content,
                                               const std::string& reason) {
  if (!IsStaff(caller)) RETURN_IF_ERROR(RequireStaffOf(caller, ""));
  RETURN_IF_ERROR(CheckAccessReason(reason));
  ProfileRecord saved;
  RETURN_IF_ERROR(deps_.committer.Commit(
      [&](Transaction& tx, platform::outbox::EventWriter& events) -> absl::Status {
        ASSIGN_OR_RETURN(ProfileRecord current, Load(tx, person_id));
        if (current.stored)
          RETURN_IF_ERROR(RequireStaffOf(caller, current.profile.profile.cpi_code));
        ASSIGN_OR_RETURN(saved, Save(tx, events, std::move(current), std::move(content),
                                     /*keep_validation=*/true));
        RETURN_IF_ERROR(RequireStaffOf(caller, saved.profile.profile.cpi_code));
        return Audit(tx, caller, "matching.UpdateProfile", person_id, reason, deps_.clock.Now());
      }));
  Reindex(person_id);
  return saved;
}

absl::StatusOr<ProfileRecord> Profiles::Validate(const Caller& caller,
                                                 const std::string& person_id) {
  ProfileRecord out;
  RETURN_IF_ERROR(deps_.committer.Commit(
      [&](Transaction& tx, platform::outbox::EventWriter& events) -> absl::Status {
        ASSIGN_OR_RETURN(out, Load(tx, person_id));
        if (!out.stored) return NotFound();
        StoredProfile& p = out.profile;
        RETURN_IF_ERROR(RequireStaffOf(caller, p.profile.cpi_code));
        const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
        p.profile.validated_on = today;
        RETURN_IF_ERROR(ValidateProfile(p.profile, today));
        p.state = ProfileState::kValidated;
        p.expires_on = ExpiryDate(p.profile);
        p.warned_expiry.reset();
        p.updated_at = deps_.clock.Now();
        RETURN_IF_ERROR(store::ProfileStore::Put(tx, p));
        v1::ProfileValidated e;
        e.set_person_id(person_id);
        e.set_cpi_code(p.profile.cpi_code);
        e.set_validated_on(absl::FormatCivilTime(today));
        if (p.expires_on) e.set_expires_on(absl::FormatCivilTime(*p.expires_on));
        RETURN_IF_ERROR(events.Emit(person_id, e));
        RETURN_IF_ERROR(
            events.Emit(person_id, events::ProfileChangedOf(person_id, p.profile.cpi_code)));
        return Audit(tx, caller, "matching.ValidateProfile", person_id, "validation",
                     deps_.clock.Now());
      }));
  Reindex(person_id);
  return out;
}

absl::StatusOr<ProfilePage> Profiles::List(const Caller& caller, std::optional<ProfileState> state,
                                           int page_size, const std::string& page_token) {
  if (caller.role != Role::kOperator) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "STAFF_ONLY",
                           "only CPI operators list their CPI's profiles");
  }
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 50, 200));
  const std::string query =
      absl::StrCat("profiles/", caller.cpi_code, "/", state ? store::ProfileStateName(*state) : "");
  ASSIGN_OR_RETURN(std::string cursor, platform::DecodePageToken(page_token, query));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ProfilePage page;
  ASSIGN_OR_RETURN(page.profiles,
                   store::ProfileStore::OfCpi(*tx, caller.cpi_code, state, cursor, size + 1));
  if (static_cast<int>(page.profiles.size()) > size) {
    page.profiles.resize(size);
    page.next_page_token = platform::EncodePageToken(page.profiles.back().profile.person_id, query);
  }
  return page;
}

absl::StatusOr<int> Profiles::RunExpiry(int batch) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  int changed = 0;
  std::vector<std::string> reindex;
  RETURN_IF_ERROR(deps_.committer.Commit(
      [&](Transaction& tx, platform::outbox::EventWriter& events) -> absl::Status {
        ASSIGN_OR_RETURN(
            std::vector<StoredProfile> warn,
            store::ProfileStore::ToWarn(tx, today + deps_.settings.expiry_warning_days, batch));
        for (StoredProfile& p : warn) {
          if (!p.expires_on) continue;
          p.warned_expiry = p.expires_on;
          RETURN_IF_ERROR(store::ProfileStore::Put(tx, p));
          v1::ProfileExpiring e;
          e.set_person_id(p.profile.person_id);
          e.set_cpi_code(p.profile.cpi_code);
          e.set_expires_on(absl::FormatCivilTime(*p.expires_on));
          e.set_days_left(static_cast<int>(*p.expires_on - today));
          RETURN_IF_ERROR(events.Emit(p.profile.person_id, e));
          ++changed;
        }
        ASSIGN_OR_RETURN(std::vector<StoredProfile> expired,
                         store::ProfileStore::Expired(tx, today + 1, batch));
        for (StoredProfile& p : expired) {
          p.state = ProfileState::kExpired;
          p.updated_at = deps_.clock.Now();
          RETURN_IF_ERROR(store::ProfileStore::Put(tx, p));
          RETURN_IF_ERROR(
              events.Emit(p.profile.person_id,
                          events::ProfileChangedOf(p.profile.person_id, p.profile.cpi_code)));
          reindex.push_back(p.profile.person_id);
          ++changed;
        }
        return absl::OkStatus();
      }));
  for (const std::string& id : reindex) Reindex(id);
  return changed;
}

}  // namespace sisl::matching
