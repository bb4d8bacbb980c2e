#include "accounts/demo_data.h"

#include "domain/lottery_draw.h"
#include "domain/password_policy.h"

namespace hoyo::accounts {
namespace {

using namespace hoyo::domain;
using base::Error;
using base::ErrorCode;

constexpr const char* kOperatorPassword = "demo-operator-2026";
constexpr const char* kAuditorPassword = "demo-auditor-2026";
constexpr const char* kAdminPassword = "demo-admin-2026";

Facility facility(const std::string& id, const std::string& name, const std::string& name_en,
                  std::vector<RoomType> rooms, bool wish) {
  Facility f;
  f.id = id;
  f.name = name;
  f.name_en = name_en;
  f.room_types = std::move(rooms);
  f.style_wish = wish;
  return f;
}

// A demo rate table: adults and children per night, the bathing tax per
// adult, and the senior and disability reductions at `reduced` for 2 nights a
// fiscal year (none when 0); the other fields keep their defaults.
RateTable rates(Date from, Yen adult, Yen child, Yen reduced, Yen weekend, Yen bathing_tax) {
  RateTable t;
  t.effective_from = from;
  t.adult = adult;
  t.child = child;
  t.saturday_surcharge = weekend;
  t.holiday_eve_surcharge = weekend;
  if (reduced > 0) {
    t.senior = ReducedRate{reduced, 2};
    t.disability = ReducedRate{reduced, 2};
  }
  t.bathing_tax = bathing_tax;
  return t;
}

ApplicantForm demo_user(const std::string& kanji, const std::string& kana, const std::string& birth,
                        const std::string& email) {
  ApplicantForm f;
  f.name_kanji = kanji;
  f.name_kana = kana;
  f.birth_date = birth;
  f.postal_code = "105-0011";
  f.address = "東京都港区芝公園1-5-25";
  f.phone = "03-3578-2111";
  f.email = email;
  f.category = "resident";
  return f;
}

}  // namespace

DemoResult fill_demo_data(eventstore::EventStore& store, processor::CommandProcessor& processor,
                          AccountService& accounts, const processor::Clock& clock) {
  DemoResult out;
  if (store.head() != 0) {
    out.message = "the data directory already holds " + std::to_string(store.head()) +
                  " events; demo data is only written to an empty one";
    return out;
  }
  auto fail = [&](const std::string& what, const Error& e) {
    out.message = "demo data stopped at " + what + ": " + e.to_string();
    return out;
  };
  if (auto r = accounts.add_operator("demo-operator", OperatorRole::kOperator, kOperatorPassword);
      !r.ok()) {
    return fail("the operator", r.error());
  }
  if (auto r = accounts.add_operator("demo-auditor", OperatorRole::kAuditor, kAuditorPassword);
      !r.ok()) {
    return fail("the auditor", r.error());
  }
  if (auto r = accounts.add_operator("demo-admin", OperatorRole::kAdmin, kAdminPassword); !r.ok()) {
    return fail("the administrator", r.error());
  }
  out.logins.push_back({"operator", "demo-operator", kOperatorPassword});
  out.logins.push_back({"auditor", "demo-auditor", kAuditorPassword});
  out.logins.push_back({"admin", "demo-admin", kAdminPassword});
  const Actor op = Actor::op("demo-operator");
  const Instant now = clock.now();
  const Date today = tokyo_date(now);
  // Fees from the start of this fiscal year, and みなと荘's next year's
  // entered ahead (docs/booking-core.md, "Fees").
  const Date this_year = Date::from_ymd(fiscal_year(today), 4, 1);
  const Date next_year = Date::from_ymd(fiscal_year(today) + 1, 4, 1);
  std::vector<Facility> facilities = {
      facility("ohiradai", "大平台みなと荘", "Ohiradai Minato-so",
               {{RoomStyle::kJapanese, 12, 5}, {RoomStyle::kWestern, 8, 2}}, true),
      facility("seaside", "海の見える保養所", "Seaside Lodge", {{RoomStyle::kStandard, 15, 4}},
               false),
      facility("kogen", "高原の保養所", "Highland Lodge", {{RoomStyle::kStandard, 10, 4}}, false),
  };
  facilities[0].rates = {rates(this_year, 3200, 2500, 2200, 0, 150),
                         rates(next_year, 3300, 2600, 2200, 0, 150)};
  facilities[1].rates = {rates(this_year, 3000, 2000, 0, 500, 0)};
  facilities[2].rates = {rates(this_year, 2800, 2000, 2000, 1000, 150)};
  // 高原の保養所 takes cancellation-waitlist entries, with the default settings
  // (docs/booking-core.md, "The cancellation waitlist").
  facilities[2].waitlist.enabled = true;
  for (const Facility& f : facilities) {
    auto r = processor.submit({op, RegisterFacility{f}}).get();
    if (!r.ok()) return fail(f.id, r.error());
  }
  // A lottery for the stay month three months ahead: its first-come window
  // (two months before, by default) is not open yet, and applications are.
  LotteryPeriod p;
  p.stay_month = today.first_of_month_plus(3);
  p.id = p.stay_month.to_string().substr(0, 7);
  p.facilities = {"ohiradai", "seaside", "kogen"};
  p.opens_at = now + 60 * kMicrosPerSecond;
  p.closes_at = tokyo_time(today.first_of_month_plus(1), 9, 0) - 60 * kMicrosPerSecond;
  p.draw_at = p.closes_at + 3600 * kMicrosPerSecond;
  p.publish_at = p.draw_at + 3600 * kMicrosPerSecond;
  // The demo's secrets are derived from the period, so the auditor can reveal
  // and the operator run the demo draw: never do this outside a demo.
  const std::string secret = "demo-secret-" + p.id;
  p.seed_hash = seed_commitment(secret);
  if (auto r = processor.submit({op, OpenLottery{p}}).get(); !r.ok())
    return fail("the lottery", r.error());
  // The auditor commits before the window opens (the two-party draw).
  const std::string auditor_secret = "demo-auditor-secret-" + p.id;
  if (auto r = processor
                   .submit({Actor::op("demo-auditor"),
                            CommitAuditorSeed{p.id, seed_commitment(auditor_secret)}})
                   .get();
      !r.ok()) {
    return fail("the auditor's commitment", r.error());
  }

  struct User {
    ApplicantForm form;
    std::string number;  // fixed, so the README can list it
    std::string password;
  };
  const std::vector<User> users = {
      {demo_user("港 花子", "ミナト　ハナコ", "1980-04-01", "hanako@example.jp"), "10000012",
       "demo-hanako-2026"},
      {demo_user("芝 太郎", "シバ　タロウ", "1975-10-10", "taro@example.jp"), "10000020",
       "demo-taro-2026"},
  };
  for (const User& u : users) {
    auto r = accounts.register_postcard(op, u.form, {}, u.number);
    if (!r.ok()) return fail(u.form.name_kanji, r.error());
    if (r->user_number.empty()) {  // flagged as a duplicate: cannot happen on an empty store
      return fail(u.form.name_kanji,
                  Error{ErrorCode::kConflict, base::MessageId::kFlaggedDuplicate});
    }
    // The first password: the activation code the registration issued, or
    // the birth date under the legacy rule.
    const std::string first = r->activation_code.empty()
                                  ? initial_password(*Date::parse(u.form.birth_date))
                                  : r->activation_code;
    auto changed = accounts.change_password(r->user_number, first, u.password, u.password);
    if (!changed.ok()) return fail(u.form.name_kanji + "'s password", changed.error());
    out.logins.push_back({"user", r->user_number, u.password});
  }
  out.filled = true;
  out.message = "demo data written: 3 facilities, lottery " + p.id + ", 2 operators, 2 users";
  return out;
}

}  // namespace hoyo::accounts
