#include "test_dir.h"

#include <random>

namespace hoyo::eventstore::testing {

EventId random_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  EventId id;
  for (std::size_t i = 0; i < id.size(); i += 8) {
    const std::uint64_t r = rng() | 1;
    for (std::size_t j = 0; j < 8; ++j) id[i + j] = static_cast<std::uint8_t>(r >> (8 * j));
  }
  return id;
}

NewEvent make_event(std::string type, std::string payload) {
  NewEvent e;
  e.id = random_id();
  e.type = std::move(type);
  e.payload = std::move(payload);
  e.actor = "test";
  return e;
}

}  // namespace hoyo::eventstore::testing
