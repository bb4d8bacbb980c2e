#include "http/app/call.h"

#include <boost/url/parse.hpp>

#include "http/app/api.h"
#include "http/app/errors.h"
#include "http/codec/json_io.h"

namespace hoyo::http {

namespace bhttp = boost::beast::http;

Services& Call::services() const { return *ctx.services; }

std::optional<std::string> Call::query(std::string_view name) const {
  auto url =
      boost::urls::parse_origin_form(std::string_view(req.target().data(), req.target().size()));
  if (!url) return std::nullopt;
  for (const auto& p : url->params()) {
    if (p.key == name) return std::string(p.value);
  }
  return std::nullopt;
}

bool Call::english() const { return wants_english(req); }

bool Call::writes() const {
  return (route ? route->effect : effect_of(req.method())) == Effect::kWrite;
}

void Call::fail(const base::Error& e) const { answer(error_response(req, e)); }

void Call::json(bhttp::status status, const boost::json::value& body,
                std::uint64_t position) const {
  Response res = json_answer(req, status, body);
  if (position) res.set("X-Log-Position", std::to_string(position));
  answer(std::move(res));
}

Response Call::at_head(Response res) const {
  res.set("X-Log-Position", std::to_string(ctx.store->head()));
  return res;
}

std::optional<std::uint64_t> Call::number_query(std::string_view name,
                                                std::uint64_t fallback) const {
  auto q = query(name);
  if (!q) return fallback;
  if (q->empty() || q->size() > 19 || q->find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoull(*q);
}

void Call::no_content() const { answer(http::no_content(req)); }

void Call::off_thread(std::function<std::optional<Response>()> work, WorkPool* pool) const {
  if (!pool) pool = ctx.pool;
  if (!pool) {  // handle_request_async catches what it throws
    if (std::optional<Response> res = work()) answer(std::move(*res));
    return;
  }
  const Reply reply = reply_;
  const Request* r = &req;
  if (!pool->post([reply, r, work = std::move(work)] {
        std::optional<Response> res;
        try {
          res = work();
        } catch (const std::exception&) {
          res = internal_error_thrown(*r);  // thrown before it arranged an answer
        }
        if (res) reply(std::move(*res));
      })) {
    base::Error busy{base::ErrorCode::kRateLimited, base::MessageId::kBusy};
    busy.retry_after_seconds = 1;
    answer(error_response(*r, busy));
  }
}

}  // namespace hoyo::http
