#include "eventstore/envelope_bytes.h"

#include "eventstore/internal/envelope_codec.h"

namespace hoyo::eventstore {

std::string encode_envelope(const EventView& e) {
  std::string out;
  internal::encode_envelope(e, out);
  return out;
}

base::Result<StoredEvent> decode_envelope(std::string_view bytes) {
  internal::EnvelopeDecoder decoder;
  EventView view;
  if (base::Status s = decoder.decode(bytes, view); !s.ok()) return s;
  return StoredEvent::from(view);
}

Hash chain_hash_after(const Hash& previous, const EventView& e) {
  std::string scratch;
  return internal::chain_hash(previous, e, scratch);
}

}  // namespace hoyo::eventstore
