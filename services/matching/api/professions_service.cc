#include "services/matching/api/services.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"
#include "services/reference/code_lists.h"

namespace sisl::matching::api {

grpc::Status ProfessionsServiceImpl::SearchProfessions(grpc::ServerContext* context,
                                                       const v1::SearchProfessionsRequest* r,
                                                       v1::SearchProfessionsResponse* out) {
  return calls_.Public(context, [&](const platform::Call&) -> absl::Status {
    ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(r->page_size(), 20, 50));
    for (const reference::CodeEntry* e :
         reference::Cp2011Professions().Search(r->text(), static_cast<size_t>(size))) {
      v1::Profession* p = out->add_professions();
      p->set_code(e->code);
      p->set_name_it(e->label_it);
      p->set_name_en(e->label_en);
      p->set_level(e->level);
      p->set_parent(e->parent);
    }
    return absl::OkStatus();
  });
}

}  // namespace sisl::matching::api
