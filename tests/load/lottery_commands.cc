// The lottery commands: apply (keyed) and cancel applications.
#include <boost/json.hpp>
#include <cstdio>
#include <set>

#include "command_support.h"
#include "commands.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

// ---------------------------------------------------------------- lottery

class Apply final : public WriteCommand {
 public:
  std::string name() const override { return "apply"; }

  std::optional<Request> make(Context& ctx, UserModel& u) const override {
    if (asks_rarely_while_suspended(ctx, u)) return std::nullopt;
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

  void settle(Context& ctx, UserModel& u) const override { resend(ctx, u, "an application"); }

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
    u.keyed.push_back(
        {name(), req, ans.status, ans.body, ans.position, ctx.cycle, ctx.world.clock_days});
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

}  // namespace

std::unique_ptr<Command> make_apply() { return std::make_unique<Apply>(); }
std::unique_ptr<Command> make_cancel_application() { return std::make_unique<CancelApplication>(); }

}  // namespace hoyo::load
