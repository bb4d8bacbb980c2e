#include "http/live/live_hub.h"

#include <boost/json.hpp>
#include <set>

#include "base/log.h"
#include "base/mutex.h"
#include "base/thread.h"
#include "domain/event_codec.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace json = boost::json;
using projections::StayView;

constexpr std::size_t kMaxFacilitiesPerPeer = 100;
constexpr int kWholeDays = 180;

std::shared_ptr<const std::string> text(const json::value& v) {
  return std::make_shared<const std::string>(json::serialize(v));
}

std::vector<domain::Date> span(domain::Date from, int days) {
  std::vector<domain::Date> out;
  for (int i = 0; i < days; ++i) out.push_back(from.plus_days(i));
  return out;
}

// The (facility, dates) whose vacancy an event can have changed; reads the
// stays view for what the event does not carry.
void touched(const StayView& v, const domain::Event& e, domain::Date today,
             std::map<std::string, std::set<std::int32_t>>& out) {
  auto add = [&](const std::string& f, domain::Date from, int days) {
    for (int i = 0; i < days; ++i) out[f].insert(from.days + i);
  };
  auto month = [&](const domain::LotteryPeriod& p) {
    const domain::Date end = p.stay_month.first_of_month_plus(1);
    for (const std::string& f : p.facilities) add(f, p.stay_month, end.days - p.stay_month.days);
  };
  if (auto* b = std::get_if<domain::ReservationBooked>(&e)) {
    add(b->reservation.facility, b->reservation.check_in, b->reservation.nights);
  } else if (auto* c = std::get_if<domain::ReservationChanged>(&e)) {
    // A dropped first night moved check-in a day on; a dropped second night
    // freed the day after: cover both.
    if (auto r = v.reservation(c->number)) add(r->facility, c->check_in.plus_days(-1), 3);
  } else if (auto* x = std::get_if<domain::ReservationCancelled>(&e)) {
    if (auto r = v.reservation(x->number)) add(r->facility, r->check_in, r->nights);
  } else if (auto* l = std::get_if<domain::WinLapsed>(&e)) {
    // The room is held (the date's mark may change); free at the release.
    if (auto r = v.reservation(l->number)) add(r->facility, r->check_in, r->nights);
  } else if (auto* rel = std::get_if<domain::LapsedRoomReleased>(&e)) {
    if (auto r = v.reservation(rel->number)) {
      for (const domain::Date& day : rel->freed) out[r->facility].insert(day.days);
    }
  } else if (auto* h = std::get_if<domain::WaitlistRoomHeld>(&e)) {
    for (const domain::Date& day : h->hold.nights) out[h->hold.facility].insert(day.days);
  } else if (auto* hr = std::get_if<domain::WaitlistHoldReleased>(&e)) {
    if (auto held = v.waitlist().holds.find(hr->hold); held != v.waitlist().holds.end()) {
      for (const domain::Date& day : hr->freed) out[held->second.facility].insert(day.days);
    }
  } else if (auto* o = std::get_if<domain::LotteryOpened>(&e)) {
    month(o->period);
  } else if (auto* p = std::get_if<domain::LotteryPublished>(&e)) {
    if (const domain::LotteryPeriod* period = v.lottery(p->lottery)) month(*period);
  } else if (auto* w = std::get_if<domain::LotteryWinsBooked>(&e); w && !w->passed.empty()) {
    // The rooms of wins passed over joined first-come.
    if (const domain::LotteryPeriod* period = v.lottery(w->lottery)) month(*period);
  } else if (auto* d = std::get_if<domain::DatesClosed>(&e)) {
    for (const domain::Date& day : d->dates) out[d->facility].insert(day.days);
  } else if (auto* d2 = std::get_if<domain::DatesReopened>(&e)) {
    for (const domain::Date& day : d2->dates) out[d2->facility].insert(day.days);
  } else if (auto* f = std::get_if<domain::FacilityRegistered>(&e)) {
    add(f->facility.id, today, kWholeDays);
  } else if (auto* f2 = std::get_if<domain::FacilityChanged>(&e)) {
    add(f2->facility.id, today, kWholeDays);
  }
}

std::vector<domain::Date> dates_of(const std::set<std::int32_t>& days) {
  std::vector<domain::Date> out;
  for (std::int32_t d : days) out.push_back(domain::Date{d});
  return out;
}

}  // namespace

LiveHub::LiveHub(Services& services, LiveHubOptions options)
    : services_(services), options_(options) {
  feed_ = services_.projections().on_change([this](const projections::Change& c) { on_change(c); });
}

LiveHub::~LiveHub() {
  feed_.reset();  // no change reaches the hub after this
  base::MutexLock lk(mu_);
  stopped_ = true;
  idle_cv_.wait(lk, [this]() HOYO_REQUIRES(mu_) { return catch_ups_running_ == 0; });
}

void LiveHub::on_open(const std::shared_ptr<WsPeer>&) {}

void LiveHub::stop() {
  feed_.reset();  // off the change feed before anything it uses goes away
  base::MutexLock lk(mu_);
  stopped_ = true;
  peers_.clear();
  by_facility_.clear();
  // A catch-up holds its peer, whose connection must not outlive the
  // server's io_contexts: none may still run when the server stops next.
  idle_cv_.wait(lk, [this]() HOYO_REQUIRES(mu_) { return catch_ups_running_ == 0; });
}

void LiveHub::on_close(WsPeer* peer) {
  base::MutexLock lk(mu_);
  auto it = peers_.find(peer);
  if (it == peers_.end()) return;
  for (const std::string& f : it->second.facilities) {
    auto& list = by_facility_[f];
    std::erase_if(list, [peer](const auto& p) {
      auto live = p.lock();
      return !live || live.get() == peer;
    });
    if (list.empty()) by_facility_.erase(f);
  }
  peers_.erase(it);
}

std::size_t LiveHub::subscribers() const {
  base::MutexLock lk(mu_);
  return peers_.size();
}

void LiveHub::on_message(const std::shared_ptr<WsPeer>& peer, std::string_view message) {
  auto error = [&](const char* code, const std::string& detail) {
    peer->send(text(json::object{{"type", "error"}, {"code", code}, {"detail", detail}}));
  };
  boost::system::error_code ec;
  json::value v = json::parse(message, ec);
  const json::object* o = ec ? nullptr : v.if_object();
  const json::value* list = o ? o->if_contains("subscribe") : nullptr;
  if (!list || !list->is_array() || list->as_array().size() > kMaxFacilitiesPerPeer) {
    return error("malformed", "send {\"subscribe\": [facilityId, ...], \"since\"?: position}");
  }
  std::vector<std::string> facilities;
  for (const json::value& f : list->as_array()) {
    if (!f.is_string()) return error("malformed", "facility ids are strings");
    const std::string id(f.as_string());
    if (std::find(facilities.begin(), facilities.end(), id) == facilities.end()) {
      facilities.push_back(id);
    }
  }
  std::uint64_t since = 0;
  bool catch_up_wanted = false;
  if (const json::value* s = o->if_contains("since")) {
    // A double outside [0, 2^64) has no uint64 value (the cast would be undefined).
    const bool in_range = s->is_uint64() || (s->is_int64() && s->as_int64() >= 0) ||
                          (s->is_double() && s->as_double() >= 0 && s->as_double() < 0x1p64);
    if (!in_range) return error("malformed", "since is a log position");
    since = s->is_uint64()  ? s->as_uint64()
            : s->is_int64() ? static_cast<std::uint64_t>(s->as_int64())
                            : static_cast<std::uint64_t>(s->as_double());
    catch_up_wanted = true;
  }
  bool known = true;
  services_.projections().read_as<StayView>(StayView::kName, 0, std::chrono::milliseconds(0),
                                            [&](const StayView& view) {
                                              for (const std::string& f : facilities)
                                                known = known && view.facility(f) != nullptr;
                                            });
  if (!known) return error("not_found", "no such facility");
  std::uint64_t position = 0;
  {
    // Subscribed before the position is read: no change after it is missed.
    base::MutexLock lk(mu_);
    if (stopped_) return;
    Peer& p = peers_[peer.get()];
    p.peer = peer;
    for (const std::string& f : facilities) {
      if (std::find(p.facilities.begin(), p.facilities.end(), f) != p.facilities.end()) continue;
      p.facilities.push_back(f);
      by_facility_[f].push_back(peer);
    }
    position = services_.projections().position();
  }
  peer->send(text(json::object{{"type", "subscribed"},
                               {"facilityIds", json::value_from(facilities)},
                               {"position", position}}));
  if (catch_up_wanted && since < position) {
    start_catch_up(peer, std::move(facilities), since, position);
  }
}

void LiveHub::start_catch_up(const std::shared_ptr<WsPeer>& peer,
                             std::vector<std::string> facilities, std::uint64_t since,
                             std::uint64_t until) {
  auto refuse = [&](const char* detail) {
    peer->send(text(json::object{{"type", "error"}, {"code", "rate_limited"}, {"detail", detail}}));
  };
  int retry_after = 0;
  const std::string connection = std::to_string(reinterpret_cast<std::uintptr_t>(peer.get()));
  {
    base::MutexLock lk(mu_);
    if (stopped_) return;
    auto it = peers_.find(peer.get());
    if (it == peers_.end()) return;
    if (it->second.catching_up) return refuse("a catch-up is already under way");
    if (!limiter_.allow("ws-connection", connection, options_.catch_ups_per_minute_per_connection,
                        retry_after) ||
        !limiter_.allow("ws-source", peer->source(), options_.catch_ups_per_minute_per_source,
                        retry_after)) {
      return refuse("too many catch-ups; live changes still come");
    }
    it->second.catching_up = true;
    ++catch_ups_running_;
  }
  // An init-capture: a plain capture of `peer` (a const reference) would be
  // const, and could not be moved out.
  auto job = [this, own = std::shared_ptr<WsPeer>(peer), facilities = std::move(facilities), since,
              until]() mutable {
    // The job lets its peer go before it says it is done (stop() waits for that).
    std::shared_ptr<WsPeer> held = std::move(own);
    bool stopped;
    {
      base::MutexLock lk(mu_);
      stopped = stopped_;
    }
    if (!stopped) {
      try {
        catch_up(held, facilities, since, until);
      } catch (...) {
        base::log_line("error", "live catch-up failed",
                       {{"error", base::describe_current_exception()}});
        held->close();  // this client only; it reconnects
      }
    }
    {
      // While `held` pins the peer's address: no new peer can have it yet.
      base::MutexLock lk(mu_);
      if (auto it = peers_.find(held.get()); it != peers_.end()) it->second.catching_up = false;
    }
    held.reset();
    base::MutexLock lk(mu_);
    if (--catch_ups_running_ == 0) idle_cv_.notify_all();
  };
  if (!options_.pool) return job();
  if (!options_.pool->post(job)) {
    base::MutexLock lk(mu_);
    if (auto it = peers_.find(peer.get()); it != peers_.end()) it->second.catching_up = false;
    if (--catch_ups_running_ == 0) idle_cv_.notify_all();
    refuse("the server is busy; live changes still come");
  }
}

void LiveHub::catch_up(const std::shared_ptr<WsPeer>& peer,
                       const std::vector<std::string>& facilities, std::uint64_t since,
                       std::uint64_t until) {
  const domain::Date today = domain::tokyo_date(services_.clock().now());
  std::map<std::string, std::set<std::int32_t>> dates;
  auto whole = [&] {
    for (const std::string& f : facilities) {
      for (const domain::Date& d : span(today, kWholeDays)) dates[f].insert(d.days);
    }
  };
  if (until - since > options_.max_catch_up_events) {
    whole();
  } else {
    // The stays view as of now names the facility of a reservation changed
    // or cancelled back then (a reservation never changes facility).
    std::vector<domain::Event> events;
    auto read =
        services_.store().read_all(since + 1, until - since, [&](const eventstore::EventView& v) {
          if (auto e = domain::decode_event(v.type, v.payload)) {
            events.push_back(std::move(*e));
          }
          return true;
        });
    if (!read.ok()) {
      whole();  // the log could not say which dates changed: send them all
    } else {
      services_.projections().read_as<StayView>(StayView::kName, 0, std::chrono::milliseconds(0),
                                                [&](const StayView& view) {
                                                  for (const auto& e : events)
                                                    touched(view, e, today, dates);
                                                });
    }
  }
  for (const std::string& f : facilities) {
    auto it = dates.find(f);
    if (it == dates.end()) continue;
    for (auto& m : messages(f, dates_of(it->second), until)) {
      peer->send(std::move(m));
      ++deliveries_;
    }
  }
}

std::vector<std::shared_ptr<const std::string>> LiveHub::messages(
    const std::string& facility, const std::vector<domain::Date>& dates,
    std::uint64_t position) const {
  std::vector<std::shared_ptr<const std::string>> out;
  const domain::Instant now = services_.clock().now();
  services_.projections().read_as<StayView>(
      StayView::kName, 0, std::chrono::milliseconds(0), [&](const StayView& view) {
        const domain::Facility* f = view.facility(facility);
        if (!f) return;
        for (const domain::Date& date : dates) {
          for (const auto& d : view.vacancy(facility, date, 1, now)) {
            json::object by_style;
            for (const domain::RoomType& t : f->room_types) {
              by_style[domain::style_name(t.style)] = d.free_by_style[static_cast<int>(t.style)];
            }
            out.push_back(text(json::object{{"type", "vacancy"},
                                            {"facilityId", facility},
                                            {"date", d.date.to_string()},
                                            {"freeRooms", d.free_rooms},
                                            {"totalRooms", d.total_rooms},
                                            {"symbol", projections::mark_symbol(d.mark)},
                                            {"byStyle", std::move(by_style)},
                                            {"bookable", d.bookable},
                                            {"position", position}}));
          }
        }
      });
  return out;
}

void LiveHub::publish(const std::string& facility, const std::vector<domain::Date>& dates,
                      std::uint64_t position) {
  std::vector<std::shared_ptr<WsPeer>> peers;
  {
    base::MutexLock lk(mu_);
    auto it = by_facility_.find(facility);
    if (it == by_facility_.end()) return;
    peers.reserve(it->second.size());
    for (const auto& p : it->second) {
      if (auto live = p.lock()) peers.push_back(std::move(live));
    }
  }
  if (peers.empty()) return;
  auto batch = std::make_shared<const std::vector<std::shared_ptr<const std::string>>>(
      messages(facility, dates, position));
  // One hand-off per server thread, however many subscribers it holds.
  std::unordered_map<const void*, std::vector<std::shared_ptr<WsPeer>>> by_thread;
  for (auto& p : peers) by_thread[p->thread()].push_back(std::move(p));
  for (auto& [thread, group] : by_thread) {
    auto shared = std::make_shared<std::vector<std::shared_ptr<WsPeer>>>(std::move(group));
    shared->front()->run_on_thread([shared, batch] {
      for (const auto& m : *batch) {
        for (const auto& p : *shared) p->queue_here(*m);
      }
      // Behind any fan-out already waiting on this thread: those messages
      // join these in each subscriber's next write.
      shared->front()->run_on_thread([shared] {
        for (const auto& p : *shared) p->flush_here();
      });
    });
  }
  deliveries_ += batch->size() * peers.size();
}

void LiveHub::on_change(const projections::Change& change) {
  {
    base::MutexLock lk(mu_);
    if (by_facility_.empty()) return;
  }
  const domain::Date today = domain::tokyo_date(services_.clock().now());
  std::map<std::string, std::set<std::int32_t>> dates;
  services_.projections().read_as<StayView>(
      StayView::kName, 0, std::chrono::milliseconds(0),
      [&](const StayView& view) { touched(view, *change.event, today, dates); });
  for (const auto& [facility, days] : dates) publish(facility, dates_of(days), change.position);
}

}  // namespace hoyo::http
