#include "domain/publication_snapshot.h"

namespace hoyo::domain {

void save_wins_to_book(SnapshotWriter& w, const BookingState& s) {
  w.u64(s.wins_to_book.size());
  for (const auto& [lottery, t] : s.wins_to_book) {
    w.str(lottery);
    w.i64(t.at);
    w.u64(t.booked);
  }
  w.u64(s.results_to_tell.size());
  for (const auto& [lottery, t] : s.results_to_tell) {
    w.str(lottery);
    w.u64(t.wins.size());
    for (const auto& [user, wins] : t.wins) {
      w.str(user);
      w.u64(wins.size());
      for (const BookedWin& b : wins) {
        w.str(b.number);
        w.str(b.facility);
        w.i64(b.check_in.days);
        w.u64(static_cast<std::uint64_t>(b.nights));
        w.u64(b.people.size());
        for (int p : b.people) w.u64(static_cast<std::uint64_t>(p));
        w.u64(static_cast<std::uint64_t>(b.style));
        w.u64(static_cast<std::uint64_t>(b.confirmation));
        w.i64(b.confirm_by);
      }
    }
  }
}

void restore_wins_to_book(SnapshotReader& r, BookingState& s) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string lottery = r.str();
    WinsToBook t;
    t.at = r.i64();
    const std::uint64_t booked = r.u64();
    if (r.failed()) return;
    auto drawn = s.draws.find(lottery);
    if (drawn == s.draws.end() || booked >= drawn->second.wins.size()) return r.reject();
    t.booked = static_cast<std::uint32_t>(booked);
    s.wins_to_book[std::move(lottery)] = t;
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    auto told = s.results_to_tell.find(r.str());
    if (r.failed()) return;
    if (told == s.results_to_tell.end()) return r.reject();
    for (std::uint64_t users = r.u64(); users > 0 && !r.failed(); --users) {
      std::vector<BookedWin>& wins = told->second.wins[r.str()];
      for (std::uint64_t k = r.u64(); k > 0 && !r.failed(); --k) {
        BookedWin b;
        b.number = r.str();
        b.facility = r.str();
        b.check_in = Date{static_cast<std::int32_t>(r.i64())};
        b.nights = static_cast<int>(r.u64());
        for (std::uint64_t p = r.u64(); p > 0 && !r.failed(); --p) {
          b.people.push_back(static_cast<int>(r.u64()));
        }
        const std::uint64_t style = r.u64();
        const std::uint64_t confirmation = r.u64();
        b.confirm_by = r.i64();
        if (style >= kStyleCount || confirmation > 2) return r.reject();
        b.style = static_cast<RoomStyle>(style);
        b.confirmation = static_cast<Confirmation>(confirmation);
        wins.push_back(std::move(b));
      }
    }
  }
}

void save_publication_rates(SnapshotWriter& w, const BookingState& s) {
  w.u64(s.wins_to_book.size());
  for (const auto& [lottery, t] : s.wins_to_book) {
    w.str(lottery);
    w.u64(t.rates.size());
    for (const auto& [facility, rates] : t.rates) {
      Facility f;  // the rate tables travel as the event schema holds them
      f.id = facility;
      f.rates = rates;
      w.event(FacilityRegistered{std::move(f)});
    }
  }
}

void restore_publication_rates(SnapshotReader& r, BookingState& s) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    auto due = s.wins_to_book.find(r.str());
    if (r.failed()) return;
    if (due == s.wins_to_book.end()) return r.reject();
    for (std::uint64_t k = r.u64(); k > 0 && !r.failed(); --k) {
      Facility f = r.event<FacilityRegistered>().facility;
      if (r.failed()) return;
      due->second.rates[f.id] = std::move(f.rates);
    }
  }
}

void recall_publication_rates(BookingState& s) {
  for (auto& [lottery, due] : s.wins_to_book) {
    for (const DrawWin& w : s.draws.at(lottery).wins) {
      const std::string& facility = s.applications.at(w.application).facility;
      if (const Facility* f = s.facility(facility)) due.rates[facility] = f->rates;
    }
  }
}

void recall_booked_wins(BookingState& s) {
  if (s.results_to_tell.empty()) return;
  for (const auto& [user, numbers] : s.by_user) {
    for (const std::string& number : numbers) {
      const Reservation& r = s.reservations.at(number);
      if (r.origin != Origin::kLottery) continue;
      auto a = s.applications.find(r.application);
      if (a == s.applications.end()) continue;
      auto t = s.results_to_tell.find(a->second.lottery);
      if (t != s.results_to_tell.end()) t->second.wins[user].push_back(booked_win(r));
    }
  }
}

}  // namespace hoyo::domain
