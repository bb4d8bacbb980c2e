// The "stays" projection: vacancy (M6), the user menus (M3, M5, M7, M8) and
// the lottery views, in a compact layout built for folding millions of
// events: ids as integer keys (id_keys.h), reservations and applications in
// flat arrays, per-facility room counts in dense per-day arrays. It answers
// exactly what the same queries over domain::BookingState answer (the
// equivalence test checks that), at a fraction of the memory and time.
#pragma once

#include <array>
#include <boost/unordered/unordered_flat_map.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/lottery.h"
#include "domain/lottery_queries.h"
#include "domain/reservation.h"
#include "domain/waitlist.h"
#include "projections/huge_page_allocator.h"
#include "projections/id_keys.h"
#include "projections/projection.h"
#include "projections/user_menu.h"
#include "projections/vacancy_day.h"

namespace hoyo::projections {

class StayView final : public Projection {
 public:
  static constexpr const char* kName = "stays";
  const char* name() const override { return kName; }
  int version() const override { return 9; }  // 9: sealed override reasons; 8: the waitlist
  // Facilities, reservations and lotteries; no account events.
  bool wants(std::size_t index) const override { return !domain::is_account_event(index); }
  void apply(const EventMeta& meta, const domain::Event& event) override;
  std::unique_ptr<Projection> empty() const override { return std::make_unique<StayView>(); }
  bool same_as(const Projection& other) const override;
  std::string save() const override;
  bool restore(std::string_view bytes) override;

  // M6: the vacancy of `days` days from `from` (mark rule: domain/vacancy_mark.h).
  std::vector<VacancyDay> vacancy(const std::string& facility, domain::Date from, int days,
                                  domain::Instant now) const;
  // The first-come rooms of `style` free on `day` at `facility`, as
  // domain::Inventory::free_first_come counts them (0 on a closed day or at
  // an unknown facility).
  int free_first_come(const std::string& facility, domain::Date day, domain::RoomStyle style) const;
  // M7 / M8: as user_reservations() over the booking state (a win of a
  // period whose results are not out is left out).
  std::vector<MenuReservation> reservations_of(const std::string& user, domain::Instant now) const;
  // O4: every reservation of the user, those left out of reservations_of
  // included (the operators' view).
  std::vector<MenuReservation> all_reservations_of(const std::string& user,
                                                   domain::Instant now) const;
  std::optional<domain::Reservation> reservation(const std::string& number) const;
  // The reduced nights the user's active reservations use, by fiscal year (as
  // domain::BookingState::reduced_nights_used), less reservation `except`'s
  // own (a change never counts its own nights against itself).
  std::map<int, int> reduced_nights_used(const std::string& user,
                                         const std::string& except = {}) const;
  // M3 / M5: as domain::user_lottery_applications() and lottery_result().
  std::vector<domain::UserApplication> applications_of(const std::string& user,
                                                       const std::string& lottery) const;
  domain::LotteryResult result_of(const std::string& user, const std::string& lottery) const;
  // O6: every application in a lottery (all users), in the order they were made.
  std::vector<domain::UserApplication> applications_in(const std::string& lottery) const;

  const domain::Facility* facility(const std::string& id) const;
  std::vector<const domain::Facility*> facilities() const;  // in registration order
  const domain::LotteryPeriod* lottery(const std::string& id) const;
  // Whether the period's results are out: published, and every win booked
  // (as domain::BookingState::results_out).
  bool published(const std::string& lottery) const;
  bool drawn(const std::string& lottery) const;
  std::vector<const domain::LotteryPeriod*> lotteries() const;  // by id
  // Penalties (domain/penalties.h): the ward's rules, and the user's
  // suspensions not lifted, kept as the writer's state keeps them (some may
  // have ended: see domain::in_force_on).
  const domain::PenaltyRules& penalties() const { return penalties_; }
  domain::Suspensions suspensions(const std::string& user) const;
  // The ward's limits on stays (domain/stay_limits.h).
  const domain::StayLimits& limits() const { return limits_; }
  // Offers to runners-up (domain/offer.h): one by id, and every offer by id.
  const domain::Offer* offer(const std::string& id) const;
  const std::map<std::string, domain::Offer>& offers() const { return offers_; }
  // The cancellation waitlist (domain/waitlist.h), folded as the writer folds
  // it; its offers, as runner-up offers are shown, by id (domain::as_offer).
  // offer() finds these too.
  const domain::Waitlist& waitlist() const { return waitlist_; }
  const std::map<std::string, domain::Offer>& waitlist_offers() const { return waitlist_offers_; }

 private:
  using Key = IdKeys::Key;
  struct Counts {
    std::int32_t booked = 0;
    std::int32_t held = 0;
    bool operator==(const Counts&) const = default;
  };
  struct FacilityDays {
    domain::Facility facility;
    std::int32_t base = 0;  // the day of days[0]
    std::vector<std::array<Counts, domain::kStyleCount>> days;
    Counts& at(std::int32_t day, domain::RoomStyle s);
    Counts get(std::int32_t day, domain::RoomStyle s) const;
    bool operator==(const FacilityDays&) const = default;
  };
  struct Stay {
    Key number = 0, user = 0, application = 0;
    std::int64_t booked_at = 0;
    std::uint32_t facility = 0;
    std::int32_t check_in = 0;
    std::array<std::uint16_t, 2> people{};
    std::uint8_t nights = 1, style = 0, wish = 0, status = 0, origin = 0;
    std::uint8_t confirmation = 0;  // domain::Confirmation
    std::int64_t confirm_by = 0;
    bool operator==(const Stay&) const = default;
  };
  struct Application {
    Key id = 0, user = 0;
    std::int64_t applied_at = 0;
    std::uint32_t lottery = 0, facility = 0;
    std::int32_t check_in = 0;
    std::array<std::uint16_t, 2> people{};
    std::uint8_t nights = 1, wish = 0, preference = 1, status = 0;
    bool operator==(const Application&) const = default;
  };
  // What a stay records of its price (domain::has_price_record); most stays
  // of the past have none, so it is kept beside the flat array.
  struct Priced {
    std::vector<domain::Guests> guests;
    domain::Reduction reduction = domain::Reduction::kNone;
    std::optional<domain::Price> price;
    bool paid = false;
    bool operator==(const Priced&) const = default;
  };
  // What a stay records of penalties (domain::has_penalty_record), beside
  // the flat array like Priced.
  struct Penalized {
    domain::Attendance attendance = domain::Attendance::kUnknown;
    std::string override_reason;
    domain::SealedText sealed_override_reason;  // opened only where it is shown
    bool operator==(const Penalized&) const = default;
  };
  struct Lottery {
    domain::LotteryPeriod period;
    bool published = false;
    bool drawn = false;
    BigMap<Key, std::vector<std::uint32_t>> by_user;  // application indexes
    bool operator==(const Lottery&) const = default;
  };

  std::uint32_t facility_index(const std::string& id);
  void count(const Stay& s, int delta);
  // Keeps priced_ for stay `index` as `r` records it.
  void record_price(std::uint32_t index, const domain::Reservation& r);
  Stay* stay(const std::string& number);  // nullptr when unknown
  // As domain::BookingState::shown_to_holder.
  bool shown_to_holder(const Stay& s) const;
  // The user's reservations, by check-in then number; with `holder`, only
  // those shown to them.
  std::vector<MenuReservation> user_menu(const std::string& user, domain::Instant now,
                                         bool holder) const;
  domain::Reservation expand_stay(std::uint32_t index) const;
  // Application `index` (of applications_) with its claims.
  domain::LotteryApplication expand(std::uint32_t index) const;

  IdKeys ids_;
  std::vector<FacilityDays> facilities_;
  boost::unordered_flat_map<std::string, std::uint32_t> facility_ids_;
  BigVector<Stay> stays_;
  BigMap<Key, std::uint32_t> stay_index_;            // by reservation number
  BigMap<Key, std::vector<std::uint32_t>> by_user_;  // stays, in booking order
  std::map<std::uint32_t, Priced> priced_;           // by stay index
  std::map<std::uint32_t, Penalized> penalized_;     // by stay index
  domain::PenaltyRules penalties_;
  domain::StayLimits limits_;
  std::map<std::string, domain::Suspensions> suspensions_;  // by user number
  std::vector<Lottery> lotteries_;
  std::map<std::string, std::uint32_t> lottery_ids_;
  BigVector<Application> applications_;
  BigMap<Key, std::uint32_t> application_index_;
  std::map<std::string, domain::Offer> offers_;  // by id, with their status
  domain::Waitlist waitlist_;
  std::map<std::string, domain::Offer> waitlist_offers_;  // derived from waitlist_.offers
  // The guests and reduction of the applications that claim any (most claim
  // none), by application index, beside the flat array like priced_.
  std::map<std::uint32_t, Priced> claims_;
};

}  // namespace hoyo::projections
