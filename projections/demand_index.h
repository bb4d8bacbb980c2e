// M2 lottery demand as a read model: per lottery, facility and check-in day,
// the active applications (申込総数) and the rooms held that night (当選可能数).
// The same figures as domain::lottery_demand, kept up to date per event
// instead of counted per query.
#pragma once

#include <boost/container_hash/hash.hpp>
#include <boost/unordered/unordered_flat_map.hpp>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/lottery_queries.h"
#include "projections/huge_page_allocator.h"
#include "projections/id_keys.h"
#include "projections/projection.h"

namespace hoyo::projections {

class DemandIndex final : public Projection {
 public:
  static constexpr const char* kName = "demand";
  const char* name() const override { return kName; }
  int version() const override { return 2; }
  bool wants(std::size_t index) const override {
    return index == domain::event_index_of<domain::LotteryOpened> ||
           index == domain::event_index_of<domain::LotteryApplied> ||
           index == domain::event_index_of<domain::LotteryApplicationsCancelled>;
  }
  void apply(const EventMeta& meta, const domain::Event& event) override;
  std::unique_ptr<Projection> empty() const override { return std::make_unique<DemandIndex>(); }
  bool same_as(const Projection& other) const override;
  std::string save() const override;
  bool restore(std::string_view bytes) override;

  // `days` days from `from` (zeros for days without demand or an unknown lottery).
  std::vector<domain::DemandDay> demand(const std::string& lottery, const std::string& facility,
                                        domain::Date from, int days = 7) const;

 private:
  using Key = IdKeys::Key;
  struct Counts {
    int applications = 0;
    int winnable = 0;
    bool operator==(const Counts&) const = default;
  };
  // One (lottery, facility) pair: its name as the two ids and its counts by
  // check-in day.
  struct Group {
    std::string lottery, facility;
    std::map<std::int32_t, Counts> days;
  };
  struct Application {
    std::uint32_t group = 0;  // index into groups_
    std::int32_t day = 0;
    bool active = true;
  };
  std::uint32_t group_of(const std::string& lottery, const std::string& facility);

  IdKeys ids_;  // application, lottery and facility ids as integers
  std::vector<Group> groups_;
  boost::unordered_flat_map<std::pair<Key, Key>, std::uint32_t, boost::hash<std::pair<Key, Key>>>
      group_index_;
  BigMap<Key, Application> applications_;
};

}  // namespace hoyo::projections
