// The commands that only read: replays of keyed writes, vacancy, the own list.
#include <algorithm>
#include <boost/json.hpp>

#include "command_support.h"
#include "commands.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

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
    // A key of a day before the clock's last move may be forgotten (24 h).
    const Keyed& k = u.keyed[static_cast<std::size_t>(i)];
    if (k.day != ctx.world.clock_days) return std::nullopt;
    return k.request;
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

std::unique_ptr<Command> make_replay() { return std::make_unique<Replay>(); }
std::unique_ptr<Command> make_vacancy_read() { return std::make_unique<VacancyRead>(); }
std::unique_ptr<Command> make_own_reservations() { return std::make_unique<OwnReservations>(); }

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

}  // namespace hoyo::load
