// The first-come commands: book (keyed), change and cancel.
#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "command_support.h"
#include "commands.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

// The reservation `before` as the change `body` leaves it (the room style's
// rule: a room changes style only when the new wish does not match it); its
// price is the writer's to compute (the log check compares it, checks.h).
ReservationState changed(const ReservationState& before, const json::value& body) {
  ReservationState next = before;
  const json::object& o = body.as_object();
  if (const json::value* d = o.if_contains("dropNight")) {
    const std::size_t drop = d->as_int64() == 1 ? 1 : 0;
    if (drop == 1) next.check_in = add_days(before.check_in, 1);
    next.nights = 1;
    next.people = {before.people[drop]};
    next.guests = {before.guests.size() > drop ? before.guests[drop] : GuestCount{}};
  }
  if (o.contains("guests")) {
    next.guests = guests_of(body, {});
    next.people = people_of(next.guests);
  }
  if (const json::value* r = o.if_contains("reduction")) next.reduction = r->as_string();
  if (const json::value* w = o.if_contains("roomStyle")) {
    next.wish = std::string(w->as_string());
    if (next.wish != "any" && next.wish != before.style) next.style = next.wish;
  }
  return next;
}

// Whether `r` is at a facility where users neither change nor cancel (the
// centre does, penalties.h).
bool centre_only(const Context& ctx, const ReservationState& r) {
  const Target* t = ctx.world.target(r.facility);
  return t && t->centre_cancels;
}

// ---------------------------------------------------------------- booking

class Book final : public WriteCommand {
 public:
  std::string name() const override { return "book"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    if (asks_rarely_while_suspended(ctx, u)) return std::nullopt;
    // At the per-user limit, only now and then (to see limit_reached).
    if (u.active_first_come(ctx.world.business_day()) >= ctx.world.max_upcoming && !ctx.chance(10))
      return std::nullopt;
    int total = 0;
    for (const Target& t : ctx.world.targets) total += t.weight;
    int pick = ctx.uniform(1, total);
    const Target* t = &ctx.world.targets.front();
    for (const Target& x : ctx.world.targets) {
      if ((pick -= x.weight) <= 0) {
        t = &x;
        break;
      }
    }
    // Nights not past (the penalty facility's come as the clock moves on).
    std::vector<std::string> open;
    for (const std::string& n : t->nights) {
      if (n >= ctx.world.business_day()) open.push_back(n);
    }
    if (open.empty()) return std::nullopt;
    const int first = ctx.uniform(0, static_cast<int>(open.size()) - 1);
    const int nights = first + 1 < static_cast<int>(open.size()) ? ctx.uniform(1, 2) : 1;
    json::object body{{"facilityId", t->facility},
                      {"checkIn", open[static_cast<std::size_t>(first)]},
                      {"nights", nights}};
    put_random_party(ctx, t, nights, body);
    if (t->style_wish) {
      static const char* wishes[] = {"any", "japanese", "western"};
      body["roomStyle"] = wishes[ctx.uniform(0, 2)];
    }
    Request r{"POST", "/api/reservations", json::serialize(body), u.account.cookie, {}, 0};
    r.idempotency_key = u.fresh_key(ctx.world.generation);
    return r;
  }

  void settle(Context& ctx, UserModel& u) const override { resend(ctx, u, "a booking"); }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    auto v = parse_json(ans.body);
    auto r = v ? ReservationState::from_api(*v) : std::nullopt;
    if (ans.status != 201 || !r) {
      ctx.faults.add("user " + u.account.number + ": a booking answered " +
                     std::to_string(ans.status) + " " + ans.body);
      return;
    }
    const json::value body = json::parse(req.body);
    const Target* t = ctx.world.target(r->facility);
    const std::string wish = str(body, "roomStyle").empty() ? "any" : str(body, "roomStyle");
    const bool style_ok = t && std::count(t->styles.begin(), t->styles.end(), r->style) &&
                          (wish == "any" || wish == r->style);
    const std::vector<GuestCount> guests = asked_guests(body);
    const std::string reduction = asked_reduction(body);
    if (r->facility != str(body, "facilityId") || r->check_in != str(body, "checkIn") ||
        r->nights != num(body, "nights") || r->people != people_of(guests) || r->guests != guests ||
        r->reduction != reduction || r->wish != wish || !style_ok || r->status != "booked" ||
        r->origin != "first_come" || (t && t->reductions && r->price < 0)) {
      ctx.faults.add("user " + u.account.number + ": booking " + req.body + " (key " +
                     req.idempotency_key + ") acknowledged as " + r->to_string());
    }
    if (u.reservations.count(r->number)) {
      ctx.faults.add("user " + u.account.number + ": booking with key " + req.idempotency_key +
                     " answered reservation " + r->number + ", which an earlier booking had");
    }
    u.reservations[r->number] = *r;
    u.keyed.push_back(
        {name(), req, ans.status, ans.body, ans.position, ctx.cycle, ctx.world.clock_days});
  }
};

// ---------------------------------------------------------------- change

class Change final : public WriteCommand {
 public:
  std::string name() const override { return "change"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    // First-come bookings only: the lottery wins are there to be confirmed.
    // (Not where only the centre changes: penalties.h.)
    const ReservationState* r = random_of(ctx, u.reservations, [&](const ReservationState& x) {
      return x.status == "booked" && x.origin == "first_come" && !centre_only(ctx, x);
    });
    if (!r) return std::nullopt;
    const Target* t = ctx.world.target(r->facility);
    json::object body;
    const int kind = ctx.uniform(0, 3);
    const std::string reduction = random_reduction(ctx, t);
    if (kind == 3 && !reduction.empty() && reduction != r->reduction) {
      body["reduction"] = reduction;  // a claim made, changed or withdrawn ("none")
    } else if (kind == 1 && r->nights == 2) {
      body["dropNight"] = ctx.uniform(1, 2);
    } else if (kind == 2 && t && t->style_wish) {
      // Another wish than the one it has: the same again is refused as
      // `unchanged`, which the model knows better than to ask.
      std::vector<std::string> others;
      for (const char* w : {"any", "japanese", "western"}) {
        if (r->wish != w) others.push_back(w);
      }
      body["roomStyle"] = others[static_cast<std::size_t>(ctx.uniform(0, 1))];
    } else {
      // Every night's guests (a change of people alone keeps the children,
      // which the writer refuses when too few are left for them).
      std::vector<GuestCount> guests;
      do {
        guests = random_guests(ctx, r->nights);
      } while (guests == r->guests);
      body["guests"] = guests_json(guests);
    }
    return Request{
        "PATCH", "/api/reservations/" + r->number, json::serialize(body), u.account.cookie, {}, 0};
  }

  void settle(Context& ctx, UserModel& u) const override {
    const Pending p = *u.pending;
    u.pending.reset();
    const ReservationState& before = p.reservations_before.front();
    read_back(ctx, u, name(), p.request, before, changed(before, json::parse(p.request.body)));
  }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    auto v = parse_json(ans.body);
    auto got = v ? ReservationState::from_api(*v) : std::nullopt;
    const std::string number = req.target.substr(req.target.rfind('/') + 1);
    auto it = u.reservations.find(number);
    if (!got || it == u.reservations.end()) {
      ctx.faults.add("user " + u.account.number + ": change of " + number + " answered " +
                     std::to_string(ans.status) + " " + ans.body);
      return;
    }
    ReservationState expected = changed(it->second, json::parse(req.body));
    expected.price = got->price;  // the log check compares it with the domain's price
    if (*got != expected) {
      ctx.faults.add("user " + u.account.number + ": change " + req.body + " of " +
                     it->second.to_string() + " acknowledged as " + got->to_string() +
                     ", expected " + expected.to_string());
    }
    it->second = *got;
  }

  Pending pending(const UserModel& u, const Request& req) const override {
    Pending p = WriteCommand::pending(u, req);
    p.reservations_before.push_back(
        u.reservations.at(req.target.substr(req.target.rfind('/') + 1)));
    return p;
  }
};

// ---------------------------------------------------------------- cancellation

class Cancel final : public WriteCommand {
 public:
  std::string name() const override { return "cancel"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    std::vector<std::string> booked, cancelled;
    for (const auto& [n, r] : u.reservations) {
      if ((r.origin == "first_come" || r.origin == "waitlist") && !centre_only(ctx, r))
        (r.status == "booked" ? booked : cancelled).push_back(n);
    }
    if (booked.empty()) return std::nullopt;
    std::shuffle(booked.begin(), booked.end(), ctx.rng);
    booked.resize(std::min<std::size_t>(booked.size(), ctx.uniform(1, 2)));
    // Now and then one already cancelled: all or nothing, so 409 and nothing changes.
    if (!cancelled.empty() && ctx.chance(8)) {
      booked.push_back(cancelled[static_cast<std::size_t>(
          ctx.uniform(0, static_cast<int>(cancelled.size()) - 1))]);
    }
    return Request{"POST",
                   "/api/reservations/cancellations",
                   json::serialize(json::object{{"reservationNumbers", json::value_from(booked)}}),
                   u.account.cookie,
                   {},
                   0};
  }

  void settle(Context& ctx, UserModel& u) const override {
    const Pending p = *u.pending;
    u.pending.reset();
    const Answer a =
        ctx.call(u.account.number, name() + " settle",
                 {"GET", "/api/reservations", {}, u.account.cookie, {}, 0}, Outcome::kCheck);
    auto list = parse_json(a.body);
    if (a.status != 200 || !list || !list->is_array()) {
      ctx.faults.add("user " + u.account.number + ": reservations after the restart: " +
                     std::to_string(a.status) + " " + a.body);
      return;
    }
    std::map<std::string, ReservationState> now;
    for (const json::value& x : list->as_array()) {
      if (auto r = ReservationState::from_api(x)) now[r->number] = *r;
    }
    int unchanged = 0, done = 0;
    for (const ReservationState& b : p.reservations_before) {
      ReservationState c = b;
      c.status = "cancelled";
      if (now.count(b.number) && now[b.number] == b) ++unchanged;
      if (now.count(b.number) && now[b.number] == c) ++done;
    }
    const int n = static_cast<int>(p.reservations_before.size());
    if (unchanged == n) return;
    if (done == n) {
      for (const ReservationState& b : p.reservations_before)
        u.reservations[b.number].status = "cancelled";
      return;
    }
    ctx.faults.add("user " + u.account.number + ": an unanswered cancellation " + p.request.body +
                   " left " + std::to_string(done) + " of " + std::to_string(n) +
                   " cancelled and " + std::to_string(unchanged) + " as they were");
  }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    const json::value body = json::parse(req.body);
    auto v = parse_json(ans.body);
    if (!v || !v->is_object() || !v->as_object().contains("cancelled") ||
        v->at("cancelled") != body.at("reservationNumbers")) {
      ctx.faults.add("user " + u.account.number + ": cancellation " + req.body + " answered " +
                     ans.body);
    }
    for (const json::value& n : body.at("reservationNumbers").as_array()) {
      auto it = u.reservations.find(std::string(n.as_string()));
      if (it == u.reservations.end() || it->second.status != "booked") {
        ctx.faults.add("user " + u.account.number + ": cancellation " + req.body +
                       " acknowledged though " + std::string(n.as_string()) + " was not booked");
        continue;
      }
      it->second.status = "cancelled";
    }
  }

  Pending pending(const UserModel& u, const Request& req) const override {
    Pending p = WriteCommand::pending(u, req);
    const json::value body = json::parse(req.body);  // kept alive for the loop
    for (const json::value& n : body.at("reservationNumbers").as_array()) {
      p.reservations_before.push_back(u.reservations.at(std::string(n.as_string())));
    }
    return p;
  }
};

}  // namespace

std::unique_ptr<Command> make_book() { return std::make_unique<Book>(); }
std::unique_ptr<Command> make_change() { return std::make_unique<Change>(); }
std::unique_ptr<Command> make_cancel() { return std::make_unique<Cancel>(); }

}  // namespace hoyo::load
