#include "domain/reservation_number.h"

namespace hoyo::domain {
namespace {

// The Damm quasigroup of order 10 (Damm 2004).
constexpr unsigned char kDamm[10][10] = {
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3}, {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6}, {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7}, {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

int damm_interim(std::string_view digits) {
  int interim = 0;
  for (char c : digits) interim = kDamm[interim][c - '0'];
  return interim;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

}  // namespace

char damm_check_digit(std::string_view digits) {
  return static_cast<char>('0' + damm_interim(digits));
}

bool valid_check_digit(std::string_view number) {
  return number.size() >= 2 && all_digits(number) && damm_interim(number) == 0;
}

std::string make_number(std::uint64_t random, int body_digits) {
  std::string s(static_cast<std::size_t>(body_digits), '0');
  for (int i = body_digits - 1; i >= 0; --i) {
    s[static_cast<std::size_t>(i)] = static_cast<char>('0' + random % 10);
    random /= 10;
  }
  if (s[0] == '0') s[0] = '1';  // no leading zero: the number reads the same as an integer
  s.push_back(damm_check_digit(s));
  return s;
}

}  // namespace hoyo::domain
