# Helpers shared by every SISL target.

# Warnings for SISL's own code (generated code and third-party headers are exempt).
function(sisl_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter
                         -Wno-missing-field-initializers)
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
