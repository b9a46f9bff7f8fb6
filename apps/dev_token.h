#ifndef SISL_APPS_DEV_TOKEN_H_
#define SISL_APPS_DEV_TOKEN_H_

namespace sisl::apps {

// `sisl-allinone token --role ROLE [--subject ID] [--cpi CODE] [--fiscal-code CF]
//  [--data-dir DIR] [--hours N] [--audience SERVICE] [--level N]`: prints an internal token
// signed with the embedded installation's private key, addressed to SERVICE (default booking)
// at SPID level N (default 2), so a developer can call staff and citizen APIs with grpcurl
// (-H "x-sisl-internal-token: ..."). The embedded installation only; the gateway mints tokens in
// production. Returns the process exit code.
int RunDevToken(int argc, char** argv);

// `sisl-allinone keys --dir DIR`: writes a fresh key set for a distributed deployment (the
// gateway's Ed25519 private key, its public key, a person-id secret, and one calling service's
// Ed25519 key pair service-token.pem / service-token.pub.pem), secret files 0600.
int RunKeygen(int argc, char** argv);

}  // namespace sisl::apps

#endif  // SISL_APPS_DEV_TOKEN_H_
