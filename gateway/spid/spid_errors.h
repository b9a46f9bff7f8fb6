#ifndef SISL_GATEWAY_SPID_SPID_ERRORS_H_
#define SISL_GATEWAY_SPID_SPID_ERRORS_H_

#include <string_view>

namespace sisl::gateway::spid {

// The SPID "anomalia" number an IdP puts in <samlp:StatusMessage> ("ErrorCode nr19",
// "ErrorCode_nr19", ...): 19..25 are the user-caused failures the SP must explain to the user
// (AgID, tabella messaggi di anomalia). Returns 0 when the message carries no such code.
int SpidErrorCodeFrom(std::string_view status_message);

}  // namespace sisl::gateway::spid

#endif  // SISL_GATEWAY_SPID_SPID_ERRORS_H_
