// Public routes (no login): health, the facilities, their rates and vacancy (M6),
// the OpenAPI document and the metrics.
#include <openssl/crypto.h>

#include <boost/json.hpp>
#include <charconv>

#include "base/catalog.h"
#include "domain/civil_time.h"
#include "domain/message_args.h"
#include "domain/pricing.h"
#include "http/app/call.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/app/static_files.h"
#include "http/app/stopped_reason.h"
#include "http/codec/facility_json.h"
#include "http/codec/rates_json.h"
#include "http/live/live_hub.h"
#include "http/routes/routes.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::Error;
using projections::StayView;

// "ok", or "degraded" with a stable reason: the store's condition (no_space,
// io_error), "follower_stopped" while a cluster node cannot apply the stream,
// or "recovering" while the writer folds the log again after a full disk.
// 503 while degraded; reads are still served (docs/operations.md). In
// cluster mode, the node's role, its name, the writer and its epoch.
void health(Call& call) {
  const std::uint64_t position = call.ctx.store->head();
  const eventstore::StoreCondition condition = call.ctx.store->condition();
  const std::optional<ClusterStatus> cluster =
      call.ctx.services ? call.ctx.services->cluster_status() : std::nullopt;
  std::string reason;
  if (condition != eventstore::StoreCondition::kHealthy) {
    reason = eventstore::condition_name(condition);
  } else if (cluster && !cluster->stopped.empty()) {
    reason = stopped_reason(*cluster);
  } else if (call.ctx.services && !call.services().processor().deciding()) {
    reason = "recovering";
  }
  json::object body{{"status", reason.empty() ? "ok" : "degraded"}, {"position", position}};
  if (!reason.empty()) body["reason"] = reason;
  if (call.ctx.services) {
    if (const std::optional<ClusterStatus>& c = cluster) {
      body["role"] = c->writer ? "writer" : "follower";
      body["node"] = c->node;
      body["writer"] = c->writer_node;
      body["epoch"] = c->epoch;
    }
  }
  Response res = json_answer(
      call.req, reason.empty() ? bhttp::status::ok : bhttp::status::service_unavailable, body);
  res.set("X-Log-Position", std::to_string(position));
  if (!reason.empty()) res.set(bhttp::field::retry_after, "5");
  call.answer(std::move(res));
}

// What the pages need to know of the server's account policy (the wording of
// the registration, login and password screens).
void settings(Call& call) {
  const accounts::AccountsConfig& a = call.services().accounts_config();
  const bool code = a.initial_password == accounts::InitialPassword::kActivationCode;
  call.json(bhttp::status::ok,
            json::object{
                {"initialPassword", accounts::initial_password_name(a.initial_password)},
                {"initialPasswordDays", code ? a.activation_code_days : a.initial_password_days}});
}

void facilities(Call& call) {
  read_view<StayView>(call, StayView::kName, 0, [call](const StayView& view) {
    json::array list;
    for (const domain::Facility* f : view.facilities()) list.push_back(public_facility_json(*f));
    return json_answer(call.req, bhttp::status::ok, list);
  });
}

// The vacancy answers are the busiest on the site: written straight into the
// body rather than through a JSON tree. Facility ids come from the catalogue
// ([a-z0-9-]) and the rest are numbers, dates and fixed marks, so nothing
// needs escaping.
void append_int(std::string& out, int v) {
  char buf[16];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

Response vacancy_answer(const Call& call, const std::string& id, const domain::Facility& f,
                        const std::vector<projections::VacancyDay>& days, bool by_style) {
  std::string out;
  out.reserve(64 + days.size() * (by_style ? 130 : 100));
  out.append(R"({"facilityId":")").append(id).append(R"(","days":[)");
  for (std::size_t i = 0; i < days.size(); ++i) {
    const projections::VacancyDay& d = days[i];
    out.append(i ? R"(,{"date":")" : R"({"date":")").append(d.date.to_string());
    out.append(R"(","freeRooms":)");
    append_int(out, d.free_rooms);
    out.append(R"(,"totalRooms":)");
    append_int(out, d.total_rooms);
    out.append(R"(,"symbol":")").append(projections::mark_symbol(d.mark)).append("\"");
    if (by_style) {
      out.append(R"(,"byStyle":{)");
      for (std::size_t t = 0; t < f.room_types.size(); ++t) {
        const domain::RoomStyle s = f.room_types[t].style;
        out.append(t ? ",\"" : "\"").append(domain::style_name(s)).append("\":");
        append_int(out, d.free_by_style[static_cast<int>(s)]);
      }
      out.append("}");
    }
    out.append(d.bookable ? R"(,"bookable":true})" : R"(,"bookable":false})");
  }
  out.append("]}");
  Response res{bhttp::status::ok, call.req.version()};
  res.set(bhttp::field::content_type, "application/json; charset=utf-8");
  res.body() = std::move(out);
  res.prepare_payload();
  return res;
}

Response not_found(const Call& call, base::MessageId what, base::Args args = {}) {
  return error_response(call.req, {base::ErrorCode::kNotFound, what, std::move(args)});
}

void calendar(Call& call) {
  const domain::Instant now = call.services().clock().now();
  const std::string month =
      call.query("month").value_or(domain::tokyo_date(now).to_string().substr(0, 7));
  const auto first = domain::Date::parse(month + "-01");
  if (!first || month.size() != 7) {
    return call.fail(
        Error::validation("month", "format", base::MessageId::kFieldMonth, {{"field", "month"}}));
  }
  int months = 2;
  if (auto m = call.query("months")) {
    months = (m->size() == 1 && (*m)[0] >= '1' && (*m)[0] <= '3') ? (*m)[0] - '0' : 0;
  }
  if (months == 0) {
    return call.fail(Error::validation("months", "out_of_range", base::MessageId::kFieldRange,
                                       {{"field", "months"}, {"min", 1}, {"max", 3}}));
  }
  const std::string id = call.param(0);
  const domain::Date from = *first;
  const int days = from.first_of_month_plus(months).days - from.days;
  read_view<StayView>(call, StayView::kName, 0, [call, id, from, days, now](const StayView& view) {
    const domain::Facility* f = view.facility(id);
    if (!f) return not_found(call, base::MessageId::kNoFacility, {{"facility", id}});
    return vacancy_answer(call, id, *f, view.vacancy(id, from, days, now), false);
  });
}

void week(Call& call) {
  const domain::Instant now = call.services().clock().now();
  const auto from =
      domain::Date::parse(call.query("from").value_or(domain::tokyo_date(now).to_string()));
  if (!from) {
    return call.fail(
        Error::validation("from", "format", base::MessageId::kFieldDate, {{"field", "from"}}));
  }
  const std::string id = call.param(0);
  const domain::Date start = *from;
  read_view<StayView>(call, StayView::kName, 0, [call, id, start, now](const StayView& view) {
    const domain::Facility* f = view.facility(id);
    if (!f) return not_found(call, base::MessageId::kNoFacility, {{"facility", id}});
    return vacancy_answer(call, id, *f, view.vacancy(id, start, 7, now), true);
  });
}

// The rate table in force at a facility on `date` (default: today, Tokyo):
// {facilityId, date, currency, rates}; 404 for an unknown facility or a day
// before every table.
void rates(Call& call) {
  const domain::Instant now = call.services().clock().now();
  const auto date =
      domain::Date::parse(call.query("date").value_or(domain::tokyo_date(now).to_string()));
  if (!date) {
    return call.fail(
        Error::validation("date", "format", base::MessageId::kFieldDate, {{"field", "date"}}));
  }
  const std::string id = call.param(0);
  const domain::Date on = *date;
  read_view<StayView>(call, StayView::kName, 0, [call, id, on](const StayView& view) {
    const domain::Facility* f = view.facility(id);
    if (!f) return not_found(call, base::MessageId::kNoFacility, {{"facility", id}});
    const domain::RateTable* t = domain::rate_in_force(f->rates, on);
    if (!t)
      return not_found(call, base::MessageId::kNoRatesInForce, {{"date", domain::day_arg(on)}});
    return json_answer(call.req, bhttp::status::ok,
                       json::object{{"facilityId", id},
                                    {"date", on.to_string()},
                                    {"currency", domain::kCurrency},
                                    {"rates", json::value_from(*t)}});
  });
}

void openapi(Call& call) {
  auto doc = static_file(call.req, "/openapi.json", call.ctx.web_root);
  if (!doc) return call.answer(not_found(call, base::MessageId::kOpenApiMissing));
  doc->set(bhttp::field::content_type, "application/json; charset=utf-8");
  call.answer(std::move(*doc));
}

// /metrics on the public listener asks for the configured bearer token
// (metrics.token); without one configured it is not served there (a
// separate metrics.listen address serves it without a token).
void metrics(Call& call) {
  const std::string& token = call.ctx.config.metrics_token;
  if (token.empty()) {
    return call.answer(not_found(call, base::MessageId::kMetricsElsewhere));
  }
  auto auth = call.req.find(bhttp::field::authorization);
  const std::string_view given = auth == call.req.end()
                                     ? std::string_view()
                                     : std::string_view(auth->value().data(), auth->value().size());
  const std::string want = "Bearer " + token;
  if (given.size() != want.size() || CRYPTO_memcmp(given.data(), want.data(), want.size()) != 0) {
    Response res = problem(call.req, bhttp::status::unauthorized, "unauthorized",
                           base::MessageId::kTitleAuthenticationRequired,
                           base::MessageId::kMetricsTokenRequired);
    res.set(bhttp::field::www_authenticate, "Bearer");
    return call.answer(std::move(res));
  }
  call.answer(render_metrics(call.req, call.ctx));
}
}  // namespace

Response render_metrics(const Request& req, AppContext& ctx) {
  std::string out = ctx.metrics ? ctx.metrics->render() : std::string();
  auto gauge = [&out](const char* name, const char* help, const char* type, double value) {
    char num[64];
    std::snprintf(num, sizeof num, "%.17g", value);
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
           name + " " + num + "\n";
  };
  const eventstore::StoreStats st = ctx.store->stats();
  gauge("hoyo_log_position", "The last durable position of the event log.", "gauge",
        static_cast<double>(ctx.store->head()));
  gauge("hoyo_append_events_total", "Events appended and durable.", "counter",
        static_cast<double>(st.events));
  gauge("hoyo_append_batches_total", "Write batches (group commits) written.", "counter",
        static_cast<double>(st.batches));
  gauge("hoyo_append_batch_events_mean", "Mean events per write batch since start.", "gauge",
        st.batches ? static_cast<double>(st.events) / st.batches : 0.0);
  gauge("hoyo_append_decide_seconds_total",
        "Time the store's writer spent deciding batches (checks, encoding, hashing).", "counter",
        st.decide_micros / 1e6);
  gauge("hoyo_append_write_seconds_total",
        "Time the store's writer spent writing batches (memtables and the WAL buffer).", "counter",
        st.write_micros / 1e6);
  gauge("hoyo_replicate_seconds_total",
        "Cluster mode: time the writer spent publishing its batches and awaiting the stream's "
        "acknowledgement.",
        "counter", st.replicate_micros / 1e6);
  gauge("hoyo_fsync_total", "WAL syncs, each covering one or more batches.", "counter",
        static_cast<double>(st.syncs));
  gauge("hoyo_fsync_seconds_total", "Time spent in WAL syncs.", "counter", st.sync_micros / 1e6);
  gauge("hoyo_fsync_seconds_mean", "Mean WAL sync latency since start.", "gauge",
        st.syncs ? st.sync_micros / 1e6 / st.syncs : 0.0);
  out += ctx.store->sync_latency().render("hoyo_fsync_duration_seconds",
                                          "Latency of each WAL flush and sync.");
  out += ctx.store->batch_sizes().render("hoyo_group_commit_batch_events",
                                         "Events per write batch (one group commit).");
  gauge("hoyo_processor_queue_depth", "Commands waiting for the writer thread.", "gauge",
        static_cast<double>(ctx.services->processor().queue_depth()));
  gauge("hoyo_store_degraded",
        "1 while the store refuses writes (a full disk, or read-only after an I/O error).", "gauge",
        ctx.store->health().ok() ? 0.0 : 1.0);
  gauge("hoyo_store_recoveries_total", "Recoveries from a full disk without a restart.", "counter",
        static_cast<double>(ctx.store->recoveries()));
  const std::uint64_t head = ctx.store->head();
  const std::uint64_t applied = ctx.services->projections().position();
  gauge("hoyo_projection_lag_events", "Events durable in the log, not yet in the projections.",
        "gauge", static_cast<double>(head > applied ? head - applied : 0));
  out +=
      "# HELP hoyo_projection_behind_events Events durable in the log, not yet in this "
      "projection.\n# TYPE hoyo_projection_behind_events gauge\n";
  for (const auto& p : ctx.services->projections().applied()) {
    out += "hoyo_projection_behind_events{projection=\"" + p.name + "\"} " +
           std::to_string(head > p.position ? head - p.position : 0) + "\n";
  }
  const processor::SnapshotStatus snap = ctx.services->processor().snapshot_status();
  gauge("hoyo_snapshot_position", "The log position of the writer's newest snapshot (0: none).",
        "gauge", static_cast<double>(snap.any ? snap.position : 0));
  if (snap.any) {
    const double age = static_cast<double>(ctx.services->clock().now() - snap.written_at) / 1e6;
    gauge("hoyo_snapshot_age_seconds", "Time since the writer's newest snapshot was written.",
          "gauge", age > 0 ? age : 0.0);
  }
  gauge("hoyo_snapshot_failures_total", "Snapshot writes that failed since start.", "counter",
        static_cast<double>(snap.failures));
  const accounts::DeliveryStats mail = ctx.services->mail_stats();
  gauge("hoyo_mail_outbox_depth", "Mails waiting in the outbox at the last delivery pass.", "gauge",
        static_cast<double>(mail.queued));
  gauge("hoyo_mail_sent_total", "Mails the SMTP server (or the .eml directory) took.", "counter",
        static_cast<double>(mail.sent));
  gauge("hoyo_mail_failures_total", "Delivery attempts that failed (each is retried).", "counter",
        static_cast<double>(mail.failures));
  gauge("hoyo_mail_abandoned_total", "Mails given up for good after their last attempt.", "counter",
        static_cast<double>(mail.abandoned));
  gauge("hoyo_mail_passes_total",
        "Passes over the outbox the delivery worker finished as the writer.", "counter",
        static_cast<double>(mail.passes));
  if (const std::optional<ClusterStatus> c = ctx.services->cluster_status()) {
    gauge("hoyo_cluster_writer", "Cluster mode: 1 while this node writes the log, 0 on a follower.",
          "gauge", c->writer ? 1.0 : 0.0);
    gauge("hoyo_cluster_epoch", "Cluster mode: the writer's epoch as the lease names it (0: none).",
          "gauge", static_cast<double>(c->epoch));
    gauge("hoyo_cluster_behind_messages",
          "Cluster mode: messages of the stream this node has not applied yet.", "gauge",
          static_cast<double>(c->behind));
    gauge("hoyo_cluster_follower_stopped",
          "Cluster mode: 1 while this node cannot apply the stream (GET /api/health says why).",
          "gauge", c->stopped.empty() ? 0.0 : 1.0);
  }
  if (ctx.hub) {
    gauge("hoyo_websocket_subscribers", "WebSocket clients subscribed to live vacancy.", "gauge",
          static_cast<double>(ctx.hub->subscribers()));
    gauge("hoyo_websocket_messages_total", "Vacancy messages queued to subscribers.", "counter",
          static_cast<double>(ctx.hub->deliveries()));
  }
  if (const ServerStats* s = ctx.server) {
    gauge("hoyo_connections", "Open connections.", "gauge", static_cast<double>(s->connections));
    gauge("hoyo_websockets", "Open WebSocket connections.", "gauge",
          static_cast<double>(s->websockets));
    gauge("hoyo_connections_refused_total", "Connections refused over the per-source cap.",
          "counter", static_cast<double>(s->refused_source));
    gauge("hoyo_connection_timeouts_total", "Connections dropped by a read or write timeout.",
          "counter", static_cast<double>(s->timeouts));
    gauge("hoyo_websocket_dropped_total", "WebSocket clients dropped for falling behind.",
          "counter", static_cast<double>(s->ws_dropped));
  }
  if (ctx.log) {
    gauge("hoyo_request_log_dropped_total", "Request log lines dropped (stderr too slow).",
          "counter", static_cast<double>(ctx.log->dropped()));
  }
  Response res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  res.body() = std::move(out);
  res.prepare_payload();
  return res;
}

void add_public_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/health", health);
  r.add(bhttp::verb::get, "/api/settings", settings);
  r.add(bhttp::verb::get, "/api/facilities", facilities);
  r.add(bhttp::verb::get, "/api/facilities/{facilityId}/rates", rates);
  r.add(bhttp::verb::get, "/api/vacancy/{facilityId}/calendar", calendar);
  r.add(bhttp::verb::get, "/api/vacancy/{facilityId}/week", week);
  r.add(bhttp::verb::get, "/api/openapi.json", openapi);
  r.add(bhttp::verb::get, "/metrics", metrics);
}

}  // namespace hoyo::http
