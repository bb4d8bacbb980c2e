// How users' suspensions (penalties.h) fold from the log, issue 17: every
// suspension not lifted is kept, each under its own name. One fold for the
// writer's state (evolve.cc) and the stays projection.
#pragma once

#include "domain/events.h"

namespace hoyo::domain {

// Adds e's suspension to `list`, the list of e.user. The same suspension
// decided again (the same name) keeps the later end. Those that ended before
// e.from are pruned: e.from is never after the day it was decided (a late
// cancellation starts that day, a no-show on its past check-in day), so they
// had ended for good; replay and a snapshot's restore prune the same ones.
void fold_suspension(Suspensions& list, const UserSuspended& e);

// Removes the suspension e names, or every one when it names none (as every
// SuspensionLifted written before the field did), and prunes those that ended
// before e.at's Tokyo date.
void fold_suspension(Suspensions& list, const SuspensionLifted& e);

// Folds e into `by_user` (user number -> Suspensions), dropping a user left
// with none.
template <class Map, class E>
void fold_suspensions(Map& by_user, const E& e) {
  auto it = by_user.find(e.user);
  if (it == by_user.end()) it = by_user.emplace(e.user, Suspensions{}).first;
  fold_suspension(it->second, e);
  if (it->second.empty()) by_user.erase(it);
}

}  // namespace hoyo::domain
