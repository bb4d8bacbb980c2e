#include "http/problem.h"

#include <boost/json.hpp>

#include "http/messages.h"

namespace hoyo::http {

Response problem(boost::beast::http::status status, std::string_view code, std::string_view title,
                 std::string_view detail, unsigned version) {
  Response res{status, version};
  res.set(boost::beast::http::field::content_type, "application/problem+json");
  boost::json::object body{
      {"status", static_cast<int>(status)}, {"code", code}, {"title", title}, {"detail", detail}};
  res.body() = boost::json::serialize(body);
  res.prepare_payload();
  return res;
}

Response problem(const Request& req, boost::beast::http::status status, std::string_view code,
                 std::string_view title_ja, std::string_view title_en, std::string_view detail) {
  auto lang = req.find(boost::beast::http::field::accept_language);
  const bool english = lang != req.end() && lang->value().substr(0, 2) == "en";
  return problem(status, code, english ? title_en : title_ja, localize(detail, english),
                 req.version());
}

}  // namespace hoyo::http
