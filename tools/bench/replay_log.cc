#include "bench/replay_log.h"

#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "bench/report.h"
#include "domain/event_codec.h"
#include "domain/events.h"

namespace hoyo::bench {
namespace {

using namespace hoyo::domain;

const Instant kStart = tokyo_time(Date::from_ymd(2026, 12, 1), 9, 0);
const Date kFirstNight = Date::from_ymd(2027, 2, 1);

class Writer {
 public:
  Writer(eventstore::EventStore& s, std::uint64_t skip) : store_(s), skip_(skip) {}
  ~Writer() { flush(); }

  void add(const Event& e, const std::string& actor, Instant at) {
    if (skip_ > 0) {
      --skip_;
      rng_();  // the event id's draw, as if appended
      return;
    }
    EncodedEvent enc = encode_event(e);
    eventstore::NewEvent ne;
    ne.id = eventstore::time_ordered_event_id(at, rng_());
    ne.type = std::move(enc.type);
    ne.payload = std::move(enc.payload);
    ne.actor = actor;
    ne.recorded_at_us = at;
    group_.push_back({stream_of(e), eventstore::ExpectedVersion::any(), {}});
    group_.back().events.push_back(std::move(ne));
    if (group_.size() >= 2000) flush();
  }
  void flush() {
    if (group_.empty()) return;
    while (in_flight_.load() > 8) std::this_thread::yield();
    ++in_flight_;
    store_.append_group_async(std::move(group_), [this](auto r) {
      if (!r.ok()) failed_ = true;
      --in_flight_;
    });
    group_.clear();
  }
  void wait() {
    flush();
    while (in_flight_.load() > 0) std::this_thread::yield();
  }
  bool failed() const { return failed_; }

 private:
  eventstore::EventStore& store_;
  std::uint64_t skip_;
  std::vector<eventstore::AppendRequest> group_;
  std::atomic<int> in_flight_{0};
  std::atomic<bool> failed_{false};
  std::mt19937_64 rng_{7};
};

}  // namespace

std::uint64_t write_replay_log(eventstore::EventStore& store, std::uint64_t events,
                               const ReplayMix& mix, std::uint64_t skip) {
  Writer w(store, skip);
  std::mt19937_64 rng(42);
  auto pick = [&](std::uint64_t n) { return static_cast<std::uint64_t>(rng() % n); };
  Instant now = kStart;
  for (int i = 0; i < mix.facilities; ++i) {
    Facility f;
    f.id = "f" + std::to_string(i);
    f.name = "施設" + std::to_string(i);
    f.name_en = "Facility " + std::to_string(i);
    if (i % 3 == 0) {
      f.room_types = {{RoomStyle::kJapanese, mix.rooms / 2, 5},
                      {RoomStyle::kWestern, mix.rooms / 2, 2}};
      f.style_wish = true;
    } else {
      f.room_types = {{RoomStyle::kStandard, mix.rooms, 4}};
    }
    w.add(FacilityRegistered{f}, "operator:ops", now);
  }
  // One lottery per stay month, over every facility.
  for (int m = 0; m < 3; ++m) {
    LotteryPeriod p;
    p.id = "L" + std::to_string(m);
    p.stay_month = kFirstNight.first_of_month_plus(m + 2);
    for (int i = 0; i < mix.facilities; ++i) p.facilities.push_back("f" + std::to_string(i));
    p.opens_at = now;
    p.closes_at = now + 30 * kMicrosPerDay;
    p.draw_at = p.closes_at;
    p.publish_at = p.closes_at + kMicrosPerDay;
    w.add(LotteryOpened{p}, "operator:ops", now);
  }
  std::vector<std::string> active;  // reservation numbers that may change or cancel
  std::vector<int> nights_of;       // parallel to `active`
  std::uint64_t next_number = 100000000, next_app = 1, next_reg = 1, users = 0;
  std::uint64_t written = mix.facilities + 3;
  std::string sealed(320, 'x');
  while (written < events) {
    now += 2000;  // 500 events a second of business time
    const std::uint64_t roll = pick(100);
    const std::string user = std::to_string(1000000 + pick(users + 1000));
    const std::string facility = "f" + std::to_string(pick(mix.facilities));
    if (roll < 40 || active.empty()) {
      Reservation r;
      r.number = std::to_string(next_number++);
      r.user = user;
      r.facility = facility;
      r.check_in = kFirstNight.plus_days(static_cast<int>(pick(56)));
      r.nights = 1 + static_cast<int>(pick(2));
      r.people.assign(r.nights, 2);
      r.style = pick(3) == 0 ? RoomStyle::kJapanese : RoomStyle::kStandard;
      r.booked_at = now;
      active.push_back(r.number);
      nights_of.push_back(r.nights);
      w.add(ReservationBooked{r}, "user:" + user, now);
    } else if (roll < 50) {
      const std::size_t k = pick(active.size());
      ReservationChanged c;
      c.number = active[k];
      c.check_in = kFirstNight.plus_days(static_cast<int>(pick(56)));
      c.nights = 1;
      c.people = {3};
      nights_of[k] = 1;
      w.add(c, "user:" + user, now);
    } else if (roll < 62) {
      const std::size_t k = pick(active.size());
      w.add(ReservationCancelled{active[k]}, "user:" + user, now);
      active[k] = active.back();
      nights_of[k] = nights_of.back();
      active.pop_back();
      nights_of.pop_back();
    } else if (roll < 80) {
      LotteryApplication a;
      a.id = std::to_string(2000000000 + next_app++);  // digits, as the processor issues them
      a.lottery = "L" + std::to_string(pick(3));
      a.user = user;
      a.facility = facility;
      a.check_in = kFirstNight.first_of_month_plus(2).plus_days(static_cast<int>(pick(28)));
      a.people = {2};
      a.preference = 1 + static_cast<int>(pick(3));
      a.applied_at = now;
      w.add(LotteryApplied{a}, "user:" + user, now);
    } else if (roll < 95) {
      w.add(LoginAttempted{"user:" + user, pick(10) != 0, "ok"}, "system", now);
    } else {
      RegistrationSubmitted r;
      r.id = "R" + std::to_string(next_reg++);
      r.key_id = r.id;
      r.sealed = sealed;
      r.email_given = true;
      r.identity.fill(static_cast<std::uint8_t>(next_reg));
      r.at = now;
      w.add(r, "system", now);
      const std::string number = std::to_string(1000000 + users++);
      w.add(RegistrationApproved{r.id, number, true, now}, "system", now);
      w.add(PasswordSet{"user:" + number, PasswordReason::kInitial, now}, "system", now);
      written += 2;
    }
    ++written;
    if (written % 1000000 < 1) progress("  written " + std::to_string(written) + " events");
  }
  w.wait();
  if (w.failed()) progress("  some appends FAILED");
  return store.head();
}

}  // namespace hoyo::bench
