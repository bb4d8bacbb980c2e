#include "http/read_routes.h"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <chrono>

#include "domain/civil_time.h"
#include "http/json_io.h"
#include "http/problem.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using namespace std::chrono_literals;

constexpr auto kMinPositionWait = 2000ms;

Response json_at(const Request& req, const json::value& body, std::uint64_t position) {
  Response res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.set("X-Log-Position", std::to_string(position));
  res.body() = json::serialize(body);
  res.prepare_payload();
  return res;
}

Response validation(const Request& req, std::string_view field, std::string_view message) {
  Response res{bhttp::status::unprocessable_entity, req.version()};
  res.set(bhttp::field::content_type, "application/problem+json");
  json::object body{{"status", 422},
                    {"code", "validation"},
                    {"title", "入力内容に誤りがあります"},
                    {"detail", message},
                    {"errors", json::array{json::object{
                                   {"field", field}, {"code", "invalid"}, {"message", message}}}}};
  res.body() = json::serialize(body);
  res.prepare_payload();
  return res;
}

Response stale(const Request& req) {
  Response res = problem(bhttp::status::service_unavailable, "stale", "まだ反映されていません",
                         "the requested log position is not applied yet", req.version());
  res.set(bhttp::field::retry_after, "1");
  return res;
}

json::object facility_json(const domain::Facility& f) {
  json::array types;
  for (const domain::RoomType& t : f.room_types) {
    types.push_back(json::object{
        {"style", domain::style_name(t.style)}, {"rooms", t.rooms}, {"capacity", t.capacity}});
  }
  return {{"id", f.id},
          {"name", f.name},
          {"nameEn", f.name_en},
          {"roomTypes", std::move(types)},
          {"styleWish", f.style_wish}};
}

std::optional<std::string> query_param(const Request& req, std::string_view name) {
  auto url =
      boost::urls::parse_origin_form(std::string_view(req.target().data(), req.target().size()));
  if (!url) return std::nullopt;
  for (const auto& p : url->params()) {
    if (p.key == name) return std::string(p.value);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Response> read_route(const Request& req, std::string_view path, Services& services) {
  const bool facilities = path == "/api/facilities";
  const bool vacancy = path.rfind("/api/vacancy/", 0) == 0 && path != "/api/vacancy/live";
  if (!facilities && !vacancy) return std::nullopt;
  if (req.method() != bhttp::verb::get && req.method() != bhttp::verb::head) {
    Response res = problem(bhttp::status::method_not_allowed, "method_not_allowed",
                           "method not allowed", "use GET", req.version());
    res.set(bhttp::field::allow, "GET, HEAD");
    return res;
  }
  const domain::Instant now = services.clock().now();
  std::optional<Response> answer;
  const std::uint64_t seen = services.projections().read_as<projections::StayView>(
      projections::StayView::kName, min_position(req), kMinPositionWait,
      [&](const projections::StayView& view) {
        if (facilities) {
          json::array list;
          for (const domain::Facility* f : view.facilities()) list.push_back(facility_json(*f));
          answer = json_at(req, list, services.projections().position());
          return;
        }
        // /api/vacancy/{facilityId}/calendar | /week
        const std::string_view rest = path.substr(std::string_view("/api/vacancy/").size());
        const auto slash = rest.find('/');
        const std::string id(rest.substr(0, slash));
        const std::string_view kind = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
        const domain::Facility* f = view.facility(id);
        if (!f || (kind != "calendar" && kind != "week")) {
          answer = problem(bhttp::status::not_found, "not_found", "見つかりません",
                           "no such facility or view: " + std::string(path), req.version());
          return;
        }
        json::array days;
        if (kind == "calendar") {
          const std::string month =
              query_param(req, "month").value_or(domain::tokyo_date(now).to_string().substr(0, 7));
          const auto first = domain::Date::parse(month + "-01");
          if (!first || month.size() != 7) {
            answer = validation(req, "month", "month は YYYY-MM で指定してください");
            return;
          }
          int months = 2;
          if (auto m = query_param(req, "months")) {
            months = (m->size() == 1 && (*m)[0] >= '1' && (*m)[0] <= '3') ? (*m)[0] - '0' : 0;
          }
          if (months == 0) {
            answer = validation(req, "months", "months は 1 から 3 で指定してください");
            return;
          }
          const domain::Date end = first->first_of_month_plus(months);
          for (const auto& d : view.vacancy(id, *first, end.days - first->days, now)) {
            days.push_back({{"date", d.date.to_string()},
                            {"freeRooms", d.free_rooms},
                            {"totalRooms", d.total_rooms},
                            {"symbol", projections::mark_symbol(d.mark)},
                            {"bookable", d.bookable}});
          }
        } else {
          const auto from = domain::Date::parse(
              query_param(req, "from").value_or(domain::tokyo_date(now).to_string()));
          if (!from) {
            answer = validation(req, "from", "from は YYYY-MM-DD で指定してください");
            return;
          }
          for (const auto& d : view.vacancy(id, *from, 7, now)) {
            json::object by_style;
            for (const domain::RoomType& t : f->room_types) {
              by_style[domain::style_name(t.style)] = d.free_by_style[static_cast<int>(t.style)];
            }
            days.push_back({{"date", d.date.to_string()},
                            {"freeRooms", d.free_rooms},
                            {"byStyle", std::move(by_style)},
                            {"bookable", d.bookable}});
          }
        }
        answer = json_at(req, json::object{{"facilityId", id}, {"days", std::move(days)}},
                         services.projections().position());
      });
  if (seen == 0 || !answer) return stale(req);
  return answer;
}

}  // namespace hoyo::http
