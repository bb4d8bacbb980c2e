// The account rules that need the log's state, and the account events' codec.
#include <gtest/gtest.h>

#include "domain/booking_state.h"
#include "domain/decide.h"
#include "domain/event_codec.h"
#include "round_trip.h"

namespace hoyo::domain {
namespace {

using testing::expect_round_trips;

using base::ErrorCode;
using base::Result;

const Instant kNow = tokyo_time(Date::from_ymd(2026, 11, 24), 10, 0);

RegistrationSubmitted application(const std::string& id, Category c, std::uint8_t who = 1) {
  RegistrationSubmitted r;
  r.id = id;
  r.category = c;
  r.key_id = "key-" + id;
  r.sealed = "sealed-bytes";
  r.email_given = true;
  r.identity.fill(who);
  if (c == Category::kWorker) r.proof = std::string(64, 'a');
  return r;
}

class AccountRules : public ::testing::Test {
 protected:
  void SetUp() override {
    evolve(state_, OperatorAdded{"ops", OperatorRole::kOperator});
    evolve(state_, OperatorAdded{"audit", OperatorRole::kAuditor});
  }
  Result<std::vector<Event>> decide_and_apply(const Actor& a, CommandBody body) {
    auto r = decide(state_, Command{a, std::move(body)}, kNow);
    if (r.ok()) {
      for (const Event& e : r.value()) evolve(state_, e);
    }
    return r;
  }
  Result<std::vector<Event>> submit(RegistrationSubmitted r, const std::string& number,
                                    Actor a = Actor::system()) {
    return decide_and_apply(a,
                            SubmitRegistration{std::move(r), true, number, "mail-" + number, {}});
  }
  BookingState state_;
};

TEST_F(AccountRules, AResidentIsApprovedAtOnceWithTheInitialPasswordAndAMail) {
  auto r = submit(application("r1", Category::kResident), "12345675");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 4u);
  EXPECT_TRUE(std::holds_alternative<RegistrationSubmitted>((*r)[0]));
  EXPECT_EQ(std::get<RegistrationApproved>((*r)[1]),
            (RegistrationApproved{"r1", "12345675", true, kNow}));
  EXPECT_EQ(std::get<PasswordSet>((*r)[2]),
            (PasswordSet{"user:12345675", PasswordReason::kInitial, kNow}));
  EXPECT_EQ(std::get<MailQueued>((*r)[3]),
            (MailQueued{"mail-12345675", "r1", MailKind::kApproved, {}}));
  EXPECT_EQ(state_.accounts.user("12345675")->submitted.id, "r1");
}

TEST_F(AccountRules, AWorkerWaitsForAnOperatorAndNeedsAProof) {
  auto r = submit(application("w1", Category::kWorker), "12345675");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 1u);
  EXPECT_EQ(state_.accounts.registration("w1")->status, RegistrationStatus::kPending);
  RegistrationSubmitted no_proof = application("w2", Category::kWorker);
  no_proof.proof.clear();
  auto refused = submit(no_proof, "22345673");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "proof");
}

TEST_F(AccountRules, OnlyAnEnabledOperatorApprovesOrRejects) {
  ASSERT_TRUE(submit(application("w1", Category::kWorker), "").ok());
  for (const Actor& a :
       {Actor::op("audit"), Actor::op("nobody"), Actor::user("12345675"), Actor::system()}) {
    auto r = decide(state_, Command{a, ApproveRegistration{"w1", "12345675", "m"}}, kNow);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden) << a.to_string();
  }
  auto approved = decide_and_apply(Actor::op("ops"), ApproveRegistration{"w1", "12345675", "m"});
  ASSERT_TRUE(approved.ok());
  EXPECT_FALSE(std::get<RegistrationApproved>(approved->front()).automatic);
  auto again =
      decide(state_, Command{Actor::op("ops"), ApproveRegistration{"w1", "22345673", "m"}}, kNow);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  evolve(state_, OperatorDisabled{"ops"});
  ASSERT_TRUE(submit(application("w2", Category::kWorker, 2), "").ok());
  auto disabled =
      decide(state_, Command{Actor::op("ops"), RejectRegistration{"w2", "読めません", "m"}}, kNow);
  EXPECT_EQ(disabled.error().code, ErrorCode::kForbidden);
}

TEST_F(AccountRules, ARejectionNeedsAReasonAndTellsTheApplicant) {
  ASSERT_TRUE(submit(application("w1", Category::kWorker), "").ok());
  auto no_reason =
      decide(state_, Command{Actor::op("ops"), RejectRegistration{"w1", "", "m"}}, kNow);
  EXPECT_EQ(no_reason.error().code, ErrorCode::kValidation);
  auto r = decide_and_apply(Actor::op("ops"), RejectRegistration{"w1", "証明書が読めません", "m"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<MailQueued>(r->back()).kind, MailKind::kRejected);
  EXPECT_EQ(state_.accounts.registration("w1")->status, RegistrationStatus::kRejected);
}

TEST_F(AccountRules, ASecondApplicationBySamePersonIsFlaggedNotApproved) {
  ASSERT_TRUE(submit(application("r1", Category::kResident, 7), "12345675").ok());
  auto second = submit(application("r2", Category::kResident, 7), "22345673");
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 1u);  // not approved automatically
  EXPECT_EQ(std::get<RegistrationSubmitted>(second->front()).duplicates,
            std::vector<std::string>{"r1"});
  // A different person is not flagged.
  auto other = submit(application("r3", Category::kResident, 8), "32345671");
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(std::get<RegistrationSubmitted>(other->front()).duplicates.empty());
}

TEST_F(AccountRules, PostcardsComeOnlyFromOperatorsAndMayHaveNoEmail) {
  RegistrationSubmitted card = application("p1", Category::kWorker);
  card.channel = Channel::kPostcard;
  card.email_given = false;
  card.proof.clear();
  EXPECT_EQ(submit(card, "12345675").error().code, ErrorCode::kForbidden);
  auto r = submit(card, "12345675", Actor::op("ops"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 3u);  // submitted, approved, initial password; no mail without an address
  // A postcard from someone already registered is flagged and left pending.
  RegistrationSubmitted again = application("p2", Category::kWorker);
  again.channel = Channel::kPostcard;
  again.email_given = false;
  auto flagged = submit(again, "32345671", Actor::op("ops"));
  ASSERT_TRUE(flagged.ok());
  ASSERT_EQ(flagged->size(), 1u);
  EXPECT_EQ(std::get<RegistrationSubmitted>(flagged->front()).duplicates,
            std::vector<std::string>{"p1"});
  EXPECT_EQ(state_.accounts.registration("p2")->status, RegistrationStatus::kPending);
  // A number the applicant already holds cannot wait with it: refused.
  RegistrationSubmitted numbered = again;
  numbered.id = "p3";
  auto refused = decide(
      state_,
      Command{Actor::op("ops"), SubmitRegistration{numbered, true, "42345679", "m3", "10000012"}},
      kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict) << refused.error().message;
  RegistrationSubmitted online = application("o1", Category::kResident, 3);
  online.email_given = false;
  EXPECT_EQ(submit(online, "22345673").error().fields.at(0).field, "email");
}

TEST_F(AccountRules, ErasureIsForOperatorsOnceAndNeedsAReason) {
  ASSERT_TRUE(submit(application("r1", Category::kResident), "12345675").ok());
  EXPECT_EQ(
      decide(state_, Command{Actor::op("audit"), ErasePersonalData{"12345675", "", "x"}}, kNow)
          .error()
          .code,
      ErrorCode::kForbidden);
  EXPECT_EQ(decide(state_, Command{Actor::op("ops"), ErasePersonalData{"12345675", "", ""}}, kNow)
                .error()
                .code,
            ErrorCode::kValidation);
  ASSERT_TRUE(
      decide_and_apply(Actor::op("ops"), ErasePersonalData{"12345675", "", "本人の申出"}).ok());
  EXPECT_TRUE(state_.accounts.registration("r1")->erased);
  EXPECT_TRUE(state_.accounts.registration("r1")->submitted.sealed.empty());
  EXPECT_EQ(decide(state_, Command{Actor::op("ops"), ErasePersonalData{"12345675", "", "x"}}, kNow)
                .error()
                .code,
            ErrorCode::kConflict);
  // An erased user gets no reset mail and no password events.
  EXPECT_EQ(decide(state_, Command{Actor::system(), IssuePasswordReset{"12345675", "m"}}, kNow)
                .error()
                .code,
            ErrorCode::kNotFound);
}

TEST_F(AccountRules, MailOutcomesCountAttemptsUntilFinal) {
  ASSERT_TRUE(submit(application("r1", Category::kResident), "12345675").ok());
  const std::string id = "mail-12345675";
  ASSERT_TRUE(
      decide_and_apply(Actor::system(), RecordMailOutcome{id, false, "timeout", false}).ok());
  auto second = decide_and_apply(Actor::system(), RecordMailOutcome{id, false, "timeout", false});
  EXPECT_EQ(std::get<MailFailed>(second->front()).attempt, 2);
  auto sent = decide_and_apply(Actor::system(), RecordMailOutcome{id, true, "", false});
  EXPECT_EQ(std::get<MailSent>(sent->front()).attempts, 3);
  EXPECT_EQ(decide(state_, Command{Actor::system(), RecordMailOutcome{id, true, "", false}}, kNow)
                .error()
                .code,
            ErrorCode::kConflict);
}

TEST_F(AccountRules, OperatorLoginsAreValidatedAndUnique) {
  EXPECT_EQ(
      decide(state_, Command{Actor::system(), AddOperator{"Bad Login", OperatorRole::kOperator}},
             kNow)
          .error()
          .code,
      ErrorCode::kValidation);
  EXPECT_EQ(
      decide(state_, Command{Actor::system(), AddOperator{"ops", OperatorRole::kOperator}}, kNow)
          .error()
          .code,
      ErrorCode::kConflict);
  EXPECT_EQ(decide(state_,
                   Command{Actor::op("ops"), AddOperator{"new.one", OperatorRole::kOperator}}, kNow)
                .error()
                .code,
            ErrorCode::kForbidden);
}

// An enabled administrator manages staff as the system does; no other staff
// member can; the last enabled administrator is never disabled.
TEST_F(AccountRules, AdminsManageStaffAndTheLastAdminStays) {
  evolve(state_, OperatorAdded{"kanri", OperatorRole::kAdmin});
  auto added = decide_and_apply(Actor::op("kanri"), AddOperator{"sub", OperatorRole::kAdmin});
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(std::get<OperatorAdded>(added->front()), (OperatorAdded{"sub", OperatorRole::kAdmin}));
  for (const Actor& a : {Actor::op("ops"), Actor::op("audit"), Actor::user("12345675")}) {
    auto r = decide(state_, Command{a, AddOperator{"new.one", OperatorRole::kAdmin}}, kNow);
    EXPECT_EQ(r.error().message, base::MessageId::kOnlyAdmins) << a.to_string();
    EXPECT_EQ(decide(state_, Command{a, DisableOperator{"ops"}}, kNow).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(decide(state_,
                     Command{a, RecordSecondFactorChange{"ops", SecondFactorChange::kReset}}, kNow)
                  .error()
                  .code,
              ErrorCode::kForbidden);
  }
  ASSERT_TRUE(decide(state_,
                     Command{Actor::op("kanri"),
                             RecordSecondFactorChange{"ops", SecondFactorChange::kReset}},
                     kNow)
                  .ok());
  ASSERT_TRUE(decide_and_apply(Actor::op("sub"), DisableOperator{"kanri"}).ok());
  // A disabled administrator manages nothing; the last one stays.
  EXPECT_EQ(decide(state_, Command{Actor::op("kanri"), DisableOperator{"ops"}}, kNow).error().code,
            ErrorCode::kForbidden);
  for (const Actor& a : {Actor::op("sub"), Actor::system()}) {
    auto last = decide(state_, Command{a, DisableOperator{"sub"}}, kNow);
    EXPECT_EQ(last.error().code, ErrorCode::kConflict) << a.to_string();
    EXPECT_EQ(last.error().message, base::MessageId::kLastAdmin);
  }
  EXPECT_TRUE(decide(state_, Command{Actor::op("sub"), DisableOperator{"ops"}}, kNow).ok());
}

TEST_F(AccountRules, StaffSetOnlyTheirOwnPasswordAndSecondFactor) {
  auto own = decide(
      state_,
      Command{Actor::op("ops"), RecordPasswordSet{"operator:ops", PasswordReason::kChanged, ""}},
      kNow);
  ASSERT_TRUE(own.ok()) << own.error().message;
  EXPECT_EQ(std::get<PasswordSet>(own->front()).account, "operator:ops");
  auto other = decide(
      state_,
      Command{Actor::op("ops"), RecordPasswordSet{"operator:audit", PasswordReason::kChanged, ""}},
      kNow);
  EXPECT_EQ(other.error().code, ErrorCode::kForbidden);

  auto enabled = decide(
      state_,
      Command{Actor::op("audit"), RecordSecondFactorChange{"audit", SecondFactorChange::kEnabled}},
      kNow);
  ASSERT_TRUE(enabled.ok()) << enabled.error().message;
  EXPECT_EQ(std::get<SecondFactorChanged>(enabled->front()),
            (SecondFactorChanged{"operator:audit", SecondFactorChange::kEnabled}));
  // Nobody else turns it on or off; only the system (hoyoctl) resets it.
  for (const Actor& a : {Actor::op("ops"), Actor::user("12345675"), Actor::system()}) {
    auto r = decide(
        state_, Command{a, RecordSecondFactorChange{"audit", SecondFactorChange::kDisabled}}, kNow);
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden) << a.to_string();
  }
  EXPECT_EQ(decide(state_,
                   Command{Actor::op("audit"),
                           RecordSecondFactorChange{"audit", SecondFactorChange::kReset}},
                   kNow)
                .error()
                .code,
            ErrorCode::kForbidden);
  EXPECT_TRUE(decide(state_,
                     Command{Actor::system(),
                             RecordSecondFactorChange{"audit", SecondFactorChange::kReset}},
                     kNow)
                  .ok());
  EXPECT_EQ(decide(state_,
                   Command{Actor::system(),
                           RecordSecondFactorChange{"nobody", SecondFactorChange::kReset}},
                   kNow)
                .error()
                .code,
            ErrorCode::kNotFound);
}

TEST(AccountCodec, EveryAccountEventRoundTrips) {
  RegistrationSubmitted s = application("r1", Category::kWorker);
  s.channel = Channel::kPostcard;
  s.duplicates = {"a", "b"};
  s.at = kNow;
  s.sealed = std::string("\x00\x01\xff binary", 10);
  const std::vector<Event> events = {
      s,
      RegistrationApproved{"r1", "12345675", true, kNow},
      RegistrationRejected{"r1", "理由"},
      PasswordSet{"user:12345675", PasswordReason::kReset, kNow},
      LoginAttempted{"operator:ops", false, "wrong_password"},
      PasswordResetIssued{"user:12345675"},
      MailQueued{"m1", "r1", MailKind::kPasswordChanged, {}},
      MailSent{"m1", 2},
      MailFailed{"m1", 3, "SMTP: refused", true, kNow},
      PersonalDataErased{"r1", "本人の申出"},
      OperatorAdded{"audit", OperatorRole::kAuditor},
      OperatorDisabled{"audit"},
      SecondFactorChanged{"operator:audit", SecondFactorChange::kEnabled},
      SecondFactorChanged{"operator:audit", SecondFactorChange::kReset},
      MailQueued{"notice-booked-1", "r1", MailKind::kNotice, "booked-1"},
      PreferencesSet{"12345675", Language::kEn, false},
      NoticeIssued{"result-2027-03-12345675", "12345675", NoticeKind::kLotteryResult, Language::kEn,
                   "subject", "line 1\nline 2", "notice-result-2027-03-12345675", "2027-03",
                   kNow + 1, kNow},
      NoticesRead{"12345675", {"a", "b"}},
  };
  expect_round_trips(events);
}

}  // namespace
}  // namespace hoyo::domain
