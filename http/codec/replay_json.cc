#include "http/codec/replay_json.h"

#include "http/codec/stay_json.h"

namespace hoyo::http {

namespace json = boost::json;

base::Result<json::object> replay_json(const projections::StayView& view, std::uint64_t position,
                                       domain::Instant at, const ReplayQuery& q) {
  json::object body{{"position", position}, {"at", domain::format_rfc3339_tokyo(at)}};
  if (q.facility) {
    auto from = domain::Date::parse(q.from.value_or(domain::tokyo_date(at).to_string()));
    if (!from) {
      return base::Error::validation("from", "format", base::MessageId::kFieldDate,
                                     {{"field", "from"}});
    }
    json::array days;
    for (const auto& d : view.vacancy(*q.facility, *from, 31, at)) {
      days.push_back({{"date", d.date.to_string()},
                      {"freeRooms", d.free_rooms},
                      {"totalRooms", d.total_rooms},
                      {"symbol", projections::mark_symbol(d.mark)}});
    }
    body["vacancy"] = json::object{{"facilityId", *q.facility}, {"days", std::move(days)}};
  }
  if (q.reservation) {
    if (auto r = view.reservation(*q.reservation)) {
      body["reservation"] = reservation_json(*r, false, false);
    } else {
      body["reservation"] = nullptr;
    }
  }
  if (q.user) {
    json::array reservations, applications;
    // The auditor sees every reservation, also a win not yet shown to its holder.
    for (const auto& m : view.all_reservations_of(*q.user, at)) {
      reservations.push_back(reservation_json(m.reservation, m.changeable, m.cancellable));
    }
    for (const domain::LotteryPeriod* p : view.lotteries()) {
      for (const auto& a : view.applications_of(*q.user, p->id)) {
        applications.push_back(application_json(a));
      }
    }
    body["user"] = json::object{{"userNumber", *q.user},
                                {"reservations", std::move(reservations)},
                                {"applications", std::move(applications)}};
  }
  return body;
}

}  // namespace hoyo::http
