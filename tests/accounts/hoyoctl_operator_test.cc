// hoyoctl operator add|list|disable|reset-totp on a real data directory, as
// an administrator runs it (the password on stdin, twice).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "accounts/account_service.h"
#include "accounts/totp.h"
#include "processor/clock.h"
#include "temp_dir.h"

namespace {

struct Run {
  int code;
  std::string out;
};

Run hoyoctl(const std::string& dir, const std::string& args, const std::string& stdin_text = "") {
  // printf turns the \\n in stdin_text into newlines (the test passwords hold no %).
  const std::string cmd =
      "printf '" + stdin_text + "' | " + HOYOCTL + " --data-dir " + dir + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = pclose(p);
  return {WEXITSTATUS(status), out};
}

class HoyoctlOperator : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path();
  }
  ::hoyo::testing::TempDir tmp_;  // removed after everything below
  std::string dir_;
};

TEST_F(HoyoctlOperator, AddListDisableAndLogIn) {
  auto added = hoyoctl(dir_, "operator add --login kato --role operator",
                       "minato-ops-2026!\\nminato-ops-2026!\\n");
  EXPECT_EQ(added.code, 0) << added.out;
  EXPECT_EQ(hoyoctl(dir_, "operator add --login sato --role auditor",
                    "kansa-2026-audit\\nkansa-2026-audit\\n")
                .code,
            0);
  auto listed = hoyoctl(dir_, "operator list");
  // login, role, status, second factor (as GET /api/admin/staff lists them).
  EXPECT_EQ(listed.out, "kato\toperator\tactive\toff\nsato\tauditor\tactive\toff\n");

  // The password typed works through the service; then disable.
  {
    auto store = std::move(hoyo::eventstore::EventStore::open(dir_ + "/events")).value();
    hoyo::processor::SystemClock clock;
    auto proc = std::move(hoyo::processor::CommandProcessor::open(*store, clock)).value();
    hoyo::accounts::AccountService service(*store, *proc, clock);
    auto login = service.operator_login("sato", "kansa-2026-audit", "cli");
    ASSERT_TRUE(login.ok());
    EXPECT_EQ(login->role, hoyo::domain::OperatorRole::kAuditor);
  }
  EXPECT_EQ(hoyoctl(dir_, "operator disable --login kato").code, 0);
  EXPECT_EQ(hoyoctl(dir_, "operator list").out,
            "kato\toperator\tdisabled\toff\nsato\tauditor\tactive\toff\n");
}

TEST_F(HoyoctlOperator, RefusesMismatchedWeakOrDuplicateInput) {
  auto mismatch = hoyoctl(dir_, "operator add --login kato --role operator",
                          "minato-ops-2026!\\nminato-ops-2027!\\n");
  EXPECT_EQ(mismatch.code, 1);
  EXPECT_NE(mismatch.out.find("differ"), std::string::npos);
  auto weak = hoyoctl(dir_, "operator add --login kato --role operator", "password\\npassword\\n");
  EXPECT_EQ(weak.code, 1);
  EXPECT_NE(weak.out.find("common"), std::string::npos) << weak.out;
  EXPECT_EQ(hoyoctl(dir_, "operator add --login kato --role boss", "a\\na\\n").code, 2);
  ASSERT_EQ(hoyoctl(dir_, "operator add --login kato --role operator",
                    "minato-ops-2026!\\nminato-ops-2026!\\n")
                .code,
            0);
  auto dup = hoyoctl(dir_, "operator add --login kato --role auditor",
                     "other-pass-2026\\nother-pass-2026\\n");
  EXPECT_EQ(dup.code, 1);
  // The catalogue's sentence, not the error's id.
  EXPECT_EQ(dup.out, "hoyoctl: That login already exists.\n");
  auto dup_ja = hoyoctl(dir_, "--lang ja operator add --login kato --role auditor",
                        "other-pass-2026\nother-pass-2026\n");
  EXPECT_EQ(dup_ja.code, 1);
  EXPECT_EQ(dup_ja.out, "hoyoctl: このログインIDはすでに使われています。\n");
  EXPECT_EQ(hoyoctl(dir_, "--lang fr operator list").code, 2);
  EXPECT_EQ(hoyoctl(dir_, "operator disable --login nobody").code, 1);
}

TEST_F(HoyoctlOperator, ResetTotpRemovesALostAuthenticator) {
  ASSERT_EQ(hoyoctl(dir_, "operator add --login kato --role operator",
                    "minato-ops-2026!\\nminato-ops-2026!\\n")
                .code,
            0);
  // kato enrols a second factor (as hoyod would), then loses the phone.
  {
    auto store = std::move(hoyo::eventstore::EventStore::open(dir_ + "/events")).value();
    hoyo::processor::SystemClock clock;
    auto proc = std::move(hoyo::processor::CommandProcessor::open(*store, clock)).value();
    hoyo::accounts::AccountService service(*store, *proc, clock);
    auto e = service.start_totp_enrolment("kato");
    ASSERT_TRUE(e.ok());
    // The code as an authenticator makes it from the base32 secret.
    std::string secret;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : e->secret) {
      buffer = (buffer << 5) | static_cast<unsigned>(c >= 'A' ? c - 'A' : c - '2' + 26);
      if ((bits += 5) >= 8) secret += static_cast<char>((buffer >> (bits -= 8)) & 0xff);
    }
    const auto code = hoyo::accounts::totp_code(secret, hoyo::accounts::totp_step(clock.now()));
    ASSERT_TRUE(service.confirm_totp("kato", code).ok());
    EXPECT_EQ(service.operator_login("kato", "minato-ops-2026!", "cli").error().code,
              hoyo::base::ErrorCode::kSecondFactorRequired);
  }
  auto reset = hoyoctl(dir_, "operator reset-totp --login kato");
  EXPECT_EQ(reset.code, 0) << reset.out;
  EXPECT_EQ(reset.out, "removed the second factor of kato\n");
  {
    auto store = std::move(hoyo::eventstore::EventStore::open(dir_ + "/events")).value();
    hoyo::processor::SystemClock clock;
    auto proc = std::move(hoyo::processor::CommandProcessor::open(*store, clock)).value();
    hoyo::accounts::AccountService service(*store, *proc, clock);
    EXPECT_TRUE(service.operator_login("kato", "minato-ops-2026!", "cli").ok());
    EXPECT_EQ(service.second_factor_status("kato").value(),
              hoyo::accounts::SecondFactorStatus::kOff);
  }
  auto again = hoyoctl(dir_, "operator reset-totp --login kato");
  EXPECT_EQ(again.code, 0);
  EXPECT_EQ(again.out, "no second factor for kato\n");
  auto unknown = hoyoctl(dir_, "operator reset-totp --login nobody");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.out.find("hoyoctl: No such operator."), std::string::npos) << unknown.out;
  EXPECT_EQ(hoyoctl(dir_, "operator reset-totp").code, 2);
}

}  // namespace
