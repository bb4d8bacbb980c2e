// The lottery's, the runner-up offers' and the cancellation waitlist's events
// as JSON for auditors (A1, A3), with the confirmation of wins: part of
// event_data_json (event_json.h), which maps every other event type.
#pragma once

#include <boost/json.hpp>

#include "domain/events.h"

namespace hoyo::http {

// A visitor over domain::Event for these event types; event_json.cc's
// visitor inherits it and maps the rest.
struct LotteryEventJson {
  boost::json::object operator()(const domain::LotteryOpened& e) const;
  boost::json::object operator()(const domain::LotteryApplied& e) const;
  boost::json::object operator()(const domain::LotteryApplicationsCancelled& e) const;
  boost::json::object operator()(const domain::LotteryDrawn& e) const;
  boost::json::object operator()(const domain::RoomOffered& e) const;
  boost::json::object operator()(const domain::OfferAccepted& e) const;
  boost::json::object operator()(const domain::OfferDeclined& e) const;
  boost::json::object operator()(const domain::OfferLapsed& e) const;
  boost::json::object operator()(const domain::WaitlistJoined& e) const;
  boost::json::object operator()(const domain::WaitlistLeft& e) const;
  boost::json::object operator()(const domain::WaitlistRoomHeld& e) const;
  boost::json::object operator()(const domain::WaitlistHoldReleased& e) const;
  boost::json::object operator()(const domain::WaitlistOffered& e) const;
  boost::json::object operator()(const domain::WaitlistOfferAccepted& e) const;
  boost::json::object operator()(const domain::WaitlistOfferClosed& e) const;
  boost::json::object operator()(const domain::LotteryPublished& e) const;
  boost::json::object operator()(const domain::LotteryResultsTold& e) const;
  boost::json::object operator()(const domain::LotteryWinsBooked& e) const;
  boost::json::object operator()(const domain::LosersToTell& e) const;
  boost::json::object operator()(const domain::LosersTold& e) const;
  boost::json::object operator()(const domain::LotteryAuditorCommitted& e) const;
  boost::json::object operator()(const domain::LotteryAuditorRevealed& e) const;
  boost::json::object operator()(const domain::ReservationConfirmed& e) const;
  boost::json::object operator()(const domain::WinLapsed& e) const;
  boost::json::object operator()(const domain::LapsedRoomReleased& e) const;
};

}  // namespace hoyo::http
