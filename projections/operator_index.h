// O4 / O6: reservations by facility and night, for the operators' searches and
// a facility's daily guest list. By user and by number the booking projection
// answers directly (by_user, reservations).
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <string>
#include <vector>

#include "projections/huge_page_allocator.h"
#include "projections/projection.h"

namespace hoyo::projections {

class OperatorIndex final : public Projection {
 public:
  static constexpr const char* kName = "operator-index";
  const char* name() const override { return kName; }
  int version() const override { return 3; }
  bool wants(std::size_t index) const override {
    return index == domain::event_index_of<domain::ReservationBooked> ||
           index == domain::event_index_of<domain::ReservationChanged> ||
           index == domain::event_index_of<domain::ReservationCancelled> ||
           index == domain::event_index_of<domain::WinLapsed>;
  }
  void apply(const EventMeta& meta, const domain::Event& event) override;
  std::unique_ptr<Projection> empty() const override { return std::make_unique<OperatorIndex>(); }
  bool same_as(const Projection& other) const override;
  std::string save() const override;
  bool restore(std::string_view bytes) override;

  // Numbers of the active reservations at `facility` with a night in [from, to], sorted.
  std::vector<std::string> reservations_between(const std::string& facility, domain::Date from,
                                                domain::Date to) const;
  // The guest list: active reservations staying the night of `night`, sorted.
  std::vector<std::string> guests(const std::string& facility, domain::Date night) const;

 private:
  // Reservation numbers are digit strings of at most 18 digits
  // (reservation_number.h): kept as integers, behind a leading 1.
  using Number = std::uint64_t;
  struct Stay {
    std::uint32_t facility = 0;  // index into facilities_
    std::int32_t check_in = 0;
    std::int32_t nights = 1;
    bool operator==(const Stay&) const = default;
  };
  static Number number_of(const std::string& digits);
  std::uint32_t facility_index(const std::string& id);
  void index(Number number, const Stay& stay, bool add);

  BigMap<Number, Stay> active_;
  boost::unordered_flat_map<std::string, std::uint32_t> facility_ids_;
  std::vector<std::string> facilities_;
  // Per facility: night -> the numbers staying that night (unordered; a night
  // holds at most the facility's rooms, so removal scans a short list).
  std::vector<boost::unordered_flat_map<std::int32_t, std::vector<Number>>> nights_;
};

}  // namespace hoyo::projections
