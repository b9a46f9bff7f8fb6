# Browser tests of the web pages (tests/browser/run.sh): Debian's Chromium driven by playwright-core
# against a fresh all-in-one; screenshots in ${PROJECT_BINARY_DIR}/test-artifacts/browser/.
# Include from tests/CMakeLists.txt: include(${CMAKE_CURRENT_SOURCE_DIR}/browser/browser.cmake)
add_test(NAME browser_e2e_test COMMAND ${PROJECT_SOURCE_DIR}/tests/browser/run.sh)
set_tests_properties(browser_e2e_test PROPERTIES LABELS e2e TIMEOUT 600
  ENVIRONMENT "SISL_SOURCE_DIR=${PROJECT_SOURCE_DIR};SISL_BINARY_DIR=${PROJECT_BINARY_DIR}")
