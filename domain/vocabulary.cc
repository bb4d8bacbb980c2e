// Names and small helpers of the domain's vocabulary.
#include <algorithm>
#include <array>
#include <iterator>
#include <string>
#include <utility>

#include "domain/booking_state.h"
#include "domain/commands.h"
#include "domain/events.h"

namespace hoyo::domain {

const char* origin_name(Origin o) {
  switch (o) {
    case Origin::kLottery:
      return "lottery";
    case Origin::kRunnerUp:
      return "runner_up";
    case Origin::kWaitlist:
      return "waitlist";
    case Origin::kFirstCome:
      break;
  }
  return "first_come";
}

const char* reservation_status_name(ReservationStatus s) {
  switch (s) {
    case ReservationStatus::kCancelled:
      return "cancelled";
    case ReservationStatus::kLapsed:
      return "lapsed";
    case ReservationStatus::kBooked:
      break;
  }
  return "booked";
}

std::string Actor::to_string() const {
  switch (kind) {
    case Kind::kUser:
      return "user:" + id;
    case Kind::kOperator:
      return "operator:" + id;
    case Kind::kSystem:
      return "system";
  }
  return "system";
}

std::optional<Actor> Actor::parse(std::string_view s) {
  if (s == "system") return system();
  if (s.rfind("user:", 0) == 0 && s.size() > 5) return user(std::string(s.substr(5)));
  if (s.rfind("operator:", 0) == 0 && s.size() > 9) return op(std::string(s.substr(9)));
  return std::nullopt;
}

const char* event_type(const Event& e) {
  struct Name {
    const char* operator()(const FacilityRegistered&) const { return "FacilityRegistered"; }
    const char* operator()(const FacilityChanged&) const { return "FacilityChanged"; }
    const char* operator()(const DatesClosed&) const { return "DatesClosed"; }
    const char* operator()(const DatesReopened&) const { return "DatesReopened"; }
    const char* operator()(const ReservationBooked&) const { return "ReservationBooked"; }
    const char* operator()(const ReservationChanged&) const { return "ReservationChanged"; }
    const char* operator()(const ReservationCancelled&) const { return "ReservationCancelled"; }
    const char* operator()(const ReservationPaid&) const { return "ReservationPaid"; }
    const char* operator()(const LotteryOpened&) const { return "LotteryOpened"; }
    const char* operator()(const LotteryApplied&) const { return "LotteryApplied"; }
    const char* operator()(const LotteryApplicationsCancelled&) const {
      return "LotteryApplicationsCancelled";
    }
    const char* operator()(const LotteryDrawn&) const { return "LotteryDrawn"; }
    const char* operator()(const LotteryPublished&) const { return "LotteryPublished"; }
    const char* operator()(const LotteryResultsTold&) const { return "LotteryResultsTold"; }
    const char* operator()(const LotteryWinsBooked&) const { return "LotteryWinsBooked"; }
    const char* operator()(const LosersToTell&) const { return "LosersToTell"; }
    const char* operator()(const LosersTold&) const { return "LosersTold"; }
    const char* operator()(const LotteryAuditorCommitted&) const {
      return "LotteryAuditorCommitted";
    }
    const char* operator()(const LotteryAuditorRevealed&) const { return "LotteryAuditorRevealed"; }
    const char* operator()(const ReservationConfirmed&) const { return "ReservationConfirmed"; }
    const char* operator()(const WinLapsed&) const { return "WinLapsed"; }
    const char* operator()(const LapsedRoomReleased&) const { return "LapsedRoomReleased"; }
    const char* operator()(const PenaltyRulesSet&) const { return "PenaltyRulesSet"; }
    const char* operator()(const AttendanceRecorded&) const { return "AttendanceRecorded"; }
    const char* operator()(const UserSuspended&) const { return "UserSuspended"; }
    const char* operator()(const SuspensionLifted&) const { return "SuspensionLifted"; }
    const char* operator()(const StayLimitsSet&) const { return "StayLimitsSet"; }
    const char* operator()(const RoomOffered&) const { return "RoomOffered"; }
    const char* operator()(const OfferAccepted&) const { return "OfferAccepted"; }
    const char* operator()(const OfferDeclined&) const { return "OfferDeclined"; }
    const char* operator()(const OfferLapsed&) const { return "OfferLapsed"; }
    const char* operator()(const WaitlistJoined&) const { return "WaitlistJoined"; }
    const char* operator()(const WaitlistLeft&) const { return "WaitlistLeft"; }
    const char* operator()(const WaitlistRoomHeld&) const { return "WaitlistRoomHeld"; }
    const char* operator()(const WaitlistHoldReleased&) const { return "WaitlistHoldReleased"; }
    const char* operator()(const WaitlistOffered&) const { return "WaitlistOffered"; }
    const char* operator()(const WaitlistOfferAccepted&) const { return "WaitlistOfferAccepted"; }
    const char* operator()(const WaitlistOfferClosed&) const { return "WaitlistOfferClosed"; }
    const char* operator()(const RegistrationSubmitted&) const { return "RegistrationSubmitted"; }
    const char* operator()(const RegistrationApproved&) const { return "RegistrationApproved"; }
    const char* operator()(const RegistrationRejected&) const { return "RegistrationRejected"; }
    const char* operator()(const PasswordSet&) const { return "PasswordSet"; }
    const char* operator()(const LoginAttempted&) const { return "LoginAttempted"; }
    const char* operator()(const PasswordResetIssued&) const { return "PasswordResetIssued"; }
    const char* operator()(const MailQueued&) const { return "MailQueued"; }
    const char* operator()(const MailSent&) const { return "MailSent"; }
    const char* operator()(const MailFailed&) const { return "MailFailed"; }
    const char* operator()(const PersonalDataErased&) const { return "PersonalDataErased"; }
    const char* operator()(const OperatorAdded&) const { return "OperatorAdded"; }
    const char* operator()(const OperatorDisabled&) const { return "OperatorDisabled"; }
    const char* operator()(const SecondFactorChanged&) const { return "SecondFactorChanged"; }
    const char* operator()(const PreferencesSet&) const { return "PreferencesSet"; }
    const char* operator()(const NoticeIssued&) const { return "NoticeIssued"; }
    const char* operator()(const NoticesRead&) const { return "NoticesRead"; }
  };
  return std::visit(Name{}, e);
}

namespace {
template <std::size_t... I>
std::array<std::string_view, sizeof...(I)> type_names(std::index_sequence<I...>) {
  return {event_type(Event{std::in_place_index<I>})...};
}
}  // namespace

std::optional<std::size_t> event_index(std::string_view type) {
  static const auto names = type_names(std::make_index_sequence<std::variant_size_v<Event>>{});
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == type) return i;
  }
  return std::nullopt;
}

namespace {
// "user:N" -> "user-N", "operator:L" -> "operator-L".
std::string account_stream(std::string account) {
  const auto colon = account.find(':');
  if (colon != std::string::npos) account[colon] = '-';
  return account;
}
}  // namespace

std::string stream_of(const Event& e) {
  struct Stream {
    std::string operator()(const FacilityRegistered& x) const {
      return "facility-" + x.facility.id;
    }
    std::string operator()(const FacilityChanged& x) const { return "facility-" + x.facility.id; }
    std::string operator()(const DatesClosed& x) const { return "facility-" + x.facility; }
    std::string operator()(const DatesReopened& x) const { return "facility-" + x.facility; }
    std::string operator()(const ReservationBooked& x) const {
      return "reservation-" + x.reservation.number;
    }
    std::string operator()(const ReservationChanged& x) const { return "reservation-" + x.number; }
    std::string operator()(const ReservationPaid& x) const { return "reservation-" + x.number; }
    std::string operator()(const ReservationCancelled& x) const {
      return "reservation-" + x.number;
    }
    std::string operator()(const LotteryOpened& x) const { return "lottery-" + x.period.id; }
    std::string operator()(const LotteryApplied& x) const {
      return "lottery-" + x.application.lottery;
    }
    std::string operator()(const LotteryApplicationsCancelled& x) const {
      return "lottery-" + x.lottery;
    }
    std::string operator()(const LotteryDrawn& x) const { return "lottery-" + x.lottery; }
    std::string operator()(const LotteryPublished& x) const { return "lottery-" + x.lottery; }
    std::string operator()(const LotteryResultsTold& x) const { return "lottery-" + x.lottery; }
    std::string operator()(const LotteryWinsBooked& x) const { return "lottery-" + x.lottery; }
    std::string operator()(const LosersToTell& x) const { return "lottery-" + x.lottery; }
    std::string operator()(const LosersTold& x) const { return "lottery-" + x.lottery; }
    std::string operator()(const LotteryAuditorCommitted& x) const {
      return "lottery-" + x.lottery;
    }
    std::string operator()(const LotteryAuditorRevealed& x) const { return "lottery-" + x.lottery; }
    std::string operator()(const ReservationConfirmed& x) const {
      return "reservation-" + x.number;
    }
    std::string operator()(const WinLapsed& x) const { return "reservation-" + x.number; }
    std::string operator()(const LapsedRoomReleased& x) const { return "reservation-" + x.number; }
    std::string operator()(const PenaltyRulesSet&) const { return "ward"; }
    std::string operator()(const AttendanceRecorded& x) const { return "reservation-" + x.number; }
    std::string operator()(const UserSuspended& x) const { return "user-" + x.user; }
    std::string operator()(const SuspensionLifted& x) const { return "user-" + x.user; }
    std::string operator()(const StayLimitsSet&) const { return "ward"; }
    std::string operator()(const RoomOffered& x) const { return "offer-" + x.offer.id; }
    std::string operator()(const OfferAccepted& x) const { return "offer-" + x.offer; }
    std::string operator()(const OfferDeclined& x) const { return "offer-" + x.offer; }
    std::string operator()(const OfferLapsed& x) const { return "offer-" + x.offer; }
    std::string operator()(const WaitlistJoined& x) const { return "waitlist-" + x.entry.id; }
    std::string operator()(const WaitlistLeft& x) const { return "waitlist-" + x.entry; }
    std::string operator()(const WaitlistRoomHeld& x) const { return "hold-" + x.hold.id; }
    std::string operator()(const WaitlistHoldReleased& x) const { return "hold-" + x.hold; }
    std::string operator()(const WaitlistOffered& x) const { return "offer-" + x.offer.id; }
    std::string operator()(const WaitlistOfferAccepted& x) const { return "offer-" + x.offer; }
    std::string operator()(const WaitlistOfferClosed& x) const { return "offer-" + x.offer; }
    std::string operator()(const RegistrationSubmitted& x) const { return "registration-" + x.id; }
    std::string operator()(const RegistrationApproved& x) const { return "registration-" + x.id; }
    std::string operator()(const RegistrationRejected& x) const { return "registration-" + x.id; }
    std::string operator()(const PersonalDataErased& x) const {
      return "registration-" + x.registration;
    }
    std::string operator()(const PasswordSet& x) const { return account_stream(x.account); }
    std::string operator()(const PasswordResetIssued& x) const { return account_stream(x.account); }
    std::string operator()(const LoginAttempted&) const { return "logins"; }
    std::string operator()(const MailQueued& x) const { return "mail-" + x.id; }
    std::string operator()(const MailSent& x) const { return "mail-" + x.id; }
    std::string operator()(const MailFailed& x) const { return "mail-" + x.id; }
    std::string operator()(const OperatorAdded& x) const { return "operator-" + x.login; }
    std::string operator()(const OperatorDisabled& x) const { return "operator-" + x.login; }
    std::string operator()(const SecondFactorChanged& x) const { return account_stream(x.account); }
    std::string operator()(const PreferencesSet& x) const { return "user-" + x.user; }
    std::string operator()(const NoticeIssued& x) const { return "user-" + x.user; }
    std::string operator()(const NoticesRead& x) const { return "user-" + x.user; }
  };
  return std::visit(Stream{}, e);
}

const Facility* BookingState::facility(const std::string& id) const {
  auto it = facilities.find(id);
  return it == facilities.end() ? nullptr : &it->second;
}

const Reservation* BookingState::reservation(const std::string& number) const {
  auto it = reservations.find(number);
  return it == reservations.end() ? nullptr : &it->second;
}

const LotteryPeriod* BookingState::lottery(const std::string& id) const {
  auto it = lotteries.find(id);
  return it == lotteries.end() ? nullptr : &it->second;
}

BookedWin booked_win(const Reservation& r) {
  return {r.number, r.facility, r.check_in,     r.nights,
          r.people, r.style,    r.confirmation, r.confirm_by};
}

bool BookingState::results_out(const std::string& id) const {
  return published.count(id) > 0 && !wins_to_book.count(id);
}

bool BookingState::account_erased(const std::string& user) const {
  const Registration* r = accounts.user(user);
  return r && r->erased;
}

bool BookingState::shown_to_holder(const Reservation& r) const {
  if (r.origin != Origin::kLottery) return true;
  auto app = applications.find(r.application);
  return app == applications.end() || results_out(app->second.lottery);
}

std::vector<const LotteryApplication*> BookingState::user_applications(
    const std::string& user, const std::string& lottery) const {
  std::vector<const LotteryApplication*> out;
  auto it = applications_by_user.find(user + "\n" + lottery);
  if (it == applications_by_user.end()) return out;
  for (const std::string& id : it->second) out.push_back(&applications.at(id));
  return out;
}

std::vector<const LotteryApplication*> BookingState::wins_to_book_of(
    const std::string& user) const {
  std::vector<const LotteryApplication*> out;
  for (const auto& [lottery, due] : wins_to_book) {
    const std::vector<const LotteryApplication*> mine = user_applications(user, lottery);
    if (mine.empty()) continue;
    const std::vector<DrawWin>& wins = draws.at(lottery).wins;
    for (std::size_t i = due.booked; i < wins.size(); ++i) {
      for (const LotteryApplication* a : mine) {
        if (a->id == wins[i].application) out.push_back(a);
      }
    }
  }
  return out;
}

int BookingState::upcoming_first_come(const std::string& user, Date today) const {
  auto it = first_come_last_nights.find(user);
  if (it == first_come_last_nights.end()) return 0;
  const auto& nights = it->second;
  return static_cast<int>(nights.end() -
                          std::lower_bound(nights.begin(), nights.end(), today.days));
}

const Suspension* BookingState::suspension_on(const std::string& user, Date day) const {
  auto it = suspensions.find(user);
  return it == suspensions.end() ? nullptr : in_force_on(it->second, day);
}

const Suspension* BookingState::suspension_named(const std::string& user, const std::string& id,
                                                 Date day) const {
  auto it = suspensions.find(user);
  return it == suspensions.end() ? nullptr : in_force_named(it->second, id, day);
}

std::map<int, int> BookingState::reduced_nights_used(const std::string& user,
                                                     const Reservation* leaving) const {
  std::map<int, int> used;
  if (auto it = reduced_nights.find(user); it != reduced_nights.end()) used = it->second;
  if (leaving && leaving->active() && leaving->price) {
    for (const auto& [year, nights] : reduced_nights_by_fiscal_year(*leaving->price)) {
      if ((used[year] -= nights) <= 0) used.erase(year);
    }
  }
  return used;
}

}  // namespace hoyo::domain
