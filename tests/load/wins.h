// The scene's second lottery period, whose wins the load confirms: opened
// by the operator with `confirmation: "required"` for the stay month two
// months ahead (not the demo lottery's), committed to by the auditor, applied
// to by every load user (each for a night of its own, so each wins once),
// drawn and published, all within a minute of the test clock, which stays
// inside the demo lottery's application window.
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
std::optional<std::string> set_up_wins(HttpClient& http, const Staff& staff, World& world,
                                       std::vector<UserModel>& users);

}  // namespace hoyo::load
