#include "commands.h"

#include <algorithm>

#include "command_support.h"

namespace hoyo::load {

Answer Context::call(const std::string& who, const std::string& command, const Request& r,
                     Outcome o) {
  Answer a = http.send(r);
  ledger.record(cycle, who, command, r, a, o);
  return a;
}
void WriteCommand::resend(Context& ctx, UserModel& u, const std::string& what) const {
  const Request req = u.pending->request;
  u.pending.reset();
  const Answer a = ctx.http.send(req);
  const Outcome o = answered(ctx, u, req, a);
  ctx.ledger.record(ctx.cycle, u.account.number, name() + " settle", req, a, o);
  if (o == Outcome::kUnanswered) {
    ctx.faults.add("user " + u.account.number + ": " + what + " resent after the restart got " +
                   "no answer (" + std::to_string(a.status) + " " + a.error + a.body + ")");
    u.pending.reset();
  }
}

Outcome WriteCommand::answered(Context& ctx, UserModel& u, const Request& req,
                               const Answer& ans) const {
  u.seen_position = std::max(u.seen_position, ans.position);
  if (ans.ok()) {
    acknowledged(ctx, u, req, ans);
    return Outcome::kAcknowledged;
  }
  if (const std::string until = suspended_until(ans); !until.empty()) {
    // A suspended user's booking, application, joining or acceptance: only
    // while a suspension acknowledged (and not lifted) bars them, naming its end.
    if (!u.suspended_on(ctx.world.business_day()) || until != u.suspended_until) {
      ctx.faults.add("user " + u.account.number + ": " + name() + " " + req.method + " " +
                     req.target + " refused as suspended until " + until +
                     "; the acknowledged suspensions bar it until " +
                     (u.suspended_until.empty() ? "never" : u.suspended_until) + " (today " +
                     ctx.world.business_day() + ")");
    }
    return Outcome::kRefused;
  }
  if (ans.status >= 400 && ans.status < 500) {
    if (!expected_refusal(ans)) {
      ctx.faults.add("user " + u.account.number + ": " + name() + " " + req.method + " " +
                     req.target + " " + req.body + " answered " + std::to_string(ans.status) + " " +
                     ans.body);
    }
    return Outcome::kRefused;
  }
  // A write the server could not take now (its disk full or failed, the
  // read-your-writes wait over, too many connections) says so: 503 with a
  // code and Retry-After (docs/api.md).
  if (ans.status >= 500 && !retryable_unavailability(ans)) {
    ctx.faults.add("user " + u.account.number + ": " + name() + " " + req.method + " " +
                   req.target + " answered " + std::to_string(ans.status) + " " + ans.body +
                   " (a 5xx other than 503 unavailable or stale with Retry-After)");
  }
  Pending p = pending(u, req);
  p.cycle = ctx.cycle;
  u.pending = std::move(p);
  return Outcome::kUnanswered;
}

Pending WriteCommand::pending(const UserModel& u, const Request& req) const {
  (void)u;
  Pending p;
  p.command = this;
  p.request = req;
  return p;
}

void Mix::add(std::unique_ptr<Command> c, int weight) {
  commands_.emplace_back(std::move(c), weight);
}

const Command* Mix::pick(std::mt19937_64& rng, bool writes_allowed) const {
  int total = 0;
  for (const auto& [c, w] : commands_) {
    if (writes_allowed || !c->writes()) total += w;
  }
  if (total == 0) return nullptr;
  int x = std::uniform_int_distribution<int>(1, total)(rng);
  for (const auto& [c, w] : commands_) {
    if (!writes_allowed && c->writes()) continue;
    if ((x -= w) <= 0) return c.get();
  }
  return nullptr;
}

const Command* Mix::find(const std::string& name) const {
  for (const auto& [c, w] : commands_) {
    if (c->name() == name) return c.get();
  }
  return nullptr;
}

std::vector<const Command*> Mix::all() const {
  std::vector<const Command*> out;
  for (const auto& [c, w] : commands_) out.push_back(c.get());
  return out;
}

Mix standard_mix() {
  Mix m;
  m.add(make_book(), 30);
  m.add(make_change(), 14);
  m.add(make_cancel(), 12);
  m.add(make_confirm(), 3);
  m.add(make_accept_offer(), 3);
  m.add(make_decline_offer(), 2);
  // A decline or a leaving with an offer open makes the next pick due at
  // once, which the scheduler makes at its next poll (1 s), after a restart
  // too, where the checks wait for it: few of them.
  m.add(make_join_waitlist(), 6);
  m.add(make_leave_waitlist(), 1);
  m.add(make_waitlist_offers(), 3);
  m.add(make_accept_waitlist_offer(), 4);
  m.add(make_decline_waitlist_offer(), 1);
  m.add(make_mark_paid(), 3);
  m.add(make_cancel_for_user(), 2);
  m.add(make_record_attendance(), 4);
  m.add(make_lift_suspension(), 2);
  m.add(make_apply(), 12);
  m.add(make_cancel_application(), 5);
  m.add(make_replay(), 6);
  m.add(make_vacancy_read(), 14);
  m.add(make_own_reservations(), 5);
  return m;
}

}  // namespace hoyo::load
