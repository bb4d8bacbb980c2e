// The scene's period whose wins the load confirms: opened by the operator
// with `confirmation: "required"` at kogen for the stay month `month` (not
// the load lottery's), committed to by the auditor, applied to by every load
// user (each for a night of its own, so each wins once), drawn and published,
// all within a minute of the test clock, which stays inside the load
// lottery's application window (lottery_setup.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http_client.h"
#include "model.h"
#include "world.h"

namespace hoyo::load {

// Runs that period through publication and puts each user's win (origin
// "lottery", confirmation "required") into its model; sets world.win_lottery.
// The reason on failure (a period that does not draw or publish as planned
// included).
std::optional<std::string> set_up_wins(HttpClient& http, const Staff& staff,
                                       const std::string& month, World& world,
                                       std::vector<UserModel>& users);

}  // namespace hoyo::load
