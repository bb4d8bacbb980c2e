#include "http/codec/me_json.h"

#include "http/codec/penalty_json.h"

namespace hoyo::http {

boost::json::object me_json(const accounts::UserLogin& u, bool full) {
  boost::json::object body{{"userNumber", u.user_number},
                           {"name", u.name},
                           {"mustChangePassword", u.must_change_password}};
  if (full) {
    body["category"] = domain::category_name(u.category);
    body["language"] = domain::language_name(u.preferences.language);
    body["reminders"] = u.preferences.reminders;
    if (u.suspension) add_suspension_json(body, *u.suspension);
    body["limits"] = limit_usage_json(u.limits);
  }
  return body;
}

}  // namespace hoyo::http
