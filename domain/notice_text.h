// The text of notices (お知らせ), in Japanese or English: pure rendering of
// what the notice is about. The subject starts with the system's name, as
// every mail's does; the body is plain text without a salutation (the mail
// adds the addressee's name; the in-app list shows it as is).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/civil_time.h"
#include "domain/facility.h"
#include "domain/notice_events.h"

namespace hoyo::domain {

// The system's name in a language (the prefix of every subject).
const char* system_name(Language l);

// One stay as a notice tells it: a won or booked reservation (with its number
// and the room's style) or a lost application (its preference and wish).
struct NoticeStay {
  std::string facility;  // the facility's name in the notice's language
  Date check_in;
  int nights = 1;
  std::vector<int> people;                 // per night
  std::string number;                      // a reservation's number; empty for a lost application
  RoomStyle style = RoomStyle::kStandard;  // a reservation's room
  StyleWish wish = StyleWish::kAny;        // a lost application's wish
  int preference = 0;                      // a lost application's rank
};

struct NoticeText {
  std::string subject;
  std::string body;
};

// The one result notice of a period for one applicant: every won stay, with
// its reservation number (and `confirm_by` when not 0), then every lost one.
NoticeText lottery_result_text(Language l, const std::string& lottery,
                               const std::vector<NoticeStay>& wins,
                               const std::vector<NoticeStay>& losses, Instant confirm_by);

// A receipt for a booking, a change (the stay as it now is) or a
// cancellation; `by_centre` when the centre acted on the user's behalf.
NoticeText receipt_text(Language l, NoticeKind kind, const NoticeStay& stay, bool by_centre);

// The reminder that a win's deadline (`confirm_by`, its last second) is near.
NoticeText confirmation_reminder_text(Language l, const NoticeStay& stay, Instant confirm_by);

// The notice that an unconfirmed win was cancelled at its deadline.
NoticeText win_lapsed_text(Language l, const NoticeStay& stay);

// The reminder that a stay is near: its facility, dates, people and room.
NoticeText stay_reminder_text(Language l, const NoticeStay& stay);

// The notice to a period's losers that lapsed rooms join first-come at
// `release`: each room's facility, first night, nights and style (`people`
// and `number` unused); `more` rooms not listed are counted after them.
NoticeText rooms_freed_text(Language l, const std::vector<NoticeStay>& rooms, Instant release,
                            std::size_t more = 0);
// The notice that the user is suspended through `until` after a late
// cancellation or a no-show of the stay.
NoticeText suspension_text(Language l, bool no_show, const NoticeStay& stay, Date until);

// The notice that an operator lifted the user's suspension; `still_until`:
// one of several was lifted and the user stays suspended through that day.
NoticeText suspension_lifted_text(Language l, std::optional<Date> still_until = std::nullopt);

// A freed room offered to a waitlist entry, open until `offer_by`.
NoticeText waitlist_offer_text(Language l, const NoticeStay& stay, Instant offer_by);
// The offer to a runner-up of the stay (a lapsed win's room), open until
// `offer_by` (its last second).
NoticeText runner_up_offer_text(Language l, const std::string& lottery, const NoticeStay& stay,
                                Instant offer_by);

}  // namespace hoyo::domain
