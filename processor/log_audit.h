// A2: verify the whole log as an auditor would. The hash chain and gap-free
// positions (EventStore::verify); that no date and style was ever booked or
// held beyond its rooms, nor booked while closed, at any point in history;
// that every offer to a runner-up is the one the rules give in the log as it
// stood (domain::offer_difference); that the wins a publication kept held
// are booked each once, in the draw's order, from that hold
// (win_booking_audit.h); that every waitlist pick is the one its recorded
// seed gives and every waitlist hold's night is booked once
// (domain::waitlist_offer_difference, waitlist_acceptance_difference); and
// that every drawn lottery re-runs, on
// the log as it stood when its draw was recorded, to the recorded winners
// (and runners-up's order).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eventstore/event_store.h"

namespace hoyo::processor {

struct LogAuditReport {
  bool ok = true;
  std::uint64_t checked = 0;         // events checked
  std::uint64_t fault_position = 0;  // where the first fault is, when known
  std::string first_fault;           // in words; empty when ok
  std::vector<std::string> draws;    // lotteries whose draw was re-run, in log order
};

LogAuditReport audit_log(const eventstore::EventStore& store);

}  // namespace hoyo::processor
