// Reservation and user numbers: decimal digit strings ending in a Damm check
// digit, which catches every single-digit error and every swap of adjacent
// digits, as happen when a number is read over the phone.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hoyo::domain {

// The Damm check digit of a string of decimal digits.
char damm_check_digit(std::string_view digits);
// True when `number` is all digits and its last digit checks the others.
bool valid_check_digit(std::string_view number);
// `body_digits` digits taken from `random` (uniform up to a tiny bias), plus the
// check digit. The randomness comes from the caller (a CSPRNG in production),
// so numbers say nothing about each other.
std::string make_number(std::uint64_t random, int body_digits);

}  // namespace hoyo::domain
