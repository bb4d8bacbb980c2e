#include "domain/event_codec_facility.h"

#include "domain/event_codec_internal.h"
#include "domain/event_codec_penalties.h"
#include "domain/event_codec_rates.h"
#include "domain/event_codec_waitlist.h"

namespace hoyo::domain::internal {

namespace s = schema;

void put_facility(s::Facility::Builder b, const Facility& f) {
  b.setId(text(f.id));
  b.setName(text(f.name));
  b.setNameEn(text(f.name_en));
  auto types = b.initRoomTypes(static_cast<unsigned>(f.room_types.size()));
  for (unsigned i = 0; i < f.room_types.size(); ++i) {
    types[i].setStyle(static_cast<s::RoomStyle>(f.room_types[i].style));
    types[i].setRooms(static_cast<std::uint32_t>(f.room_types[i].rooms));
    types[i].setCapacity(static_cast<std::uint32_t>(f.room_types[i].capacity));
  }
  b.setStyleWish(f.style_wish);
  auto r = b.initRules();
  r.setOpenMonthsBefore(f.rules.open_months_before);
  r.setOpenHour(f.rules.open_hour);
  r.setCloseDaysBefore(f.rules.close_days_before);
  r.setChangeCloseDaysBefore(f.rules.change_close_days_before);
  r.setCancelCloseDaysBefore(f.rules.cancel_close_days_before);
  r.setMaxUpcoming(f.rules.max_upcoming);
  r.setMaxNights(f.rules.max_nights);
  auto closed = b.initClosed(static_cast<unsigned>(f.closed.size()));
  unsigned i = 0;
  for (Date d : f.closed) closed.set(i++, d.days);
  put_rates(b, f.rates);
  put_penalty_overrides(b, f.penalties);
  put_waitlist_settings(b, f.waitlist);
}

Facility get_facility(s::Facility::Reader b) {
  Facility f;
  f.id = str(b.getId());
  f.name = str(b.getName());
  f.name_en = str(b.getNameEn());
  for (auto t : b.getRoomTypes()) {
    f.room_types.push_back({static_cast<RoomStyle>(t.getStyle()), static_cast<int>(t.getRooms()),
                            static_cast<int>(t.getCapacity())});
  }
  f.style_wish = b.getStyleWish();
  auto r = b.getRules();
  f.rules = {r.getOpenMonthsBefore(),
             r.getOpenHour(),
             r.getCloseDaysBefore(),
             r.getChangeCloseDaysBefore(),
             r.getCancelCloseDaysBefore(),
             r.getMaxUpcoming(),
             r.getMaxNights()};
  for (auto d : b.getClosed()) f.closed.insert(Date{d});
  f.rates = get_rates(b);
  f.penalties = get_penalty_overrides(b);
  f.waitlist = get_waitlist_settings(b);
  return f;
}

}  // namespace hoyo::domain::internal
