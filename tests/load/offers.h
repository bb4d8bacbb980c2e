// The scene's period whose runner-up offers the load answers: opened with
// `release: "runners_up"` and `confirmDays: 1` at seaside for the stay month
// `month`, one room held on each of its first nights, each night applied to
// by two users. The draw makes one winner a night; nobody confirms, and the
// test clock moves a second past the deadline (a day or two on), so every win
// lapses and its room is offered to the night's other applicant, whose offer
// stays open through the load: the clock does not move again and `offerBy`
// is days away. The period's releaseAt is past, so a declined offer's night,
// with nobody left to offer it to, goes to first-come at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http_client.h"
#include "model.h"
#include "world.h"

namespace hoyo::load {

// Runs that period through the lapses; sets world.offers and `lapsed_at`,
// the position of the lapses and offers. The clock has moved past every
// session's idle timeout: log in again before take_offers(). The reason on
// failure (a period that does not draw as planned included).
std::optional<std::string> lapse_offers(HttpClient& http, const Staff& staff,
                                        const std::string& month, World& world,
                                        const std::vector<UserModel>& users,
                                        std::uint64_t& lapsed_at);
// Puts each lapsed win (status "lapsed") and each open offer into its user's
// model, as their lists and the period's result show them at `lapsed_at`;
// the reason when a night has not one of each.
std::optional<std::string> take_offers(HttpClient& http, std::uint64_t lapsed_at,
                                       const World& world, std::vector<UserModel>& users);

}  // namespace hoyo::load
