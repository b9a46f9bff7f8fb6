#ifndef SISL_PLATFORM_TESTING_SOURCE_DIR_H_
#define SISL_PLATFORM_TESTING_SOURCE_DIR_H_

// The source tree a test reads committed files from (data, docs, sample configs): the
// SISL_SOURCE_DIR that ctest sets for every test (tests/CMakeLists.txt). Never __FILE__: the
// compiler cache builds with paths relative to the tree, so that clones at other paths share it
// (ADR 0029), and __FILE__ is then relative to the build directory.

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace sisl::platform::testing {

inline std::filesystem::path SourceDir() {
  const char* dir = std::getenv("SISL_SOURCE_DIR");
  if (dir == nullptr || *dir == '\0') {
    std::fputs("SISL_SOURCE_DIR must name the source tree (ctest sets it)\n", stderr);
    std::abort();
  }
  return dir;
}

}  // namespace sisl::platform::testing

#endif  // SISL_PLATFORM_TESTING_SOURCE_DIR_H_
