// Staff accounts as JSON: the list an administrator reads (GET
// /api/admin/staff, hoyoctl operator list) and the body that adds one.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "accounts/account_service.h"
#include "base/status.h"

namespace hoyo::http {

// "off", "pending" or "on".
const char* second_factor_name(accounts::SecondFactorStatus s);

// {login, role, status: "active"|"disabled", totp: "off"|"pending"|"on"}.
boost::json::object staff_json(const accounts::StaffAccount& a);

// POST /api/admin/staff: {login, role: "operator"|"auditor"|"admin",
// password}, each a required string, no other field (kValidation naming it).
// The login's syntax and the password's policy are the account service's.
struct StaffAddition {
  std::string login;
  domain::OperatorRole role = domain::OperatorRole::kOperator;
  std::string password;
};
base::Result<StaffAddition> staff_addition_of(const boost::json::object& o);

}  // namespace hoyo::http
