// Runner-up offers answered by their users (offers.h): accepted or declined.
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
// OfferDeclined once per offer), the other answer 409 `conflict`.
class AnswerOffer : public WriteCommand {
 public:
  explicit AnswerOffer(bool accept) : accept_(accept) {}
  std::string name() const override { return accept_ ? "accept-offer" : "decline-offer"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    // One pick in three: the offers last the first several cycles' kills.
    if (!ctx.chance(3)) return std::nullopt;
    const OfferState* o =
        random_of(ctx, u.offers, [](const OfferState& x) { return x.status == "open"; });
    if (!o && ctx.chance(2)) o = random_of(ctx, u.offers, [](const OfferState&) { return true; });
    if (!o) return std::nullopt;
    return Request{"POST", "/api/offers/" + o->id + (accept_ ? "/acceptance" : "/declination"),
                   {},     u.account.cookie,
                   {},     0};
  }

  Outcome answered(Context& ctx, UserModel& u, const Request& req,
                   const Answer& ans) const override {
    const OfferState before = u.offers.at(id_of(req));
    const Outcome o = WriteCommand::answered(ctx, u, req, ans);
    // Refused only as the other answer to an answered offer.
    if (o == Outcome::kRefused && (before.status == "open" || before.status == answer())) {
      ctx.faults.add("user " + u.account.number + ": " + name() + " of " + before.to_string() +
                     " refused: " + std::to_string(ans.status) + " " + ans.body);
    }
    return o;
  }

  void settle(Context& ctx, UserModel& u) const override { resend(ctx, u, name()); }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    OfferState& offer = u.offers.at(id_of(req));
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
    // The offer's stay, booked as a runner-up's (accepting is the confirmation).
    if (r->facility != offer.facility || r->check_in != offer.check_in ||
        r->nights != offer.nights || r->people != offer.people || r->style != offer.style ||
        r->status != "booked" || r->origin != "runner_up" || r->confirmation != "none" ||
        (!offer.number.empty() && r->number != offer.number)) {
      ctx.faults.add(who + "accepting " + offer.to_string() + " booked " + r->to_string());
    }
    if (offer.number.empty() && u.reservations.count(r->number)) {
      ctx.faults.add(who + "accepting " + offer.to_string() + " answered reservation " + r->number +
                     ", which the user had already");
    }
    offer.status = "accepted";
    offer.number = r->number;
    u.reservations[r->number] = *r;
  }

 private:
  const char* answer() const { return accept_ ? "accepted" : "declined"; }
  static std::string id_of(const Request& req) {
    const std::size_t end = req.target.rfind('/');
    const std::size_t begin = req.target.rfind('/', end - 1) + 1;
    return req.target.substr(begin, end - begin);
  }

  bool accept_;
};

}  // namespace

std::unique_ptr<Command> make_accept_offer() { return std::make_unique<AnswerOffer>(true); }
std::unique_ptr<Command> make_decline_offer() { return std::make_unique<AnswerOffer>(false); }

}  // namespace hoyo::load
