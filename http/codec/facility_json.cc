#include "http/codec/facility_json.h"

#include "domain/facility_revision.h"
#include "http/codec/penalty_json.h"
#include "http/codec/rates_json.h"
#include "http/codec/waitlist_json.h"

namespace hoyo::domain {

namespace json = boost::json;

void tag_invoke(json::value_from_tag, json::value& v, const RoomType& t) {
  v = {{"style", style_name(t.style)}, {"rooms", t.rooms}, {"capacity", t.capacity}};
}

void tag_invoke(json::value_from_tag, json::value& v, const BookingRules& r) {
  v = {{"openMonthsBefore", r.open_months_before},
       {"openHour", r.open_hour},
       {"closeDaysBefore", r.close_days_before},
       {"changeCloseDaysBefore", r.change_close_days_before},
       {"cancelCloseDaysBefore", r.cancel_close_days_before},
       {"maxUpcoming", r.max_upcoming},
       {"maxNights", r.max_nights}};
}

void tag_invoke(json::value_from_tag, json::value& v, const Facility& f) {
  json::array closed;
  for (const Date& d : f.closed) closed.push_back(json::string(d.to_string()));
  v = {{"id", f.id},
       {"name", f.name},
       {"nameEn", f.name_en},
       {"roomTypes", json::value_from(f.room_types)},
       {"styleWish", f.style_wish},
       {"closedDates", std::move(closed)},
       {"rules", json::value_from(f.rules)},
       {"rates", json::value_from(f.rates)},
       {"penalties", http::penalty_overrides_json(f.penalties)},
       {"waitlist", http::waitlist_settings_json(f.waitlist)}};
}

}  // namespace hoyo::domain

namespace hoyo::http {

boost::json::object operator_facility_json(const domain::Facility& f) {
  boost::json::object o = std::move(boost::json::value_from(f).as_object());
  o["revision"] = domain::facility_revision(f);
  return o;
}

boost::json::object public_facility_json(const domain::Facility& f) {
  boost::json::object o = std::move(boost::json::value_from(f).as_object());
  o.stable_erase("closedDates");
  o.stable_erase("rules");
  o.stable_erase("rates");
  o.stable_erase("penalties");
  return o;
}

boost::json::object event_facility_json(const domain::Facility& f) {
  boost::json::object o = std::move(boost::json::value_from(f).as_object());
  o.stable_erase("closedDates");
  return o;
}

}  // namespace hoyo::http
