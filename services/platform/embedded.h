#ifndef SISL_PLATFORM_EMBEDDED_H_
#define SISL_PLATFORM_EMBEDDED_H_

#include <string>

namespace sisl::platform {

// A file compiled into the binary by sisl_embed_files() (migrations, seed data).
struct EmbeddedFile {
  std::string name;
  std::string content;
};

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_EMBEDDED_H_
