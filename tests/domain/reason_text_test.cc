// Staff reasons are text (issue 17): every free-text reason the rules take (a
// waiver on a cancellation or a dropped night, an override for a suspended
// user, a lift, a closure's cancellations, a rejected registration, an
// erasure) is refused when blank, with a control character or not UTF-8
// (kValidation on its field, nothing changed), and stored trimmed.
#include <gtest/gtest.h>

#include <functional>

#include "domain/text.h"
#include "penalty_fixture.h"

namespace hoyo::domain {
namespace {

using namespace testing;
using Events = std::vector<Event>;

const Instant kLate = jst(2027, 3, 18, 10);  // inside the late period of 3/20

// One kind of reason: what to set up, the decision with a reason, its field
// and the reason as its event stores it.
struct ReasonKind {
  const char* name;
  const char* field;
  std::function<void(Penalties&)> prepare;
  std::function<Result<Events>(Penalties&, const std::string&)> decide;
  std::function<std::string(const Events&)> stored;
};

template <class E>
const E& first(const Events& events) {
  for (const Event& e : events) {
    if (auto* x = std::get_if<E>(&e)) return *x;
  }
  throw std::runtime_error("no such event");
}

class Reasons : public Penalties {
 public:
  using Penalties::SetUp;
  static constexpr Date kDay = kCheckIn;
  void TestBody() override {}
  BookingState& state() { return s; }
  std::string booked(std::uint64_t n, int nights = 1) { return book_stay(n, kCheckIn, nights); }
  void suspend_u1() { EXPECT_ACCEPTED(cancel(book_stay(1900), kLate)); }
  Result<Events> cancel_waived(const std::string& reason) {
    return cancel(number(1001), kLate, {true, reason});
  }
  Result<Events> drop_waived(const std::string& reason) {
    return apply(s, {kOp, drop(number(1001), 2, {true, reason})}, kLate);
  }
};

BookRoom booking_for_u1(const std::string& reason) {
  BookRoom b;
  b.user = "u1";
  b.facility = "seaside";
  b.check_in = day(2027, 4, 10);
  b.people = {2};
  b.number = number(1102);
  b.override_reason = reason;
  return b;
}

const std::vector<ReasonKind>& kinds() {
  static const std::vector<ReasonKind> all{
      {"waiver", "reason", [](Penalties& p) { static_cast<Reasons&>(p).booked(1001); },
       [](Penalties& p, const std::string& r) { return static_cast<Reasons&>(p).cancel_waived(r); },
       [](const Events& e) { return first<ReservationCancelled>(e).reason; }},
      {"dropped night", "reason", [](Penalties& p) { static_cast<Reasons&>(p).booked(1001, 2); },
       [](Penalties& p, const std::string& r) { return static_cast<Reasons&>(p).drop_waived(r); },
       [](const Events& e) { return first<ReservationChanged>(e).reason; }},
      {"override", "overrideReason", [](Penalties& p) { static_cast<Reasons&>(p).suspend_u1(); },
       [](Penalties& p, const std::string& r) {
         return apply(static_cast<Reasons&>(p).state(), {kOp, booking_for_u1(r)}, kLate);
       },
       [](const Events& e) { return first<ReservationBooked>(e).reservation.override_reason; }},
      {"lift", "reason", [](Penalties& p) { static_cast<Reasons&>(p).suspend_u1(); },
       [](Penalties& p, const std::string& r) {
         return apply(static_cast<Reasons&>(p).state(), {kOp, LiftSuspension{"u1", r, {}}}, kLate);
       },
       [](const Events& e) { return first<SuspensionLifted>(e).reason; }},
      {"closure", "reason", [](Penalties& p) { static_cast<Reasons&>(p).booked(1001); },
       [](Penalties& p, const std::string& r) {
         CloseDates c{"seaside", {Reasons::kDay}};
         c.cancel_bookings = true;
         c.reason = r;
         return apply(static_cast<Reasons&>(p).state(), {kOp, c}, kLate);
       },
       [](const Events& e) { return first<ReservationCancelled>(e).reason; }},
      {"rejection", "reason",
       [](Penalties& p) {
         BookingState& s = static_cast<Reasons&>(p).state();
         evolve(s, OperatorAdded{"centre", OperatorRole::kOperator});
         RegistrationSubmitted sub;
         sub.id = "r-u2";
         sub.key_id = "k2";
         evolve(s, sub);
       },
       [](Penalties& p, const std::string& r) {
         return apply(static_cast<Reasons&>(p).state(), {kOp, RejectRegistration{"r-u2", r, "m1"}},
                      kLate);
       },
       [](const Events& e) { return first<RegistrationRejected>(e).reason; }},
      {"erasure", "reason",
       [](Penalties& p) {
         evolve(static_cast<Reasons&>(p).state(), OperatorAdded{"centre", OperatorRole::kOperator});
       },
       [](Penalties& p, const std::string& r) {
         return apply(static_cast<Reasons&>(p).state(), {kOp, ErasePersonalData{"u1", "", r}},
                      kLate);
       },
       [](const Events& e) { return first<PersonalDataErased>(e).reason; }},
  };
  return all;
}

struct Refused {
  std::string reason;
  const char* code;
};

const std::vector<Refused> kRefused{
    {"", "required"},
    {"   ", "required"},
    {"\u3000 \u3000", "required"},
    {"\n", "invalid"},
    {"\t", "invalid"},
    {"\x7f", "invalid"},
    {"\u0085", "invalid"},  // NEL, C1
    {"\u0080", "invalid"},  // the first of C1
    {"\u009f", "invalid"},  // the last of C1
    {"台風\nのため", "invalid"},
    {"台風\tのため", "invalid"},
    {"\xe5\x8f", "invalid"},      // a truncated sequence
    {"\xc0\xaf", "invalid"},      // overlong
    {"\xed\xa0\x80", "invalid"},  // a surrogate
    {std::string(501, 'x'), "too_long"},
};

TEST(ReasonText, EveryKindRefusesWhatIsNotAReasonAndChangesNothing) {
  for (const ReasonKind& kind : kinds()) {
    for (const Refused& bad : kRefused) {
      const std::string name = kind.name;
      // The accounts' reasons are longer (kMaxAccountReasonBytes); no
      // override reason at all is no override (kSuspended, not a reason).
      const bool accounts = name == "rejection" || name == "erasure";
      if (accounts && bad.reason.size() > kMaxReasonBytes) continue;
      if (name == "override" && bad.reason.empty()) continue;
      Reasons p;
      p.SetUp();
      kind.prepare(p);
      const BookingState before = p.state();
      auto r = kind.decide(p, bad.reason);
      SCOPED_TRACE(std::string(kind.name) + " refusing \"" + bad.reason + "\"");
      EXPECT_REFUSED(r, ErrorCode::kValidation);
      if (r.ok()) continue;
      ASSERT_EQ(r.error().fields.size(), 1u);
      EXPECT_EQ(r.error().fields[0].field, kind.field);
      EXPECT_EQ(r.error().fields[0].code, bad.code);
      if (std::string(bad.code) == "invalid") {
        EXPECT_EQ(r.error().fields[0].message, base::MessageId::kReasonNotPlainText);
      }
      EXPECT_EQ(p.state(), before);
    }
  }
}

TEST(ReasonText, EveryKindTakesAJapaneseReasonWithAnInnerSpaceAndStoresItTrimmed) {
  for (const ReasonKind& kind : kinds()) {
    SCOPED_TRACE(kind.name);
    Reasons p;
    p.SetUp();
    kind.prepare(p);
    auto r = kind.decide(p, " \u3000台風 のため（警報）\u3000 ");
    EXPECT_ACCEPTED(r);
    if (r.ok()) EXPECT_EQ(kind.stored(r.value()), "台風 のため（警報）");
  }
}

TEST(ReasonText, TheAccountsReasonsAreLongerButBounded) {
  for (const ReasonKind& kind : kinds()) {
    const std::string name = kind.name;
    if (name != "rejection" && name != "erasure") continue;
    SCOPED_TRACE(name);
    Reasons p;
    p.SetUp();
    kind.prepare(p);
    auto too_long = kind.decide(p, std::string(kMaxAccountReasonBytes + 1, 'x'));
    EXPECT_REFUSED(too_long, ErrorCode::kValidation);
    EXPECT_ACCEPTED(kind.decide(p, std::string(kMaxAccountReasonBytes, 'x')));
  }
}

TEST(PlainText, RefusesControlCharactersAndBrokenUtf8) {
  EXPECT_TRUE(is_plain_text("台風 のため"));
  EXPECT_TRUE(is_plain_text(""));
  EXPECT_TRUE(is_plain_text("\u00a0"));  // the first past C1
  EXPECT_FALSE(is_plain_text(std::string(1, '\0')));
  EXPECT_FALSE(is_plain_text("\r"));
  EXPECT_FALSE(is_plain_text("\u0085"));
  EXPECT_FALSE(is_plain_text("\xff"));
  EXPECT_EQ(trim_text("\t\u3000 a b \n"), "a b");
}

}  // namespace
}  // namespace hoyo::domain
