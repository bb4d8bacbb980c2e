// Reads a snapshot's bytes (snapshots.h: framing, sections, SHA-256) as they
// come, chunk by chunk from the side table: each byte is hashed and copied
// once, straight into its section, so a snapshot of gigabytes is neither
// concatenated first nor copied again out of one big buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "eventstore/internal/sha256.h"
#include "eventstore/snapshots.h"

namespace hoyo::eventstore::internal {

class SnapshotParser {
 public:
  // `size_hint`: how many bytes the whole snapshot should be (its stored
  // size); a section's buffer is reserved up to it, never beyond, whatever
  // damaged bytes claim.
  explicit SnapshotParser(std::size_t size_hint) : size_hint_(size_hint) {}

  // The next bytes, in order.
  void feed(std::string_view bytes);
  // After the last bytes: kNone and the snapshot in `out` when they framed and
  // hashed correctly (out is left alone otherwise); the fault decode_snapshot
  // names for the same bytes.
  SnapshotFault finish(Snapshot& out);

 private:
  enum class Stage { kMagic, kHeader, kSectionHead, kBody, kSum, kDone, kNotASnapshot };
  // Handles the fixed-width field gathered in pending_.
  void field();
  // Moves on to the next section's head, or to the checksum after the last.
  void next_section();

  std::size_t size_hint_;
  Stage stage_ = Stage::kMagic;
  std::size_t need_ = 8;  // bytes of the field being gathered
  std::string pending_;   // its bytes so far
  Snapshot s_;
  std::uint64_t sections_left_ = 0;
  std::string* body_ = nullptr;  // the section being filled
  std::uint64_t body_left_ = 0;
  Sha256 sha_;
  bool sum_ok_ = false;
  bool trailing_ = false;  // bytes after the checksum
};

}  // namespace hoyo::eventstore::internal
