// The message templates compiled in from services/notifications/templates/ (one file per type,
// language and part: `appointment_confirmation.it.subject`, `.it.txt`, `.it.html`, `.it.sms`,
// `.it.md`), checked and compiled once at load, and rendered into every part of a message.
#ifndef SISL_SERVICES_NOTIFICATIONS_DOMAIN_CATALOGUE_H_
#define SISL_SERVICES_NOTIFICATIONS_DOMAIN_CATALOGUE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/notifications/domain/message_values.h"
#include "services/notifications/domain/template_engine.h"
#include "services/notifications/domain/types.h"
#include "services/platform/embedded.h"

namespace sisl::notifications {

// One message in every form: e-mail (subject, text, html), SMS, App IO (subject, markdown).
struct RenderedMessage {
  std::string subject;   // one line: the e-mail's subject and the App IO message's title
  std::string text;      // the e-mail's text/plain part
  std::string html;      // the e-mail's text/html part (a whole document; dir="rtl" in Arabic)
  std::string sms;       // one line
  std::string markdown;  // the App IO message's body
};

class TemplateCatalogue final {
 public:
  // The templates compiled into the binary; dates and times are shown in `zone` (Europe/Rome).
  static absl::StatusOr<TemplateCatalogue> Load(absl::TimeZone zone);

  // The same from given files (tests). Every type x language x part must be there, compile and
  // use only the variables its type declares; any other file is refused. Errors:
  // FAILED_PRECONDITION TEMPLATE_MISSING (metadata `template`), INVALID_ARGUMENT TEMPLATE_ERROR
  // (a syntax error, a variable the type does not declare, a file that is no template).
  static absl::StatusOr<TemplateCatalogue> FromFiles(
      const std::vector<platform::EmbeddedFile>& files, absl::TimeZone zone);

  // Every part of `type` in `language`; errors as ExpandValues (message_values.h).
  absl::StatusOr<RenderedMessage> Render(MessageType type, Language language,
                                         const MessageValues& values) const;

  // The compiled template of one part (tests and tools).
  const Template& Get(MessageType type, Language language, Part part) const;

 private:
  TemplateCatalogue(std::vector<Template> templates, absl::TimeZone zone);

  std::vector<Template> templates_;  // by Index(type, language, part)
  absl::TimeZone zone_;
};

// The file name of a template: "appointment_confirmation.it.html".
std::string TemplateFileName(MessageType type, Language language, Part part);

}  // namespace sisl::notifications

#endif  // SISL_SERVICES_NOTIFICATIONS_DOMAIN_CATALOGUE_H_
