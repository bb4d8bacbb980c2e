// A stay's guests and price in the event schema (events.capnp Guests, Price).
// Private to domain/: the event codec uses it for ReservationBooked and
// ReservationChanged.
#pragma once

#include <optional>
#include <vector>

#include "domain/events.capnp.h"
#include "domain/pricing.h"

namespace hoyo::domain::internal {

void put_guests(capnp::List<schema::Guests>::Builder list, const std::vector<Guests>& guests);
std::vector<Guests> get_guests(capnp::List<schema::Guests>::Reader list);
void put_price(schema::Price::Builder b, const Price& price);
Price get_price(schema::Price::Reader r);
// A stored reduction byte as the domain's; an unknown value reads as kNone.
Reduction get_reduction(std::uint8_t stored);

}  // namespace hoyo::domain::internal
