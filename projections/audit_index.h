// A3: every event about a user, a reservation, a facility, a lottery, a
// registration or an operator, in log order, as positions (the log holds the
// events). Keys: "user:N", "reservation:N", "facility:ID", "lottery:ID",
// "registration:ID", "operator:LOGIN" (what an operator did or had done),
// "lottery-application:ID", "offer:ID" (an offer to a runner-up; its events
// are also the runner-up's, and its making the lapsed win's and lottery's).
//
// Compact for long logs: a subject is its kind (the text before ':') and its
// id as an integer key (id_keys.h); its positions are a chain of 16-byte
// nodes in one array, so a subject costs one hash-table slot and a node per
// event, with no allocation of its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "projections/huge_page_allocator.h"
#include "projections/id_keys.h"
#include "projections/projection.h"

namespace hoyo::projections {

class AuditIndex final : public Projection {
 public:
  static constexpr const char* kName = "audit-index";
  AuditIndex();
  const char* name() const override { return kName; }
  int version() const override { return 5; }  // 5: with offers to runners-up
  void apply(const EventMeta& meta, const domain::Event& event) override;
  std::unique_ptr<Projection> empty() const override { return std::make_unique<AuditIndex>(); }
  // Equal subjects with equal positions (the helper maps follow from them).
  bool same_as(const Projection& other) const override;
  std::string save() const override;
  bool restore(std::string_view bytes) override;

  // The positions of the events about `key` at `from` or after, ascending, at
  // most `limit` of them; empty if none. (A page of a long history: the next
  // one starts after the last position returned. A page walks the subject's
  // chain from its first event, so reading a history of n events in pages of
  // k costs n²/k steps; a `from` past the last event costs none.)
  std::vector<std::uint64_t> positions(const std::string& key, std::uint64_t from = 1,
                                       std::size_t limit = SIZE_MAX) const;

 private:
  using Key = IdKeys::Key;
  using Subject = std::pair<std::uint32_t, Key>;  // kind index, id
  struct Chain {
    std::uint32_t first = 0, last = 0;  // node indexes
  };
  struct Node {
    std::uint64_t position = 0;
    std::uint32_t next = 0;  // index of the next node; 0 ends the chain (node 0 is unused)
    // (32-bit indexes: up to 4 billion subject-events, far beyond a ward's log)
  };
  struct Booked {
    Key user = 0, facility = 0;
  };

  std::uint32_t kind(std::string_view name);
  // Appends `position` to the chain (once: an event may name its subject twice).
  void append(Chain& c, std::uint64_t position);
  // Appends `position` to the subject.
  void add(std::uint32_t kind, Key id, std::uint64_t position) {
    append(chains_[{kind, id}], position);
  }
  void add(std::uint32_t kind, const std::string& id, std::uint64_t position) {
    add(kind, ids_.key(id), position);
  }
  // The chain of "kind:id" (an actor or an account name), made empty when new;
  // null when `key` has no colon.
  Chain* chain(std::string_view key);
  void add(std::string_view key, std::uint64_t position) {
    if (Chain* c = chain(key)) append(*c, position);
  }
  // Every subject as "kind:id" with its positions, sorted by name.
  std::vector<std::pair<std::string, std::vector<std::uint64_t>>> canonical() const;

  IdKeys ids_;
  std::vector<std::string> kinds_;  // the known kinds first (audit_index.cc)
  BigMap<Subject, Chain, boost::hash<Subject>> chains_;
  BigVector<Node> nodes_{Node{}};
  // What later events need to name their subjects.
  BigMap<Key, Booked> reservations_;  // number -> user, facility
  BigMap<Key, Key> application_user_;
  BigMap<Key, Key> registration_user_;
  BigMap<Key, Key> mail_registration_;
  BigMap<Key, Key> offer_user_;  // offer id -> its runner-up
};

}  // namespace hoyo::projections
