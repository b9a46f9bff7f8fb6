// libFuzzer harness of the SPID Assertion Consumer Service: the input is a SAML Response as
// the ACS sees it after base64 decoding. It is parsed and, when it parses, validated against a
// fixed trusted IdP and pending request (spid_acs_fuzz_fixture.h). Any crash, leak or
// sanitizer report is a bug; so is an accepted assertion that does not answer the request.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gateway/spid/response_validator.h"
#include "tests/fuzz/spid_acs_fuzz_fixture.h"

namespace {

using sisl::gateway::spid::IdpMetadata;
using sisl::gateway::spid::ResponseExpectations;
using sisl::gateway::spid::ResponseOutcome;
using sisl::gateway::spid::SamlResponse;

struct World {
  IdpMetadata idp = sisl::gateway::spid::fuzz::TrustedIdp();
  ResponseExpectations expect = sisl::gateway::spid::fuzz::Expectations();
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const World* world = new World();
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<SamlResponse> response = SamlResponse::Parse(xml);
  if (!response.ok()) return 0;
  absl::StatusOr<ResponseOutcome> outcome = response->Validate(world->expect, world->idp);
  if (outcome.ok() && outcome->assertion.has_value()) {
    // Accepted: it must be for our request, at a level at least the requested one, with the
    // attributes we require.
    const auto& a = *outcome->assertion;
    if (response->in_response_to() != world->expect.request_id || a.level < 2 ||
        a.assertion_id.empty() || !a.Attribute("fiscalNumber").has_value()) {
      std::abort();
    }
  }
  return 0;
}
