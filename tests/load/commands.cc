#include "commands.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

namespace hoyo::load {

namespace json = boost::json;

Answer Context::call(const std::string& who, const std::string& command, const Request& r,
                     Outcome o) {
  Answer a = http.send(r);
  ledger.record(cycle, who, command, r, a, o);
  return a;
}

namespace {

std::vector<int> people_of(const json::value& v) {
  std::vector<int> out;
  if (v.is_array()) {
    for (const json::value& n : v.as_array()) out.push_back(static_cast<int>(n.as_int64()));
  }
  return out;
}

std::vector<int> random_people(Context& ctx, int nights) {
  std::vector<int> p;
  for (int i = 0; i < nights; ++i) p.push_back(ctx.uniform(1, 2));  // fits every room
  return p;
}

template <class Map, class Keep>
const typename Map::mapped_type* random_of(Context& ctx, const Map& m, Keep keep) {
  std::vector<const typename Map::mapped_type*> c;
  for (const auto& [k, v] : m) {
    if (keep(v)) c.push_back(&v);
  }
  if (c.empty()) return nullptr;
  return c[static_cast<std::size_t>(ctx.uniform(0, static_cast<int>(c.size()) - 1))];
}

// A refusal we cause on purpose; anything else (400 malformed, 401, 403,
// 422 validation, 429...) says the test or the server went wrong: every
// request is well formed and, per the model, changes something.
bool expected_refusal(const Answer& a) {
  auto v = parse_json(a.body);
  const std::string code = v ? str(*v, "code") : "";
  static const std::set<std::string> ok = {"no_vacancy", "limit_reached", "conflict",
                                           "window_closed", "other_facility"};
  return (a.status == 409 || a.status == 422) && ok.count(code);
}

bool retryable_unavailability(const Answer& a) {
  auto v = parse_json(a.body);
  const std::string code = v ? str(*v, "code") : "";
  return a.status == 503 && (code == "unavailable" || code == "stale") && !a.retry_after.empty();
}

// The reservation a change asks for, from the one before it (the domain's
// rule: a room changes style only when the new wish does not match it).
ReservationState changed(const ReservationState& before, const json::value& body) {
  ReservationState next = before;
  const json::object& o = body.as_object();
  if (const json::value* d = o.if_contains("dropNight")) {
    const int drop = static_cast<int>(d->as_int64());
    if (drop == 1) next.check_in = add_days(before.check_in, 1);
    next.nights = 1;
    next.people = {before.people[drop == 1 ? 1 : 0]};
  }
  if (const json::value* p = o.if_contains("people")) next.people = people_of(*p);
  if (const json::value* w = o.if_contains("roomStyle")) {
    next.wish = std::string(w->as_string());
    if (next.wish != "any" && next.wish != before.style) next.style = next.wish;
  }
  return next;
}

// Settles an unanswered write to one reservation by reading the user's list
// after the restart: the reservation must be as it was before the write, or
// entirely as the write makes it; the model takes what it is.
void read_back(Context& ctx, UserModel& u, const std::string& command, const Request& req,
               const ReservationState& before, const ReservationState& after) {
  const Answer a =
      ctx.call(u.account.number, command + " settle",
               {"GET", "/api/reservations", {}, u.account.cookie, {}, 0}, Outcome::kCheck);
  auto list = parse_json(a.body);
  if (a.status != 200 || !list || !list->is_array()) {
    ctx.faults.add("user " + u.account.number +
                   ": reservations after the restart: " + std::to_string(a.status) + " " + a.body);
    return;
  }
  for (const json::value& x : list->as_array()) {
    auto got = ReservationState::from_api(x);
    if (!got || got->number != before.number) continue;
    if (*got == before || *got == after) {
      u.reservations[before.number] = *got;
    } else {
      ctx.faults.add("user " + u.account.number + ": reservation " + before.number +
                     " after an unanswered " + command + " " + req.method + " " + req.target + " " +
                     req.body + " is " + got->to_string() + "; before it was " +
                     before.to_string() + ", after it would be " + after.to_string());
    }
    return;
  }
  ctx.faults.add("user " + u.account.number + ": reservation " + before.number +
                 " is gone after an unanswered " + command);
}

// ---------------------------------------------------------------- booking

class Book final : public WriteCommand {
 public:
  std::string name() const override { return "book"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    // At the per-user limit, only now and then (to see limit_reached).
    if (u.active_first_come() >= ctx.world.max_upcoming && !ctx.chance(10)) return std::nullopt;
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
    const int first = ctx.uniform(0, static_cast<int>(t->nights.size()) - 1);
    const int nights = first + 1 < static_cast<int>(t->nights.size()) ? ctx.uniform(1, 2) : 1;
    json::object body{{"facilityId", t->facility},
                      {"checkIn", t->nights[static_cast<std::size_t>(first)]},
                      {"nights", nights},
                      {"people", json::value_from(random_people(ctx, nights))}};
    if (t->style_wish) {
      static const char* wishes[] = {"any", "japanese", "western"};
      body["roomStyle"] = wishes[ctx.uniform(0, 2)];
    }
    Request r{"POST", "/api/reservations", json::serialize(body), u.account.cookie, {}, 0};
    r.idempotency_key = u.fresh_key(ctx.world.generation);
    return r;
  }

  void settle(Context& ctx, UserModel& u) const override {
    // The same key again: the first outcome if it was made durable, else
    // decided now; either way at most one reservation for the key.
    const Request req = u.pending->request;
    u.pending.reset();
    const Answer a = ctx.http.send(req);
    const Outcome o = answered(ctx, u, req, a);
    ctx.ledger.record(ctx.cycle, u.account.number, name() + " settle", req, a, o);
    if (o == Outcome::kUnanswered) {
      ctx.faults.add("user " + u.account.number + ": a booking resent after the restart got no " +
                     "answer (" + std::to_string(a.status) + " " + a.error + a.body + ")");
      u.pending.reset();
    }
  }

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
    if (r->facility != str(body, "facilityId") || r->check_in != str(body, "checkIn") ||
        r->nights != num(body, "nights") || r->people != people_of(body.at("people")) ||
        r->wish != wish || !style_ok || r->status != "booked" || r->origin != "first_come") {
      ctx.faults.add("user " + u.account.number + ": booking " + req.body + " (key " +
                     req.idempotency_key + ") acknowledged as " + r->to_string());
    }
    if (u.reservations.count(r->number)) {
      ctx.faults.add("user " + u.account.number + ": booking with key " + req.idempotency_key +
                     " answered reservation " + r->number + ", which an earlier booking had");
    }
    u.reservations[r->number] = *r;
    u.keyed.push_back({name(), req, ans.status, ans.body, ans.position, ctx.cycle});
  }
};

// ---------------------------------------------------------------- change

class Change final : public WriteCommand {
 public:
  std::string name() const override { return "change"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    // First-come bookings only: the lottery wins are there to be confirmed.
    const ReservationState* r = random_of(ctx, u.reservations, [](const ReservationState& x) {
      return x.status == "booked" && x.origin == "first_come";
    });
    if (!r) return std::nullopt;
    const Target* t = ctx.world.target(r->facility);
    json::object body;
    const int kind = ctx.uniform(0, 2);
    if (kind == 1 && r->nights == 2) {
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
      std::vector<int> people;
      do {
        people = random_people(ctx, r->nights);
      } while (people == r->people);
      body["people"] = json::value_from(people);
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
    const ReservationState expected = changed(it->second, json::parse(req.body));
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
      if (r.origin == "first_come") (r.status == "booked" ? booked : cancelled).push_back(n);
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

// ---------------------------------------------------------------- lottery

class Apply final : public WriteCommand {
 public:
  std::string name() const override { return "apply"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    std::set<int> taken;
    for (const auto& [id, a] : u.applications) {
      if (a.status == "active") taken.insert(a.preference);
    }
    const int slots = ctx.world.preference_slots;
    // Slots all taken: only now and then (to see conflict).
    if (static_cast<int>(taken.size()) >= slots && !ctx.chance(10)) return std::nullopt;
    int preference = ctx.uniform(1, slots);
    for (int i = 0; i < slots && taken.count(preference) && !ctx.chance(8); ++i) {
      preference = preference % slots + 1;
    }
    std::string facility = u.lottery_facility;
    if (ctx.chance(12)) {  // another facility than the user's: other_facility when it has one
      facility = ctx.world.lottery_facilities[static_cast<std::size_t>(
          ctx.uniform(0, static_cast<int>(ctx.world.lottery_facilities.size()) - 1))];
    }
    const int nights = ctx.uniform(1, 2);
    char day[4];
    std::snprintf(day, sizeof day, "%02d", ctx.uniform(1, 27));
    json::object body{{"facilityId", facility},
                      {"checkIn", ctx.world.stay_month + "-" + day},
                      {"nights", nights},
                      {"people", json::value_from(random_people(ctx, nights))},
                      {"preference", preference}};
    const Target* t = ctx.world.target(facility);
    if (t && t->style_wish) {
      static const char* wishes[] = {"any", "japanese", "western"};
      body["roomStyle"] = wishes[ctx.uniform(0, 2)];
    }
    Request r{"POST",
              "/api/lotteries/" + ctx.world.lottery + "/applications",
              json::serialize(body),
              u.account.cookie,
              {},
              0};
    r.idempotency_key = u.fresh_key(ctx.world.generation);
    return r;
  }

  void settle(Context& ctx, UserModel& u) const override {
    const Request req = u.pending->request;
    u.pending.reset();
    const Answer a = ctx.http.send(req);
    const Outcome o = answered(ctx, u, req, a);
    ctx.ledger.record(ctx.cycle, u.account.number, name() + " settle", req, a, o);
    if (o == Outcome::kUnanswered) {
      ctx.faults.add("user " + u.account.number + ": an application resent after the restart " +
                     "got no answer (" + std::to_string(a.status) + " " + a.error + a.body + ")");
      u.pending.reset();
    }
  }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    auto v = parse_json(ans.body);
    auto a = v ? ApplicationState::from_api(*v) : std::nullopt;
    if (ans.status != 201 || !a) {
      ctx.faults.add("user " + u.account.number + ": an application answered " +
                     std::to_string(ans.status) + " " + ans.body);
      return;
    }
    const json::value body = json::parse(req.body);
    const std::string wish = str(body, "roomStyle").empty() ? "any" : str(body, "roomStyle");
    if (a->facility != str(body, "facilityId") || a->check_in != str(body, "checkIn") ||
        a->nights != num(body, "nights") || a->people != people_of(body.at("people")) ||
        a->wish != wish || a->preference != num(body, "preference") || a->status != "active" ||
        a->lottery != ctx.world.lottery) {
      ctx.faults.add("user " + u.account.number + ": application " + req.body +
                     " acknowledged as " + a->to_string());
    }
    if (u.applications.count(a->id)) {
      ctx.faults.add("user " + u.account.number + ": application with key " + req.idempotency_key +
                     " answered " + a->id + ", which an earlier one had");
    }
    u.applications[a->id] = *a;
    u.keyed.push_back({name(), req, ans.status, ans.body, ans.position, ctx.cycle});
  }
};

class CancelApplication final : public WriteCommand {
 public:
  std::string name() const override { return "cancel-application"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    const ApplicationState* a = random_of(
        ctx, u.applications, [](const ApplicationState& x) { return x.status == "active"; });
    if (!a) return std::nullopt;
    return Request{
        "POST",
        "/api/lotteries/" + ctx.world.lottery + "/applications/cancellations",
        json::serialize(json::object{{"applicationIds", json::array{json::value(a->id)}}}),
        u.account.cookie,
        {},
        0};
  }

  void settle(Context& ctx, UserModel& u) const override {
    const Pending p = *u.pending;
    u.pending.reset();
    const ApplicationState& before = p.applications_before.front();
    const Answer a = ctx.call(u.account.number, name() + " settle",
                              {"GET",
                               "/api/lotteries/" + ctx.world.lottery + "/applications",
                               {},
                               u.account.cookie,
                               {},
                               0},
                              Outcome::kCheck);
    auto list = parse_json(a.body);
    if (a.status != 200 || !list || !list->is_array()) {
      ctx.faults.add("user " + u.account.number + ": applications after the restart: " +
                     std::to_string(a.status) + " " + a.body);
      return;
    }
    for (const json::value& x : list->as_array()) {
      auto got = ApplicationState::from_api(x);
      if (!got || got->id != before.id) continue;
      ApplicationState after = before;
      after.status = "cancelled";
      if (*got == before || *got == after) {
        u.applications[before.id] = *got;
      } else {
        ctx.faults.add("user " + u.account.number + ": application " + before.id +
                       " after an unanswered cancellation is " + got->to_string());
      }
      return;
    }
    ctx.faults.add("user " + u.account.number + ": application " + before.id +
                   " is gone after an unanswered cancellation");
  }

 protected:
  void acknowledged(Context& ctx, UserModel& u, const Request& req,
                    const Answer& ans) const override {
    const json::value body = json::parse(req.body);
    auto v = parse_json(ans.body);
    if (!v || !v->is_object() || !v->as_object().contains("cancelled") ||
        v->at("cancelled") != body.at("applicationIds")) {
      ctx.faults.add("user " + u.account.number + ": application cancellation " + req.body +
                     " answered " + ans.body);
    }
    for (const json::value& id : body.at("applicationIds").as_array()) {
      u.applications[std::string(id.as_string())].status = "cancelled";
    }
  }

  Pending pending(const UserModel& u, const Request& req) const override {
    Pending p = WriteCommand::pending(u, req);
    const json::value body = json::parse(req.body);  // kept alive for the loop
    for (const json::value& id : body.at("applicationIds").as_array()) {
      p.applications_before.push_back(u.applications.at(std::string(id.as_string())));
    }
    return p;
  }
};

// ---------------------------------------------------------------- reads and replays

class Replay final : public Command {
 public:
  std::string name() const override { return "replay"; }
  bool writes() const override { return false; }  // must not: it is answered from the first

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    if (u.keyed.empty()) return std::nullopt;
    // Mostly the latest ones (most likely still on their way to the disk).
    const int n = static_cast<int>(u.keyed.size());
    const int i =
        ctx.chance(2) ? n - 1 - ctx.uniform(0, std::min(n - 1, 3)) : ctx.uniform(0, n - 1);
    return u.keyed[static_cast<std::size_t>(i)].request;
  }

  Outcome answered(Context& ctx, UserModel& u, const Request& req,
                   const Answer& ans) const override {
    for (const Keyed& k : u.keyed) {
      if (k.request.idempotency_key == req.idempotency_key)
        check(ctx, u, k, ans, "during the load");
    }
    return Outcome::kReplayed;
  }

  static void check(Context& ctx, UserModel& u, const Keyed& k, const Answer& ans,
                    const std::string& when) {
    if (ans.status == 0) return;  // no answer: nothing to compare (and nothing written)
    // Not taken now (the server is stopping, or its disk is full): nothing
    // to compare either; the replays after the restart ask again.
    if (ans.status == 503) {
      if (auto v = parse_json(ans.body); v && str(*v, "code") == "unavailable") return;
    }
    auto first = parse_json(k.body);
    auto again = parse_json(ans.body);
    if (ans.status != k.status || !first || !again || *first != *again ||
        ans.position != k.position) {
      ctx.faults.add("user " + u.account.number + ": " + k.command + " with key " +
                     k.request.idempotency_key + " resent " + when + " answered " +
                     std::to_string(ans.status) + " " + ans.body + " at position " +
                     std::to_string(ans.position) + "; the first answer (cycle " +
                     std::to_string(k.cycle) + ") was " + std::to_string(k.status) + " " + k.body +
                     " at position " + std::to_string(k.position));
    }
  }
};

class VacancyRead final : public Command {
 public:
  std::string name() const override { return "vacancy"; }
  bool writes() const override { return false; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    const Target& t = ctx.world.targets[static_cast<std::size_t>(
        ctx.uniform(0, static_cast<int>(ctx.world.targets.size()) - 1))];
    (void)u;
    return Request{"GET",
                   "/api/vacancy/" + t.facility +
                       "/calendar?month=" + t.nights.front().substr(0, 7) + "&months=2",
                   {},
                   {},
                   {},
                   0};
  }

  Outcome answered(Context& ctx, UserModel& u, const Request& req,
                   const Answer& ans) const override {
    (void)u;
    if (ans.status != 200) return Outcome::kRead;
    auto v = parse_json(ans.body);
    const std::string facility = v ? str(*v, "facilityId") : "";
    if (!v || !v->as_object().contains("days") || !ctx.world.rooms.count(facility)) {
      ctx.faults.add("vacancy " + req.target + " answered " + ans.body.substr(0, 500));
      return Outcome::kRead;
    }
    for (const json::value& d : v->at("days").as_array()) {
      const auto free = num(d, "freeRooms"), total = num(d, "totalRooms");
      if (free < 0 || free > total || total != ctx.world.rooms.at(facility)) {
        ctx.faults.add("vacancy of " + facility + " on " + str(d, "date") + ": " +
                       std::to_string(free) + " free of " + std::to_string(total) + " (rooms " +
                       std::to_string(ctx.world.rooms.at(facility)) + ")");
      }
    }
    return Outcome::kRead;
  }
};

class OwnReservations final : public Command {
 public:
  std::string name() const override { return "own-reservations"; }
  bool writes() const override { return false; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    (void)ctx;
    if (u.pending) return std::nullopt;  // its state is unknown until settled
    return Request{"GET", "/api/reservations", {}, u.account.cookie, {}, u.seen_position};
  }

  Outcome answered(Context& ctx, UserModel& u, const Request& req,
                   const Answer& ans) const override {
    (void)req;
    if (ans.status == 200) compare_reservations(u, ans.body, "read during the load", ctx.faults);
    return Outcome::kRead;
  }
};

}  // namespace

Outcome WriteCommand::answered(Context& ctx, UserModel& u, const Request& req,
                               const Answer& ans) const {
  u.seen_position = std::max(u.seen_position, ans.position);
  if (ans.ok()) {
    acknowledged(ctx, u, req, ans);
    return Outcome::kAcknowledged;
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

std::unique_ptr<Command> make_book() { return std::make_unique<Book>(); }
std::unique_ptr<Command> make_change() { return std::make_unique<Change>(); }
std::unique_ptr<Command> make_cancel() { return std::make_unique<Cancel>(); }
std::unique_ptr<Command> make_confirm() { return std::make_unique<Confirm>(); }
std::unique_ptr<Command> make_apply() { return std::make_unique<Apply>(); }
std::unique_ptr<Command> make_cancel_application() { return std::make_unique<CancelApplication>(); }
std::unique_ptr<Command> make_replay() { return std::make_unique<Replay>(); }
std::unique_ptr<Command> make_vacancy_read() { return std::make_unique<VacancyRead>(); }
std::unique_ptr<Command> make_own_reservations() { return std::make_unique<OwnReservations>(); }

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
  m.add(make_apply(), 12);
  m.add(make_cancel_application(), 5);
  m.add(make_replay(), 6);
  m.add(make_vacancy_read(), 14);
  m.add(make_own_reservations(), 5);
  return m;
}

bool replay(Context& ctx, UserModel& u, const Keyed& k, const std::string& command) {
  const Answer a = ctx.call(u.account.number, command, k.request, Outcome::kReplayed);
  Replay::check(ctx, u, k, a, "after the restart");
  if (a.status == 0) {
    ctx.faults.add("user " + u.account.number + ": " + k.command + " with key " +
                   k.request.idempotency_key +
                   " resent after the restart got no answer: " + a.error);
  }
  return a.status != 0;
}

void compare_reservations(const UserModel& u, const std::string& text, const std::string& where,
                          Faults& faults) {
  const std::string who = "user " + u.account.number + " (" + where + "): ";
  auto v = parse_json(text);
  if (!v || !v->is_array()) {
    faults.add(who + "not a list: " + text.substr(0, 500));
    return;
  }
  std::map<std::string, ReservationState> served;
  for (const json::value& x : v->as_array()) {
    auto r = ReservationState::from_api(x);
    if (!r) {
      faults.add(who + "unreadable reservation " + json::serialize(x));
      continue;
    }
    if (!served.emplace(r->number, *r).second)
      faults.add(who + "reservation " + r->number + " listed twice");
  }
  for (const auto& [n, r] : u.reservations) {
    auto it = served.find(n);
    if (it == served.end()) {
      faults.add(who + "acknowledged reservation " + r.to_string() + " is missing");
    } else if (it->second != r) {
      faults.add(who + "reservation " + n + " is " + it->second.to_string() + "; acknowledged as " +
                 r.to_string());
    }
  }
  for (const auto& [n, r] : served) {
    if (!u.reservations.count(n)) {
      faults.add(who + "reservation " + r.to_string() +
                 " was never acknowledged (a duplicate, or a write nobody made)");
    }
  }
}

void compare_applications(const UserModel& u, const std::string& text, const std::string& where,
                          Faults& faults) {
  const std::string who = "user " + u.account.number + " (" + where + "): ";
  auto v = parse_json(text);
  if (!v || !v->is_array()) {
    faults.add(who + "not a list: " + text.substr(0, 500));
    return;
  }
  std::map<std::string, ApplicationState> served;
  for (const json::value& x : v->as_array()) {
    auto a = ApplicationState::from_api(x);
    if (!a) {
      faults.add(who + "unreadable application " + json::serialize(x));
      continue;
    }
    if (!served.emplace(a->id, *a).second)
      faults.add(who + "application " + a->id + " listed twice");
  }
  for (const auto& [id, a] : u.applications) {
    auto it = served.find(id);
    if (it == served.end()) {
      faults.add(who + "acknowledged application " + a.to_string() + " is missing");
    } else if (it->second != a) {
      faults.add(who + "application " + id + " is " + it->second.to_string() +
                 "; acknowledged as " + a.to_string());
    }
  }
  for (const auto& [id, a] : served) {
    if (!u.applications.count(id)) {
      faults.add(who + "application " + a.to_string() + " was never acknowledged");
    }
  }
}

}  // namespace hoyo::load
