#include "domain/facility_revision.h"

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <openssl/evp.h>

#include <array>
#include <cstdint>

#include "base/hex.h"
#include "domain/event_codec_facility.h"

namespace hoyo::domain {

std::string facility_revision(const Facility& f) {
  Facility edited = f;
  edited.closed.clear();
  capnp::MallocMessageBuilder message(64);
  internal::put_facility(message.initRoot<schema::Facility>(), edited);
  const kj::Array<capnp::word> flat = capnp::messageToFlatArray(message);
  const auto bytes = flat.asBytes();
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
  unsigned int n = 0;
  EVP_Digest(bytes.begin(), bytes.size(), digest.data(), &n, EVP_sha256(), nullptr);
  return base::to_hex(digest.data(), 8);
}

}  // namespace hoyo::domain
