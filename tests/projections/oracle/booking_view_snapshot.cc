// BookingView checkpoints: the writer's own snapshot codec for the booking
// state (processor/state_snapshot.h), then the accounts.
#include "domain/account_snapshot.h"
#include "domain/price_snapshot.h"
#include "domain/snapshot_codec.h"
#include "processor/state_snapshot.h"
#include "tests/projections/oracle/booking_view.h"

namespace hoyo::projections {

std::string BookingView::save() const {
  domain::SnapshotWriter w;
  w.str(processor::encode_booking_section(state_));
  domain::save_accounts(w, state_.accounts);
  domain::save_notice_state(w, state_.accounts);
  domain::save_prices(w, state_);
  w.str(processor::encode_confirmations_section(state_));
  w.str(processor::encode_reminders_section(state_));
  return w.take();
}

bool BookingView::restore(std::string_view bytes) {
  domain::BookingState s;
  domain::SnapshotReader r(bytes);
  if (!processor::decode_booking_section(r.str(), s)) return false;
  domain::restore_accounts(r, s.accounts);
  domain::restore_notice_state(r, s.accounts);
  domain::restore_prices(r, s);
  if (!processor::decode_confirmations_section(r.str(), s)) return false;
  if (!processor::decode_reminders_section(r.str(), s)) return false;
  if (r.failed() || !r.at_end()) return false;
  state_ = std::move(s);
  return true;
}

}  // namespace hoyo::projections
