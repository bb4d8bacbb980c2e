// An accounts service over a real store in a temporary directory, on a
// settable clock, with an operator "ops" and an auditor "audit".
#pragma once

#include <gtest/gtest.h>

#include <filesystem>

#include "accounts/account_service.h"
#include "accounts/key_file.h"
#include "domain/applicant.h"
#include "domain/event_codec.h"
#include "eventstore/event_store.h"
#include "processor/clock.h"
#include "processor/command_processor.h"
#include "temp_dir.h"

namespace hoyo::accounts::testing {

inline const domain::Instant kNow = domain::tokyo_time(domain::Date::from_ymd(2026, 11, 24), 10, 0);
inline const char* kOpsPassword = "minato-ops-2026!";

inline domain::ApplicantForm resident_form(const std::string& name = "港 花子",
                                           const std::string& email = "hanako@example.jp") {
  domain::ApplicantForm f;
  f.name_kanji = name;
  f.name_kana = "ミナト　ハナコ";
  f.birth_date = "1980-04-01";
  f.postal_code = "105-0011";
  f.address = "東京都港区芝公園1-5-25";
  f.phone = "03-3578-2111";
  f.email = email;
  f.category = "resident";
  f.consent = "true";
  return f;
}

inline domain::ApplicantForm worker_form() {
  domain::ApplicantForm f = resident_form("芝 太郎", "taro@example.jp");
  f.name_kana = "シバ　タロウ";
  f.birth_date = "1990-12-31";
  f.category = "worker";
  f.workplace_name = "港区役所";
  f.workplace_address = "東京都港区芝公園1-5-25";
  return f;
}

class AccountTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path();
    open();
    ASSERT_TRUE(service_->add_operator("ops", domain::OperatorRole::kOperator, kOpsPassword).ok());
    ASSERT_TRUE(service_->add_operator("audit", domain::OperatorRole::kAuditor, kOpsPassword).ok());
  }
  void TearDown() override {
    close();
    std::filesystem::remove(default_key_file(dir_));
  }
  // Cheap argon2id parameters keep the suite fast; hasher_test checks the
  // defaults. These suites exercise the legacy birth-date first password
  // (most of them log in with it); activation_code_test.cc covers the default.
  virtual AccountsConfig config() {
    AccountsConfig c;
    c.hash = {1024, 1, 1};
    c.initial_password = InitialPassword::kBirthDate;
    return c;
  }
  // The key file lives beside the directory, as in production.
  void open() {
    store_ = std::move(eventstore::EventStore::open(dir_)).value();
    processor_ = std::move(processor::CommandProcessor::open(*store_, clock_)).value();
    AccountsConfig c = config();
    auto kek = prepare_key_file(*store_, default_key_file(dir_));
    ASSERT_TRUE(kek.ok()) << kek.status().to_string();
    c.kek = *kek;
    service_ = std::make_unique<AccountService>(*store_, *processor_, clock_, c);
  }
  void close() {
    service_.reset();
    processor_.reset();
    store_.reset();
  }
  // Registers a resident (approved at once) and returns the user number.
  std::string register_resident(const domain::ApplicantForm& f = resident_form()) {
    auto r = service_->register_online(f, std::nullopt);
    EXPECT_TRUE(r.ok()) << (r.ok() ? std::string() : r.error().to_string());
    return r.ok() ? r->user_number : std::string();
  }
  domain::BookingState snapshot() {
    domain::BookingState copy;
    processor_->inspect([&](const domain::BookingState& s) { copy = s; });
    return copy;
  }
  // Every byte of every event in the log, concatenated.
  std::string whole_log() {
    std::string all;
    (void)store_->read_all(1, UINT64_MAX, [&](const eventstore::EventView& e) {
      all.append(e.type).append(e.actor).append(e.payload).append(e.stream_id);
      return true;
    });
    return all;
  }
  // Every byte of every file in the data directory.
  std::string whole_directory() {
    std::string all;
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir_)) {
      if (!f.is_regular_file()) continue;
      std::FILE* in = std::fopen(f.path().c_str(), "rb");
      if (!in) continue;
      char buf[65536];
      std::size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) all.append(buf, n);
      std::fclose(in);
    }
    return all;
  }

  ::hoyo::testing::TempDir tmp_;  // removed after everything below

  std::string dir_;
  processor::SettableClock clock_{kNow};
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<processor::CommandProcessor> processor_;
  std::unique_ptr<AccountService> service_;
};

}  // namespace hoyo::accounts::testing
