#include "services/platform/auth/keys.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::platform::auth {
namespace {

absl::Status Refused(absl::string_view reason, absl::string_view name, absl::string_view why) {
  return Error(absl::StatusCode::kFailedPrecondition, reason,
               absl::StrCat("config key '", name, "': ", why), {{"key", std::string(name)}});
}

}  // namespace

std::string RandomSecret() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return {};
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

bool IsKnownSecret(absl::string_view value) {
  // Every fallback or sample secret this repository ever committed.
  static constexpr absl::string_view kCommitted[] = {
      "local-development-key-not-for-production", "integration-test-key-0123456789abcdef",
      "gateway-integration-key-0123456789abcdef", "not-the-deployment-key-0123456789abcdef",
      "a-different-key-of-at-least-32-bytes!!",
  };
  for (absl::string_view known : kCommitted) {
    if (value == known) return true;
  }
  const std::string lower = absl::AsciiStrToLower(value);
  for (absl::string_view marker : {"not-for-production", "changeme", "change-me", "example",
                                   "placeholder", "development-key", "secret-here"}) {
    if (absl::StrContains(lower, marker)) return true;
  }
  // One character repeated (e.g. 32 'k').
  return !value.empty() && value.find_first_not_of(value[0]) == absl::string_view::npos;
}

absl::Status CheckSecret(absl::string_view name, absl::string_view value, bool development) {
  if (value.empty()) return Refused("AUTH_KEY_MISSING", name, "is required");
  if (development) return absl::OkStatus();
  if (value.size() < 32) {
    return Refused("AUTH_KEY_TOO_SHORT", name, "must be at least 32 characters");
  }
  if (IsKnownSecret(value)) {
    return Refused("AUTH_KEY_KNOWN", name,
                   "is a sample or placeholder value; generate a secret of your own "
                   "(e.g. openssl rand -base64 32)");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadKeyFile(absl::string_view name, const std::string& path,
                                        bool private_key, bool development) {
  if (path.empty()) return Refused("AUTH_KEY_MISSING", name, "is required (a PEM file path)");
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return Refused("AUTH_KEY_MISSING", name, absl::StrCat("cannot read ", path));
  }
  if (private_key && !development && (st.st_mode & 077) != 0) {
    return Refused("AUTH_KEY_FILE_EXPOSED", name,
                   absl::StrCat(path, " is readable by group or others; chmod 600 it"));
  }
  std::ifstream in(path);
  if (!in) return Refused("AUTH_KEY_MISSING", name, absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

absl::Status WriteNewKeyFile(const std::string& path, absl::string_view contents) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error(absl::StatusCode::kFailedPrecondition, "DATA_DIR_UNUSABLE",
                 absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  const bool ok = written == contents.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return Error(absl::StatusCode::kFailedPrecondition, "DATA_DIR_UNUSABLE",
                 absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

absl::StatusOr<DeploymentKeyFiles> GenerateDeploymentKeys(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Error(absl::StatusCode::kFailedPrecondition, "DATA_DIR_UNUSABLE",
                 absl::StrCat("cannot create ", dir, ": ", ec.message()));
  }
  ASSIGN_OR_RETURN(TokenSigner signer, TokenSigner::Generate());
  ASSIGN_OR_RETURN(TokenSigner service, TokenSigner::Generate());
  DeploymentKeyFiles files{
      absl::StrCat(dir, "/", kPrivateKeyFile), absl::StrCat(dir, "/", kPublicKeyFile),
      absl::StrCat(dir, "/", kPersonIdKeyFile), absl::StrCat(dir, "/", kServicePrivateKeyFile),
      absl::StrCat(dir, "/", kServicePublicKeyFile)};
  RETURN_IF_ERROR(WriteNewKeyFile(files.private_key, signer.PrivateKeyPem()));
  RETURN_IF_ERROR(WriteNewKeyFile(files.public_key, signer.PublicKeyPem()));
  RETURN_IF_ERROR(WriteNewKeyFile(files.person_id_key, RandomSecret()));
  RETURN_IF_ERROR(WriteNewKeyFile(files.service_private_key, service.PrivateKeyPem()));
  RETURN_IF_ERROR(WriteNewKeyFile(files.service_public_key, service.PublicKeyPem()));
  ::chmod(files.public_key.c_str(), 0644);  // public
  ::chmod(files.service_public_key.c_str(), 0644);
  return files;
}

absl::StatusOr<std::map<std::string, std::string>> ParseTrustedServiceKeys(
    absl::string_view value) {
  auto bad = [](absl::string_view entry, absl::string_view why) {
    return Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
                 absl::StrCat("auth.trusted_service_keys entry '", entry, "': ", why,
                              " (expected service=/path/to/public-key.pem,...)"),
                 {{"key", "auth.trusted_service_keys"}});
  };
  std::map<std::string, std::string> keys;
  for (absl::string_view raw : absl::StrSplit(value, ',', absl::SkipWhitespace())) {
    const absl::string_view entry = absl::StripAsciiWhitespace(raw);
    const size_t eq = entry.find('=');
    if (eq == absl::string_view::npos) return bad(entry, "no '='");
    const absl::string_view name = absl::StripAsciiWhitespace(entry.substr(0, eq));
    const absl::string_view path = absl::StripAsciiWhitespace(entry.substr(eq + 1));
    if (name.empty()) return bad(entry, "no service name");
    for (char c : name) {
      if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-' && c != '_') {
        return bad(entry, "a service name is a module name (a-z, 0-9, '-', '_')");
      }
    }
    if (path.empty()) return bad(entry, "no key file");
    if (!keys.emplace(std::string(name), std::string(path)).second) {
      return bad(entry, "service named twice");
    }
  }
  return keys;
}

}  // namespace sisl::platform::auth
