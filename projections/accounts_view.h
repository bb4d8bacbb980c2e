// The "accounts" projection: registrations (O1 pending, approved, rejected),
// users, operators and the mail outbox, folded with the domain's own
// evolve_account. Small: only account events touch it.
#pragma once

#include "domain/account_state.h"
#include "projections/projection.h"

namespace hoyo::projections {

class AccountsView final : public Projection {
 public:
  static constexpr const char* kName = "accounts";
  const char* name() const override { return kName; }
  int version() const override { return 2; }  // 2: with the notice state
  bool wants(std::size_t index) const override { return domain::is_account_event(index); }
  void apply(const EventMeta& meta, const domain::Event& event) override;
  std::unique_ptr<Projection> empty() const override { return std::make_unique<AccountsView>(); }
  bool same_as(const Projection& other) const override;
  std::string save() const override;
  bool restore(std::string_view bytes) override;

  const domain::AccountState& state() const { return state_; }

 private:
  domain::AccountState state_;
};

}  // namespace hoyo::projections
