#include "tests/projections/oracle/booking_view.h"

namespace hoyo::projections {

void BookingView::apply(const EventMeta&, const domain::Event& event) {
  domain::evolve(state_, event);
}

bool BookingView::same_as(const Projection& other) const {
  const auto* o = dynamic_cast<const BookingView*>(&other);
  return o && o->state_ == state_;
}

}  // namespace hoyo::projections
