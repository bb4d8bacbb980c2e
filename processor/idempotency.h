// Remembers the outcome of commands that carried an idempotency key, so that a
// retry is answered with the first outcome and writes nothing. Keys are scoped
// to the actor and stored in the log as the events' correlation id, so the
// registry is rebuilt from the log on restart.
#pragma once

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "eventstore/event.h"
#include "processor/command_processor.h"

namespace hoyo::processor {

// The correlation id for an actor's key: the first 16 bytes of SHA-256(actor ‖ 0x0A ‖ key).
eventstore::EventId correlation_for(const std::string& actor, const std::string& key);

// Which command kinds produce which first event (for rebuilt entries): the
// variant index of domain::CommandBody, or -1.
int command_kind_of_event(std::string_view event_type);

class IdempotencyRegistry {
 public:
  struct Entry {
    int kind = -1;                         // domain::CommandBody index
    domain::Instant at = 0;                // when it was first decided
    bool durable = false;                  // its events are in the log
    Outcome outcome;                       // valid once durable
    std::vector<OutcomeCallback> waiters;  // retries that arrived before it was durable
  };

  Entry* find(const eventstore::EventId& key);
  // Starts an entry for a key being decided now.
  Entry& start(const eventstore::EventId& key, int kind, domain::Instant at);
  void erase(const eventstore::EventId& key) { entries_.erase(key); }
  // Forgets durable entries older than now - window.
  void prune(domain::Instant now, domain::Instant window);
  std::size_t size() const { return entries_.size(); }
  // Visits each durable entry (key, entry) in the order the entries were started.
  template <class F>
  void for_each_durable(F&& f) const {
    for (const auto& [at, key] : order_) {
      auto it = entries_.find(key);
      if (it != entries_.end() && it->second.durable && it->second.at == at) f(key, it->second);
    }
  }

 private:
  struct Hash {
    std::size_t operator()(const eventstore::EventId& id) const;
  };
  std::unordered_map<eventstore::EventId, Entry, Hash> entries_;
  std::deque<std::pair<domain::Instant, eventstore::EventId>> order_;
};

}  // namespace hoyo::processor
