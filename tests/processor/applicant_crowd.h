// A crowded lottery for the tests of publication at scale: N users
// registered and approved, each applying to a March period at a facility
// with the longest names a facility may have, drawn and ready to publish.
// Every 20th applicant applies for ten two-night stays with a different
// number of people each night (the most a period and the default rules
// allow: the largest result notices), adults, children and infants each
// night with the senior reduction claimed (the largest bookings), every 7th
// reads English, every 11th registered
// by postcard (no mail). The facility has a rate table, so the wins are
// priced. Commands are submitted together so that group commit writes them in
// few fsyncs.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <string>
#include <vector>

#include "cluster/batch_message.h"
#include "eventstore/envelope_bytes.h"
#include "processor/clock.h"
#include "processor/command_processor.h"
#include "processor_fixture.h"

namespace hoyo::processor::testing {

struct Crowd {
  domain::LotteryPeriod period;
  std::vector<std::string> users;  // their user numbers, in application order
};

// Whether the crowd's i-th user (from 1) has a mail address.
inline bool has_mail(int i) { return i % 11 != 0; }

inline domain::Facility long_named_facility(int rooms = 10) {
  domain::Facility f = seaside(rooms);
  // Priced, so each win's booking carries its price lines as it would at a
  // ward's facility: a line per night for the adults and the bathing tax,
  // and the Saturday's surcharge.
  domain::RateTable rates;
  rates.effective_from = domain::Date::from_ymd(2026, 4, 1);
  rates.adult = 3200;
  rates.child = 2500;
  rates.saturday_surcharge = 500;
  rates.holiday_eve_surcharge = 500;
  rates.senior = domain::ReducedRate{2200, 2};
  rates.bathing_tax = 150;
  f.rates = {rates};
  f.name.clear();
  while (f.name.size() + 3 <= 200) f.name += "海";  // 200 bytes at most
  f.name_en = std::string(200, 'S');
  return f;
}

inline domain::Command crowd_registration(int i) {
  domain::SubmitRegistration r;
  r.registration.id = "reg-" + std::to_string(i);
  const bool postcard = !has_mail(i);
  r.registration.channel = postcard ? domain::Channel::kPostcard : domain::Channel::kOnline;
  r.registration.key_id = "key-" + std::to_string(i);
  r.registration.sealed = "sealed";
  r.registration.email_given = !postcard;
  for (int b = 0; b < 4; ++b) r.registration.identity[b] = static_cast<std::uint8_t>(i >> (8 * b));
  r.mail_id = postcard ? "" : "approval-" + std::to_string(i);
  return {postcard ? domain::Actor::op("alice") : domain::Actor::system(), r};
}

// Waits for every outcome, each of which must be ok.
inline void expect_all_ok(std::vector<std::future<base::Result<Outcome>>>& pending) {
  for (auto& p : pending) {
    auto r = p.get();
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  pending.clear();
}

// Fills `out` through `proc`, whose clock `clock` is at kOpen: the operator
// "alice", the auditor, the facility (`rooms` rooms), `applicants` users and the period
// (id 64 bytes long, the longest; `notify_losers` and `release` as given)
// with their applications, drawn; leaves the clock at the period's publish_at.
inline void draw_crowded_lottery(CommandProcessor& proc, SettableClock& clock, int applicants,
                                 Crowd& out, int rooms = 10, bool notify_losers = false,
                                 domain::ReleaseRule release = domain::ReleaseRule::kFirstCome) {
  auto run = [&](domain::Command c) { return proc.submit(std::move(c)).get(); };
  ASSERT_TRUE(run({domain::Actor::system(), domain::AddOperator{"alice", {}}}).ok());
  ASSERT_TRUE(run(add_auditor()).ok());
  auto f = run({domain::Actor::op("alice"), domain::RegisterFacility{long_named_facility(rooms)}});
  ASSERT_TRUE(f.ok()) << f.error().message;
  std::vector<std::future<base::Result<Outcome>>> pending;
  for (int i = 1; i <= applicants; ++i) pending.push_back(proc.submit(crowd_registration(i)));
  std::vector<std::string> english;
  for (int i = 1; i <= applicants; ++i) {
    auto r = pending[static_cast<std::size_t>(i - 1)].get();
    ASSERT_TRUE(r.ok()) << r.error().message;
    out.users.push_back(std::get<domain::RegistrationApproved>(r->events.at(1)).user_number);
    if (i % 7 == 0) english.push_back(out.users.back());
  }
  pending.clear();
  for (const std::string& u : english) {
    pending.push_back(proc.submit(
        {domain::Actor::user(u), domain::SetPreferences{u, domain::Language::kEn, {}}}));
  }
  expect_all_ok(pending);
  if (::testing::Test::HasFatalFailure()) return;

  domain::LotteryPeriod& p = out.period;
  p = march_lottery("s3cret");
  p.id = std::string(64, 'L');
  p.preference_slots = 10;
  p.notify_losers = notify_losers;
  p.release = release;
  auto opened = run({domain::Actor::op("alice"), domain::OpenLottery{p}});
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  ASSERT_TRUE(run(commit_auditor(p.id)).ok());
  clock.set(p.opens_at);
  for (std::size_t i = 0; i < out.users.size(); ++i) {
    const int wishes = (i + 1) % 20 == 0 ? 10 : 1;
    for (int w = 0; w < wishes; ++w) {
      const domain::Date check_in =
          p.stay_month.plus_days(static_cast<int>((i + static_cast<std::size_t>(w) * 3) % 28));
      domain::ApplyToLottery apply{
          out.users[i], p.id, "seaside", check_in, 1, {2}, domain::StyleWish::kAny, w + 1, {}};
      if (wishes > 1) {
        apply.nights = 2;
        apply.people = {3, 4};
        apply.guests = {{2, 1, 2}, {2, 2, 2}};
        apply.reduction = domain::Reduction::kSenior;
      }
      pending.push_back(proc.submit({domain::Actor::user(out.users[i]), std::move(apply)}));
    }
  }
  expect_all_ok(pending);
  if (::testing::Test::HasFatalFailure()) return;
  clock.set(p.closes_at);
  ASSERT_TRUE(run(reveal_auditor(p.id)).ok());
  auto drawn = run({domain::Actor::op("alice"), domain::DrawLottery{p.id, "s3cret", {}}});
  ASSERT_TRUE(drawn.ok()) << drawn.error().message;
  clock.set(p.publish_at);
}

// A processor test that runs commands through run_measured: each command's
// events, as stored, must make one cluster stream message (the bound the
// cluster writer uses, cluster::cut_batches); it counts the commands and
// keeps the largest and the last command's stored bytes.
class MeasuredCommandsTest : public ProcessorTest {
 protected:
  base::Result<Outcome> run_measured(domain::Command c) {
    const std::uint64_t before = store_->head();
    const eventstore::Hash previous = store_->head_hash();
    auto out = run(std::move(c));
    if (!out.ok() || out->events.empty()) return out;
    std::vector<std::string> envelopes;
    auto read = store_->read_all(before + 1, out->last_position - before,
                                 [&](const eventstore::EventView& v) {
                                   envelopes.push_back(eventstore::encode_envelope(v));
                                   return true;
                                 });
    EXPECT_TRUE(read.ok());
    std::size_t bytes = 0;
    for (const std::string& e : envelopes) bytes += e.size();
    largest_command_ = std::max(largest_command_, bytes);
    last_command_ = bytes;
    auto cut = cluster::cut_batches(1, previous, {envelopes});
    EXPECT_TRUE(cut.ok()) << "a command of " << envelopes.size() << " events, " << bytes
                          << " bytes, does not fit one message";
    if (cut.ok()) {
      EXPECT_EQ(cut->size(), 1u);
    }
    ++commands_;
    return out;
  }

  std::size_t largest_command_ = 0;
  std::size_t last_command_ = 0;  // the stored bytes of the last command run_measured ran
  int commands_ = 0;
};

}  // namespace hoyo::processor::testing
