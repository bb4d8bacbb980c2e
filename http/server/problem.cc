#include "http/server/problem.h"

#include <boost/json.hpp>


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

}  // namespace hoyo::http
