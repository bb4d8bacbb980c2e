// The message catalog: messages written in English or in Japanese, fixed or
// with ids and numbers in them, come out in the language asked for; the
// variable parts survive; an unknown message comes back unchanged.
#include "http/i18n/messages.h"

#include <gtest/gtest.h>

namespace hoyo::http {
namespace {

struct Case {
  const char* message;  // as the domain, accounts or HTTP code writes it
  const char* ja;
  const char* en;
};

const Case kCases[] = {
    // English at the source, fixed.
    {"first-come booking is not open for this stay", "この日程は先着順予約の受付期間外です。",
     "First-come booking is not open for these dates."},
    {"no room free on every night", "ご希望の日程に空き室がありません。",
     "No room is free on every night of the stay."},
    {"no room of that style is free", "ご希望の部屋の種類に空き室がありません。",
     "No room of that style is free."},
    {"changes to this reservation have closed", "この予約の変更受付期間は終了しました。",
     "Changes to this reservation have closed."},
    {"the application window is not open", "現在は抽選の申込期間外です。",
     "The application window is not open."},
    {"this preference slot is taken; cancel it first",
     "この希望順位にはすでに申込みがあります。先に取り消してください。",
     "This preference slot is taken; cancel it first."},
    {"only an operator may do this", "運用担当者のみの操作です。", "Only operators can do this."},
    {"no such reservation", "予約が見つかりません。", "No such reservation."},
    {"the server is busy", "混み合っています。しばらくしてからもう一度お試しください。",
     "The service is busy. Please try again later."},
    {"allotments are 1+ rooms of the period's facilities and month",
     "抽選用の部屋は、対象の施設と月について1室以上で指定してください。",
     "Allotments are 1 or more rooms of the period's facilities and month."},
    {"a login is 3-32 characters of a-z, 0-9, '.', '_' and '-'",
     "ログインIDは英小文字・数字・「.」「_」「-」で3〜32文字にしてください。",
     "A login is 3 to 32 characters of a-z, 0-9, '.', '_' and '-'."},
    // English at the source, with ids and numbers.
    {"no reservation 1234567890", "予約番号 1234567890 の予約は見つかりません。",
     "Reservation 1234567890 was not found."},
    {"reservation 1234567890 is cancelled", "予約番号 1234567890 の予約は取消し済みです。",
     "Reservation 1234567890 is cancelled."},
    {"cancellation of 1234567890 has closed",
     "予約番号 1234567890 の取消し受付期間は終了しました。",
     "Cancellation of reservation 1234567890 has closed."},
    {"more people than a room holds (4)", "1室の定員（4人）を超えています。",
     "More people than a room holds (at most 4)."},
    {"more people than a room holds", "1室の定員を超えています。",
     "More people than a room holds."},
    {"at most 2 upcoming reservations", "予約できる件数（2件）の上限に達しています。",
     "You already hold the most upcoming reservations allowed (2)."},
    {"nights must be 1 to 2", "泊数は1〜2泊で指定してください。", "Nights must be 1 to 2."},
    {"you applied to ohiradai in this lottery",
     "この抽選ではすでに「ohiradai」に申し込んでいます。",
     "You have already applied to ohiradai in this lottery."},
    {"no facility ohiradai", "施設「ohiradai」が見つかりません。",
     "Facility ohiradai was not found."},
    {"no such facility: umi", "施設「umi」が見つかりません。", "Facility umi was not found."},
    {"lottery 2027-03 exists", "抽選「2027-03」はすでにあります。",
     "Lottery 2027-03 already exists."},
    {"lottery 2027-03 was never drawn", "抽選「2027-03」は抽選されていません。",
     "Lottery 2027-03 was never drawn."},
    {"lottery 2027-03 already holds ohiradai that month",
     "その月の「ohiradai」はすでに抽選「2027-03」の対象です。",
     "Lottery 2027-03 already holds ohiradai that month."},
    {"listed twice: 1234567890", "「1234567890」が2回指定されています。",
     "1234567890 is listed twice."},
    {"would leave fewer western rooms than are booked or held on 2027-03-05",
     "2027-03-05 の洋室を、予約済みまたは抽選用に確保済みの数より少なくはできません。",
     "This would leave fewer Western-style rooms than are booked or held on 2027-03-05."},
    {"2027-03-05 has bookings or held rooms; move them first",
     "2027-03-05 には予約または抽選用に確保した部屋があります。先に移してください。",
     "2027-03-05 has bookings or held rooms; move them first."},
    {"1-100", "1〜100で指定してください。", "Must be 1 to 100."},
    // The two-party draw: the auditor's commitment and reveal, the draw's wait.
    {"the application window opens once the auditor has committed",
     "監査担当者のコミットメントが登録されるまで、申込受付は始まりません。",
     "The application window opens once the auditor has committed."},
    {"the application window has not opened yet", "申込受付はまだ始まっていません。",
     "The application window has not opened yet."},
    {"only auditors commit and reveal lottery secrets",
     "抽選の秘密の値のコミットと公開は監査担当者のみ行えます。",
     "Only auditors can commit and reveal lottery secrets."},
    {"lottery 2026-11 draws under the one-party rule",
     "抽選「2026-11」は運用担当者のみの旧方式で抽選するため、監査担当者の秘密の値は使いません。",
     "Lottery 2026-11 is drawn under the one-party rule; it takes no auditor's secret."},
    {"the auditor has already committed to lottery 2027-03",
     "抽選「2027-03」の監査担当者のコミットメントは登録済みです。",
     "The auditor has already committed to lottery 2027-03."},
    {"the application window has closed; too late to commit",
     "申込期間が終わったため、コミットメントは登録できません。",
     "The application window has closed; it is too late to commit."},
    {"the auditor has not committed to lottery 2027-03-2",
     "抽選「2027-03-2」の監査担当者のコミットメントがありません。",
     "The auditor has not committed to lottery 2027-03-2."},
    {"the auditor's secret is revealed after the window closes",
     "申込期間が終わるまで秘密の値は公開できません。",
     "The auditor's secret can be revealed only after the application window closes."},
    {"the auditor has already revealed the secret of lottery 2027-03",
     "抽選「2027-03」の監査担当者の秘密の値は公開済みです。",
     "The auditor has already revealed the secret of lottery 2027-03."},
    {"the secret does not match the auditor's commitment",
     "秘密の値が監査担当者のコミットメントと一致しません。",
     "The secret does not match the auditor's commitment."},
    {"the auditor has not revealed their secret yet",
     "監査担当者が秘密の値を公開するまで抽選できません。",
     "The lottery cannot be drawn until the auditor has revealed their secret."},
    // Japanese at the source, fixed.
    {"入力内容に誤りがあります", "入力内容に誤りがあります。", "Some entries are not valid."},
    {"利用者番号またはパスワードが正しくありません",
     "利用者番号またはパスワードが正しくありません。", "The user number or password is incorrect."},
    {"ログインしてください", "ログインしてください。", "Please log in."},
    {"フリガナは全角カタカナで入力してください", "フリガナは全角カタカナで入力してください。",
     "Enter the furigana in full-width katakana."},
    {"郵便番号は「123-4567」の形で入力してください",
     "郵便番号は「123-4567」の形で入力してください。", "Enter the postal code as 123-4567."},
    {"勤務先住所が長すぎます", "勤務先住所が長すぎます。", "The workplace address is too long."},
    {"よく使われているパスワードです。別のものにしてください",
     "よく使われているパスワードです。別のものにしてください。",
     "This password is too common. Choose another one."},
    {"施設を1つ以上選んでください", "施設を1つ以上選んでください。",
     "Choose at least one facility."},
    {"at least one facility", "施設を1つ以上選んでください。", "Choose at least one facility."},
    {"部屋タイプは {style: japanese|western|standard, rooms: 0..1000, capacity: 1..20} "
     "で、同じ style は1つまでです",
     "部屋タイプは {style: japanese|western|standard, rooms: 0..1000, capacity: 1..20} "
     "で指定してください。同じ style は1つまでです。",
     "Room types are {style: japanese|western|standard, rooms: 0..1000, capacity: 1..20}, "
     "at most one per style."},
    // Japanese at the source, with field names and numbers.
    {"checkIn は YYYY-MM-DD で指定してください", "checkIn は YYYY-MM-DD の形式で指定してください。",
     "checkIn must be a date as YYYY-MM-DD."},
    {"from は YYYY-MM-DD です", "from は YYYY-MM-DD の形式で指定してください。",
     "from must be a date as YYYY-MM-DD."},
    {"userNumber を入力してください", "userNumber を入力してください。", "userNumber is required."},
    {"password は文字列です", "password は文字列で指定してください。",
     "password must be a string."},
    {"maxUpcoming は 1〜20 です", "maxUpcoming は 1〜20 で指定してください。",
     "maxUpcoming must be 1 to 20."},
    {"months は 1 から 3 で指定してください", "months は 1〜3 で指定してください。",
     "months must be 1 to 3."},
    {"to は from から366日以内です", "to は from から366日以内で指定してください。",
     "to must be within 366 days of from."},
    {"添付できるのは jpg、jpeg、png の画像だけです (the content is neither JPEG nor PNG)",
     "添付できるのは jpg、jpeg、png の画像だけです。",
     "Only JPG, JPEG and PNG images can be attached."},
    // Staff logins and their second factor.
    {"ログインID、パスワードまたは確認コードが正しくありません",
     "ログインID、パスワードまたは確認コードが正しくありません。",
     "The login, password or code is incorrect."},
    {"確認コードを入力してください", "認証アプリの確認コードを入力してください。",
     "Enter the code from your authenticator app."},
    {"確認コードが正しくありません", "確認コードが正しくありません。", "The code is incorrect."},
    {"二段階認証はすでに有効です", "二段階認証はすでに有効です。先に無効にしてください。",
     "Two-step verification is already on. Turn it off first."},
    {"二段階認証は有効になっていません", "二段階認証は有効になっていません。",
     "Two-step verification is not on."},
    {"確認を待っている二段階認証の登録がありません",
     "確認を待っている二段階認証の登録がありません。最初からやり直してください。",
     "No two-step verification set-up is waiting to be confirmed. Please start again."},
    {"staff change only their own second factor", "二段階認証は本人のみ変更できます。",
     "Staff change only their own two-step verification."},
    {"totp は文字列です", "totp は文字列で指定してください。", "totp must be a string."},
    {"the account store failed: unreadable second factor",
     "ただいま処理できません。しばらくしてからもう一度お試しください。",
     "The service cannot do this now. Please try again later."},
    // Failures of the store or the system.
    {"the account store failed: io_error: disk full",
     "ただいま処理できません。しばらくしてからもう一度お試しください。",
     "The service cannot do this now. Please try again later."},
    {"the service cannot record decisions now; try again later",
     "ただいま処理できません。しばらくしてからもう一度お試しください。",
     "The service cannot do this now. Please try again later."},
    {"the log cannot be read: io_error: injected read failure",
     "ただいま処理できません。しばらくしてからもう一度お試しください。",
     "The service cannot do this now. Please try again later."},
};

TEST(Localize, KnownMessagesComeOutInTheLanguageAskedFor) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.message);
    EXPECT_EQ(localize(c.message, false), c.ja);
    EXPECT_EQ(localize(c.message, true), c.en);
  }
}

TEST(Localize, VariablePartsSurvive) {
  for (const char* number : {"1234567890", "20270305017"}) {
    const std::string message = std::string("no reservation ") + number;
    EXPECT_NE(localize(message, false).find(number), std::string::npos) << message;
    EXPECT_NE(localize(message, true).find(number), std::string::npos) << message;
  }
  EXPECT_EQ(localize("at most 5 upcoming reservations", false),
            "予約できる件数（5件）の上限に達しています。");
  EXPECT_EQ(localize("more people than a room holds (12)", true),
            "More people than a room holds (at most 12).");
  EXPECT_EQ(localize("you applied to umi-no-ie in this lottery", false),
            "この抽選ではすでに「umi-no-ie」に申し込んでいます。");
  // Two ids keep their places even where the Japanese puts them the other way round.
  EXPECT_EQ(localize("lottery 2027-04-2 already holds kogen that month", false),
            "その月の「kogen」はすでに抽選「2027-04-2」の対象です。");
  EXPECT_EQ(localize("lottery 2027-04-2 already holds kogen that month", true),
            "Lottery 2027-04-2 already holds kogen that month.");
  const std::string jpeg = "JPEG: Not a JPEG file: starts with 0x89 0x50";
  EXPECT_EQ(localize("添付できるのは jpg、jpeg、png の画像だけです (" + jpeg + ")", true),
            "The image cannot be read (" + jpeg + "). Attach a JPG, JPEG or PNG image.");
}

TEST(Localize, UnknownMessagesComeBackUnchanged) {
  for (const char* message :
       {"the moon is made of cheese", "想定していないエラーです", "",
        "first-come booking is not open for this stay!", "No reservation 1234567890",
        "more people than a room holds (four)"}) {
    EXPECT_EQ(localize(message, false), message);
    EXPECT_EQ(localize(message, true), message);
  }
  const std::string long_message = "no facility " + std::string(5000, 'x');
  EXPECT_EQ(localize(long_message, false), long_message);
  EXPECT_EQ(localize(long_message, true), long_message);
}

}  // namespace
}  // namespace hoyo::http
