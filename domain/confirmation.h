// Win confirmation (当選確定, docs/lottery.md "Win confirmation"): the
// deadlines of a lottery win that must be confirmed, and when a lapsed win's
// room goes back to first-come. Pure functions of the period, the facility's
// rules and instants.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/civil_time.h"
#include "domain/facility.h"

namespace hoyo::domain {

// Per period: whether its wins must be confirmed. Periods opened before the
// setting existed read as kNone (their wins are final at publication).
enum class ConfirmationRule : std::uint8_t { kNone = 0, kRequired = 1 };
const char* confirmation_rule_name(ConfirmationRule r);  // "none", "required"

// Per period: where a lapsed win's room goes: to first-come, or first
// offered to runners-up in the draw's order (offer.h), what is left to
// first-come.
enum class ReleaseRule : std::uint8_t { kFirstCome = 0, kRunnersUp = 1 };
const char* release_rule_name(ReleaseRule r);  // "first_come", "runners_up"

// Per reservation: kNone for first-come bookings and final wins; kRequired
// while a win awaits its confirmation; kConfirmed once confirmed.
enum class Confirmation : std::uint8_t { kNone = 0, kRequired = 1, kConfirmed = 2 };
const char* confirmation_name(Confirmation c);  // "none", "required", "confirmed"

inline constexpr int kDefaultConfirmDays = 7;
inline constexpr int kMinConfirmDays = 1;
inline constexpr int kMaxConfirmDays = 60;
// How long before the lapse the confirmation reminder is due, by default.
inline constexpr Instant kDefaultConfirmReminderBefore = 2 * kMicrosPerDay;

// A win's deadline, the last second it can be confirmed: 23:59:59 Tokyo time
// on the day `confirm_days` days after the publication's Tokyo day, or the
// last second of the stay's first-come window (first_come_closes - 1 s),
// whichever comes first.
Instant win_confirm_by(int confirm_days, const BookingRules& rules, Date check_in,
                       Instant published_at);

// When an unconfirmed win lapses: the end of its deadline's last second.
Instant lapse_due(Instant confirm_by);

// When a lapsed win's room is released to first-come: the later of the
// period's release_at (when given, non-zero) or else 12:00 Tokyo time on the
// day after the deadline's day, and the lapse itself.
Instant release_due(Instant release_at, Instant confirm_by);

// When the confirmation reminder is due: `before` ahead of the lapse.
Instant reminder_due(Instant confirm_by, Instant before);

// The nights of a stay a release at `at` frees: those whose own first-come
// window (a stay checking in that night) is still open at `at`. The others
// stay held: first-come can no longer sell them.
std::vector<Date> nights_to_free(const BookingRules& rules, Date check_in, int nights, Instant at);

}  // namespace hoyo::domain
