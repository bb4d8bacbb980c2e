// The operators' commands on a user's reservations (issue 17), sent with the
// operator's session by the thread that drives the user, so that the user's
// model stays sequential: payment marks, and at the penalty facility
// (penalties.h) cancellations on the user's behalf, attendance and lifts.
#include <boost/json.hpp>

#include "command_support.h"
#include "commands.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

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
    const std::string number = id_before_last(req);
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

// The user's booked reservations at the penalty facility that `keep` accepts.
template <class Keep>
const ReservationState* at_penalty_facility(Context& ctx, const UserModel& u, Keep keep) {
  return random_of(ctx, u.reservations, [&](const ReservationState& r) {
    const Target* t = ctx.world.target(r.facility);
    return r.status == "booked" && t && t->centre_cancels && keep(r);
  });
}

// ---------------------------------------------------------------- cancellation on behalf

// POST /api/operator/reservations/cancellations of a reservation at the
// penalty facility checking in after today (a stay checking in today is
// left to its attendance), after the user's own window:
// late, so it suspends the user from today for late_cancellation_days, or
// one in three waived with a reason (waivePenalty). Settled by reading the
// user's list back: cancelled or as it was.
class CancelForUser final : public WriteCommand {
 public:
  std::string name() const override { return "cancel-for-user"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    const std::string today = ctx.world.business_day();
    const ReservationState* r = at_penalty_facility(ctx, u, [&](const ReservationState& x) {
      return x.check_in > today && !u.attendance.count(x.number);
    });
    if (!r) return std::nullopt;
    json::object body{{"reservationNumbers", json::array{json::value(r->number)}}};
    if (ctx.chance(3)) {
      body["waivePenalty"] = true;
      body["reason"] = "気象警報のため (load)";
    }
    return Request{"POST",
                   "/api/operator/reservations/cancellations",
                   json::serialize(body),
                   ctx.staff->operator_cookie,
                   {},
                   0};
  }

  void settle(Context& ctx, UserModel& u) const override {
    const Pending p = *u.pending;
    u.pending.reset();
    const ReservationState& before = p.reservations_before.front();
    ReservationState after = before;
    after.status = "cancelled";
    read_back(ctx, u, name(), p.request, before, after);
    if (u.reservations.at(before.number).status == "cancelled") {
      cancelled(ctx, u, json::parse(p.request.body), before.number);
    }
  }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    const json::value body = json::parse(req.body);
    const std::string number(body.at("reservationNumbers").at(0).as_string());
    auto v = parse_json(ans.body);
    auto it = u.reservations.find(number);
    if (!v || !v->is_object() || !v->as_object().contains("cancelled") ||
        v->at("cancelled") != body.at("reservationNumbers") || it == u.reservations.end() ||
        it->second.status != "booked") {
      ctx.faults.add("user " + u.account.number + ": the centre's cancellation " + req.body +
                     " answered " + ans.body);
      if (it == u.reservations.end()) return;
    }
    it->second.status = "cancelled";
    cancelled(ctx, u, body, number);
  }

  Pending pending(const UserModel& u, const Request& req) const override {
    Pending p = WriteCommand::pending(u, req);
    const json::value body = json::parse(req.body);
    p.reservations_before.push_back(
        u.reservations.at(std::string(body.at("reservationNumbers").at(0).as_string())));
    return p;
  }

 private:
  // The penalty of a late cancellation `body` of `number` that happened.
  static void cancelled(Context& ctx, UserModel& u, const json::value& body,
                        const std::string& number) {
    if (body.as_object().contains("waivePenalty")) {
      u.waived.insert(number);
      return;
    }
    u.penalised[number] = "late_cancellation";
    u.suspend(add_days(ctx.world.business_day(), ctx.world.late_cancellation_days - 1));
  }
};

// ---------------------------------------------------------------- attendance

// POST /api/operator/reservations/{n}/attendance of a stay at the penalty
// facility: `stayed` from its check-in day, or for half the stays `no_show`
// from the day after, which suspends the user from the check-in day for
// no_show_days. The same status again records nothing, so an unanswered
// one is resent.
class RecordAttendance final : public WriteCommand {
 public:
  std::string name() const override { return "attendance"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    const std::string today = ctx.world.business_day();
    // Half the guests (by the reservation number's last digit) do not come:
    // their stays are recorded no_show once the check-in day is past.
    auto no_show = [](const ReservationState& x) { return (x.number.back() - '0') % 2 == 0; };
    const ReservationState* r = at_penalty_facility(ctx, u, [&](const ReservationState& x) {
      return (no_show(x) ? x.check_in < today : x.check_in <= today) &&
             !u.attendance.count(x.number);
    });
    if (!r) return std::nullopt;
    return Request{"POST",
                   "/api/operator/reservations/" + r->number + "/attendance",
                   json::serialize(json::object{{"status", no_show(*r) ? "no_show" : "stayed"}}),
                   ctx.staff->operator_cookie,
                   {},
                   0};
  }

  void settle(Context& ctx, UserModel& u) const override { resend(ctx, u, "an attendance"); }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    const std::string number = id_before_last(req);
    const std::string status = str(json::parse(req.body), "status");
    auto v = parse_json(ans.body);
    if (ans.status != 200 || !v || str(*v, "reservationNumber") != number ||
        str(*v, "attendance") != status) {
      ctx.faults.add("user " + u.account.number + ": attendance " + req.body + " of " + number +
                     " answered " + std::to_string(ans.status) + " " + ans.body);
    }
    u.attendance[number] = status;
    if (status != "no_show") return;
    u.penalised[number] = "no_show";
    u.suspend(add_days(u.reservations.at(number).check_in, ctx.world.no_show_days - 1));
  }
};

// ---------------------------------------------------------------- lifting

// POST /api/operator/users/{n}/suspension/lift {reason} while the user is
// suspended: lifts every suspension of theirs. Settled by reading
// GET /api/operator/users/{n}/suspension back.
class LiftSuspension final : public WriteCommand {
 public:
  std::string name() const override { return "lift-suspension"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    if (!u.suspended_on(ctx.world.business_day())) return std::nullopt;
    return Request{"POST",
                   "/api/operator/users/" + u.account.number + "/suspension/lift",
                   json::serialize(json::object{{"reason", "診断書の提出あり (load)"}}),
                   ctx.staff->operator_cookie,
                   {},
                   0};
  }

  void settle(Context& ctx, UserModel& u) const override {
    const Pending p = *u.pending;
    u.pending.reset();
    const Answer a = ctx.call(u.account.number, name() + " settle",
                              {"GET",
                               "/api/operator/users/" + u.account.number + "/suspension",
                               {},
                               ctx.staff->operator_cookie,
                               {},
                               u.seen_position},
                              Outcome::kCheck);
    auto v = parse_json(a.body);
    if (a.status != 200 || !v || !v->is_object() || !v->as_object().contains("suspended")) {
      ctx.faults.add("user " + u.account.number + ": the suspension after the restart: " +
                     std::to_string(a.status) + " " + a.body);
      return;
    }
    if (!v->at("suspended").as_bool()) lifted(u);
  }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    if (ans.status != 204) {
      ctx.faults.add("user " + u.account.number + ": lifting " + req.target + " answered " +
                     std::to_string(ans.status) + " " + ans.body);
    }
    lifted(u);
  }

 private:
  static void lifted(UserModel& u) {
    ++u.lifts;
    u.suspended_until.clear();
  }
};

}  // namespace

std::unique_ptr<Command> make_cancel_for_user() { return std::make_unique<CancelForUser>(); }
std::unique_ptr<Command> make_record_attendance() { return std::make_unique<RecordAttendance>(); }
std::unique_ptr<Command> make_lift_suspension() { return std::make_unique<LiftSuspension>(); }
std::unique_ptr<Command> make_mark_paid() { return std::make_unique<MarkPaid>(); }

}  // namespace hoyo::load
