// The "booking" projection: the booking core's state (domain::BookingState)
// folded from the log on the read side, separate from the command processor's.
// Vacancy (M6), lottery demand (M2), the user menus (M3, M5, M7, M8) and the
// pending registrations (O1) are queries over it (vacancy.h, user_menu.h,
// domain/lottery_queries.h).
#pragma once

#include "domain/booking_state.h"
#include "projections/projection.h"

namespace hoyo::projections {

class BookingView final : public Projection {
 public:
  static constexpr const char* kName = "booking";
  const char* name() const override { return kName; }
  int version() const override { return 4; }
  void apply(const EventMeta& meta, const domain::Event& event) override;
  std::unique_ptr<Projection> empty() const override { return std::make_unique<BookingView>(); }
  bool same_as(const Projection& other) const override;
  std::string save() const override;
  bool restore(std::string_view bytes) override;

  const domain::BookingState& state() const { return state_; }

 private:
  domain::BookingState state_;
};

}  // namespace hoyo::projections
