#include "hoyoctl_fixture.h"

#include "eventstore/event_store.h"
#include "processor/clock.h"
#include "processor/command_processor.h"

namespace hoyo::tools::testing {

using namespace hoyo::processor::testing;

void HoyoctlTest::SetUp() {
  dir_ = tmp_.path() + "/data";
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
  clock.set(kOpen + 10 * domain::kMicrosPerSecond);
  auto number = [](const processor::Outcome& o) {
    return o.events.empty() ? std::string()
                            : std::get<domain::ReservationBooked>(o.events.at(0)).reservation.number;
  };
  booked_a_ = number(submit(book(kUser)));
  booked_b_ = number(submit(book(kFormulaUser, kStay.plus_days(1))));
  for (const std::string& user : {kUser, kFormulaUser}) {
    submit({domain::Actor::user(user),
            domain::ApplyToLottery{user, "2027-03", "seaside", domain::Date::from_ymd(2027, 3, 5), 1,
                                   {2}, domain::StyleWish::kAny, 1, {}}});
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

}  // namespace hoyo::tools::testing
