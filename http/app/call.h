// One request on its way through the routes: the request, its path
// parameters, the application's context and the way to answer. A handler
// answers exactly once, now or later from another thread (processor
// callbacks, the work pool).
#pragma once

#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "http/app/api.h"
#include "http/app/router.h"
#include "http/server/message.h"

namespace hoyo::http {

class Call {
 public:
  Call(const Request& req, std::string_view path, AppContext& ctx, Reply reply,
       std::shared_ptr<std::string> actor = std::make_shared<std::string>())
      : req(req), path(path), ctx(ctx), reply_(std::move(reply)), actor_(std::move(actor)) {}

  const Request& req;
  std::string_view path;  // the target without its query
  std::vector<std::string> params;
  AppContext& ctx;
  const Route* route = nullptr;  // the route matched (null outside the router)

  // Whether the request may change state: its route's effect (Effect), or
  // for a call without a route, its method's (effect_of).
  bool writes() const;

  Services& services() const;
  const std::string& param(std::size_t i) const { return params.at(i); }
  // A query parameter, percent-decoded; nullopt when absent.
  std::optional<std::string> query(std::string_view name) const;
  // The query parameter `name` as a decimal number: `fallback` when absent,
  // nullopt when not digits (or past 19 of them).
  std::optional<std::uint64_t> number_query(std::string_view name, std::uint64_t fallback) const;
  bool english() const;

  void answer(Response res) const { reply_(std::move(res)); }
  void fail(const base::Error& e) const;
  // A JSON answer; with a position, X-Log-Position carries it.
  void json(boost::beast::http::status status, const boost::json::value& body,
            std::uint64_t position = 0) const;
  void no_content() const;
  // The reply, for answering later from another thread.
  const Reply& reply() const { return reply_; }
  // Runs `work` on `pool` (the work pool when null; inline when there is
  // none) and answers with what it returns; answers rate_limited when the
  // pool's queue is full. Work that answers later by itself (it submits a
  // command: submit_command answers) returns nullopt once it has arranged it.
  void off_thread(std::function<std::optional<Response>()> work, WorkPool* pool = nullptr) const;
  // Who made the request ("user:N", "operator:L"), for the request log.
  void set_actor(std::string who) const { *actor_ = std::move(who); }
  // `res` with X-Log-Position at the log's head: for answers from services
  // that wrote (and waited for) their events before returning.
  Response at_head(Response res) const;

 private:
  Reply reply_;
  std::shared_ptr<std::string> actor_;
};

}  // namespace hoyo::http
