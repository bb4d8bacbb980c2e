#include "domain/suspensions.h"

#include <algorithm>

namespace hoyo::domain {
namespace {

void prune_ended_before(Suspensions& list, Date day) {
  std::erase_if(list, [day](const Suspension& x) { return x.until < day; });
}

}  // namespace

void fold_suspension(Suspensions& list, const UserSuspended& e) {
  const Suspension x{e.from, e.until, e.cause, e.number};
  const std::string id = x.id();
  auto same = std::find_if(list.begin(), list.end(),
                           [&id](const Suspension& held) { return held.id() == id; });
  if (same == list.end()) {
    list.push_back(x);
  } else if (x.until > same->until) {
    same->until = x.until;
  }
  prune_ended_before(list, e.from);
}

void fold_suspension(Suspensions& list, const SuspensionLifted& e) {
  if (e.suspension.empty()) return list.clear();
  std::erase_if(list, [&e](const Suspension& x) { return x.id() == e.suspension; });
  prune_ended_before(list, tokyo_date(e.at));
}

}  // namespace hoyo::domain
