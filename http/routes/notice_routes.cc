// Notices (お知らせ) and notice preferences: a user's own list with its unread
// count, read marks, the language and reminder choice (PATCH /api/me); the
// operators' view of every notice's delivery and the list to post.
#include <boost/json.hpp>

#include "domain/notice_limits.h"
#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/app/submit.h"
#include "http/codec/me_json.h"
#include "http/codec/stay_json.h"
#include "http/routes/routes.h"
#include "projections/notice_board.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using projections::Delivery;
using projections::Notice;
using projections::NoticeBoard;

constexpr std::uint64_t kMaxPage = 100;

json::object notice_json(const Notice& n) {
  json::object o{{"noticeId", n.issued.id},
                 {"kind", domain::notice_kind_name(n.issued.kind)},
                 {"at", domain::format_rfc3339_tokyo(n.issued.at)},
                 {"subject", n.issued.subject},
                 {"body", n.issued.body},
                 {"read", n.read}};
  if (n.issued.confirm_by != 0) o["confirmBy"] = domain::format_rfc3339_tokyo(n.issued.confirm_by);
  // Where it is answered (the notice mails link there too).
  if (const char* screen = domain::notice_screen(n.issued.kind, n.issued.confirm_by)) {
    o["link"] = screen;
  }
  return o;
}

struct Page {
  std::uint64_t offset = 0;
  std::uint64_t limit = 20;
};

base::Result<Page> page_of(const Call& call) {
  auto offset = call.number_query("offset", 0);
  auto limit = call.number_query("limit", 20);
  if (!offset) {
    return Error::validation("offset", "invalid", base::MessageId::kFieldRange,
                             {{"field", "offset"}, {"min", 0}, {"max", 1000000000}});
  }
  if (!limit || *limit == 0 || *limit > kMaxPage) {
    return Error::validation("limit", "out_of_range", base::MessageId::kFieldRange,
                             {{"field", "limit"}, {"min", 1}, {"max", 100}});
  }
  return Page{*offset, *limit};
}

// GET /api/me/notices: the user's notices, newest first; X-Total-Count and
// X-Unread-Count tell the whole list.
void list_notices(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  auto page = page_of(call);
  if (!page.ok()) return call.fail(page.error());
  read_view<NoticeBoard>(call, NoticeBoard::kName, 0,
                         [call, user = *user, page = *page](const NoticeBoard& b) {
                           json::array list;
                           for (const Notice* n : b.of_user(user, page.offset, page.limit)) {
                             list.push_back(notice_json(*n));
                           }
                           Response res = json_answer(call.req, bhttp::status::ok, list);
                           res.set("X-Total-Count", std::to_string(b.count(user)));
                           res.set("X-Unread-Count", std::to_string(b.unread(user)));
                           return res;
                         });
}

// GET /api/me/notices/summary: {total, unread}, for the menu's count.
void notice_summary(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  read_view<NoticeBoard>(call, NoticeBoard::kName, 0, [call, user = *user](const NoticeBoard& b) {
    return json_answer(call.req, bhttp::status::ok,
                       json::object{{"total", b.count(user)}, {"unread", b.unread(user)}});
  });
}

// Records the read marks (none to record: 204 at once).
void mark_read(const Call& call, const std::string& user, std::vector<std::string> ids) {
  if (ids.empty()) return call.no_content();
  submit_command(call, domain::Actor::user(user), domain::MarkNoticesRead{user, std::move(ids)},
                 false, [](const Call& call, const processor::Outcome& out) {
                   Response res = no_content(call.req);
                   res.set("X-Log-Position", std::to_string(out.last_position));
                   call.answer(std::move(res));
                 });
}

// Runs `fn(const NoticeBoard&)` under the board's read lock once it has
// applied the request's X-Min-Position (without waiting on a thread), then
// `then(position read)` after the lock is released; answers 503 stale when
// it cannot read.
template <class F, class G>
void with_board(const Call& call, F fn, G then) {
  after_min_position(call, [call, fn, then]() mutable {
    const std::uint64_t seen = call.services().projections().read_as<NoticeBoard>(
        NoticeBoard::kName, min_position(call.req), kNoWait, fn);
    if (seen == 0) return call.answer(stale_answer(call.req));
    then(seen);
  });
}

// POST /api/me/notices/{noticeId}/read: 204; 404 for a notice not the user's.
void read_one(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  struct Seen {
    bool found = false, unread = false;
  };
  auto seen = std::make_shared<Seen>();
  with_board(
      call,
      [seen, user = *user, id = call.param(0)](const NoticeBoard& b) {
        const Notice* n = b.find(user, id);
        seen->found = n != nullptr;
        seen->unread = n && !n->read;
      },
      [call, seen, user = *user](std::uint64_t) {
        if (!seen->found) return call.fail({ErrorCode::kNotFound, base::MessageId::kNoSuchNotice});
        mark_read(
            call, user,
            seen->unread ? std::vector<std::string>{call.param(0)} : std::vector<std::string>{});
      });
}

// POST /api/me/notices/read: marks every notice of the user read (the newest
// domain::kMaxNoticesMarkedAtOnce when there are more); 204.
void read_all(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  auto ids = std::make_shared<std::vector<std::string>>();
  with_board(
      call,
      [ids, user = *user](const NoticeBoard& b) {
        *ids = b.unread_ids(user);  // oldest first: the newest are kept
        if (ids->size() > domain::kMaxNoticesMarkedAtOnce) {
          ids->erase(ids->begin(), ids->end() - domain::kMaxNoticesMarkedAtOnce);
        }
      },
      [call, ids, user = *user](std::uint64_t) { mark_read(call, user, std::move(*ids)); });
}

// PATCH /api/me {language?, reminders?}: 200 with GET /api/me's object.
void patch_me(Call& call) {
  auto user = require_user(call, true);
  if (!user.ok()) return call.fail(user.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto me = call.services().accounts().profile(*user);
  if (!me.ok()) return call.fail(me.error());
  domain::SetPreferences change{*user, std::nullopt, std::nullopt};
  if (const json::value* v = o->if_contains("language")) {
    if (v->is_string() && v->as_string() == "ja") {
      change.language = domain::Language::kJa;
    } else if (v->is_string() && v->as_string() == "en") {
      change.language = domain::Language::kEn;
    } else {
      return call.fail(Error::validation("language", "invalid", base::MessageId::kOneOf,
                                         {{"a", "ja"}, {"b", "en"}}));
    }
  }
  if (const json::value* v = o->if_contains("reminders")) {
    if (!v->is_bool()) {
      return call.fail(Error::validation("reminders", "type", base::MessageId::kFieldNotBoolean,
                                         {{"field", "reminders"}}));
    }
    change.reminders = v->as_bool();
  }
  if (!change.language && !change.reminders) return call.json(bhttp::status::ok, me_json(*me));
  // The writer merges the choices given with the ones it holds (a change of
  // the other choice at the same moment is kept) and writes nothing when
  // nothing changes; the answer shows what it holds then.
  accounts::UserLogin answer = *me;
  if (change.language) answer.preferences.language = *change.language;
  if (change.reminders) answer.preferences.reminders = *change.reminders;
  submit_command(call, domain::Actor::user(*user), std::move(change), false,
                 [answer](const Call& call, const processor::Outcome& out) mutable {
                   for (const domain::Event& e : out.events) {
                     if (const auto* set = std::get_if<domain::PreferencesSet>(&e)) {
                       answer.preferences = {set->language, set->reminders};
                     }
                   }
                   if (out.events.empty()) return call.json(bhttp::status::ok, me_json(answer));
                   call.json(bhttp::status::ok, me_json(answer), out.last_position);
                 });
}

// GET /api/operator/notices?delivery=post|queued|sent|failed: every notice's
// delivery, newest first, as {total, notices}. Posted ones carry the name and
// address to print.
void operator_notices(Call& call) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok()) {
    return call.fail(who.error());
  }
  std::optional<Delivery> only;
  if (auto d = call.query("delivery")) {
    for (Delivery x : {Delivery::kPost, Delivery::kQueued, Delivery::kSent, Delivery::kFailed}) {
      if (*d == projections::delivery_name(x)) only = x;
    }
    if (!only) {
      return call.fail(Error::validation("delivery", "invalid", base::MessageId::kDeliveryChoice));
    }
  }
  auto page = page_of(call);
  if (!page.ok()) return call.fail(page.error());
  // Copied out under the lock; the addresses are read after it.
  struct Found {
    std::vector<Notice> notices;
    std::size_t total = 0;
  };
  auto found = std::make_shared<Found>();
  with_board(
      call,
      [found, only, page = *page](const NoticeBoard& b) {
        for (const Notice* n :
             b.for_operators(only ? &*only : nullptr, page.offset, page.limit, found->total)) {
          found->notices.push_back(*n);
        }
      },
      [call, found](std::uint64_t at) {
        json::array list;
        for (const Notice& n : found->notices) {
          json::object o = notice_json(n);
          o.erase("read");
          o["userNumber"] = n.issued.user;
          o["language"] = domain::language_name(n.issued.language);
          o["delivery"] = projections::delivery_name(n.delivery);
          o["attempts"] = n.attempts;
          if (!n.error.empty()) o["error"] = n.error;
          if (n.delivery == Delivery::kPost || n.delivery == Delivery::kFailed) {
            if (auto who = call.services().accounts().profile(n.issued.user); who.ok()) {
              o["name"] = who->name;
              o["postalCode"] = who->postal_code;
              o["address"] = who->address;
            }
          }
          list.push_back(std::move(o));
        }
        Response res =
            json_answer(call.req, bhttp::status::ok,
                        json::object{{"total", found->total}, {"notices", std::move(list)}});
        res.set("X-Log-Position", std::to_string(at));
        call.answer(std::move(res));
      });
}

}  // namespace

void add_notice_routes(Router& r) {
  r.add(bhttp::verb::patch, "/api/me", patch_me);
  r.add(bhttp::verb::get, "/api/me/notices", list_notices);
  r.add(bhttp::verb::get, "/api/me/notices/summary", notice_summary);
  r.add(bhttp::verb::post, "/api/me/notices/read", read_all);
  r.add(bhttp::verb::post, "/api/me/notices/{noticeId}/read", read_one);
  r.add(bhttp::verb::get, "/api/operator/notices", operator_notices);
}

}  // namespace hoyo::http
