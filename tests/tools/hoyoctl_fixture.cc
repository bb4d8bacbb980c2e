#include "hoyoctl_fixture.h"

#include <filesystem>

#include "eventstore/event_store.h"
#include "processor/clock.h"
#include "processor/command_processor.h"

namespace hoyo::tools::testing {

using namespace hoyo::processor::testing;

void HoyoctlTest::SetUp() {
  dir_ = tmp_.path() + "/data";
  std::filesystem::create_directories(dir_);
  auto store = std::move(eventstore::EventStore::open(dir_ + "/events")).value();
  processor::SettableClock clock(kOpen);
  auto proc = std::move(processor::CommandProcessor::open(*store, clock)).value();
  auto submit = [&](domain::Command c) {
    auto r = proc->submit(std::move(c)).get();
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return r.ok() ? *r : processor::Outcome{};
  };
  const domain::Actor alice = domain::Actor::op("alice");
  submit({alice, domain::RegisterFacility{seaside(2)}});
  submit({alice, domain::OpenLottery{march_lottery("secret")}});
  submit(add_auditor());
  submit(commit_auditor("2027-03"));
  clock.set(kOpen + 10 * domain::kMicrosPerSecond);
  auto book = [&](const std::string& user, domain::Date night) {
    const processor::Outcome o =
        submit({domain::Actor::user(user),
                domain::BookRoom{user, "seaside", night, 1, {2}, domain::StyleWish::kAny, {}}});
    return o.events.empty()
               ? std::string()
               : std::get<domain::ReservationBooked>(o.events.at(0)).reservation.number;
  };
  booked_a_ = book(kUser, kStay);
  booked_b_ = book(kFormulaUser, kStay.plus_days(1));
  for (const std::string& user : {kUser, kFormulaUser}) {
    const processor::Outcome o = submit(
        {domain::Actor::user(user), domain::ApplyToLottery{user,
                                                           "2027-03",
                                                           "seaside",
                                                           domain::Date::from_ymd(2027, 3, 5),
                                                           1,
                                                           {2},
                                                           domain::StyleWish::kAny,
                                                           1,
                                                           {}}});
    applied_.push_back(o.events.empty()
                           ? std::string()
                           : std::get<domain::LotteryApplied>(o.events.at(0)).application.id);
    clock.advance(domain::kMicrosPerSecond);  // in this order, whatever their random ids
  }
  clock.set(kOpen + 1800 * domain::kMicrosPerSecond);
  submit({domain::Actor::user(kUser), domain::CancelReservations{kUser, {booked_a_}}});
}

::hoyo::testing::ProgramRun HoyoctlTest::run(std::vector<std::string> args,
                                             const std::string& input) {
  args.insert(args.begin(), {"--data-dir", dir_});
  return bare(std::move(args), input);
}

::hoyo::testing::ProgramRun HoyoctlTest::bare(std::vector<std::string> args,
                                              const std::string& input) {
  args.insert(args.begin(), HOYOCTL);
  return ::hoyo::testing::run_program_with_input(args, input);
}

std::string HoyoctlTest::golden(std::string text) const {
  std::size_t run = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const auto c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
    if (std::isdigit(c) || (c >= 'a' && c <= 'f')) {
      ++run;
      continue;
    }
    if (run == 64) {  // a chain hash
      text.replace(i - 64, 64, "HASH");
      i -= 60;
    }
    run = 0;
  }
  const std::pair<std::string, std::string> ids[] = {{booked_a_, "<A>"},
                                                     {booked_b_, "<B>"},
                                                     {applied_.at(0), "<APPLIED-1>"},
                                                     {applied_.at(1), "<APPLIED-2>"}};
  for (const auto& [id, name] : ids) {
    for (auto at = text.find(id); at != std::string::npos; at = text.find(id, at)) {
      text.replace(at, id.size(), name);
    }
  }
  return text;
}

}  // namespace hoyo::tools::testing
