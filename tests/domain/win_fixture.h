// The win-confirmation fixture of the domain tests: a drawn March period at
// "seaside" whose winners (and losers) are approved users with a mail
// address, ready to publish, and the scheduler's run.
#pragma once

#include <string>
#include <vector>

#include "domain/confirmation.h"
#include "domain/event_codec.h"
#include "fixtures.h"

namespace hoyo::domain::testing {

inline const Instant kPublished = jst(2026, 12, 12, 10);  // published 12-12 10:00 JST

// A drawn March period with one win per user "u1".."uN" at "seaside" (and
// `losers` more applicants "l1".."lM" who won nothing), ready to publish at
// kPublished; every user approved with a mail address.
class WinConfirmation : public ::testing::Test {
 protected:
  void SetUp() override { s = with_facilities({standard_facility(2)}); }

  // `held`: the rooms the period holds each night.
  void open(ConfirmationRule rule, int users = 1, int nights = 1, Date check_in = day(2027, 3, 5),
            Instant release_at = 0, int losers = 0, bool notify_losers = false, int held = 2) {
    LotteryPeriod p = march_period("2027-03");
    p.publish_at = kPublished;
    p.confirmation = rule;
    p.release_at = release_at;
    p.notify_losers = notify_losers;
    for (int n = 0; n < nights; ++n)
      p.allotment.push_back({"seaside", check_in.plus_days(n), RoomStyle::kStandard, held});
    evolve(s, LotteryOpened{p});
    LotteryDrawn d;
    d.lottery = p.id;
    for (int i = 1; i <= users + losers; ++i) {
      const bool wins = i <= users;
      const std::string u = (wins ? "u" : "l") + std::to_string(wins ? i : i - users);
      RegistrationSubmitted sub;
      sub.id = "r" + u;
      sub.email_given = true;
      evolve(s, sub);
      evolve(s, RegistrationApproved{sub.id, u, true, 0});
      LotteryApplication a{"a" + u,
                           p.id,
                           u,
                           "seaside",
                           check_in,
                           nights,
                           std::vector<int>(nights, 2),
                           StyleWish::kAny,
                           1,
                           ApplicationStatus::kActive,
                           0};
      evolve(s, LotteryApplied{a});
      if (wins) d.wins.push_back({a.id, RoomStyle::kStandard});
    }
    evolve(s, d);
  }

  // Publishes; the reservation numbers in win order.
  std::vector<std::string> publish(Instant at = kPublished) {
    std::vector<std::string> numbers;
    for (std::size_t i = 0; i < s.draws.at("2027-03").wins.size(); ++i) {
      numbers.push_back(number(100 + i));
    }
    auto r = apply(s, {Actor::op("alice"), PublishLottery{"2027-03", numbers}}, at);
    EXPECT_TRUE(r.ok());
    // The result notices: the scheduler writes them at once.
    while (r.ok() && !s.results_to_tell.empty()) r = run(at);
    EXPECT_TRUE(r.ok());
    return numbers;
  }

  Result<std::vector<Event>> run(Instant now, int max_items = 256,
                                 int stay_reminder_days = kDefaultStayReminderDays) {
    return apply(s,
                 {Actor::system(),
                  RunScheduled{kDefaultConfirmReminderBefore, max_items, stay_reminder_days}},
                 now);
  }

  Inventory::Count count(Date d) const {
    return s.inventory.at("seaside", d, RoomStyle::kStandard);
  }

  BookingState s;
};

template <class E>
std::vector<E> of(const std::vector<Event>& events) {
  std::vector<E> out;
  for (const Event& e : events) {
    if (const E* x = std::get_if<E>(&e)) out.push_back(*x);
  }
  return out;
}

// Every event of `log` encodes and decodes to itself, and folding the
// decoded events onto `before` gives `after` (what the decisions left).
inline void expect_replays_to(const BookingState& before, const std::vector<Event>& log,
                              const BookingState& after) {
  BookingState replayed = before;
  for (const Event& e : log) {
    const EncodedEvent enc = encode_event(e);
    auto back = decode_event(enc.type, enc.payload);
    ASSERT_TRUE(back.has_value()) << enc.type;
    EXPECT_EQ(*back, e) << enc.type;
    evolve(replayed, *back);
  }
  EXPECT_EQ(replayed, after);
}

}  // namespace hoyo::domain::testing
