// The outbound port to the Ministry of Labour's national node (DOMAIN.md §6: "the incumbent
// forwards it to the Ministry"). The real endpoint is not reachable from SISL's machines: the
// adapter in production is SpoolDirectoryNode (a directory an external SFTP/SPCoop agent
// watches); tests use FakeNationalNode.
#ifndef SISL_SERVICES_COMMUNICATIONS_FORWARDING_NATIONAL_NODE_H_
#define SISL_SERVICES_COMMUNICATIONS_FORWARDING_NATIONAL_NODE_H_

#include <string>

#include "absl/status/statusor.h"

namespace sisl::communications::forwarding {

// Delivery is at-least-once: the Forwarder may send a communication again after a crash
// between Send and recording it, so an adapter (and the node) must treat a second Send of the
// same code with the same XML as the first (the code is the idempotency key).
// Implementations must be safe to call from several threads.
class NationalNode {
 public:
  virtual ~NationalNode() = default;

  // Hands the communication's XML (the ministry's format, with its code) to the node. Returns
  // the node's receipt id, which Acknowledged() takes. An error (UNAVAILABLE and the like) means
  // nothing was handed over: the Forwarder retries later with backoff.
  virtual absl::StatusOr<std::string> Send(const std::string& code, const std::string& xml) = 0;

  // Whether the node has acknowledged what `receipt_id` names: true once, and for good, when
  // it has; false while it has not yet. NOT_FOUND when the node does not know `receipt_id`;
  // other errors when it cannot be asked now.
  virtual absl::StatusOr<bool> Acknowledged(const std::string& receipt_id) = 0;
};

}  // namespace sisl::communications::forwarding

#endif  // SISL_SERVICES_COMMUNICATIONS_FORWARDING_NATIONAL_NODE_H_
