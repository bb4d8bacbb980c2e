// The catalogue: every message id has Japanese and English text with the same
// placeholders, and rendering an id with its arguments gives the text users
// saw before messages had ids (the cases below are the old translations).
#include "base/catalog.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "http/app/errors.h"

namespace hoyo::http {
namespace {

using base::Args;
using base::render;
using base::render_text;
using base::Day;
using base::MessageId;

// The {name} placeholders of a text.
std::set<std::string> placeholders(const std::string& text) {
  static const std::regex name(R"(\{([A-Za-z_][A-Za-z0-9_]*)\})");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), name); it != std::sregex_iterator();
       ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

TEST(Catalog, EveryIdHasJapaneseAndEnglish) {
  const auto rows = base::internal::catalog();
  ASSERT_EQ(rows.size(), base::kMessageIdCount);
  for (std::size_t i = 0; i < base::kMessageIdCount; ++i) {
    const auto id = static_cast<MessageId>(i);
    SCOPED_TRACE(base::message_id_name(id));
    EXPECT_EQ(rows[i].id, id);
    ASSERT_NE(rows[i].ja, nullptr);
    ASSERT_NE(rows[i].en, nullptr);
    EXPECT_NE(std::string(rows[i].ja), "");
    EXPECT_NE(std::string(rows[i].en), "");
    EXPECT_NE(render(id, {}, false), render(id, {}, true)) << "the same text in both languages";
  }
}

TEST(Catalog, BothLanguagesNameTheSameArguments) {
  // The English of an unreadable image quotes the decoder's own (English)
  // words; the Japanese leaves them out.
  const std::set<MessageId> english_cause = {MessageId::kImageUnreadable,
                                             MessageId::kImageFormatUnreadable};
  for (const base::internal::Entry& e : base::internal::catalog()) {
    SCOPED_TRACE(base::message_id_name(e.id));
    if (english_cause.count(e.id)) {
      EXPECT_TRUE(placeholders(e.ja).empty());
      EXPECT_EQ(placeholders(e.en), (std::set<std::string>{"cause", "format"}));
      continue;
    }
    EXPECT_EQ(placeholders(e.ja), placeholders(e.en));
  }
}

TEST(Catalog, EnglishIsAsciiAndJapaneseIsNot) {
  for (const base::internal::Entry& e : base::internal::catalog()) {
    SCOPED_TRACE(base::message_id_name(e.id));
    for (const char* c = e.en; *c; ++c) EXPECT_GE(static_cast<signed char>(*c), 0) << e.en;
    bool non_ascii = false;
    for (const char* c = e.ja; *c; ++c) non_ascii = non_ascii || static_cast<signed char>(*c) < 0;
    EXPECT_TRUE(non_ascii) << e.ja;
  }
}

TEST(Render, FillsArgumentsAndKeepsOtherBraces) {
  EXPECT_EQ(render_text("{a} and {b}", {{"a", 1}, {"b", std::string("x")}}), "1 and x");
  EXPECT_EQ(render_text("{missing} stays", {}), "{missing} stays");
  EXPECT_EQ(render_text("{style: a|b} {d}", {{"d", Day{2027, 3, 5}}}), "{style: a|b} 2027-03-05");
  EXPECT_EQ(render_text("{unclosed", {{"unclosed", 1}}), "{unclosed");
}

struct Case {
  MessageId id;
  Args args;
  const char* ja;
  const char* en;
};

// What the regex catalogue made of the old free-text messages, now by id.
const Case kCases[] = {
    {MessageId::kBookingNotOpen,
     {},
     "この日程は先着順予約の受付期間外です。",
     "First-come booking is not open for these dates."},
    {MessageId::kNoRoomFree,
     {},
     "ご希望の日程に空き室がありません。",
     "No room is free on every night of the stay."},
    {MessageId::kNoRoomOfStyle,
     {},
     "ご希望の部屋の種類に空き室がありません。",
     "No room of that style is free."},
    {MessageId::kChangesClosed,
     {},
     "この予約の変更受付期間は終了しました。",
     "Changes to this reservation have closed."},
    {MessageId::kWindowNotOpen,
     {},
     "現在は抽選の申込期間外です。",
     "The application window is not open."},
    {MessageId::kPreferenceTaken,
     {},
     "この希望順位にはすでに申込みがあります。先に取り消してください。",
     "This preference slot is taken; cancel it first."},
    {MessageId::kOnlyOperators, {}, "運用担当者のみの操作です。", "Only operators can do this."},
    {MessageId::kNoSuchReservation, {}, "予約が見つかりません。", "No such reservation."},
    {MessageId::kBusy,
     {},
     "混み合っています。しばらくしてからもう一度お試しください。",
     "The service is busy. Please try again later."},
    {MessageId::kAllotmentInvalid,
     {},
     "抽選用の部屋は、対象の施設と月について1室以上で指定してください。",
     "Allotments are 1 or more rooms of the period's facilities and month."},
    {MessageId::kLoginFormat,
     {{"min", 3}, {"max", 32}},
     "ログインIDは英小文字・数字・「.」「_」「-」で3〜32文字にしてください。",
     "A login is 3 to 32 characters of a-z, 0-9, '.', '_' and '-'."},
    {MessageId::kNoReservation,
     {{"number", std::string("1234567890")}},
     "予約番号 1234567890 の予約は見つかりません。",
     "Reservation 1234567890 was not found."},
    {MessageId::kReservationCancelled,
     {{"number", std::string("1234567890")}},
     "予約番号 1234567890 の予約は取消し済みです。",
     "Reservation 1234567890 is cancelled."},
    {MessageId::kCancellationClosed,
     {{"number", std::string("1234567890")}},
     "予約番号 1234567890 の取消し受付期間は終了しました。",
     "Cancellation of reservation 1234567890 has closed."},
    {MessageId::kTooManyPeopleMax,
     {{"capacity", 4}},
     "1室の定員（4人）を超えています。",
     "More people than a room holds (at most 4)."},
    {MessageId::kTooManyPeople, {}, "1室の定員を超えています。", "More people than a room holds."},
    {MessageId::kUpcomingLimit,
     {{"max", 2}},
     "予約できる件数（2件）の上限に達しています。",
     "You already hold the most upcoming reservations allowed (2)."},
    {MessageId::kNightsRange,
     {{"max", 2}},
     "泊数は1〜2泊で指定してください。",
     "Nights must be 1 to 2."},
    {MessageId::kAppliedElsewhere,
     {{"facility", std::string("ohiradai")}},
     "この抽選ではすでに「ohiradai」に申し込んでいます。",
     "You have already applied to ohiradai in this lottery."},
    {MessageId::kNoFacility,
     {{"facility", std::string("umi")}},
     "施設「umi」が見つかりません。",
     "Facility umi was not found."},
    {MessageId::kLotteryExists,
     {{"lottery", std::string("2027-03")}},
     "抽選「2027-03」はすでにあります。",
     "Lottery 2027-03 already exists."},
    {MessageId::kLotteryNeverDrawn,
     {{"lottery", std::string("2027-03")}},
     "抽選「2027-03」は抽選されていません。",
     "Lottery 2027-03 was never drawn."},
    // Two arguments keep their places even where the Japanese puts them the other way round.
    {MessageId::kLotteryHoldsFacility,
     {{"lottery", std::string("2027-04-2")}, {"facility", std::string("kogen")}},
     "その月の「kogen」はすでに抽選「2027-04-2」の対象です。",
     "Lottery 2027-04-2 already holds kogen that month."},
    {MessageId::kListedTwice,
     {{"item", std::string("1234567890")}},
     "「1234567890」が2回指定されています。",
     "1234567890 is listed twice."},
    {MessageId::kFewerWesternRooms,
     {{"date", Day{2027, 3, 5}}},
     "2027-03-05 の洋室を、予約済みまたは抽選用に確保済みの数より少なくはできません。",
     "This would leave fewer Western-style rooms than are booked or held on 2027-03-05."},
    {MessageId::kDateInUse,
     {{"date", Day{2027, 3, 5}}, {"dates", std::string("2027-03-05, 2027-03-07")}},
     "2027-03-05, 2027-03-07 には予約または抽選用に確保した部屋があります。先に移してください。",
     "There are bookings or held rooms on 2027-03-05, 2027-03-07; move them first."},
    {MessageId::kRange,
     {{"min", 1}, {"max", 100}},
     "1〜100で指定してください。",
     "Must be 1 to 100."},
    {MessageId::kWindowAwaitsAuditor,
     {},
     "監査担当者のコミットメントが登録されるまで、申込受付は始まりません。",
     "The application window opens once the auditor has committed."},
    {MessageId::kLotteryOneParty,
     {{"lottery", std::string("2026-11")}},
     "抽選「2026-11」は運用担当者のみの旧方式で抽選するため、監査担当者の秘密の値は使いません。",
     "Lottery 2026-11 is drawn under the one-party rule; it takes no auditor's secret."},
    {MessageId::kAuditorNotRevealed,
     {},
     "監査担当者が秘密の値を公開するまで抽選できません。",
     "The lottery cannot be drawn until the auditor has revealed their secret."},
    {MessageId::kInvalidInput, {}, "入力内容に誤りがあります。", "Some entries are not valid."},
    {MessageId::kUserUnauthorized,
     {},
     "利用者番号またはパスワードが正しくありません。",
     "The user number or password is incorrect."},
    {MessageId::kLoginRequired, {}, "ログインしてください。", "Please log in."},
    {MessageId::kPostalCodeFormat,
     {},
     "郵便番号は「123-4567」の形で入力してください。",
     "Enter the postal code as 123-4567."},
    {MessageId::kPasswordCommon,
     {},
     "よく使われているパスワードです。別のものにしてください。",
     "This password is too common. Choose another one."},
    {MessageId::kFieldDate,
     {{"field", std::string("checkIn")}},
     "checkIn は YYYY-MM-DD の形式で指定してください。",
     "checkIn must be a date as YYYY-MM-DD."},
    {MessageId::kFieldRequired,
     {{"field", std::string("userNumber")}},
     "userNumber を入力してください。",
     "userNumber is required."},
    {MessageId::kFieldNotString,
     {{"field", std::string("password")}},
     "password は文字列で指定してください。",
     "password must be a string."},
    {MessageId::kFieldRange,
     {{"field", std::string("months")}, {"min", 1}, {"max", 3}},
     "months は 1〜3 で指定してください。",
     "months must be 1 to 3."},
    {MessageId::kToWithinDays,
     {{"days", 366}},
     "to は from から366日以内で指定してください。",
     "to must be within 366 days of from."},
    {MessageId::kOnlyJpegOrPng,
     {},
     "添付できるのは jpg、jpeg、png の画像だけです。",
     "Only JPG, JPEG and PNG images can be attached."},
    {MessageId::kImageUnreadable,
     {{"format", std::string("JPEG")}, {"cause", std::string("Not a JPEG file")}},
     "画像を読み取れません。jpg、jpeg、png の画像を添付してください。",
     "The image cannot be read (JPEG: Not a JPEG file). Attach a JPG, JPEG or PNG image."},
    {MessageId::kStaffUnauthorized,
     {},
     "ログインID、パスワードまたは確認コードが正しくありません。",
     "The login, password or code is incorrect."},
    {MessageId::kTotpRequired,
     {},
     "認証アプリの確認コードを入力してください。",
     "Enter the code from your authenticator app."},
    {MessageId::kTotpAlreadyOn,
     {},
     "二段階認証はすでに有効です。先に無効にしてください。",
     "Two-step verification is already on. Turn it off first."},
    // Failures of a store or the system: users are asked to retry; the cause
    // is an argument for logs, never shown.
    {MessageId::kAccountStoreFailed,
     {{"cause", std::string("io_error disk full")}},
     "ただいま処理できません。しばらくしてからもう一度お試しください。",
     "The service cannot do this now. Please try again later."},
    {MessageId::kCannotRecordNow,
     {},
     "ただいま処理できません。しばらくしてからもう一度お試しください。",
     "The service cannot do this now. Please try again later."},
    {MessageId::kLogUnreadable,
     {{"cause", std::string("injected read failure")}},
     "ただいま処理できません。しばらくしてからもう一度お試しください。",
     "The service cannot do this now. Please try again later."},
};

TEST(Render, GivesTheTextOfEachIdWithItsArguments) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(base::message_id_name(c.id));
    EXPECT_EQ(render(c.id, c.args, false), c.ja);
    EXPECT_EQ(render(c.id, c.args, true), c.en);
  }
}

TEST(Render, AnErrorRendersItsOwnMessage) {
  const base::Error e{
      base::ErrorCode::kNotFound, MessageId::kNoLottery, {{"lottery", std::string("2027-03")}}};
  EXPECT_EQ(render(e, false), "抽選「2027-03」が見つかりません。");
  EXPECT_EQ(render(e, true), "Lottery 2027-03 was not found.");
}

// A problem answer: the code and status of the error's code, the title, detail
// and field messages in the request's language.
TEST(ErrorResponse, RendersTitleDetailAndFieldsInTheLanguageAsked) {
  base::Error e = base::Error::invalid_fields({{"nights",
                                                "out_of_range",
                                                MessageId::kFieldOneOf,
                                                {{"field", "nights"}, {"a", 1}, {"b", 2}}}});
  Request ja{boost::beast::http::verb::post, "/api/reservations", 11};
  Request en = ja;
  en.set(boost::beast::http::field::accept_language, "en-GB,en;q=0.9");
  const Response jr = error_response(ja, e);
  const Response er = error_response(en, e);
  EXPECT_EQ(jr.result_int(), 422);
  EXPECT_EQ(jr[boost::beast::http::field::content_type], "application/problem+json");
  const auto jb = boost::json::parse(jr.body()).as_object();
  const auto eb = boost::json::parse(er.body()).as_object();
  EXPECT_EQ(jb.at("code").as_string(), "validation");
  EXPECT_EQ(jb.at("title").as_string(), "入力内容に誤りがあります");
  EXPECT_EQ(eb.at("title").as_string(), "Some fields are not valid");
  EXPECT_EQ(jb.at("detail").as_string(), "入力内容に誤りがあります。");
  EXPECT_EQ(eb.at("detail").as_string(), "Some entries are not valid.");
  const auto& jf = jb.at("errors").as_array().at(0).as_object();
  EXPECT_EQ(jf.at("field").as_string(), "nights");
  EXPECT_EQ(jf.at("code").as_string(), "out_of_range");
  EXPECT_EQ(jf.at("message").as_string(), "nights は 1 か 2 で指定してください。");
  EXPECT_EQ(eb.at("errors").as_array().at(0).at("message").as_string(), "nights must be 1 or 2.");
}

TEST(ErrorResponse, StoreFailuresAreAnsweredAsFailed) {
  const base::Error e{base::ErrorCode::kIoError,
                      MessageId::kStoreOperationFailed,
                      {{"operation", "reading the log"}, {"cause", std::string("disk on fire")}}};
  Request req{boost::beast::http::verb::get, "/api/audit/log", 11};
  const Response res = error_response(req, e);
  EXPECT_EQ(res.result_int(), 503);
  const auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body.at("code").as_string(), "failed");
  EXPECT_EQ(body.at("detail").as_string(),
            "ただいま処理できません。しばらくしてからもう一度お試しください。");
  EXPECT_EQ(res.body().find("disk on fire"), std::string::npos) << "a cause is for logs only";
}

TEST(ErrorResponse, MalformedIsA400) {
  const base::Error e{base::ErrorCode::kMalformed, MessageId::kBodyNotJsonObject};
  Request req{boost::beast::http::verb::post, "/api/login", 11};
  req.set(boost::beast::http::field::accept_language, "en");
  const Response res = error_response(req, e);
  EXPECT_EQ(res.result_int(), 400);
  const auto body = boost::json::parse(res.body()).as_object();
  EXPECT_EQ(body.at("code").as_string(), "malformed");
  EXPECT_EQ(body.at("title").as_string(), "The body is not a JSON object");
  EXPECT_EQ(body.at("detail").as_string(), "The request body must be a JSON object.");
}

}  // namespace
}  // namespace hoyo::http
