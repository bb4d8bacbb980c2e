// The cancellation waitlist (docs/api.md "Cancellation waitlist"): a user
// joins the list for a sold-out stay, lists their entries (with the offer
// open to each) and deletes one. Offers are answered through the offer routes
// (offer_routes.cc), as runner-up offers are.
#include <boost/json.hpp>

#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/app/submit.h"
#include "http/codec/json_io.h"
#include "http/codec/stay_body.h"
#include "http/codec/stay_json.h"
#include "http/codec/waitlist_json.h"
#include "http/routes/routes.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using projections::StayView;

// POST /api/waitlist {facilityId, checkIn, nights, people?, guests?,
// reduction?, roomStyle?} (the booking's stay fields, stay_of): 201 with the
// entry.
void join(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto stay = stay_of(*o);
  if (!stay.ok()) return call.fail(stay.error());
  domain::JoinWaitlist c{*user,        stay->facility, stay->check_in,
                         stay->nights, stay->people,   stay->wish,
                         {},           stay->guests,   stay->reduction};
  submit_command(call, domain::Actor::user(*user), std::move(c), true,
                 [](const Call& call, const processor::Outcome& out) {
                   for (const domain::Event& e : out.events) {
                     if (auto* joined = std::get_if<domain::WaitlistJoined>(&e)) {
                       return call.json(bhttp::status::created,
                                        waitlist_entry_json(joined->entry, nullptr),
                                        out.last_position);
                     }
                   }
                   call.fail({base::ErrorCode::kFailed, base::MessageId::kNoWaitlistEntry});
                 });
}

// GET /api/waitlist: the user's active entries, in the order joined.
void list(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  read_view<StayView>(call, StayView::kName, 0, [call, user = *user](const StayView& v) {
    json::array items;
    for (const domain::WaitlistEntry* e : domain::active_entries_of(v.waitlist(), user)) {
      const domain::WaitlistOffer* offer = nullptr;
      if (auto o = v.waitlist().offers.find(e->offer); o != v.waitlist().offers.end()) {
        offer = &o->second;
      }
      items.push_back(waitlist_entry_json(*e, offer));
    }
    return json_answer(call.req, bhttp::status::ok, items);
  });
}

// DELETE /api/waitlist/{entryId}: 204, with the position of the write.
void leave(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  submit_command(call, domain::Actor::user(*user), domain::LeaveWaitlist{*user, call.param(0)},
                 false, [](const Call& call, const processor::Outcome& out) {
                   // An entry left with its offer open passes the room on: the
                   // next pick is due at once.
                   call.services().wake_scheduler();
                   Response res = no_content(call.req);
                   res.set("X-Log-Position", std::to_string(out.last_position));
                   call.answer(std::move(res));
                 });
}

}  // namespace

void add_waitlist_routes(Router& r) {
  r.add(bhttp::verb::post, "/api/waitlist", join);
  r.add(bhttp::verb::get, "/api/waitlist", list);
  r.add(bhttp::verb::delete_, "/api/waitlist/{entryId}", leave);
}

}  // namespace hoyo::http
