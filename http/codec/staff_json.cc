#include "http/codec/staff_json.h"

#include "http/codec/json_io.h"

namespace hoyo::http {

namespace json = boost::json;

const char* second_factor_name(accounts::SecondFactorStatus s) {
  switch (s) {
    case accounts::SecondFactorStatus::kOff:
      return "off";
    case accounts::SecondFactorStatus::kPending:
      return "pending";
    case accounts::SecondFactorStatus::kOn:
      return "on";
  }
  return "off";
}

json::object staff_json(const accounts::StaffAccount& a) {
  return {{"login", a.login},
          {"role", domain::role_name(a.role)},
          {"status", a.disabled ? "disabled" : "active"},
          {"totp", second_factor_name(a.second_factor)}};
}

base::Result<StaffAddition> staff_addition_of(const json::object& o) {
  if (base::Status e = only_fields(o, {"login", "role", "password"}); !e.ok()) return e.error();
  StaffAddition out;
  std::string role;
  if (base::Status e =
          strings(o, {{"login", &out.login}, {"role", &role}, {"password", &out.password}});
      !e.ok()) {
    return e.error();
  }
  auto named = domain::role_named(role);
  if (!named) return base::Error::validation("role", "invalid", base::MessageId::kStaffRole);
  out.role = *named;
  return out;
}

}  // namespace hoyo::http
