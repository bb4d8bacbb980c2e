// Offers answered by their users: runner-up offers (offers.h) and waitlist
// offers (waitlist.h), accepted or declined.
#include <boost/json.hpp>

#include "command_support.h"
#include "commands.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

// POST /api/offers/{id}/acceptance or .../declination. Neither route takes
// an Idempotency-Key: answering is idempotent by itself (docs/lottery.md), so
// an unanswered one is resent after the restart. Mostly an open offer; now
// and then one answered already: the same answer again must answer 200 as
// the first did and write nothing (the log check counts OfferAccepted and
// OfferDeclined once per offer), the other answer 409 `conflict`. A
// waitlist offer books a stay counted against the per-user limit: accepting
// it at the limit is refused (limit_reached), asked now and then.
class AnswerOffer : public WriteCommand {
 public:
  AnswerOffer(bool accept, bool waitlist) : accept_(accept), waitlist_(waitlist) {}
  std::string name() const override {
    return std::string(accept_ ? "accept-" : "decline-") + (waitlist_ ? "waitlist-offer" : "offer");
  }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    // One pick in three (runner-ups') or two (waitlist): the offers last
    // several cycles' kills, and some a day on (lapsing at the next).
    if (!ctx.chance(waitlist_ ? 2 : 3) || (waitlist_ && u.lets_offers_lapse())) return std::nullopt;
    if (waitlist_ && accept_ && at_limit(ctx, u) && !ctx.chance(10)) return std::nullopt;
    const auto& offers = offers_of(u);
    const OfferState* o =
        random_of(ctx, offers, [](const OfferState& x) { return x.status == "open"; });
    if (!o && ctx.chance(2)) o = random_of(ctx, offers, [](const OfferState&) { return true; });
    if (!o) return std::nullopt;
    return Request{"POST", "/api/offers/" + o->id + (accept_ ? "/acceptance" : "/declination"),
                   {},     u.account.cookie,
                   {},     0};
  }

  Outcome answered(Context& ctx, UserModel& u, const Request& req,
                   const Answer& ans) const override {
    const OfferState before = offers_of(u).at(id_of(req));
    const bool limited = waitlist_ && accept_ && at_limit(ctx, u) && before.status == "open";
    const Outcome o = WriteCommand::answered(ctx, u, req, ans);
    // Refused only as the other answer to an answered offer (or past the
    // per-user limit K; an acceptance past the ward's limits on nights, or
    // while suspended, which WriteCommand::answered holds to the model).
    const std::string code = code_of(ans);
    if (o == Outcome::kRefused && (before.status == "open" || before.status == answer()) &&
        !(limited && code == "limit_reached") &&
        !(accept_ &&
          (code == "suspended" || (code == "limit_reached" && ctx.world.nights_per_month > 0)))) {
      ctx.faults.add("user " + u.account.number + ": " + name() + " of " + before.to_string() +
                     " refused: " + std::to_string(ans.status) + " " + ans.body);
    }
    return o;
  }

  void settle(Context& ctx, UserModel& u) const override { resend(ctx, u, name()); }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    OfferState& offer = offers_of(u).at(id_of(req));
    const std::string who = "user " + u.account.number + ": ";
    if (offer.status != "open" && offer.status != answer()) {
      ctx.faults.add(who + name() + " of " + offer.to_string() + " acknowledged: " + ans.body);
      return;
    }
    auto v = parse_json(ans.body);
    if (!accept_) {
      auto got = v ? OfferState::from_api(*v) : std::nullopt;
      OfferState expected = offer;
      expected.status = "declined";
      if (ans.status != 200 || !got || *got != expected) {
        ctx.faults.add(who + "declining " + offer.to_string() + " answered " +
                       std::to_string(ans.status) + " " + ans.body);
      }
      offer = expected;
      return;
    }
    auto r = v ? ReservationState::from_api(*v) : std::nullopt;
    if (ans.status != 200 || !r) {
      ctx.faults.add(who + "accepting " + offer.to_string() + " answered " +
                     std::to_string(ans.status) + " " + ans.body);
      return;
    }
    if (!offer.number.empty()) {
      // Accepted again: the reservation it booked, as it is now (a waitlist
      // one may have been cancelled since).
      auto booked = u.reservations.find(offer.number);
      if (booked == u.reservations.end() || *r != booked->second) {
        ctx.faults.add(who + "accepting " + offer.to_string() + " again answered " +
                       r->to_string());
      }
      return;
    }
    // The offer's stay, booked as a runner-up's (accepting is the
    // confirmation) or as the waitlist's.
    if (r->facility != offer.facility || r->check_in != offer.check_in ||
        r->nights != offer.nights || r->people != offer.people || r->style != offer.style ||
        r->status != "booked" || r->origin != (waitlist_ ? "waitlist" : "runner_up") ||
        r->confirmation != "none") {
      ctx.faults.add(who + "accepting " + offer.to_string() + " booked " + r->to_string());
    }
    if (u.reservations.count(r->number)) {
      ctx.faults.add(who + "accepting " + offer.to_string() + " answered reservation " + r->number +
                     ", which the user had already");
    }
    offer.status = "accepted";
    offer.number = r->number;
    u.reservations[r->number] = *r;
    if (waitlist_) u.entries.at(offer.entry).status = "accepted";
  }

 private:
  const char* answer() const { return accept_ ? "accepted" : "declined"; }
  std::map<std::string, OfferState>& offers_of(UserModel& u) const {
    return waitlist_ ? u.waitlist_offers : u.offers;
  }
  const std::map<std::string, OfferState>& offers_of(const UserModel& u) const {
    return waitlist_ ? u.waitlist_offers : u.offers;
  }
  static bool at_limit(const Context& ctx, const UserModel& u) {
    return u.active_first_come(ctx.world.business_day()) >= ctx.world.max_upcoming;
  }
  static std::string code_of(const Answer& a) {
    auto v = parse_json(a.body);
    return v ? str(*v, "code") : "";
  }
  static std::string id_of(const Request& req) { return id_before_last(req); }

  bool accept_;
  bool waitlist_;
};

}  // namespace

std::unique_ptr<Command> make_accept_offer() { return std::make_unique<AnswerOffer>(true, false); }
std::unique_ptr<Command> make_decline_offer() {
  return std::make_unique<AnswerOffer>(false, false);
}
std::unique_ptr<Command> make_accept_waitlist_offer() {
  return std::make_unique<AnswerOffer>(true, true);
}
std::unique_ptr<Command> make_decline_waitlist_offer() {
  return std::make_unique<AnswerOffer>(false, true);
}

}  // namespace hoyo::load
