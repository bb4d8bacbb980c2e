// The commands the load generator sends, each a class that makes its next
// request for a user, folds the answer into the user's model, and settles a
// write of its own that got no answer. A new command is one more subclass
// added to a Mix with a weight (see standard_mix()).
#pragma once

#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "http_client.h"
#include "ledger.h"
#include "model.h"
#include "world.h"

namespace hoyo::load {

// What a command works with: one client thread's connection, the ledger,
// the faults, the thread's random numbers, and the staff's sessions.
struct Context {
  const World& world;
  HttpClient& http;
  Ledger& ledger;
  Faults& faults;
  std::mt19937_64& rng;
  int cycle = 0;
  const Staff* staff = nullptr;  // the staff's sessions, for the operators' commands

  // Sends a request of the checks or of a settlement, and records it.
  Answer call(const std::string& who, const std::string& command, const Request& r, Outcome o);
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  bool chance(int one_in) { return uniform(1, one_in) == 1; }
};

class Command {
 public:
  virtual ~Command() = default;
  virtual std::string name() const = 0;
  // Whether it can write (then it is not asked while the user has a write
  // pending: that user's state is unknown until the restart settles it).
  virtual bool writes() const = 0;
  // The next request for `user`, or nullopt when it has nothing to do now.
  virtual std::optional<Request> make(Context& ctx, UserModel& user) const = 0;
  // Folds the answer into the model; reports faults; says what it was.
  virtual Outcome answered(Context& ctx, UserModel& user, const Request& req,
                           const Answer& ans) const = 0;
  // After a restart, settles `user.pending` (a write of this command that got
  // no answer): resends it with its key, or reads what became of it.
  virtual void settle(Context& ctx, UserModel& user) const { (void)ctx, (void)user; }
};

// A write: 2xx is acknowledged, 4xx refused (nothing written), anything else
// (no answer, 5xx, 503 stale after a durable change) leaves it pending.
class WriteCommand : public Command {
 public:
  bool writes() const override { return true; }
  Outcome answered(Context& ctx, UserModel& user, const Request& req,
                   const Answer& ans) const override;

 protected:
  virtual void acknowledged(Context& ctx, UserModel& user, const Request& req,
                            const Answer& ans) const = 0;
  // What the model must remember about the state before an unanswered write.
  virtual Pending pending(const UserModel& user, const Request& req)
      const;  // Settles `user.pending` by sending it again, for writes that a resend
  // cannot make twice (keyed, or idempotent by themselves): the first outcome
  // if it was durable, else decided now. A resend that gets no answer either
  // is a fault naming `what` (e.g. "a booking").
  void resend(Context& ctx, UserModel& user, const std::string& what) const;
};

// The commands of the standard mix.
std::unique_ptr<Command> make_book();                    // POST /api/reservations, keyed
std::unique_ptr<Command> make_change();                  // PATCH /api/reservations/{n}
std::unique_ptr<Command> make_cancel();                  // POST /api/reservations/cancellations
std::unique_ptr<Command> make_confirm();                 // POST /api/reservations/{n}/confirmation
std::unique_ptr<Command> make_accept_offer();            // POST /api/offers/{id}/acceptance
std::unique_ptr<Command> make_decline_offer();           // POST /api/offers/{id}/declination
std::unique_ptr<Command> make_accept_waitlist_offer();   // the same, of a waitlist offer
std::unique_ptr<Command> make_decline_waitlist_offer();  // the same, of a waitlist offer
std::unique_ptr<Command> make_mark_paid();          // POST /api/operator/reservations/{n}/payment
std::unique_ptr<Command> make_cancel_for_user();    // POST /api/operator/reservations/cancellations
std::unique_ptr<Command> make_record_attendance();  // POST .../reservations/{n}/attendance
std::unique_ptr<Command> make_lift_suspension();    // POST .../users/{n}/suspension/lift
std::unique_ptr<Command> make_join_waitlist();      // POST /api/waitlist, keyed
std::unique_ptr<Command> make_leave_waitlist();     // DELETE /api/waitlist/{entryId}
std::unique_ptr<Command> make_waitlist_offers();    // GET /api/me/offers, the waitlist's
std::unique_ptr<Command> make_apply();              // POST /api/lotteries/{id}/applications, keyed
std::unique_ptr<Command> make_cancel_application();  // POST .../applications/cancellations
std::unique_ptr<Command> make_replay();              // an acknowledged keyed write resent
std::unique_ptr<Command> make_vacancy_read();        // GET /api/vacancy/{f}/calendar
std::unique_ptr<Command> make_own_reservations();    // GET /api/reservations, read your writes

class Mix {
 public:
  void add(std::unique_ptr<Command> c, int weight);
  // A command by weight; only those that do not write when `writes_allowed` is false.
  const Command* pick(std::mt19937_64& rng, bool writes_allowed) const;
  const Command* find(const std::string& name) const;
  std::vector<const Command*> all() const;

 private:
  std::vector<std::pair<std::unique_ptr<Command>, int>> commands_;
};

Mix standard_mix();

// Resends an acknowledged keyed write; faults unless it answers as the first
// time did (status, body, X-Log-Position). True when it answered at all.
bool replay(Context& ctx, UserModel& user, const Keyed& k, const std::string& command);

// Compares a user's reservation list as served (`list`, GET /api/reservations
// or the operator's search) with the model: every reservation once, each in
// its acknowledged state, nothing else.
void compare_reservations(const UserModel& user, const std::string& list, const std::string& where,
                          Faults& faults);
void compare_applications(const UserModel& user, const std::string& list, const std::string& where,
                          Faults& faults);

}  // namespace hoyo::load
