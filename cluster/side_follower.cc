#include "cluster/side_follower.h"

#include "base/log.h"
#include "cluster/internal/quiet_watch.h"
#include "cluster/internal/side_subscription.h"
#include "cluster/internal/stopped_log.h"
#include "cluster/side_stream.h"

namespace hoyo::cluster {

base::Result<std::unique_ptr<SideFollower>> SideFollower::start(Connection& side,
                                                                eventstore::EventStore& store,
                                                                SideFollowerOptions options) {
  base::Result<natsSubscription*> sub =
      internal::subscribe_side(side, options.pending_messages, options.pending_bytes);
  if (!sub.ok()) return sub.status();
  std::unique_ptr<SideFollower> f(new SideFollower(side, store, sub.value(), options));
  f->thread_ = std::thread([p = f.get()] { p->run(); });
  return f;
}

SideFollower::~SideFollower() {
  stopping_.store(true);
  if (thread_.joinable()) thread_.join();
  internal::drop_subscription(sub_);
}

base::Status SideFollower::status() const {
  base::MutexLock lk(mu_);
  return status_;
}

void SideFollower::stop_loudly(const base::Status& why) {
  internal::log_stopped("cluster side follower stopped", why, sequence_.load() + 1);
  base::MutexLock lk(mu_);
  status_ = why;
}

bool SideFollower::consumer_lost() {
  jsConsumerInfo* info = nullptr;
  jsOptions o = side_.request_options();
  jsErrCode jerr = static_cast<jsErrCode>(0);
  const natsStatus s = natsSubscription_GetConsumerInfo(&info, sub_, &o, &jerr);
  const std::uint64_t owed = s == NATS_OK ? info->NumPending : 0;
  if (info) jsConsumerInfo_Destroy(info);
  if (s == NATS_OK && owed == 0) return false;
  base::log_line(
      "warning", "cluster side follower: nothing comes, its consumer is lost",
      {{"sequence", std::to_string(sequence_.load())},
       {"error", s == NATS_OK ? "owes " + std::to_string(owed) + " messages"
                              : jetstream_failure("consumer info", s, jerr).to_string()}});
  return true;
}

void SideFollower::run() {
  internal::QuietWatch quiet(options_.stall_after);
  while (!stopping_.load()) {
    if (!sub_) {
      base::Result<natsSubscription*> again =
          internal::subscribe_side(side_, options_.pending_messages, options_.pending_bytes);
      if (again.ok()) {
        sub_ = again.value();
        resubscriptions_.fetch_add(1);
        quiet.heard();
      } else {
        std::this_thread::sleep_for(options_.poll);
      }
      continue;
    }
    natsMsg* msg = nullptr;
    const natsStatus s = natsSubscription_NextMsg(&msg, sub_, options_.poll.count());
    if (s == NATS_TIMEOUT) {
      if (quiet.time_to_ask() && consumer_lost()) {
        internal::drop_subscription(sub_);
        sub_ = nullptr;
      }
      continue;
    }
    quiet.heard();
    if (s == NATS_SLOW_CONSUMER) {
      base::log_line("warning", "cluster side follower: messages dropped, reading again",
                     {{"sequence", std::to_string(sequence_.load())}});
      internal::drop_subscription(sub_);
      sub_ = nullptr;
      continue;
    }
    if (s != NATS_OK) return stop_loudly(jetstream_failure("side stream", s, jsErrCode{}));
    const StoredMessage m = received_message(msg);
    natsMsg_Destroy(msg);
    if (base::Status why = applier_.apply(m); !why.ok()) {
      return stop_loudly(why);
    }
    sequence_.store(m.sequence);
  }
}

}  // namespace hoyo::cluster
