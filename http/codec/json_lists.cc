#include "http/codec/json_lists.h"

namespace hoyo::http {

boost::json::array dates_json(const std::vector<domain::Date>& dates) {
  boost::json::array a;
  for (const domain::Date& d : dates) a.push_back(boost::json::string(d.to_string()));
  return a;
}

boost::json::array people_json(const std::vector<int>& people) {
  boost::json::array a;
  for (int p : people) a.push_back(p);
  return a;
}

}  // namespace hoyo::http
