#include "processor/log_audit.h"

#include <map>

#include "domain/booking_state.h"
#include "domain/decide.h"
#include "domain/event_codec.h"
#include "processor/redraw_audit.h"
#include "processor/win_booking_audit.h"

namespace hoyo::processor {
namespace {

using namespace hoyo::domain;

// The first over-sold or closed-but-booked night among `nights` of a facility.
std::string inventory_fault(const BookingState& s, const std::string& facility,
                            const std::vector<std::pair<Date, RoomStyle>>& nights) {
  const Facility* f = s.facility(facility);
  if (!f) return "";
  for (const auto& [night, style] : nights) {
    const Inventory::Count c = s.inventory.at(facility, night, style);
    if (c.booked + c.held > f->rooms(style)) {
      return facility + " " + night.to_string() + " " + style_name(style) + ": " +
             std::to_string(c.booked) + " booked and " + std::to_string(c.held) + " held of " +
             std::to_string(f->rooms(style)) + " rooms";
    }
    if (c.booked > 0 && f->closed.count(night)) {
      return facility + " " + night.to_string() + " is closed but has bookings";
    }
  }
  return "";
}

std::vector<std::pair<Date, RoomStyle>> stay_nights(const Reservation& r) {
  std::vector<std::pair<Date, RoomStyle>> out;
  for (int i = 0; i < r.nights; ++i) out.emplace_back(r.check_in.plus_days(i), r.style);
  return out;
}

// The nights an event can have filled, at `facility` ("" when none).
std::vector<std::pair<Date, RoomStyle>> touched(const BookingState& s, const Event& e,
                                                std::string& facility) {
  std::vector<std::pair<Date, RoomStyle>> out;
  if (auto* b = std::get_if<ReservationBooked>(&e)) {
    facility = b->reservation.facility;
    return stay_nights(b->reservation);
  }
  if (auto* c = std::get_if<ReservationChanged>(&e)) {
    if (const Reservation* r = s.reservation(c->number)) {
      facility = r->facility;
      return stay_nights(*r);
    }
  }
  if (auto* h = std::get_if<WaitlistRoomHeld>(&e)) {
    facility = h->hold.facility;
    for (Date night : h->hold.nights) out.emplace_back(night, h->hold.style);
    return out;
  }
  if (auto* d = std::get_if<DatesClosed>(&e)) {
    facility = d->facility;
    if (const Facility* f = s.facility(facility)) {
      for (const Date& day : d->dates) {
        for (const RoomType& t : f->room_types) out.emplace_back(day, t.style);
      }
    }
  }
  return out;
}

}  // namespace

LogAuditReport audit_log(const eventstore::EventStore& store) {
  LogAuditReport report;
  const eventstore::VerifyReport chain = store.verify();
  report.checked = chain.checked;
  if (!chain.ok) {
    report.ok = false;
    report.fault_position = chain.first_bad_position;
    report.first_fault = chain.reason;
    return report;
  }
  BookingState state;
  WinBookingAudit wins;
  // Per lottery: the chain hash after the last event recorded before its close.
  std::map<std::string, std::array<std::uint8_t, 32>> chain_at_close;
  auto read = store.read_all(1, UINT64_MAX, [&](const eventstore::EventView& v) {
    for (auto& [id, hash] : chain_at_close) {
      const LotteryPeriod* p = state.lottery(id);
      if (p && v.recorded_at_us < p->closes_at) hash = v.chain_hash;
    }
    auto event = decode_event(v.type, v.payload);
    if (!event) return true;
    if (auto* offered = std::get_if<RoomOffered>(&*event)) {
      report.first_fault = offer_difference(state, *offered);
      if (!report.first_fault.empty())
        report.first_fault = "lottery " + offered->offer.lottery + ": " + report.first_fault;
    }
    // Each waitlist pick re-runs from its seed; each hold's night is booked once.
    if (auto* offered = std::get_if<WaitlistOffered>(&*event)) {
      report.first_fault = waitlist_offer_difference(state, *offered);
      if (!report.first_fault.empty()) report.first_fault = "waitlist " + report.first_fault;
    } else if (auto* accepted = std::get_if<WaitlistOfferAccepted>(&*event)) {
      report.first_fault = waitlist_acceptance_difference(state, *accepted);
      if (!report.first_fault.empty()) report.first_fault = "waitlist " + report.first_fault;
    }
    // The applications a draw read never change after it: offers to its
    // runners-up are decided from them (domain::next_runner_up).
    if (const std::string lottery = application_lottery(*event);
        !lottery.empty() && state.draws.count(lottery)) {
      report.first_fault = "lottery " + lottery + ": an application changed after the draw";
    }
    if (report.first_fault.empty()) report.first_fault = wins.step(state, *event);
    if (!report.first_fault.empty()) {
      report.ok = false;
      report.fault_position = v.position;
      return false;
    }
    evolve(state, *event);
    // Each draw is re-run on the state as it stood when it was recorded.
    if (auto* drawn = std::get_if<LotteryDrawn>(&*event)) {
      const RedrawReport r = check_draw(state, drawn->lottery, chain_at_close[drawn->lottery]);
      report.draws.push_back(drawn->lottery);
      if (!r.found) {
        report.first_fault = "lottery " + drawn->lottery + ": drawn, but the log never opened it";
      } else if (!r.identical) {
        report.first_fault = "lottery " + drawn->lottery + ": " + r.difference;
      }
    } else if (auto* o = std::get_if<LotteryOpened>(&*event)) {
      chain_at_close[o->period.id] = v.chain_hash;  // its own opening precedes the close
      for (const Allotment& a : o->period.allotment) {
        if (auto why = inventory_fault(state, a.facility, {{a.night, a.style}}); !why.empty()) {
          report.first_fault = why;
        }
      }
    } else {
      std::string facility;
      const auto nights = touched(state, *event, facility);
      if (!facility.empty()) report.first_fault = inventory_fault(state, facility, nights);
    }
    if (!report.first_fault.empty()) {
      report.ok = false;
      report.fault_position = v.position;
      return false;
    }
    return true;
  });
  if (!read.ok()) {
    report.ok = false;
    report.first_fault = "the log cannot be read: " + read.status().to_string();
    return report;
  }
  if (report.ok) {
    if (std::string fault = wins.finish(state); !fault.empty()) {
      report.ok = false;
      report.fault_position = report.checked;
      report.first_fault = std::move(fault);
    }
  }
  return report;
}

}  // namespace hoyo::processor
