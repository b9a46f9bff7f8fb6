# fuzz_smoke_test: builds the libFuzzer targets with clang into build-fuzz/ (a separate CMake
# project, tests/fuzz) and runs each for 20 s from its seed corpus; fails on any crash, leak,
# timeout or out-of-memory. Include from tests/CMakeLists.txt; select with `ctest -L fuzz`.
add_test(NAME fuzz_smoke_test COMMAND ${PROJECT_SOURCE_DIR}/scripts/run-fuzz.sh 20)
# The clang build and the fuzzers use both cores: run alone.
set_tests_properties(fuzz_smoke_test PROPERTIES LABELS fuzz TIMEOUT 900 RUN_SERIAL TRUE)
