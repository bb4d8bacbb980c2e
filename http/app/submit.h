// Submits a command to the processor for a route and answers from its
// callback, once the command's events are durable (or with its refusal).
// Never blocks the calling thread.
#pragma once

#include <functional>

#include "domain/commands.h"
#include "http/app/api.h"
#include "http/app/call.h"
#include "http/codec/json_io.h"
#include "processor/command_processor.h"

namespace hoyo::http {

// Builds the answer to a durable outcome; runs on a store thread, so it must
// not block (read_view() may be used: it waits on the work pool).
using OutcomeHandler = std::function<void(const Call&, const processor::Outcome&)>;

// With `idempotent`, the request's Idempotency-Key (if any) makes a retry
// answer with the first outcome.
inline void submit_command(const Call& call, domain::Actor actor, domain::CommandBody body,
                           bool idempotent, OutcomeHandler done) {
  call.services().processor().submit(
      {std::move(actor), std::move(body)}, idempotent ? idempotency_key(call.req) : std::string(),
      [call, done = std::move(done)](base::Result<processor::Outcome> r) {
        if (!r.ok()) return call.fail(r.error());
        try {
          done(call, r.value());
        } catch (const std::exception&) {
          call.answer(internal_error_thrown(call.req));  // done throws before it answers
        }
      });
}

}  // namespace hoyo::http
