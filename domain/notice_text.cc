#include "domain/notice_text.h"

#include <algorithm>
#include <cstdio>

namespace hoyo::domain {
namespace {

bool en(Language l) { return l == Language::kEn; }

std::string subject(Language l, const char* ja, const char* english) {
  return std::string(system_name(l)) + (en(l) ? ": " : "：") + (en(l) ? english : ja);
}

const char* style_label(Language l, RoomStyle s) {
  switch (s) {
    case RoomStyle::kJapanese:
      return en(l) ? "Japanese-style" : "和室";
    case RoomStyle::kWestern:
      return en(l) ? "Western-style" : "洋室";
    case RoomStyle::kStandard:
      return en(l) ? "Standard" : "一般客室";
  }
  return "";
}

const char* wish_label(Language l, StyleWish w) {
  switch (w) {
    case StyleWish::kAny:
      return en(l) ? "either style" : "指定なし";
    case StyleWish::kJapanese:
      return style_label(l, RoomStyle::kJapanese);
    case StyleWish::kWestern:
      return style_label(l, RoomStyle::kWestern);
  }
  return "";
}

// "2027-03-12, 2 nights" / "2027-03-12から2泊".
std::string dates(Language l, const NoticeStay& s) {
  const std::string day = s.check_in.to_string();
  if (en(l)) return day + ", " + std::to_string(s.nights) + (s.nights == 1 ? " night" : " nights");
  return day + "から" + std::to_string(s.nights) + "泊";
}

// A deadline as people read it: "2027-03-12 23:59 (Japan time)" /
// "2027-03-12 23:59（日本時間）".
std::string deadline(Language l, Instant t) {
  const Instant in_day = ((t + kTokyoOffset) % kMicrosPerDay + kMicrosPerDay) % kMicrosPerDay;
  const Instant minutes = in_day / (60 * kMicrosPerSecond);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return tokyo_date(t).to_string() + " " + hm + (en(l) ? " (Japan time)" : "（日本時間）");
}

// "2" when every night has the same people, else "2 / 3" night by night.
std::string people(Language l, const NoticeStay& s) {
  std::string out;
  const bool same =
      std::all_of(s.people.begin(), s.people.end(), [&](int p) { return p == s.people.front(); });
  for (std::size_t i = 0; i < s.people.size(); ++i) {
    if (same && i > 0) break;
    if (i > 0) out += " / ";
    out += std::to_string(s.people[i]);
  }
  return out + (en(l) ? " people" : "名");
}

// The lines telling one stay, each starting with two spaces.
std::string stay_lines(Language l, const NoticeStay& s) {
  std::string out;
  if (en(l)) {
    if (!s.number.empty()) out += "  Reservation number: " + s.number + "\n";
    if (s.preference > 0) out += "  Preference: " + std::to_string(s.preference) + "\n";
    out += "  Facility: " + s.facility + "\n";
    out += "  Stay: " + dates(l, s) + "\n";
    out += "  Guests: " + people(l, s) + "\n";
    out += std::string("  Room: ") +
           (s.number.empty() ? wish_label(l, s.wish) : style_label(l, s.style)) + "\n";
  } else {
    if (!s.number.empty()) out += "  予約番号: " + s.number + "\n";
    if (s.preference > 0) out += "  希望順位: 第" + std::to_string(s.preference) + "希望\n";
    out += "  施設: " + s.facility + "\n";
    out += "  宿泊: " + dates(l, s) + "\n";
    out += "  人数: " + people(l, s) + "\n";
    out += std::string("  部屋: ") +
           (s.number.empty() ? wish_label(l, s.wish) : style_label(l, s.style)) + "\n";
  }
  return out;
}

}  // namespace

const char* system_name(Language l) {
  return en(l) ? "Minato City Resort Facility Reservations" : "港区区民保養施設予約システム";
}

NoticeText lottery_result_text(Language l, const std::string& lottery,
                               const std::vector<NoticeStay>& wins,
                               const std::vector<NoticeStay>& losses, Instant confirm_by) {
  NoticeText t;
  t.subject = subject(l, "抽選結果のお知らせ", "lottery result");
  if (en(l)) {
    t.body = "The lottery " + lottery + " has been drawn. Your result:\n";
  } else {
    t.body = "抽選（" + lottery + "）の結果をお知らせします。\n";
  }
  if (!wins.empty()) {
    if (confirm_by == 0) {
      t.body += en(l) ? "\nWon (your reservation is booked):\n" : "\n当選（予約が確定しました）:\n";
    } else {
      t.body += en(l) ? "\nWon (to be confirmed by you):\n" : "\n当選（確定の手続きが必要です）:\n";
    }
    for (const NoticeStay& s : wins) t.body += stay_lines(l, s) + "\n";
    if (confirm_by != 0) {
      t.body += (en(l) ? "Confirm by: " : "確定期限: ") + deadline(l, confirm_by) + "\n";
      t.body += en(l) ? "Please confirm your win in the member menu (Confirm your wins) by then;"
                        " a win not confirmed by its deadline is cancelled.\n"
                      : "期限までに専用メニューの「当選の確定」で確定してください。"
                        "期限までに確定されない当選は取り消されます。\n";
    }
  }
  if (!losses.empty()) {
    t.body += en(l) ? "\nNot won:\n" : "\n落選:\n";
    for (const NoticeStay& s : losses) t.body += stay_lines(l, s) + "\n";
  }
  t.body += en(l) ? "\nYour reservations are listed in the member menu.\n"
                  : "\n予約の内容は、専用メニューの予約の確認でご覧いただけます。\n";
  return t;
}

NoticeText receipt_text(Language l, NoticeKind kind, const NoticeStay& stay, bool by_centre) {
  NoticeText t;
  const char* what_ja = "";
  const char* what_en = "";
  switch (kind) {
    case NoticeKind::kBookingReceipt:
      t.subject = subject(l, "予約受付のお知らせ", "booking receipt");
      what_ja = "次のとおり予約を受け付けました。";
      what_en = "Your booking has been made:";
      break;
    case NoticeKind::kChangeReceipt:
      t.subject = subject(l, "予約変更のお知らせ", "change receipt");
      what_ja = "予約を次のとおり変更しました。";
      what_en = "Your reservation has been changed. It is now:";
      break;
    case NoticeKind::kCancellationReceipt:
    case NoticeKind::kLotteryResult:
    case NoticeKind::kConfirmationReminder:
    case NoticeKind::kWinLapsed:
    case NoticeKind::kStayReminder:
    case NoticeKind::kRoomsFreed:
    case NoticeKind::kSuspended:
    case NoticeKind::kSuspensionLifted:
    case NoticeKind::kRunnerUpOffer:
    case NoticeKind::kWaitlistOffer:
      t.subject = subject(l, "予約取消しのお知らせ", "cancellation receipt");
      what_ja = "次の予約を取り消しました。";
      what_en = "This reservation has been cancelled:";
      break;
  }
  t.body = std::string(en(l) ? what_en : what_ja) + "\n\n" + stay_lines(l, stay);
  if (by_centre) {
    t.body += en(l) ? "\nThe reservation centre made this on your behalf.\n"
                    : "\n予約センターが代わって手続きしました。\n";
  }
  return t;
}

NoticeText confirmation_reminder_text(Language l, const NoticeStay& stay, Instant confirm_by) {
  NoticeText t;
  t.subject = subject(l, "当選確定の期限が近づいています", "please confirm your win");
  t.body = en(l) ? "Your lottery win below is not confirmed yet. Please confirm it in the member"
                   " menu (Confirm your wins) by " +
                       deadline(l, confirm_by) +
                       "; a win not confirmed by its deadline is cancelled.\n\n"
                 : "次の当選はまだ確定されていません。" + deadline(l, confirm_by) +
                       "までに専用メニューの「当選の確定」で確定してください。"
                       "期限までに確定されない当選は取り消されます。\n\n";
  t.body += stay_lines(l, stay);
  return t;
}

NoticeText stay_reminder_text(Language l, const NoticeStay& stay) {
  NoticeText t;
  t.subject = subject(l, "ご利用日が近づいています", "your stay is coming up");
  t.body = en(l) ? "Your stay below is coming up. If your plans have changed, please change or"
                   " cancel the reservation in the member menu, or contact the reservation"
                   " centre.\n\n"
                 : "次のご予約のご利用日が近づいています。ご予定が変わった場合は、専用メニューから"
                   "変更・取消しをするか、予約センターへご連絡ください。\n\n";
  t.body += stay_lines(l, stay);
  return t;
}

NoticeText rooms_freed_text(Language l, const std::vector<NoticeStay>& rooms, Instant release,
                            std::size_t more) {
  NoticeText t;
  t.subject =
      subject(l, "先着順で予約できる部屋のお知らせ", "rooms opening for first-come booking");
  t.body = en(l) ? "Lottery wins that were not confirmed have been cancelled. From " +
                       deadline(l, release) +
                       " these rooms can be booked first-come in the member menu:\n\n"
                 : "確定されなかった当選が取り消されました。次の部屋は " + deadline(l, release) +
                       " から、専用メニューの空き状況から先着順で予約できます。\n\n";
  for (const NoticeStay& r : rooms) {
    if (en(l)) {
      t.body += "  " + r.facility + ": " + dates(l, r) + ", " + style_label(l, r.style) + "\n";
    } else {
      t.body += "  " + r.facility + "　" + dates(l, r) + "　" + style_label(l, r.style) + "\n";
    }
  }
  if (more > 0) {
    t.body +=
        en(l) ? "  and " + std::to_string(more) + " more (see vacancy in the member menu)\n"
              : "  ほか" + std::to_string(more) + "室（専用メニューの空き状況をご覧ください）\n";
  }
  return t;
}

NoticeText win_lapsed_text(Language l, const NoticeStay& stay) {
  NoticeText t;
  t.subject = subject(l, "当選取消しのお知らせ", "lottery win cancelled");
  t.body = en(l) ? "Your lottery win below was not confirmed by its deadline and has been"
                   " cancelled.\n\n"
                 : "次の当選は確定期限までに確定されなかったため、取り消されました。\n\n";
  t.body += stay_lines(l, stay);
  return t;
}

NoticeText suspension_text(Language l, bool no_show, const NoticeStay& stay, Date until) {
  NoticeText t;
  t.subject = subject(l, "利用停止のお知らせ", "suspension");
  const std::string day = until.to_string();
  if (en(l)) {
    t.body = std::string(no_show ? "You did not come to the stay below."
                                 : "The stay below was cancelled late.") +
             " You cannot book first-come or apply to lotteries until " + day +
             " (included). Your other reservations stay.\n\n";
  } else {
    t.body = std::string(no_show ? "次の予約のご利用がありませんでした（無断不泊）。"
                                 : "次の予約は直前に取り消されました。") +
             day + "まで、先着順の予約と抽選の申込みはできません。ほかの予約はそのままです。\n\n";
  }
  t.body += stay_lines(l, stay);
  return t;
}

NoticeText suspension_lifted_text(Language l, std::optional<Date> still_until) {
  NoticeText t;
  t.subject = subject(l, "利用停止解除のお知らせ", "suspension lifted");
  if (still_until) {
    const std::string day = still_until->to_string();
    t.body = en(l) ? "One of your suspensions has been lifted. Another stays: you cannot book "
                     "first-come or apply to lotteries until " +
                         day + " (included).\n"
                   : "利用停止の一つを解除しました。ほかの利用停止により、" + day +
                         "まで先着順の予約と抽選の申込みはできません。\n";
    return t;
  }
  t.body = en(l) ? "Your suspension has been lifted: you can book and apply to lotteries again.\n"
                 : "利用停止を解除しました。予約と抽選の申込みができるようになりました。\n";
  return t;
}

NoticeText runner_up_offer_text(Language l, const std::string& lottery, const NoticeStay& stay,
                                Instant offer_by) {
  NoticeText t;
  t.subject = subject(l, "繰り上げ当選のご案内", "a room is offered to you");
  t.body = en(l) ? "A room has become free in lottery " + lottery +
                       ", and it is offered to you as a runner-up. To take it, accept the offer"
                       " on the lottery results in the member menu by " +
                       deadline(l, offer_by) +
                       "; an offer not accepted by then goes to the next applicant.\n\n"
                 : "抽選 " + lottery +
                       " で空きが出たため、次のお部屋を繰り上げ当選としてご案内します。" +
                       deadline(l, offer_by) +
                       "までに専用メニューの抽選結果で「受ける」を選んでください。"
                       "期限までにお受けにならない場合は、次の方にご案内します。\n\n";
  t.body += stay_lines(l, stay);
  return t;
}

NoticeText waitlist_offer_text(Language l, const NoticeStay& stay, Instant offer_by) {
  NoticeText t;
  t.subject = subject(l, "キャンセル待ちのご案内", "a room on your waitlist is offered to you");
  t.body = en(l)
               ? "A room you are on the cancellation waitlist for has become free, and it is"
                 " offered to you. To take it, accept the offer in the member menu by " +
                     deadline(l, offer_by) +
                     "; an offer not accepted by then goes to the next person waiting.\n\n"
               : "キャンセル待ちのお部屋に空きが出たため、ご案内します。" + deadline(l, offer_by) +
                     "までに専用メニューで「受ける」を選んでください。"
                     "期限までにお受けにならない場合は、次の方にご案内します。\n\n";
  t.body += stay_lines(l, stay);
  return t;
}

}  // namespace hoyo::domain
