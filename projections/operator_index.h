// O4 / O6: reservations by facility and night, for the operators' searches and
// a facility's daily guest list. By user and by number the booking projection
// answers directly (by_user, reservations).
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "projections/projection.h"

namespace hoyo::projections {

class OperatorIndex final : public Projection {
 public:
  static constexpr const char* kName = "operator-index";
  const char* name() const override { return kName; }
  int version() const override { return 1; }
  void apply(const EventMeta& meta, const domain::Event& event) override;
  std::unique_ptr<Projection> empty() const override { return std::make_unique<OperatorIndex>(); }
  bool same_as(const Projection& other) const override;

  // Numbers of the active reservations at `facility` with a night in [from, to].
  std::vector<std::string> reservations_between(const std::string& facility, domain::Date from,
                                                domain::Date to) const;
  // The guest list: active reservations staying the night of `night`.
  std::vector<std::string> guests(const std::string& facility, domain::Date night) const;

 private:
  struct Stay {
    std::string facility;
    domain::Date check_in;
    int nights = 1;
    bool operator==(const Stay&) const = default;
  };
  void index(const std::string& number, const Stay& stay, bool add);

  std::unordered_map<std::string, Stay> active_;  // by reservation number
  std::map<std::string, std::map<std::int32_t, std::set<std::string>>> nights_;
};

}  // namespace hoyo::projections
