// Compact keys for the ids of the log. Digit strings of up to 18 digits (user,
// reservation and application numbers) become integers behind a leading 1, so
// "0123" and "123" stay apart; anything else is interned. Both kinds convert
// back to the same string.
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace hoyo::projections {

class IdKeys {
 public:
  using Key = std::uint64_t;

  // The key of `id`, interning it when it is not a short digit string.
  Key key(const std::string& id) {
    if (Key k = digits(id)) return k;
    auto [it, added] = interned_.try_emplace(id, kInterned | names_.size());
    if (added) names_.push_back(id);
    return it->second;
  }
  // The key of `id` if it has one (never interns); 0 when unknown.
  Key find(const std::string& id) const {
    if (Key k = digits(id)) return k;
    auto it = interned_.find(id);
    return it == interned_.end() ? 0 : it->second;
  }
  std::string name(Key k) const {
    if (k & kInterned) return names_[k & ~kInterned];
    return std::to_string(k).substr(1);
  }
  bool operator==(const IdKeys&) const = default;

  // Interned names in order (checkpoints).
  const std::vector<std::string>& interned() const { return names_; }
  void restore_interned(std::vector<std::string> names) {
    names_ = std::move(names);
    interned_.clear();
    for (std::size_t i = 0; i < names_.size(); ++i) interned_[names_[i]] = kInterned | i;
  }

 private:
  static constexpr Key kInterned = Key{1} << 63;
  static Key digits(const std::string& id) {
    if (id.empty() || id.size() > 18) return 0;
    Key k = 1;
    for (char c : id) {
      if (c < '0' || c > '9') return 0;
      k = k * 10 + static_cast<Key>(c - '0');
    }
    return k;
  }
  boost::unordered_flat_map<std::string, Key> interned_;
  std::vector<std::string> names_;
};

}  // namespace hoyo::projections
