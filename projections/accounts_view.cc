#include "projections/accounts_view.h"

#include "domain/account_snapshot.h"

namespace hoyo::projections {

void AccountsView::apply(const EventMeta&, const domain::Event& event) {
  std::visit(
      [&](const auto& e) {
        if constexpr (requires(domain::AccountState & s) { domain::evolve_account(s, e); }) {
          domain::evolve_account(state_, e);
        }
      },
      event);
}

bool AccountsView::same_as(const Projection& other) const {
  const auto* o = dynamic_cast<const AccountsView*>(&other);
  return o && o->state_ == state_;
}

std::string AccountsView::save() const {
  domain::SnapshotWriter w;
  domain::save_accounts(w, state_);
  domain::save_notice_state(w, state_);
  return w.take();
}

bool AccountsView::restore(std::string_view bytes) {
  domain::AccountState s;
  domain::SnapshotReader r(bytes);
  domain::restore_accounts(r, s);
  domain::restore_notice_state(r, s);
  if (r.failed() || !r.at_end()) return false;
  state_ = std::move(s);
  return true;
}

}  // namespace hoyo::projections
