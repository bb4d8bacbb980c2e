// Encoding and decoding of stored envelopes, and the hash chain over them.
#pragma once

#include <capnp/serialize.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "eventstore/event.h"

namespace hoyo::eventstore::internal {

// Appends the flat (single message, unpacked) Cap'n Proto form of `e` to `out`.
void encode_envelope(const EventView& e, std::string& out);

// Decodes stored bytes. Reads in place when `bytes` is word-aligned, otherwise
// copies into `scratch`. The returned view borrows from `bytes` or `scratch`.
class EnvelopeDecoder {
 public:
  base::Status decode(std::string_view bytes, EventView& out);

 private:
  std::vector<capnp::word> scratch_;
};

// The canonical bytes of an envelope, which the chain hash covers: every field
// but the hash itself, in schema order; integers as big-endian u64/i64, text and
// data as a big-endian u32 length followed by the bytes, ids as 16 raw bytes.
void append_canonical_bytes(const EventView& e, std::string& out);

// SHA-256(previous ‖ canonical bytes of e). `scratch` is reused between calls.
Hash chain_hash(const Hash& previous, const EventView& e, std::string& scratch);

// Digest of what makes two appends "the same event" for idempotency: stream,
// type, actor and payload (not position, version or time).
void content_digest(std::string_view stream, const NewEvent& e, unsigned char out[16]);

}  // namespace hoyo::eventstore::internal
