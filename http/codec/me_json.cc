#include "http/codec/me_json.h"

namespace hoyo::http {

boost::json::object me_json(const accounts::UserLogin& u, bool full) {
  boost::json::object body{{"userNumber", u.user_number},
                           {"name", u.name},
                           {"mustChangePassword", u.must_change_password}};
  if (full) {
    body["category"] = domain::category_name(u.category);
    body["language"] = domain::language_name(u.preferences.language);
    body["reminders"] = u.preferences.reminders;
  }
  return body;
}

}  // namespace hoyo::http
