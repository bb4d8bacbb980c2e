#include "checks.h"

#include <algorithm>
#include <boost/json.hpp>
#include <sstream>
#include <thread>

namespace hoyo::load {

namespace json = boost::json;

std::string Checker::seconds_spent() const {
  std::string s;
  for (const auto& [check, seconds] : seconds_) {
    if (!s.empty()) s += ", ";
    s += check + " " + std::to_string(static_cast<long long>(seconds)) + " s";
  }
  return s;
}

Answer Checker::call(HttpClient& http, int cycle, const std::string& who, const Request& r) {
  Answer a = http.send(r);
  ledger_.record(cycle, who, "check", r, a, Outcome::kCheck);
  return a;
}

std::uint64_t Checker::max_seen() const {
  std::uint64_t m = 0;
  for (const UserModel& u : users_) m = std::max(m, u.seen_position);
  return m;
}

void Checker::settle(HttpClient& http, int cycle, std::mt19937_64& rng) {
  Context ctx{world_, http, ledger_, faults_, rng, cycle, &staff_};
  for (UserModel& u : users_) {
    if (!u.pending) continue;
    const Command* c = u.pending->command;
    c->settle(ctx, u);
    ++settled_;
  }
}

int Checker::replays(HttpClient& http, int cycle, std::mt19937_64& rng, int count) {
  Context ctx{world_, http, ledger_, faults_, rng, cycle, &staff_};
  // The latest cycle's first (the writes nearest the kill), then any.
  std::vector<std::pair<UserModel*, const Keyed*>> recent, older;
  for (UserModel& u : users_) {
    for (const Keyed& k : u.keyed) {
      // Keys are remembered for 24 h of the business clock: this day's only.
      if (k.day != world_.clock_days) continue;
      (k.cycle >= cycle - 1 ? recent : older).push_back({&u, &k});
    }
  }
  std::shuffle(recent.begin(), recent.end(), rng);
  std::shuffle(older.begin(), older.end(), rng);
  recent.insert(recent.end(), older.begin(), older.end());
  int sent = 0;
  for (const auto& [u, k] : recent) {
    if (sent >= count) break;
    replay(ctx, *u, *k, "check replay");
    ++sent;
  }
  return sent;
}

void Checker::users(HttpClient& http, int cycle) {
  const std::uint64_t at = max_seen();
  for (UserModel& u : users_) {
    const Answer mine = call(http, cycle, u.account.number,
                             {"GET", "/api/reservations", {}, u.account.cookie, {}, at});
    if (mine.status != 200) {
      faults_.add("user " + u.account.number + ": GET /api/reservations answered " +
                  std::to_string(mine.status) + " " + mine.body + mine.error);
    } else {
      compare_reservations(u, mine.body, "GET /api/reservations after the restart", faults_);
    }
    const Answer op = call(http, cycle, "operator",
                           {"GET",
                            "/api/operator/reservations?userNumber=" + u.account.number,
                            {},
                            staff_.operator_cookie,
                            {},
                            at});
    if (op.status != 200) {
      faults_.add("operator search of user " + u.account.number + " answered " +
                  std::to_string(op.status) + " " + op.body + op.error);
    } else {
      compare_reservations(u, op.body, "the operator's search by user", faults_);
    }
    const Answer apps = call(http, cycle, u.account.number,
                             {"GET",
                              "/api/lotteries/" + world_.lottery + "/applications",
                              {},
                              u.account.cookie,
                              {},
                              at});
    if (apps.status != 200) {
      faults_.add("user " + u.account.number + ": applications answered " +
                  std::to_string(apps.status) + " " + apps.body + apps.error);
    } else {
      compare_applications(u, apps.body, "GET applications after the restart", faults_);
    }
    writes_checked_ += u.reservations.size() + u.applications.size();
  }
  // The operator index: per facility, the booked reservations over the target nights.
  for (const Target& t : world_.targets) {
    const Answer a = call(http, cycle, "operator",
                          {"GET",
                           "/api/operator/reservations?facilityId=" + t.facility +
                               "&from=" + t.nights.front() + "&to=" + t.nights.back(),
                           {},
                           staff_.operator_cookie,
                           {},
                           at});
    auto v = parse_json(a.body);
    if (a.status != 200 || !v || !v->is_array()) {
      faults_.add("operator search of " + t.facility + " answered " + std::to_string(a.status) +
                  " " + a.body);
      continue;
    }
    std::map<std::string, ReservationState> served, expected;
    for (const json::value& x : v->as_array()) {
      if (auto r = ReservationState::from_api(x); r && r->status == "booked")
        served[r->number] = *r;
    }
    for (const UserModel& u : users_) {
      for (const auto& [n, r] : u.reservations) {
        if (r.facility == t.facility && r.status == "booked" && r.check_in >= t.nights.front() &&
            r.check_in <= t.nights.back()) {
          expected[n] = r;
        }
      }
    }
    for (const auto& [n, r] : expected) {
      if (!served.count(n)) {
        faults_.add("operator search of " + t.facility + " misses " + r.to_string());
      } else if (served[n] != r) {
        faults_.add("operator search of " + t.facility + " shows " + served[n].to_string() +
                    "; acknowledged as " + r.to_string());
      }
    }
    for (const auto& [n, r] : served) {
      if (!expected.count(n)) {
        faults_.add("operator search of " + t.facility + " shows " + r.to_string() +
                    ", never acknowledged");
      }
    }
  }
}

void Checker::log(HttpClient& http, int cycle) {
  const std::string& auditor = staff_.auditor_cookie;
  // The log only grows: what was read last time is still there, unchanged.
  if (fold_.next > 1) {
    const Answer a = call(http, cycle, "auditor",
                          {"GET",
                           "/api/audit/events?from=" + std::to_string(fold_.next - 1) + "&limit=1",
                           {},
                           auditor,
                           {},
                           0});
    auto line = parse_json(a.body.substr(0, a.body.find('\n')));
    if (a.status != 200 || !line || str(*line, "hash") != fold_.last_hash) {
      faults_.add("the log's event at " + std::to_string(fold_.next - 1) +
                  " changed or vanished across the restart: " + a.body.substr(0, 500));
    }
  }
  for (;;) {
    const Answer a = call(http, cycle, "auditor",
                          {"GET",
                           "/api/audit/events?from=" + std::to_string(fold_.next) + "&limit=10000",
                           {},
                           auditor,
                           {},
                           0});
    if (a.status != 200) {
      faults_.add("GET /api/audit/events answered " + std::to_string(a.status) + " " + a.body);
      return;
    }
    std::istringstream lines(a.body);
    std::string text;
    int n = 0;
    while (std::getline(lines, text)) {
      if (text.empty()) continue;
      auto e = parse_json(text);
      if (!e) {
        faults_.add("unreadable audit line " + text.substr(0, 300));
        return;
      }
      ++n;
      const auto position = static_cast<std::uint64_t>(num(*e, "position"));
      if (position != fold_.next) {
        faults_.add("the log skips from " + std::to_string(fold_.next) + " to " +
                    std::to_string(position));
      }
      fold_.next = position + 1;
      fold_.last_hash = str(*e, "hash");
      const std::string type = str(*e, "type");
      const json::value* data = e->as_object().if_contains("data");
      if (!data || !data->is_object()) continue;
      const auto at = parse_time(str(*e, "at"));
      const std::string day = at ? tokyo_time(*at).substr(0, 10) : "";
      if (fold_penalty_event(type, *data, day) || fold_stay_event(type, *data) ||
          fold_offer_event(type, *data) || fold_waitlist_event(type, *data)) {
        continue;
      }
      if (type == "ReservationBooked") {
        auto r = ReservationState::from_log(data->at("reservation"));
        if (!r) continue;
        ++fold_.booked[r->number];
        fold_.reservations[r->number] = *r;
        fold_.reservation_user[r->number] = str(data->at("reservation"), "user");
        for (const std::string& night : r->nights_held()) fold_.ever_held[r->number].insert(night);
      } else if (type == "ReservationChanged") {
        auto it = fold_.reservations.find(str(*data, "number"));
        if (it == fold_.reservations.end()) continue;
        it->second.check_in = str(*data, "checkIn");
        it->second.nights = static_cast<int>(num(*data, "nights"));
        it->second.people.clear();
        for (const json::value& p : data->at("people").as_array()) {
          it->second.people.push_back(static_cast<int>(p.as_int64()));
        }
        it->second.style = str(*data, "style");
        it->second.wish = str(*data, "wish");
        it->second.take_price_record(*data);
        for (const std::string& night : it->second.nights_held())
          fold_.ever_held[it->first].insert(night);
      } else if (type == "ReservationCancelled") {
        auto it = fold_.reservations.find(str(*data, "number"));
        if (it != fold_.reservations.end()) it->second.status = "cancelled";
      } else if (type == "ReservationConfirmed") {
        ++fold_.confirmed[str(*data, "number")];
        auto it = fold_.reservations.find(str(*data, "number"));
        if (it != fold_.reservations.end()) it->second.confirmation = "confirmed";
      } else if (type == "LotteryApplied" && str(*data, "lottery") == world_.lottery) {
        // The load's lottery; the second period's applications are the set-up's (wins.h).
        ApplicationState ap;
        ap.id = str(*data, "id");
        ap.lottery = str(*data, "lottery");
        ap.facility = str(*data, "facility");
        ap.check_in = str(*data, "checkIn");
        ap.nights = static_cast<int>(num(*data, "nights"));
        for (const json::value& p : data->at("people").as_array()) {
          ap.people.push_back(static_cast<int>(p.as_int64()));
        }
        ap.wish = str(*data, "wish");
        ap.preference = static_cast<int>(num(*data, "preference"));
        ap.status = "active";
        ++fold_.applied[ap.id];
        fold_.application_user[ap.id] = str(*data, "user");
        fold_.applications[ap.id] = ap;
      } else if (type == "LotteryApplicationsCancelled") {
        for (const json::value& id : data->at("applications").as_array()) {
          auto it = fold_.applications.find(std::string(id.as_string()));
          if (it != fold_.applications.end()) it->second.status = "cancelled";
        }
      }
    }
    if (n < 10000) break;
  }
  // Every acknowledged reservation and application once, in its state; nothing else.
  std::map<std::string, const UserModel*> owner;
  for (const UserModel& u : users_) {
    for (const auto& [n, r] : u.reservations) {
      owner[n] = &u;
      auto it = fold_.reservations.find(n);
      if (it == fold_.reservations.end()) {
        faults_.add("user " + u.account.number + ": acknowledged reservation " + r.to_string() +
                    " is not in the log");
        continue;
      }
      if (fold_.booked[n] != 1) {
        faults_.add("reservation " + n + " is booked " + std::to_string(fold_.booked[n]) +
                    " times in the log");
      }
      if (it->second != r || fold_.reservation_user[n] != u.account.number) {
        faults_.add("user " + u.account.number + ": the log folds reservation " + n + " to " +
                    it->second.to_string() + " of user " + fold_.reservation_user[n] +
                    "; acknowledged as " + r.to_string());
      }
    }
    for (const auto& [id, a] : u.applications) {
      owner[id] = &u;
      auto it = fold_.applications.find(id);
      if (it == fold_.applications.end()) {
        faults_.add("user " + u.account.number + ": acknowledged application " + a.to_string() +
                    " is not in the log");
        continue;
      }
      if (fold_.applied[id] != 1) {
        faults_.add("application " + id + " is in the log " + std::to_string(fold_.applied[id]) +
                    " times");
      }
      ApplicationState logged = it->second;
      if (logged != a || fold_.application_user[id] != u.account.number) {
        faults_.add("user " + u.account.number + ": the log folds application " + id + " to " +
                    logged.to_string() + "; acknowledged as " + a.to_string());
      }
    }
  }
  for (const auto& [n, times] : fold_.confirmed) {
    if (times != 1) {
      faults_.add("reservation " + n + " is confirmed " + std::to_string(times) +
                  " times in the log");
    }
  }
  for (const auto& [n, r] : fold_.reservations) {
    if (!owner.count(n)) {
      faults_.add("the log holds reservation " + r.to_string() + " of user " +
                  fold_.reservation_user[n] + ", never acknowledged (a duplicate?)");
    }
  }
  for (const auto& [id, a] : fold_.applications) {
    if (!owner.count(id)) {
      faults_.add("the log holds application " + a.to_string() + " of user " +
                  fold_.application_user[id] + ", never acknowledged (a duplicate?)");
    }
  }
}

void Checker::wins(HttpClient& http, int cycle) {
  const std::uint64_t at = max_seen();
  for (const UserModel& u : users_) {
    const Answer a = call(
        http, cycle, u.account.number,
        {"GET", "/api/lotteries/" + world_.win_lottery + "/result", {}, u.account.cookie, {}, at});
    auto v = parse_json(a.body);
    const json::value* won = v && v->is_object() ? v->as_object().if_contains("won") : nullptr;
    std::vector<const ReservationState*> mine;
    for (const auto& [n, r] : u.reservations) {
      // The offers' period's wins have all lapsed (offers.h).
      if (r.origin == "lottery" && r.status != "lapsed") mine.push_back(&r);
    }
    if (a.status != 200 || !won || str(*v, "status") != "won" || mine.size() != 1) {
      faults_.add("user " + u.account.number + ": the result of " + world_.win_lottery +
                  " answered " + std::to_string(a.status) + " " + a.body + "; the model holds " +
                  std::to_string(mine.size()) + " wins");
      continue;
    }
    const ReservationState& r = *mine.front();
    const std::string served = str(*v, "confirmation");
    if (str(*won, "reservationNumber") != r.number || served != r.confirmation ||
        str(*won, "confirmation") != r.confirmation) {
      faults_.add("user " + u.account.number + ": the result of " + world_.win_lottery +
                  " shows win " + str(*won, "reservationNumber") + " " + served +
                  "; acknowledged as " + r.to_string());
    }
    ++writes_checked_;
  }
}

void Checker::inventory(HttpClient& http, int cycle) {
  const Answer v =
      call(http, cycle, "auditor", {"GET", "/api/audit/verify", {}, staff_.auditor_cookie, {}, 0});
  auto report = parse_json(v.body);
  if (v.status != 200 || !report || !report->as_object().contains("ok") ||
      !report->at("ok").as_bool()) {
    faults_.add("GET /api/audit/verify answered " + std::to_string(v.status) + " " + v.body);
  } else if (static_cast<std::uint64_t>(num(*report, "checked")) < fold_.next - 1) {
    faults_.add("GET /api/audit/verify checked " + std::to_string(num(*report, "checked")) +
                " events of " + std::to_string(fold_.next - 1));
  }
  const std::uint64_t at = max_seen();
  for (const Target& t : world_.targets) {
    const Answer a = call(http, cycle, "public",
                          {"GET",
                           "/api/vacancy/" + t.facility +
                               "/calendar?month=" + t.nights.front().substr(0, 7) + "&months=2",
                           {},
                           {},
                           {},
                           at});
    auto cal = parse_json(a.body);
    if (a.status != 200 || !cal) {
      faults_.add("vacancy of " + t.facility + " answered " + std::to_string(a.status) + " " +
                  a.body);
      continue;
    }
    std::map<std::string, std::int64_t> free;
    for (const json::value& d : cal->at("days").as_array())
      free[str(d, "date")] = num(d, "freeRooms");
    for (const std::string& night : t.nights) {
      int booked = 0;
      std::map<std::string, int> by_style;
      for (const UserModel& u : users_) {
        for (const auto& [n, r] : u.reservations) {
          const auto held = r.nights_held();
          if (r.facility == t.facility && std::count(held.begin(), held.end(), night)) {
            ++booked;
            ++by_style[r.style];
          }
        }
      }
      // Rooms held for the waitlist are neither free nor booked.
      int holds = 0;
      for (const auto& [style, n] : held(t.facility, night)) {
        holds += n;
        by_style[style];  // checked below, also without bookings
      }
      const std::map<std::string, int> held_by_style = held(t.facility, night);
      for (const auto& [style, n] : by_style) {
        const int rooms = t.style_rooms.count(style) ? t.style_rooms.at(style) : 0;
        const int h = held_by_style.count(style) ? held_by_style.at(style) : 0;
        if (n + h > rooms) {
          faults_.add(t.facility + " on " + night + ": " + std::to_string(n) + " acknowledged " +
                      style + " bookings and " + std::to_string(h) + " waitlist holds for " +
                      std::to_string(rooms) + " rooms");
        }
      }
      // (A night past is not for sale: its vacancy says nothing of it.)
      if (night >= world_.business_day() &&
          (!free.count(night) || free[night] != t.rooms - booked - holds)) {
        faults_.add("vacancy of " + t.facility + " on " + night + ": " +
                    (free.count(night) ? std::to_string(free[night]) : "none") +
                    " free; the acknowledged bookings and the log's " + std::to_string(holds) +
                    " waitlist holds leave " + std::to_string(t.rooms - booked - holds));
      }
    }
  }
}

std::vector<std::pair<std::string, std::string>> Checker::snapshot(HttpClient& http, int cycle,
                                                                   std::uint64_t at,
                                                                   std::uint64_t history_from) {
  std::vector<std::pair<std::string, std::string>> out;
  auto get = [&](const std::string& target, const std::string& cookie) {
    Answer a = call(http, cycle, "snapshot", {"GET", target, {}, cookie, {}, at});
    out.emplace_back(target + " [" + cookie.substr(0, 12) + "]",
                     std::to_string(a.status) + " " + a.body);
  };
  // A history from `from`, every page of it as one body.
  auto history = [&](const std::string& subject, const std::uint64_t first) {
    std::uint64_t from = first;
    constexpr std::size_t kPage = 10000;
    std::string body;
    for (;;) {
      const std::string target = "/api/audit/history/" + subject +
                                 "?limit=" + std::to_string(kPage) +
                                 "&from=" + std::to_string(from);
      Answer a = call(http, cycle, "snapshot", {"GET", target, {}, staff_.auditor_cookie, {}, at});
      body += std::to_string(a.status) + " " + a.body;
      std::size_t lines = 0, last = 0;
      for (std::size_t i = a.body.find('\n'); i != std::string::npos;
           i = a.body.find('\n', i + 1)) {
        ++lines;
        last = i;
      }
      if (a.status != 200 || lines < kPage) break;
      const std::size_t start = a.body.rfind('\n', last - 1);
      auto line = parse_json(a.body.substr(start == std::string::npos ? 0 : start + 1));
      if (!line) break;
      from = static_cast<std::uint64_t>(num(*line, "position")) + 1;
    }
    out.emplace_back("/api/audit/history/" + subject + " from " + std::to_string(first),
                     std::move(body));
  };
  const std::string& op = staff_.operator_cookie;
  const std::string lottery = "/api/lotteries/" + world_.lottery;
  get("/api/lotteries", users_.front().account.cookie);
  for (const UserModel& u : users_) {
    get("/api/reservations", u.account.cookie);
    get(lottery + "/applications", u.account.cookie);
    get(lottery + "/result", u.account.cookie);
    get("/api/lotteries/" + world_.win_lottery + "/result", u.account.cookie);
    get("/api/lotteries/" + world_.offers.lottery + "/result", u.account.cookie);
    get("/api/me/offers", u.account.cookie);
    get("/api/waitlist", u.account.cookie);
    get("/api/me/limits", u.account.cookie);
    get("/api/operator/users/" + u.account.number + "/suspension", op);
    get("/api/operator/reservations?userNumber=" + u.account.number, op);
    history("user/" + u.account.number, history_from);
  }
  for (const Target& t : world_.targets) {
    get("/api/vacancy/" + t.facility + "/calendar?month=" + world_.today.substr(0, 7) + "&months=3",
        "");
    get("/api/operator/reservations?facilityId=" + t.facility + "&from=" + world_.today +
            "&to=" + add_days(world_.today, 60),
        op);
    for (const std::string& night : t.nights) {
      get("/api/operator/facilities/" + t.facility + "/guests?date=" + night, op);
    }
    history("facility/" + t.facility, history_from);
  }
  for (const std::string& f : world_.lottery_facilities) {
    for (int day = 1; day <= 29; day += 7) {
      char from[16];
      std::snprintf(from, sizeof from, "-%02d", day);
      get(lottery + "/demand/" + f + "?from=" + world_.stay_month + from,
          users_.front().account.cookie);
    }
  }
  get("/api/operator/lotteries/" + world_.lottery + "/applications", op);
  get("/api/operator/registrations", op);
  history("lottery/" + world_.lottery, history_from);
  history("lottery/" + world_.win_lottery, history_from);
  history("lottery/" + world_.offers.lottery, history_from);
  return out;
}

void Checker::projections(HttpClient& http, int cycle, bool whole_histories) {
  auto head_now = [&] {
    const Answer health = call(http, cycle, "public", {"GET", "/api/health", {}, {}, {}, 0});
    auto h = parse_json(health.body);
    return h ? static_cast<std::uint64_t>(num(*h, "position")) : 0;
  };
  // Starts the online rebuild of every projection and waits for them; false
  // (a fault added) when one fails or they take over 60 s.
  auto rebuild_all = [&] {
    for (const std::string& name : world_.projections) {
      const Answer a = call(http, cycle, "operator",
                            {"POST",
                             "/api/operator/projections/" + name + "/rebuild",
                             {},
                             staff_.operator_cookie,
                             {},
                             0});
      if (a.status != 202) {
        faults_.add("rebuilding " + name + " answered " + std::to_string(a.status) + " " + a.body);
        return false;
      }
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
      const Answer a =
          call(http, cycle, "operator",
               {"GET", "/api/operator/projections", {}, staff_.operator_cookie, {}, 0});
      auto list = parse_json(a.body);
      int done = 0;
      if (a.status == 200 && list && list->is_array()) {
        for (const json::value& p : list->as_array()) {
          const std::string state = str(p, "rebuild");
          if (state == "failed") {
            faults_.add("the online rebuild of " + str(p, "name") + " failed: " + str(p, "error"));
            return false;
          }
          if (state == "done") ++done;
        }
      }
      if (done == static_cast<int>(world_.projections.size())) return true;
      if (std::chrono::steady_clock::now() > deadline) {
        faults_.add("the online rebuilds did not finish within 60 s: " + a.body);
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  };
  // Served and rebuilt are compared at one position: hoyod's own writers
  // (mail delivery) may append meanwhile, and then the round is run again.
  // The audit histories grow with the log: they are compared from the head
  // of the last check on (what came before was compared then), and whole at
  // the first check and every kWholeHistoryEvery cycles.
  constexpr int kRounds = 5;
  const std::uint64_t history_from =
      (whole_histories || cycle % kWholeHistoryEvery == 1 || history_checked_to_ == 0)
          ? 1
          : history_checked_to_ + 1;
  for (int round = 1; round <= kRounds; ++round) {
    const std::uint64_t head = head_now();
    const auto before = snapshot(http, cycle, head, history_from);
    if (!rebuild_all()) return;
    const auto after = snapshot(http, cycle, head, history_from);
    if (head_now() != head) {
      if (round == kRounds) {
        faults_.add("the log kept moving through " + std::to_string(kRounds) +
                    " rounds of the projection check");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      continue;
    }
    for (std::size_t i = 0; i < before.size() && i < after.size(); ++i) {
      if (before[i].second == after[i].second) continue;
      const std::string& x = before[i].second;
      const std::string& y = after[i].second;
      std::size_t at = 0;
      while (at < x.size() && at < y.size() && x[at] == y[at]) ++at;
      const std::size_t from = at > 200 ? at - 200 : 0;
      faults_.add("projection differs from its rebuild at " + before[i].first + " (byte " +
                  std::to_string(at) + "): served ..." + x.substr(from, 400) + "... rebuilt ..." +
                  y.substr(from, 400) + "...");
    }
    history_checked_to_ = head;
    return;
  }
}

}  // namespace hoyo::load
