// A lottery win confirmed by its winner.
#include <boost/json.hpp>

#include "command_support.h"
#include "commands.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

// ---------------------------------------------------------------- confirmation

// A winner confirms its lottery win (POST /api/reservations/{n}/confirmation;
// the route takes no Idempotency-Key: confirming is idempotent by itself).
// Once its win is confirmed, the user confirms it again, which must answer
// 200 as confirmed and write nothing (the log check counts
// ReservationConfirmed once per win).
class Confirm final : public WriteCommand {
 public:
  std::string name() const override { return "confirm"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    // One pick in three: the wins last the first several cycles' kills.
    if (!ctx.chance(3)) return std::nullopt;
    auto wins = u.wins("required");
    if (wins.empty()) wins = u.wins("confirmed");
    if (wins.empty()) return std::nullopt;
    const ReservationState* r =
        wins[static_cast<std::size_t>(ctx.uniform(0, static_cast<int>(wins.size()) - 1))];
    return Request{
        "POST", "/api/reservations/" + r->number + "/confirmation", {}, u.account.cookie, {}, 0};
  }

  void settle(Context& ctx, UserModel& u) const override {
    const Pending p = *u.pending;
    u.pending.reset();
    const ReservationState& before = p.reservations_before.front();
    read_back(ctx, u, name(), p.request, before, confirmed(before));
  }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    auto v = parse_json(ans.body);
    auto got = v ? ReservationState::from_api(*v) : std::nullopt;
    auto it = u.reservations.find(number_of(req));
    if (ans.status != 200 || !got || it == u.reservations.end()) {
      ctx.faults.add("user " + u.account.number + ": confirmation " + req.target + " answered " +
                     std::to_string(ans.status) + " " + ans.body);
      return;
    }
    const ReservationState expected = confirmed(it->second);
    if (*got != expected) {
      ctx.faults.add("user " + u.account.number + ": confirmation of " + it->second.to_string() +
                     " acknowledged as " + got->to_string() + ", expected " + expected.to_string());
    }
    it->second = expected;
  }

  Pending pending(const UserModel& u, const Request& req) const override {
    Pending p = WriteCommand::pending(u, req);
    p.reservations_before.push_back(u.reservations.at(number_of(req)));
    return p;
  }

 private:
  static std::string number_of(const Request& req) {
    const std::size_t end = req.target.rfind('/');
    const std::size_t begin = req.target.rfind('/', end - 1) + 1;
    return req.target.substr(begin, end - begin);
  }
  static ReservationState confirmed(ReservationState r) {
    r.confirmation = "confirmed";
    return r;
  }
};

}  // namespace

std::unique_ptr<Command> make_confirm() { return std::make_unique<Confirm>(); }

}  // namespace hoyo::load
