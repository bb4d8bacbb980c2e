// M2 lottery demand as a read model: per lottery, facility and check-in day,
// the active applications (申込総数) and the rooms held that night (当選可能数).
// The same figures as domain::lottery_demand, kept up to date per event
// instead of counted per query.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/lottery_queries.h"
#include "projections/projection.h"

namespace hoyo::projections {

class DemandIndex final : public Projection {
 public:
  static constexpr const char* kName = "demand";
  const char* name() const override { return kName; }
  int version() const override { return 1; }
  void apply(const EventMeta& meta, const domain::Event& event) override;
  std::unique_ptr<Projection> empty() const override { return std::make_unique<DemandIndex>(); }
  bool same_as(const Projection& other) const override;
  std::string save() const override;
  bool restore(std::string_view bytes) override;

  // `days` days from `from` (zeros for days without demand or an unknown lottery).
  std::vector<domain::DemandDay> demand(const std::string& lottery, const std::string& facility,
                                        domain::Date from, int days = 7) const;

 private:
  struct Counts {
    int applications = 0;
    int winnable = 0;
    bool operator==(const Counts&) const = default;
  };
  struct Application {
    std::string key;  // "lottery\nfacility"
    std::int32_t day = 0;
    bool active = true;
    bool operator==(const Application&) const = default;
  };
  std::unordered_map<std::string, std::map<std::int32_t, Counts>> counts_;
  std::unordered_map<std::string, Application> applications_;
};

}  // namespace hoyo::projections
