// The operators' commands on a user's reservations (issue 17), sent with the
// operator's session by the thread that drives the user, so that the user's
// model stays sequential: payment marks.
#include <boost/json.hpp>

#include "command_support.h"
#include "commands.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

// The reservation number of `/api/operator/reservations/{n}/WHAT`.
std::string number_in(const Request& req) {
  const std::size_t end = req.target.rfind('/');
  const std::size_t begin = req.target.rfind('/', end - 1) + 1;
  return req.target.substr(begin, end - begin);
}

// ---------------------------------------------------------------- payment

// POST /api/operator/reservations/{n}/payment of a booked reservation not
// yet marked, now and then of one marked already (idempotent: 200 again,
// nothing recorded). No key: an unanswered mark is resent.
class MarkPaid final : public WriteCommand {
 public:
  std::string name() const override { return "mark-paid"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    const bool again = ctx.chance(5);
    const ReservationState* r = random_of(ctx, u.reservations, [&](const ReservationState& x) {
      return x.status == "booked" && (u.paid.count(x.number) > 0) == again;
    });
    if (!r) return std::nullopt;
    return Request{"POST", "/api/operator/reservations/" + r->number + "/payment",
                   {},     ctx.staff->operator_cookie,
                   {},     0};
  }

  void settle(Context& ctx, UserModel& u) const override { resend(ctx, u, "a payment mark"); }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    const std::string number = number_in(req);
    auto v = parse_json(ans.body);
    const json::value* paid = v && v->is_object() ? v->as_object().if_contains("paid") : nullptr;
    if (ans.status != 200 || str(*v, "reservationNumber") != number || !paid ||
        *paid != json::value(true)) {
      ctx.faults.add("user " + u.account.number + ": marking " + number + " paid answered " +
                     std::to_string(ans.status) + " " + ans.body);
    }
    u.paid.insert(number);
  }
};

}  // namespace

std::unique_ptr<Command> make_mark_paid() { return std::make_unique<MarkPaid>(); }

}  // namespace hoyo::load
