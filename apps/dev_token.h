#ifndef SISL_APPS_DEV_TOKEN_H_
#define SISL_APPS_DEV_TOKEN_H_

namespace sisl::apps {

// `sisl-allinone token --role ROLE [--subject ID] [--cpi CODE] [--fiscal-code CF]
//  [--data-dir DIR] [--hours N]`: prints an internal token signed with the embedded
// installation's key, so a developer can call staff and citizen APIs with grpcurl
// (-H "x-sisl-internal-token: ..."). The embedded installation only; the gateway mints tokens in
// production. Returns the process exit code.
int RunDevToken(int argc, char** argv);

}  // namespace sisl::apps

#endif  // SISL_APPS_DEV_TOKEN_H_
