# Helpers shared by every SISL target.

# Warnings for SISL's own code (generated code and third-party headers are exempt).
function(sisl_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter
                         -Wno-missing-field-initializers)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # Checks the ABSL_GUARDED_BY / ABSL_EXCLUSIVE_LOCKS_REQUIRED annotations (GCC ignores them).
    target_compile_options(${target} PRIVATE -Wthread-safety)
  endif()
  if(SISL_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# sisl_embed_files(TARGET name NAMESPACE ns FILES a.sql b.csv ...)
# Compiles the files into a static library exposing
#   const std::vector<sisl::platform::EmbeddedFile>& ns::Files();
# sorted by file name, so binaries carry their migrations and seed data.
function(sisl_embed_files)
  cmake_parse_arguments(ARG "" "TARGET;NAMESPACE" "FILES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}_embedded.cc)
  string(REPLACE ";" "|" files_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNS=${ARG_NAMESPACE} "-DFILES=${files_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding files into ${ARG_TARGET}"
    VERBATIM)
  add_library(${ARG_TARGET} STATIC ${out})
  target_include_directories(${ARG_TARGET} PRIVATE ${PROJECT_SOURCE_DIR})
endfunction()

# sisl_pure_library(NAME target SOURCES ... [LIBS ...])
# A library of pure code (a service's domain/, services/reference): it links abseil and
# sisl_platform_base only, and configuration fails if a source includes anything that does I/O
# or speaks a wire format (gRPC, protobuf, generated protos, the database, bus, cache, logging,
# config or the outbox), so "the domain does no I/O" is enforced by the build.
function(sisl_pure_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBS" ${ARGN})
  set(forbidden "#include [<\"](grpc|grpcpp|google/protobuf|sisl/|spdlog|yaml-cpp|hiredis|libpq|sqlite3|librdkafka|nlohmann|services/platform/(db|bus|cache|grpc|http|outbox|auth|log|config|metrics|process|runner|module|testing))")
  set(files ${ARG_SOURCES})
  foreach(src IN LISTS ARG_SOURCES)
    get_filename_component(dir ${src} DIRECTORY)
    file(GLOB headers ${dir}/*.h)
    list(APPEND files ${headers})
  endforeach()
  list(REMOVE_DUPLICATES files)
  foreach(f IN LISTS files)
    file(STRINGS ${f} bad REGEX "${forbidden}")
    if(bad)
      message(FATAL_ERROR "${f}: pure code (${ARG_NAME}) must not include ${bad}")
    endif()
  endforeach()
  add_library(${ARG_NAME} STATIC ${ARG_SOURCES})
  target_include_directories(${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${ARG_NAME} PUBLIC sisl_platform_base absl::status absl::statusor
                        absl::strings absl::time ${ARG_LIBS})
  sisl_warnings(${ARG_NAME})
endfunction()

# sisl_process(target): an executable that runs as one of SISL's processes (a service, the gateway,
# the all-in-one): linked with jemalloc when found (ADR 0027).
function(sisl_process target)
  if(TARGET PkgConfig::JEMALLOC)
    target_link_libraries(${target} PRIVATE PkgConfig::JEMALLOC)
  endif()
endfunction()

# sisl_test_code(target): a test binary's own code (the test cases and their fixtures) is compiled
# without optimisation and with line tables only, about half the time of -O2 -g (ADR 0029). The
# code under test, in the libraries it links, keeps the build's flags.
function(sisl_test_code target)
  if(CMAKE_BUILD_TYPE MATCHES "^(RelWithDebInfo|Release|MinSizeRel)$")
    target_compile_options(${target} PRIVATE -O0 -g1)
  endif()
endfunction()
