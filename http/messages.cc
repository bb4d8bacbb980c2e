// The catalog that turns every error message of the domain, accounts and HTTP
// code into Japanese or English.
#include "http/messages.h"

#include <cstddef>
#include <iterator>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace hoyo::http {
namespace {

struct Source {
  const char* pattern;  // matches the message as written at its source (either language)
  const char* ja;
  const char* en;
};

constexpr const char* kRetryLaterJa =
    "ただいま処理できません。しばらくしてからもう一度お試しください。";
constexpr const char* kRetryLaterEn = "The service cannot do this now. Please try again later.";

// The most common first.
constexpr Source kSources[] = {
    // --- Every validation answer, logins, limits ---------------------------------
    {R"(^入力内容に誤りがあります$)", "入力内容に誤りがあります。", "Some entries are not valid."},
    {R"(^ログインしてください$)", "ログインしてください。", "Please log in."},
    {R"(^利用者番号またはパスワードが正しくありません$)",
     "利用者番号またはパスワードが正しくありません。", "The user number or password is incorrect."},
    {R"(^しばらくしてからもう一度お試しください$)", "しばらくしてからもう一度お試しください。",
     "Please try again later."},
    {R"(^ログインの試行が続いたため、しばらくお待ちください$)",
     "ログインの試行が続いたため、しばらくしてからもう一度お試しください。",
     "Too many login attempts. Please wait a while and try again."},
    {R"(^(?:混み合っています。しばらくしてからもう一度お試しください|the server is busy)$)",
     "混み合っています。しばらくしてからもう一度お試しください。",
     "The service is busy. Please try again later."},
    {R"(^初期パスワードを変更してからご利用ください$)",
     "初期パスワードを変更してからご利用ください。", "Please change your initial password first."},

    // --- First-come booking, changes and cancellations ---------------------------
    {R"(^first-come booking is not open for this stay$)", "この日程は先着順予約の受付期間外です。",
     "First-come booking is not open for these dates."},
    {R"(^no room free on every night$)", "ご希望の日程に空き室がありません。",
     "No room is free on every night of the stay."},
    {R"(^at most (\d+) upcoming reservations$)", "予約できる件数（$1件）の上限に達しています。",
     "You already hold the most upcoming reservations allowed ($1)."},
    {R"(^more people than a room holds \((\d+)\)$)", "1室の定員（$1人）を超えています。",
     "More people than a room holds (at most $1)."},
    {R"(^more people than a room holds$)", "1室の定員を超えています。",
     "More people than a room holds."},
    {R"(^no room of that style is free$)", "ご希望の部屋の種類に空き室がありません。",
     "No room of that style is free."},
    {R"(^changes to this reservation have closed$)", "この予約の変更受付期間は終了しました。",
     "Changes to this reservation have closed."},
    {R"(^cancellation of (.*) has closed$)", "予約番号 $1 の取消し受付期間は終了しました。",
     "Cancellation of reservation $1 has closed."},
    {R"(^no reservation (.*)$)", "予約番号 $1 の予約は見つかりません。",
     "Reservation $1 was not found."},
    {R"(^reservation (.*) is cancelled$)", "予約番号 $1 の予約は取消し済みです。",
     "Reservation $1 is cancelled."},
    {R"(^no such reservation$)", "予約が見つかりません。", "No such reservation."},
    {R"(^only night 1 or 2 of a two-night stay can be dropped$)",
     "取りやめられるのは2泊の予約の1泊目か2泊目だけです。",
     "Only night 1 or 2 of a two-night stay can be dropped."},
    {R"(^nothing changes$)", "変更前と同じ内容です。", "Nothing would change."},
    {R"(^nothing to cancel$)", "取り消す予約・申込みが選ばれていません。",
     "Nothing was chosen to cancel."},
    {R"(^listed twice: (.*)$)", "「$1」が2回指定されています。", "$1 is listed twice."},
    {R"(^users act only for themselves$)", "ご本人の予約・申込みのみ操作できます。",
     "Users can act only for themselves."},
    {R"(^no user$)", "利用者番号を指定してください。", "No user number was given."},
    {R"(^nights must be 1 to (\d+)$)", "泊数は1〜$1泊で指定してください。",
     "Nights must be 1 to $1."},
    {R"(^one people count per night$)", "人数は1泊ごとに指定してください。",
     "Give one people count per night."},
    {R"(^at least 1 person$)", "人数は1人以上で指定してください。", "At least 1 person is needed."},
    {R"(^this facility does not take a room-style wish$)",
     "この施設では和室・洋室の希望を受け付けていません。",
     "This facility does not take a room-style wish."},
    {R"(^reservation number unusable: (.*)$)",
     "予約番号を発行できませんでした。もう一度お試しください。",
     "A reservation number could not be issued. Please try again."},
    {R"(^no (?:such facility: |facility )(.*)$)", "施設「$1」が見つかりません。",
     "Facility $1 was not found."},

    // --- Lottery applications ----------------------------------------------------
    {R"(^the application window is not open$)", "現在は抽選の申込期間外です。",
     "The application window is not open."},
    {R"(^you applied to (.*) in this lottery$)", "この抽選ではすでに「$1」に申し込んでいます。",
     "You have already applied to $1 in this lottery."},
    {R"(^this preference slot is taken; cancel it first$)",
     "この希望順位にはすでに申込みがあります。先に取り消してください。",
     "This preference slot is taken; cancel it first."},
    {R"(^this lottery does not offer (.*)$)", "この抽選に「$1」は含まれていません。",
     "This lottery does not offer $1."},
    {R"(^check-in and every night must fall in the lottery's month$)",
     "チェックイン日と宿泊日はすべて抽選の対象月にしてください。",
     "Check-in and every night must fall in the lottery's month."},
    {R"(^preference 1 to (\d+)$)", "希望順位は1〜$1で指定してください。",
     "The preference must be 1 to $1."},
    {R"(^no lottery (.*)$)", "抽選「$1」が見つかりません。", "Lottery $1 was not found."},
    {R"(^no application (.*)$)", "申込み $1 が見つかりません。", "Application $1 was not found."},
    {R"(^application (.*) is cancelled$)", "申込み $1 は取消し済みです。",
     "Application $1 is cancelled."},
    {R"(^application id unusable: (.*)$)",
     "申込番号を発行できませんでした。もう一度お試しください。",
     "An application ID could not be issued. Please try again."},
    {R"(^no such lottery or facility$)", "抽選または施設が見つかりません。",
     "No such lottery or facility."},
    {R"(^no such lottery$)", "抽選が見つかりません。", "No such lottery."},

    // --- Lottery periods, the draw and publication (operators) -------------------
    {R"(^only operators open lotteries$)", "抽選の設定は運用担当者のみ行えます。",
     "Only operators can open lotteries."},
    {R"(^lottery (.*) was never drawn$)", "抽選「$1」は抽選されていません。",
     "Lottery $1 was never drawn."},
    {R"(^lottery (.*) already holds (.*) that month$)",
     "その月の「$2」はすでに抽選「$1」の対象です。", "Lottery $1 already holds $2 that month."},
    {R"(^lottery (.*) exists$)", "抽選「$1」はすでにあります。", "Lottery $1 already exists."},
    {R"(^lottery (.*) was drawn$)", "抽選「$1」は抽選済みです。",
     "Lottery $1 has already been drawn."},
    {R"(^lottery (.*) is not drawn$)", "抽選「$1」はまだ抽選されていません。",
     "Lottery $1 has not been drawn yet."},
    {R"(^lottery (.*) is published$)", "抽選「$1」の結果は発表済みです。",
     "The results of lottery $1 are already published."},
    {R"(^1-64 characters$)", "1〜64文字で指定してください。", "Use 1 to 64 characters."},
    {R"(^the first day of a month$)", "月の初日を指定してください。",
     "Give the first day of a month."},
    {R"(^(?:at least one facility|施設を1つ以上選んでください)$)", "施設を1つ以上選んでください。",
     "Choose at least one facility."},
    {R"(^opensAt < closesAt <= drawAt <= publishAt(?: の順にしてください)?$)",
     "日時は opensAt < closesAt <= drawAt <= publishAt の順にしてください。",
     "The times must be in the order opensAt < closesAt <= drawAt <= publishAt."},
    {R"(^results must be published before the stay month$)",
     "結果の発表は宿泊月の前にしてください。", "Results must be published before the stay month."},
    {R"(^the seed commitment is required$)",
     "シードのコミットメント（seedHash）を指定してください。", "The seed commitment is required."},
    {R"(^the application window has already opened$)", "申込受付がすでに始まっています。",
     "The application window has already opened."},
    {R"(^allotments are 1\+ rooms of the period's facilities and month$)",
     "抽選用の部屋は、対象の施設と月について1室以上で指定してください。",
     "Allotments are 1 or more rooms of the period's facilities and month."},
    {R"(^allotment exceeds the free rooms on (.*)$)",
     "$1 の抽選用の部屋数が空き室数を超えています。",
     "The allotment exceeds the free rooms on $1."},
    {R"(^only operators draw lotteries$)", "抽選は運用担当者のみ行えます。",
     "Only operators can draw lotteries."},
    {R"(^the application window has not closed$)", "申込期間が終わるまで抽選できません。",
     "The application window has not closed yet."},
    {R"(^the secret does not match the commitment$)", "秘密の値がコミットメントと一致しません。",
     "The secret does not match the commitment."},
    {R"(^only operators publish lotteries$)", "抽選結果の発表は運用担当者のみ行えます。",
     "Only operators can publish lottery results."},
    {R"(^not yet the publication time$)", "結果の発表日時になっていません。",
     "It is not yet the publication time."},
    {R"(^one reservation number per win$)", "当選1件ごとに予約番号が1つ必要です。",
     "One reservation number is needed per win."},

    // --- The facility catalogue (operators) --------------------------------------
    {R"(^only operators keep the catalogue$)", "施設の登録・変更は運用担当者のみ行えます。",
     "Only operators can keep the facility catalogue."},
    {R"(^id: 1-64 of a-z, 0-9 and -$)", "施設IDは英小文字・数字・- で64文字までにしてください。",
     "The ID is 1 to 64 characters of a-z, 0-9 and -."},
    {R"(^(?:name is required|施設名を入力してください)$)", "施設名を入力してください。",
     "Enter the facility name."},
    {R"(^nameEn is required$)", "施設の英語名を入力してください。",
     "Enter the facility's English name."},
    {R"(^(?:at least one room type|部屋タイプを1つ以上指定してください)$)",
     "部屋タイプを1つ以上指定してください。", "Give at least one room type."},
    {R"(^one room type per style$)", "部屋タイプは種類ごとに1つまでです。",
     "Give one room type per style."},
    {R"(^rooms: (\d+)-(\d+)$)", "部屋数は$1〜$2室で指定してください。", "Rooms must be $1 to $2."},
    {R"(^capacity: (\d+)-(\d+)$)", "定員は$1〜$2人で指定してください。",
     "Capacity must be $1 to $2."},
    {R"(^a style wish needs japanese and western rooms$)",
     "和室・洋室の希望を受け付けるには、和室と洋室の両方が必要です。",
     "A room-style wish needs both Japanese-style and Western-style rooms."},
    {R"(^days before check-in: (\d+)-(\d+)$)", "チェックインの何日前かは$1〜$2で指定してください。",
     "Days before check-in must be $1 to $2."},
    {R"(^(\d+) or (\d+)$)", "$1か$2で指定してください。", "Must be $1 or $2."},
    {R"(^(\d+)(?:-| to )(\d+)$)", "$1〜$2で指定してください。", "Must be $1 to $2."},
    {R"(^close dates after registering$)", "休館日は施設を登録してから設定してください。",
     "Close dates after registering the facility."},
    {R"(^facility (.*) exists$)", "施設「$1」はすでに登録されています。",
     "Facility $1 already exists."},
    {R"(^would leave fewer japanese rooms than are booked or held on (.*)$)",
     "$1 の和室を、予約済みまたは抽選用に確保済みの数より少なくはできません。",
     "This would leave fewer Japanese-style rooms than are booked or held on $1."},
    {R"(^would leave fewer western rooms than are booked or held on (.*)$)",
     "$1 の洋室を、予約済みまたは抽選用に確保済みの数より少なくはできません。",
     "This would leave fewer Western-style rooms than are booked or held on $1."},
    {R"(^would leave fewer standard rooms than are booked or held on (.*)$)",
     "$1 の一般客室を、予約済みまたは抽選用に確保済みの数より少なくはできません。",
     "This would leave fewer standard rooms than are booked or held on $1."},
    {R"(^no dates to close$)", "休館にする日を指定してください。", "No dates to close were given."},
    {R"(^(.*) has bookings or held rooms; move them first$)",
     "$1 には予約または抽選用に確保した部屋があります。先に移してください。",
     "$1 has bookings or held rooms; move them first."},

    // --- Registrations, approval, erasure, operator accounts ---------------------
    {R"(^(?:only an operator may do this|運用担当者のみの操作です)$)", "運用担当者のみの操作です。",
     "Only operators can do this."},
    {R"(^監査担当者のみの操作です$)", "監査担当者のみの操作です。", "Only auditors can do this."},
    {R"(^only the system may do this$)", "この操作はシステムのみ行えます。",
     "Only the system can do this."},
    {R"(^a logged-in user cannot register again$)", "ログイン中は利用者登録できません。",
     "A logged-in user cannot register again."},
    {R"(^the registration is incomplete$)", "登録内容が不足しています。",
     "The registration is incomplete."},
    {R"(^registration id in use$)", "登録申請の番号が重複しました。もう一度お試しください。",
     "The registration ID is already in use. Please try again."},
    {R"(^no fresh user number was given$)", "未使用の利用者番号を割り当てられませんでした。",
     "No unused user number was given."},
    {R"(^利用者番号は8桁（最後の1桁は検査数字）で指定してください$)",
     "利用者番号は8桁（最後の1桁は検査数字）で指定してください。",
     "The user number must be 8 digits, the last a check digit."},
    {R"(^no such registration$)", "登録申請が見つかりません。", "No such registration."},
    {R"(^the registration is not pending$)", "この登録申請は審査待ちではありません。",
     "The registration is not pending."},
    {R"(^the registration's personal data was erased$)",
     "この登録申請の個人情報は消去されています。", "The registration's personal data was erased."},
    {R"(^却下の理由を入力してください$)", "却下の理由を入力してください。",
     "Enter the reason for the rejection."},
    {R"(^消去の理由を入力してください$)", "消去の理由を入力してください。",
     "Enter the reason for the erasure."},
    {R"(^理由を入力してください$)", "理由を入力してください。", "Enter the reason."},
    {R"(^no such user$)", "利用者が見つかりません。", "No such user."},
    {R"(^users set only their own password$)", "ご自身のパスワードのみ変更できます。",
     "Users can set only their own password."},
    {R"(^no such operator$)", "運用担当者が見つかりません。", "No such operator."},
    {R"(^not yours$)", "このアカウントのパスワードは設定できません。",
     "You cannot set this account's password."},
    {R"(^no such account$)", "アカウントが見つかりません。", "No such account."},
    {R"(^already erased$)", "個人情報はすでに消去されています。",
     "The personal data was already erased."},
    {R"(^a login is (\d+)-(\d+) characters of a-z, 0-9, '\.', '_' and '-'$)",
     "ログインIDは英小文字・数字・「.」「_」「-」で$1〜$2文字にしてください。",
     "A login is $1 to $2 characters of a-z, 0-9, '.', '_' and '-'."},
    {R"(^that login exists$)", "このログインIDはすでに使われています。",
     "That login already exists."},
    {R"(^already disabled$)", "この運用担当者アカウントはすでに無効です。",
     "The operator account is already disabled."},
    {R"(^no proof for this registration$)", "この登録申請には証明書類がありません。",
     "This registration has no proof document."},
    {R"(^the applicant's data was erased$)", "申請者の個人情報は消去されています。",
     "The applicant's data was erased."},

    // --- The registration form and its proof document ----------------------------
    {R"(^メールアドレスを入力してください$)", "メールアドレスを入力してください。",
     "Enter the email address."},
    {R"(^在勤を証明する書類を添付してください$)", "在勤を証明する書類を添付してください。",
     "Attach a document that proves work in Minato City."},
    {R"(^multipart/form-data で送信してください$)", "multipart/form-data 形式で送信してください。",
     "Send the form as multipart/form-data."},
    {R"(^ファイルは10MBまでです$)", "添付ファイルは10MBまでです。",
     "Attachments can be at most 10 MB."},
    {R"(^添付ファイルは10MB（10,485,760バイト）以下にしてください$)",
     "添付ファイルは10MB（10,485,760バイト）以下にしてください。",
     "Attachments must be 10 MB (10,485,760 bytes) or less."},
    {R"(^over 10 MiB$)", "ファイルが10MBを超えています。", "The file is over 10 MB."},
    {R"(^添付できるのは jpg、jpeg、png の画像だけです \(the image is too large in pixels\)$)",
     "画像の画素数が大きすぎます。縦横を小さくした画像を添付してください。",
     "The image has too many pixels. Attach a smaller image."},
    {R"(^添付できるのは jpg、jpeg、png の画像だけです \(((?:JPEG|PNG): .*)\)$)",
     "画像を読み取れません。jpg、jpeg、png の画像を添付してください。",
     "The image cannot be read ($1). Attach a JPG, JPEG or PNG image."},
    {R"(^添付できるのは jpg、jpeg、png の画像だけです \((.*)\)$)",
     "添付できるのは jpg、jpeg、png の画像だけです。",
     "Only JPG, JPEG and PNG images can be attached."},
    {R"(^the content is neither JPEG nor PNG$)", "jpg、jpeg、png の画像ではありません。",
     "The file is neither a JPEG nor a PNG image."},
    {R"(^the image is too large in pixels$)", "画像の画素数が大きすぎます。",
     "The image has too many pixels."},
    {R"(^(JPEG|PNG): (.*)$)", "画像を読み取れません。", "The $1 image cannot be read ($2)."},
    {R"(^氏名を入力してください$)", "氏名を入力してください。", "Enter the name."},
    {R"(^氏名が長すぎます$)", "氏名が長すぎます。", "The name is too long."},
    {R"(^氏名に使えない文字が含まれています$)", "氏名に使えない文字が含まれています。",
     "The name contains characters that cannot be used."},
    {R"(^フリガナを入力してください$)", "フリガナを入力してください。",
     "Enter the furigana (the name in katakana)."},
    {R"(^フリガナは全角カタカナで入力してください$)", "フリガナは全角カタカナで入力してください。",
     "Enter the furigana in full-width katakana."},
    {R"(^生年月日を入力してください$)", "生年月日を入力してください。", "Enter the date of birth."},
    {R"(^生年月日は実在する日付（YYYY-MM-DD）で入力してください$)",
     "生年月日は実在する日付（YYYY-MM-DD）で入力してください。",
     "Enter the date of birth as a real date (YYYY-MM-DD)."},
    {R"(^生年月日が正しくありません$)", "生年月日が正しくありません。",
     "The date of birth is not valid."},
    {R"(^郵便番号は「123-4567」の形で入力してください$)",
     "郵便番号は「123-4567」の形で入力してください。", "Enter the postal code as 123-4567."},
    {R"(^住所を入力してください$)", "住所を入力してください。", "Enter the address."},
    {R"(^住所が長すぎます$)", "住所が長すぎます。", "The address is too long."},
    {R"(^住所に使えない文字が含まれています$)", "住所に使えない文字が含まれています。",
     "The address contains characters that cannot be used."},
    {R"(^電話番号は半角数字10桁または11桁で入力してください$)",
     "電話番号は半角数字10桁または11桁で入力してください。",
     "Enter the phone number as 10 or 11 digits."},
    {R"(^メールアドレスの形式が正しくありません$)", "メールアドレスの形式が正しくありません。",
     "The email address is not valid."},
    {R"(^勤務先名を入力してください$)", "勤務先名を入力してください。",
     "Enter the workplace name."},
    {R"(^勤務先名が長すぎます$)", "勤務先名が長すぎます。", "The workplace name is too long."},
    {R"(^勤務先名に使えない文字が含まれています$)", "勤務先名に使えない文字が含まれています。",
     "The workplace name contains characters that cannot be used."},
    {R"(^勤務先住所を入力してください$)", "勤務先住所を入力してください。",
     "Enter the workplace address."},
    {R"(^勤務先住所が長すぎます$)", "勤務先住所が長すぎます。",
     "The workplace address is too long."},
    {R"(^勤務先住所に使えない文字が含まれています$)", "勤務先住所に使えない文字が含まれています。",
     "The workplace address contains characters that cannot be used."},
    {R"(^区分（港区内在住／港区内在勤）を選んでください$)",
     "区分（港区内在住／港区内在勤）を選んでください。",
     "Choose a category (lives in Minato City or works in Minato City)."},
    {R"(^「上記に同意して利用者登録する。」を選んでください$)",
     "「上記に同意して利用者登録する。」を選んでください。",
     "Check \"I agree to the above and register as a user.\""},

    // --- Passwords -----------------------------------------------------------------
    {R"(^新しいパスワードが条件を満たしていません$)", "新しいパスワードが条件を満たしていません。",
     "The new password does not meet the rules."},
    {R"(^現在のパスワードが正しくありません$)", "現在のパスワードが正しくありません。",
     "The current password is incorrect."},
    {R"(^現在と異なるパスワードにしてください$)", "現在と異なるパスワードにしてください。",
     "Choose a password different from the current one."},
    {R"(^パスワードに使えない文字が含まれています$)", "パスワードに使えない文字が含まれています。",
     "The password contains characters that cannot be used."},
    {R"(^パスワードは8文字以上にしてください$)", "パスワードは8文字以上にしてください。",
     "The password must be at least 8 characters."},
    {R"(^パスワードが長すぎます$)", "パスワードが長すぎます。", "The password is too long."},
    {R"(^生年月日はパスワードに使えません$)", "生年月日はパスワードに使えません。",
     "The date of birth cannot be used as the password."},
    {R"(^よく使われているパスワードです。別のものにしてください$)",
     "よく使われているパスワードです。別のものにしてください。",
     "This password is too common. Choose another one."},
    {R"(^確認用のパスワードが一致しません$)", "確認用のパスワードが一致しません。",
     "The confirmation does not match the password."},
    {R"(^このURLは使用済みか有効期限が切れています。もう一度手続きしてください$)",
     "このURLは使用済みか有効期限が切れています。もう一度手続きしてください。",
     "This link has been used or has expired. Please start again."},

    // --- Request fields (http/*.cc) --------------------------------------------------
    {R"(^([A-Za-z][\w.]*) を入力してください$)", "$1 を入力してください。", "$1 is required."},
    {R"(^([A-Za-z][\w.]*) は文字列です$)", "$1 は文字列で指定してください。",
     "$1 must be a string."},
    {R"(^([A-Za-z][\w.]*) は YYYY-MM-DD (?:です|で指定してください)$)",
     "$1 は YYYY-MM-DD の形式で指定してください。", "$1 must be a date as YYYY-MM-DD."},
    {R"(^([A-Za-z][\w.]*) は YYYY-MM (?:です|で指定してください)$)",
     "$1 は YYYY-MM の形式で指定してください。", "$1 must be a month as YYYY-MM."},
    {R"(^([A-Za-z][\w.]*) は RFC 3339 の日時です$)",
     "$1 は RFC 3339 形式の日時で指定してください。", "$1 must be an RFC 3339 date and time."},
    {R"(^([A-Za-z][\w.]*) は (\d+)〜(\d+) です$)", "$1 は $2〜$3 で指定してください。",
     "$1 must be $2 to $3."},
    {R"(^([A-Za-z][\w.]*) は (\d+) から (\d+) で指定してください$)",
     "$1 は $2〜$3 で指定してください。", "$1 must be $2 to $3."},
    {R"(^([A-Za-z][\w.]*) は (\d+) か (\d+) です$)", "$1 は $2 か $3 で指定してください。",
     "$1 must be $2 or $3."},
    {R"(^people は泊数分の人数（1以上）です$)",
     "people には1泊ごとの人数（1以上）を泊数分指定してください。",
     "people must give one count (1 or more) per night."},
    {R"(^people は人数の配列です$)", "people は人数の配列で指定してください。",
     "people must be an array of people counts."},
    {R"(^roomStyle は japanese, western, any のどれかです$)",
     "roomStyle は japanese, western, any のどれかで指定してください。",
     "roomStyle must be japanese, western or any."},
    {R"(^roomStyle が正しくありません$)", "roomStyle の指定が正しくありません。",
     "roomStyle is not valid."},
    {R"(^変更する内容を指定してください$)", "変更する内容を指定してください。",
     "Say what to change."},
    {R"(^予約番号を選んでください$)", "予約番号を選んでください。",
     "Choose the reservation numbers."},
    {R"(^申込みを選んでください$)", "申込みを選んでください。", "Choose the applications."},
    {R"(^preference は希望順位（1から）です$)",
     "preference は希望順位（1から）で指定してください。",
     "preference must be a preference rank (from 1)."},
    {R"(^一度に取り消せるのは同じ利用者の予約です$)",
     "一度に取り消せるのは同じ利用者の予約だけです。",
     "Only one user's reservations can be cancelled at once."},
    {R"(^to は from から(\d+)日以内です$)", "to は from から$1日以内で指定してください。",
     "to must be within $1 days of from."},
    {R"(^facilityId, userNumber, number のどれかを指定してください$)",
     "facilityId、userNumber、number のどれかを指定してください。",
     "Give one of facilityId, userNumber or number."},
    {R"(^status は pending, approved, rejected のどれかです$)",
     "status は pending, approved, rejected のどれかで指定してください。",
     "status must be pending, approved or rejected."},
    {R"(^dates は YYYY-MM-DD の配列です（(\d+)日まで）$)",
     "dates は YYYY-MM-DD の配列（$1日まで）で指定してください。",
     "dates must be an array of YYYY-MM-DD dates (at most $1)."},
    {R"(^secret は16進数で指定してください$)", "secret は16進数で指定してください。",
     "secret must be hexadecimal."},
    {R"(^施設IDは英小文字・数字・-・_ で40文字までです$)",
     "施設IDは英小文字・数字・-・_ で40文字までにしてください。",
     "The facility ID is up to 40 characters of a-z, 0-9, - and _."},
    {R"(^部屋タイプは \{style: japanese\|western\|standard, )"
     R"(rooms: 0\.\.1000, capacity: 1\.\.20\} で、同じ style は1つまでです$)",
     "部屋タイプは {style: japanese|western|standard, rooms: 0..1000, capacity: 1..20} "
     "で指定してください。同じ style は1つまでです。",
     "Room types are {style: japanese|western|standard, rooms: 0..1000, capacity: 1..20}, "
     "at most one per style."},
    {R"(^styleWish は true か false です$)", "styleWish は true か false で指定してください。",
     "styleWish must be true or false."},
    {R"(^rules はオブジェクトです$)", "rules はオブジェクトで指定してください。",
     "rules must be an object."},
    {R"(^facilityIds は施設IDの配列です$)", "facilityIds は施設IDの配列で指定してください。",
     "facilityIds must be an array of facility IDs."},
    {R"(^algorithm は serial_dictatorship か preference_rounds です$)",
     "algorithm は serial_dictatorship か preference_rounds で指定してください。",
     "algorithm must be serial_dictatorship or preference_rounds."},
    {R"(^seedHash は秘密の値の SHA-256（16進64桁）です$)",
     "seedHash は秘密の値の SHA-256（16進数64桁）で指定してください。",
     "seedHash must be the SHA-256 of the secret (64 hex digits)."},
    {R"(^allotment は配列です$)", "allotment は配列で指定してください。",
     "allotment must be an array."},
    {R"(^allotment の各項目は \{facilityId, date, style, rooms\} です$)",
     "allotment の各項目は {facilityId, date, style, rooms} で指定してください。",
     "Each allotment item must be {facilityId, date, style, rooms}."},
    {R"(^from は 1 以上の位置です$)", "from は1以上の位置で指定してください。",
     "from must be a log position of 1 or more."},
    {R"(^position は 1 以上です$)", "position は1以上で指定してください。",
     "position must be 1 or more."},
    {R"(^(.+) が長すぎます$)", "$1 が長すぎます。", "$1 is too long."},

    // --- Operators' and auditors' tools, the test clock --------------------------
    {R"(^no projection named (.*)$)", "読み取りモデル「$1」はありません。",
     "There is no projection named $1."},
    {R"(^a rebuild of (.*) is running$)", "「$1」はすでに再構築中です。",
     "A rebuild of $1 is already running."},
    {R"(^no history of (.*)$)", "「$1」の履歴は扱っていません。", "There is no history of $1."},
    {R"(^the log ends before that$)", "ログはその位置まで記録されていません。",
     "The log ends before that position."},
    {R"(^the OpenAPI document is missing$)", "OpenAPI の定義ファイルが見つかりません。",
     "The OpenAPI document is missing."},
    {R"(^the test clock only moves forward$)", "テスト用の時計は先へしか進められません。",
     "The test clock only moves forward."},
    {R"(^this idempotency key was used for another request$)",
     "この Idempotency-Key は別の要求に使われています。",
     "This idempotency key was used for another request."},

    // --- Problems answered before a route runs -----------------------------------
    {R"(^no such resource: (.*)$)", "「$1」は見つかりません。", "No such resource: $1."},
    {R"(^use ([A-Z]+(?:, [A-Z]+)*)$)", "この URL には $1 で要求してください。", "Use $1."},
    {R"(^the request body must be a JSON object$)",
     "リクエストの本文は JSON オブジェクトにしてください。",
     "The request body must be a JSON object."},
    {R"(^the body is not well-formed multipart/form-data$)",
     "フォームの内容を読み取れません（multipart/form-data の形式が正しくありません）。",
     "The body is not well-formed multipart/form-data."},
    {R"(^state-changing requests need X-Requested-With and this server's Origin$)",
     "変更を伴う要求には X-Requested-With ヘッダーと、このサーバーの Origin が必要です。",
     "State-changing requests need X-Requested-With and this server's Origin."},
    {R"(^the requested log position is not applied yet$)",
     "指定された位置まではまだ反映されていません。",
     "The requested log position is not applied yet."},
    {R"(^request body too large$)", "リクエストの本文が大きすぎます。",
     "The request body is too large."},
    {R"(^request header too large$)", "リクエストのヘッダーが大きすぎます。",
     "The request header is too large."},
    {R"(^malformed request$)", "リクエストを読み取れません。", "The request is malformed."},
    {R"(^too many connections from one source$)", "同じ接続元からの接続が多すぎます。",
     "Too many connections from one source."},
    {R"(^too many connections$)", "接続が多すぎます。", "Too many connections."},

    // --- Store and system failures that reach users as a detail ------------------
    {R"(^(?:the account store failed|password hashing failed|re-encoding failed): [\s\S]*$)",
     kRetryLaterJa, kRetryLaterEn},
    {R"(^(?:session store failed|the service cannot record decisions now; try again later)$)",
     kRetryLaterJa, kRetryLaterEn},
    {R"(^(?:wrong_expected_version|idempotency_conflict|invalid_argument|not_found|)"
     R"(corruption|io_error|failed|closed|unknown): [\s\S]*$)",
     kRetryLaterJa, kRetryLaterEn},
};

struct Entry {
  std::string prefix;  // the literal text every match starts with
  std::regex pattern;
  const char* ja;
  const char* en;
};

// The pattern's literal text after '^', up to its first operator (a quantified
// last character is not part of it).
std::string literal_prefix(std::string_view pattern) {
  std::string out;
  for (std::size_t i = 1; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) {
      if ((c == '?' || c == '*' || c == '+' || c == '{') && !out.empty()) out.pop_back();
      break;
    }
    out.push_back(c);
  }
  return out;
}

const std::vector<Entry>& entries() {
  static const std::vector<Entry> compiled = [] {
    std::vector<Entry> v;
    v.reserve(std::size(kSources));
    for (const Source& s : kSources) {
      v.push_back(
          {literal_prefix(s.pattern), std::regex(s.pattern, std::regex::ECMAScript), s.ja, s.en});
    }
    return v;
  }();
  return compiled;
}

// Longer messages are left as they are: no known one comes near, and std::regex
// recurses once per character it repeats over.
constexpr std::size_t kMaxLength = 1024;

}  // namespace

std::string localize(std::string_view message, bool english) {
  if (message.size() > kMaxLength) return std::string(message);
  std::match_results<std::string_view::const_iterator> m;
  for (const Entry& e : entries()) {
    if (!message.starts_with(e.prefix)) continue;
    if (std::regex_match(message.begin(), message.end(), m, e.pattern)) {
      return m.format(english ? e.en : e.ja);
    }
  }
  return std::string(message);
}

}  // namespace hoyo::http
