// The auditors' routes (an auditor's login): the log itself as JSON lines,
// verification of the whole history (A2), re-running a draw, every event about
// one subject (A3), and any read model as of a past position (A1); read-only
// but for the auditor's part of the two-party draw: the lottery periods, the
// commitment to a secret before the window and its reveal after.
#include <boost/json.hpp>

#include "base/hex.h"
#include "base/log.h"
#include "domain/event_codec.h"
#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/app/submit.h"
#include "http/codec/event_json.h"
#include "http/codec/json_io.h"
#include "http/codec/operator_json.h"
#include "http/codec/replay_json.h"
#include "http/codec/stay_json.h"
#include "http/routes/routes.h"
#include "processor/log_audit.h"
#include "processor/redraw_audit.h"
#include "projections/audit_index.h"
#include "projections/replay_at.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;

constexpr std::uint64_t kMaxLines = 10000;

Response ndjson(const Call& call, std::string body, std::uint64_t position) {
  Response res{bhttp::status::ok, call.req.version()};
  res.set(bhttp::field::content_type, "application/x-ndjson; charset=utf-8");
  res.set("X-Log-Position", std::to_string(position));
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

// A page of log lines: `from` (a position, default 1) and `limit` (1 to
// 10,000 lines, default 1,000). A reader asks for the next page from the last
// position it got + 1, until a page holds fewer than `limit` lines.
struct Page {
  std::uint64_t from = 1, limit = 1000;
};
base::Result<Page> page_of(const Call& call) {
  auto from = call.number_query("from", 1);
  auto limit = call.number_query("limit", 1000);
  if (!from || *from == 0) {
    return Error::validation("from", "invalid", base::MessageId::kFromPosition);
  }
  if (!limit || *limit == 0 || *limit > kMaxLines) {
    return Error::validation(
        "limit", "out_of_range", base::MessageId::kFieldRange,
        {{"field", "limit"}, {"min", 1}, {"max", static_cast<int>(kMaxLines)}});
  }
  return Page{*from, *limit};
}

void events(Call& call) {
  if (auto who = require_staff(call, StaffRole::kAuditor); !who.ok()) return call.fail(who.error());
  auto page = page_of(call);
  if (!page.ok()) return call.fail(page.error());
  call.off_thread([call, from = page->from, limit = page->limit]() -> Response {
    const accounts::PersonalDataVault* vault = &call.services().accounts().vault();
    std::string out;
    const std::uint64_t head = call.ctx.store->head();
    auto read = call.ctx.store->read_all(from, limit, [&](const eventstore::EventView& v) {
      out += json::serialize(audit_line(v, vault));
      out += '\n';
      return true;
    });
    if (!read.ok()) {
      return error_response(call.req, {ErrorCode::kFailed,
                                       base::MessageId::kLogUnreadable,
                                       {{"cause", read.status().to_string()}}});
    }
    return ndjson(call, std::move(out), head);
  });
}

// With `from` (a position), the check hoyoctl verify makes: positions, stream
// versions and the hash chain from there to the head, trusting what lies
// before it. Without it, the whole audit (A2: processor/log_audit.h).
void verify(Call& call) {
  if (auto who = require_staff(call, StaffRole::kAuditor); !who.ok()) return call.fail(who.error());
  if (call.query("from")) {
    auto from = call.number_query("from", 1);
    if (!from || *from == 0) {
      return call.fail(Error::validation("from", "invalid", base::MessageId::kFromPosition));
    }
    return call.off_thread([call, from = *from]() -> Response {
      const eventstore::VerifyReport r = call.ctx.store->verify(from);
      json::object body{{"ok", r.ok}, {"from", from}, {"checked", r.checked}};
      if (!r.ok) {
        body["firstFault"] = json::object{{"position", r.first_bad_position}, {"reason", r.reason}};
      }
      return json_answer(call.req, bhttp::status::ok, body);
    });
  }
  call.off_thread([call]() -> Response {
    const processor::LogAuditReport r = processor::audit_log(*call.ctx.store);
    json::object body{{"ok", r.ok}, {"checked", r.checked}, {"draws", json::value_from(r.draws)}};
    if (!r.ok) {
      body["firstFault"] = json::object{{"position", r.fault_position}, {"reason", r.first_fault}};
    }
    return json_answer(call.req, bhttp::status::ok, body);
  });
}

// The last position and its chain hash, read together (the hash is the
// stored event's, not the head's of a moment later).
void head(Call& call) {
  if (auto who = require_staff(call, StaffRole::kAuditor); !who.ok()) return call.fail(who.error());
  const std::uint64_t position = call.ctx.store->head();
  eventstore::Hash hash{};
  if (position > 0) {
    auto event = call.ctx.store->read_at(position);
    if (!event.ok()) return call.fail(event.error());
    hash = event->chain_hash;
  }
  call.json(bhttp::status::ok, json::object{{"position", position}, {"hash", base::to_hex(hash)}},
            position);
}

void redraw(Call& call) {
  if (auto who = require_staff(call, StaffRole::kAuditor); !who.ok()) return call.fail(who.error());
  call.off_thread([call, lottery = call.param(0)]() -> Response {
    const processor::RedrawReport r = processor::redraw_from_log(*call.ctx.store, lottery);
    if (!r.exists) {
      return error_response(
          call.req, {ErrorCode::kNotFound, base::MessageId::kNoLottery, {{"lottery", lottery}}});
    }
    if (!r.found) {  // its own code: hoyoctl tells it from an unknown period or route
      return problem(call.req, bhttp::status::not_found, "not_drawn",
                     base::MessageId::kTitleNotFound, base::MessageId::kLotteryNeverDrawn,
                     {{"lottery", lottery}});
    }
    json::object body{{"lotteryId", lottery}, {"identical", r.identical}};
    if (!r.identical) body["differences"] = json::array{json::string(r.difference)};
    return json_answer(call.req, bhttp::status::ok, body);
  });
}

void history(Call& call) {
  if (auto who = require_staff(call, StaffRole::kAuditor); !who.ok()) return call.fail(who.error());
  static const char* const kinds[] = {"user",         "reservation", "facility", "lottery",
                                      "registration", "operator",    "offer"};
  const std::string kind = call.param(0);
  if (std::find(std::begin(kinds), std::end(kinds), kind) == std::end(kinds)) {
    return call.fail({ErrorCode::kNotFound, base::MessageId::kNoHistory, {{"kind", kind}}});
  }
  auto page = page_of(call);
  if (!page.ok()) return call.fail(page.error());
  after_min_position(call, [call, key = kind + ":" + call.param(1), page = *page] {
    call.off_thread([call, key, page]() -> Response {
      std::vector<std::uint64_t> positions;
      call.services().projections().read_as<projections::AuditIndex>(
          projections::AuditIndex::kName, 0, kNoWait, [&](const projections::AuditIndex& index) {
            positions = index.positions(key, page.from, page.limit);
          });
      const accounts::PersonalDataVault* vault = &call.services().accounts().vault();
      auto lines = history_lines(*call.ctx.store, positions, vault);
      if (!lines.ok()) {
        base::log_line("error", "audit history: an indexed event cannot be read",
                       {{"subject", key}, {"error", lines.error().to_string()}});
        return internal_error(call.req);
      }
      std::string out;
      for (const json::object& line : *lines) {
        out += json::serialize(line);
        out += '\n';
      }
      return ndjson(call, std::move(out), call.ctx.store->head());
    });
  });
}

// A1: the vacancy of a facility, a reservation and a user as they were at a
// position (or at a time: the last position recorded by then): a fresh
// "stays" read model folded from the log up to it, read at the time that
// event was recorded.
void replay(Call& call) {
  if (auto who = require_staff(call, StaffRole::kAuditor); !who.ok()) return call.fail(who.error());
  std::optional<domain::Instant> time;
  if (auto at = call.query("at")) {
    time = domain::parse_rfc3339(*at);
    if (!time) {
      return call.fail(
          Error::validation("at", "format", base::MessageId::kFieldDateTime, {{"field", "at"}}));
    }
  }
  auto position = call.number_query("position", 0);
  if (!time && (!position || *position == 0)) {
    return call.fail(Error::validation("position", "required", base::MessageId::kPositionMin));
  }
  ReplayQuery q{call.query("facilityId"), call.query("from"), call.query("reservationNumber"),
                call.query("userNumber")};
  call.off_thread([call, position = position.value_or(0), time, q]() -> Response {
    std::uint64_t p = position;
    if (time) {
      auto found = projections::position_at(*call.ctx.store, *time);
      if (!found.ok()) return error_response(call.req, found.error());
      p = *found;
    }
    projections::StayView view;
    domain::Instant at = 0;
    if (auto s = projections::replay_stays(*call.ctx.store, p, view, at); !s.ok()) {
      return error_response(call.req, s.error());
    }
    auto body = replay_json(view, p, at, q);
    if (!body.ok()) return error_response(call.req, body.error());
    return json_answer(call.req, bhttp::status::ok, *body);
  });
}

// --- The auditor's part of the two-party draw (docs/lottery.md) ---------------

base::Result<domain::Actor> auditor_actor(const Call& call) {
  auto login = require_staff(call, StaffRole::kAuditor);
  if (!login.ok()) return login.status();
  return domain::Actor::op(*login);  // the log names staff "operator:LOGIN"
}

void lotteries(Call& call) {
  if (auto who = require_staff(call, StaffRole::kAuditor); !who.ok()) return call.fail(who.error());
  const domain::Instant now = call.services().clock().now();
  read_view<projections::StayView>(call, projections::StayView::kName, 0,
                                   [call, now](const projections::StayView& v) {
                                     json::array list;
                                     for (const domain::LotteryPeriod* p : v.lotteries())
                                       list.push_back(lottery_json(v, *p, now));
                                     return json_answer(call.req, bhttp::status::ok, list);
                                   });
}

// 204 with the position of the event, for X-Min-Position on the next read.
void answer_recorded(const Call& call, const processor::Outcome& out) {
  Response res = no_content(call.req);
  res.set("X-Log-Position", std::to_string(out.last_position));
  call.answer(std::move(res));
}

void commitment(Call& call) {
  auto auditor = auditor_actor(call);
  if (!auditor.ok()) return call.fail(auditor.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  std::string hash_hex;
  if (base::Status e = strings(*o, {{"seedHash", &hash_hex}}); !e.ok()) return call.fail(e.error());
  auto hash = base::from_hex_array<32>(hash_hex);
  if (!hash) {
    return call.fail(Error::validation("seedHash", "format", base::MessageId::kSeedHashFormat));
  }
  submit_command(call, *auditor, domain::CommitAuditorSeed{call.param(0), *hash}, true,
                 answer_recorded);
}

void reveal(Call& call) {
  auto auditor = auditor_actor(call);
  if (!auditor.ok()) return call.fail(auditor.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto secret = secret_of(*o);
  if (!secret.ok()) return call.fail(secret.error());
  submit_command(call, *auditor, domain::RevealAuditorSeed{call.param(0), *secret}, true,
                 answer_recorded);
}

}  // namespace

void add_audit_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/audit/events", events);
  r.add(bhttp::verb::get, "/api/audit/verify", verify);
  r.add(bhttp::verb::get, "/api/audit/head", head);
  r.add(bhttp::verb::get, "/api/audit/lotteries", lotteries);
  r.add(bhttp::verb::post, "/api/audit/lotteries/{lotteryId}/commitment", commitment);
  r.add(bhttp::verb::post, "/api/audit/lotteries/{lotteryId}/reveal", reveal);
  r.add(bhttp::verb::get, "/api/audit/lotteries/{lotteryId}/redraw", redraw);
  r.add(bhttp::verb::get, "/api/audit/history/{kind}/{id}", history);
  r.add(bhttp::verb::get, "/api/audit/replay", replay);
}

}  // namespace hoyo::http
