// The cancellation-waitlist commands (waitlist.h): join (keyed), leave, and
// read the offers made to the user's entries. Offers are answered by the
// offer commands (offer_commands.cc).
#include <boost/json.hpp>

#include "command_support.h"
#include "commands.h"
#include "waitlist.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

// Marks entry `id` left in the model, and the offer the model holds open to
// it withdrawn.
void left(UserModel& u, const std::string& id) {
  u.entries.at(id).status = "left";
  for (auto& [oid, o] : u.waitlist_offers) {
    if (o.entry == id && o.status == "open") o.status = "withdrawn";
  }
}

// ---------------------------------------------------------------- joining

// POST /api/waitlist for a stay at the waitlist facility's target nights,
// its party as a booking's (people, guests or both, a reduction claimed now
// and then: put_random_party), with an Idempotency-Key. Refused (409) while a room is free on its
// nights or the user already waits for the stay, and past the entries per month (asked now and
// then, to see limit_reached).
class Join final : public WriteCommand {
 public:
  std::string name() const override { return "join-waitlist"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    if (asks_rarely_while_suspended(ctx, u)) return std::nullopt;
    const Target* t = ctx.world.target(ctx.world.waitlist_facility);
    if (!t) return std::nullopt;
    if (u.active_entries_in(t->nights.front().substr(0, 7)) >=
            ctx.world.waitlist_entries_per_month &&
        !ctx.chance(10)) {
      return std::nullopt;
    }
    const int first = ctx.uniform(0, static_cast<int>(t->nights.size()) - 1);
    const int nights = first + 1 < static_cast<int>(t->nights.size()) ? ctx.uniform(1, 2) : 1;
    json::object body{{"facilityId", t->facility},
                      {"checkIn", t->nights[static_cast<std::size_t>(first)]},
                      {"nights", nights}};
    put_random_party(ctx, t, nights, body);
    Request r{"POST", "/api/waitlist", json::serialize(body), u.account.cookie, {}, 0};
    r.idempotency_key = u.fresh_key(ctx.world.generation);
    return r;
  }

  void settle(Context& ctx, UserModel& u) const override { resend(ctx, u, "a joining"); }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    auto v = parse_json(ans.body);
    auto e = v ? WaitlistEntryState::from_api(*v) : std::nullopt;
    const json::value body = json::parse(req.body);
    if (ans.status != 201 || !e || e->facility != str(body, "facilityId") ||
        e->check_in != str(body, "checkIn") || e->nights != num(body, "nights") ||
        e->guests != asked_guests(body) || e->people != people_of(e->guests) ||
        e->reduction != asked_reduction(body) || e->wish != "any") {
      ctx.faults.add("user " + u.account.number + ": joining the waitlist " + req.body + " (key " +
                     req.idempotency_key + ") answered " + std::to_string(ans.status) + " " +
                     ans.body);
      if (!e) return;
    }
    if (u.entries.count(e->id)) {
      ctx.faults.add("user " + u.account.number + ": joining with key " + req.idempotency_key +
                     " answered entry " + e->id + ", which an earlier joining had");
    }
    u.entries[e->id] = *e;
    u.keyed.push_back(
        {name(), req, ans.status, ans.body, ans.position, ctx.cycle, ctx.world.clock_days});
  }
};

// ---------------------------------------------------------------- leaving

// DELETE /api/waitlist/{entryId} of an active entry (no key: an unanswered
// one is read back after the restart). Its open offer, if any, is withdrawn.
class Leave final : public WriteCommand {
 public:
  std::string name() const override { return "leave-waitlist"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    if (u.lets_offers_lapse()) return std::nullopt;
    const WaitlistEntryState* e =
        random_of(ctx, u.entries, [](const WaitlistEntryState& x) { return x.status == "active"; });
    if (!e) return std::nullopt;
    return Request{"DELETE", "/api/waitlist/" + e->id, {}, u.account.cookie, {}, 0};
  }

  // Active or left, as GET /api/waitlist has it after the restart.
  void settle(Context& ctx, UserModel& u) const override {
    const Pending p = *u.pending;
    u.pending.reset();
    const std::string id = id_of(p.request);
    const Answer a = ctx.call(u.account.number, name() + " settle",
                              {"GET", "/api/waitlist", {}, u.account.cookie, {}, u.seen_position},
                              Outcome::kCheck);
    auto list = parse_json(a.body);
    if (a.status != 200 || !list || !list->is_array()) {
      ctx.faults.add("user " + u.account.number +
                     ": waitlist after the restart: " + std::to_string(a.status) + " " + a.body);
      return;
    }
    for (const json::value& x : list->as_array()) {
      if (str(x, "entryId") == id) return;  // not left
    }
    left(u, id);
  }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    if (ans.status != 204) {
      ctx.faults.add("user " + u.account.number + ": leaving " + req.target + " answered " +
                     std::to_string(ans.status) + " " + ans.body);
    }
    left(u, id_of(req));
  }

 private:
  static std::string id_of(const Request& req) {
    return req.target.substr(req.target.rfind('/') + 1);
  }
};

// ---------------------------------------------------------------- the offers

// GET /api/me/offers while the user has an active entry: the waitlist offers
// the scheduler made go into the model (take_waitlist_offers).
class WaitlistOffers final : public Command {
 public:
  std::string name() const override { return "waitlist-offers"; }
  bool writes() const override { return false; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    if (!random_of(ctx, u.entries,
                   [](const WaitlistEntryState& x) { return x.status == "active"; }))
      return std::nullopt;
    return Request{"GET", "/api/me/offers", {}, u.account.cookie, {}, u.seen_position};
  }

  Outcome answered(Context& ctx, UserModel& u, const Request& req,
                   const Answer& ans) const override {
    (void)req;
    // While a write of the user is unsettled, the model may be behind.
    if (ans.status == 200 && !u.pending) take_listed_offers(ctx, u, ans, false);
    return Outcome::kRead;
  }
};

}  // namespace

void take_listed_offers(Context& ctx, UserModel& u, const Answer& ans, bool clock_moved) {
  const std::string who = "user " + u.account.number + ": ";
  auto list = parse_json(ans.body);
  if (ans.status != 200 || !list || !list->is_array()) {
    ctx.faults.add(who + "GET /api/me/offers answered " + std::to_string(ans.status) + " " +
                   ans.body);
    return;
  }
  std::map<std::string, OfferState> listed;
  for (const json::value& x : list->as_array()) {
    if (auto o = OfferState::from_api(x); o && !o->entry.empty()) listed[o->id] = *o;
  }
  // Those no longer open first (lapsed: the entry may have been offered
  // another room since).
  for (auto& [id, o] : u.waitlist_offers) {
    if (o.status != "open" || listed.count(id)) continue;
    if (clock_moved) {
      o.status = "lapsed";
    } else {
      ctx.faults.add(who + "open " + o.to_string() + " is not in GET /api/me/offers");
    }
  }
  for (const auto& [id, o] : listed) {
    auto known = u.waitlist_offers.find(id);
    if (known != u.waitlist_offers.end()) {
      if (known->second != o) {
        ctx.faults.add(who + "GET /api/me/offers lists " + o.to_string() + "; the model has " +
                       known->second.to_string());
      }
      continue;
    }
    auto e = u.entries.find(o.entry);
    bool other_open = false;
    for (const auto& [oid, x] : u.waitlist_offers) {
      other_open = other_open || (x.entry == o.entry && x.status == "open");
    }
    if (o.status != "open" || e == u.entries.end() || e->second.status != "active" || other_open ||
        e->second.facility != o.facility || e->second.check_in != o.check_in ||
        e->second.nights != o.nights || e->second.people != o.people) {
      ctx.faults.add(
          who + "offered " + o.to_string() + " to " +
          (e == u.entries.end() ? "an entry never acknowledged" : e->second.to_string()) +
          (other_open ? ", which has another offer open" : ""));
    }
    u.waitlist_offers[id] = o;
  }
}

void take_waitlist_offers(Context& ctx, UserModel& u, bool clock_moved) {
  const Answer a = ctx.call(u.account.number, "waitlist-offers",
                            {"GET", "/api/me/offers", {}, u.account.cookie, {}, u.seen_position},
                            Outcome::kCheck);
  take_listed_offers(ctx, u, a, clock_moved);
}

std::unique_ptr<Command> make_join_waitlist() { return std::make_unique<Join>(); }
std::unique_ptr<Command> make_leave_waitlist() { return std::make_unique<Leave>(); }
std::unique_ptr<Command> make_waitlist_offers() { return std::make_unique<WaitlistOffers>(); }

}  // namespace hoyo::load
