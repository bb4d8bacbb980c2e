#include "bench/book_scene.h"

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "bench/hoyod_runner.h"
#include "domain/civil_time.h"

namespace hoyo::bench {
namespace {

namespace json = boost::json;

std::string form_part(const std::string& boundary, const std::string& name,
                      const std::string& value) {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
         value + "\r\n";
}

// Registers resident `i` (approved at once under the demo configuration) and
// logs in with the initial password; returns the session cookie or "".
std::string make_user(std::uint16_t port, int i) {
  const domain::Date birth = domain::Date{static_cast<std::int32_t>(-7000 + i)};  // 1950 on
  const std::string boundary = "hoyobench" + std::to_string(i);
  std::string body;
  const std::pair<const char*, std::string> fields[] = {
      {"nameKanji", "港 利用者"},
      {"nameKana", "ミナト　リヨウシャ"},
      {"birthDate", birth.to_string()},
      {"postalCode", "105-0011"},
      {"address", "東京都港区芝公園1-5-25"},
      {"phone", "0335782111"},
      {"email", "bench" + std::to_string(i) + "@example.jp"},
      {"category", "resident"},
      {"consent", "true"}};
  for (const auto& [k, v] : fields) body += form_part(boundary, k, v);
  body += "--" + boundary + "--\r\n";
  const HttpAnswer r = http_call(port, "POST", "/api/registrations", body, {},
                                 "multipart/form-data; boundary=" + boundary);
  if (r.status != 201) return {};
  const json::value v = json::parse(r.body);
  if (!v.as_object().contains("userNumber")) return {};
  std::string password = birth.to_string();
  password.erase(std::remove(password.begin(), password.end(), '-'), password.end());
  const HttpAnswer login = http_call(
      port, "POST", "/api/session",
      json::serialize(json::object{{"userNumber", v.at("userNumber")}, {"password", password}}));
  return login.status == 200 ? login.cookie : std::string();
}

}  // namespace

std::optional<BookScene> set_up_booking(std::uint16_t port, int facilities, int rooms, int users,
                                        const std::string& cookies_file, std::string* error) {
  const HttpAnswer op = http_call(port, "POST", "/api/operator/session",
                                  R"({"login":"demo-operator","password":"demo-operator-2026"})");
  if (op.status != 200) {
    *error = "operator login failed: " + op.body;
    return std::nullopt;
  }
  for (int f = 1; f <= facilities; ++f) {
    const json::object facility{
        {"name", "ベンチマーク保養所" + std::to_string(f)},
        {"roomTypes", json::array{{{"style", "standard"}, {"rooms", rooms}, {"capacity", 4}}}},
        {"rules", {{"maxUpcoming", 100}}}};
    const HttpAnswer r =
        http_call(port, "PUT", "/api/operator/facilities/bench-" + std::to_string(f),
                  json::serialize(facility), op.cookie);
    if (r.status != 201) {
      *error = "facility: " + r.body;
      return std::nullopt;
    }
  }
  std::vector<std::string> cookies(static_cast<std::size_t>(users));
  std::atomic<int> next{0}, failed{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&] {
      for (int i; (i = next++) < users;) {
        cookies[static_cast<std::size_t>(i)] = make_user(port, i);
        if (cookies[static_cast<std::size_t>(i)].empty()) ++failed;
      }
    });
  }
  for (auto& w : workers) w.join();
  if (failed > 0) {
    *error = std::to_string(failed.load()) + " users could not be made";
    return std::nullopt;
  }
  BookScene scene;
  scene.cookies_file = cookies_file;
  std::ofstream out(cookies_file);
  for (const auto& c : cookies) out << c << "\n";
  // Days well inside the first-come window: from 4 days out, for 37 days.
  const domain::Date today =
      domain::tokyo_date(std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count());
  scene.day_count = 37;
  for (int d = 0; d < scene.day_count; ++d) {
    scene.days += (d ? "," : "") + today.plus_days(4 + d).to_string();
  }
  return scene;
}

std::uint64_t head_at(std::uint16_t port) {
  const HttpAnswer h = http_call(port, "GET", "/api/health");
  return h.position.empty() ? 0 : std::stoull(h.position);
}

std::uint64_t wait_until_quiet(std::uint16_t port) {
  std::uint64_t before = 0;
  for (int i = 0; i < 120; ++i) {
    const std::uint64_t head = head_at(port);
    if (head == before) break;
    before = head;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  return before;
}

std::string booking_body(int facility, const std::string& day) {
  return R"({"facilityId":"bench-)" + std::to_string(facility) + R"(","checkIn":")" + day +
         R"(","nights":1,"people":[2]})";
}

}  // namespace hoyo::bench
