// The bound on the scheduler's commands of due items, shared by the writer's
// decision (decide_confirmation.cc) and the tests that measure it.
#pragma once

namespace hoyo::domain {

// The most due items (reminders, lapses, releases, offers' lapses, stay
// reminders, waitlist offers) one scheduler command writes, whatever its
// caller allows (RunScheduled::max_items, the scheduler's batch, may only
// lower it). The largest item is a lapse of a win whose period
// offers its rooms to runners-up: the WinLapsed, its notice and mail, the
// RoomOffered and the runner-up's notice and mail take some 3.4 KB as stored
// at the longest facility names and lottery id (measured: 256 of them took
// 877,704 bytes, past the 512 KiB of one stream message), so a command of
// this many takes at most about 340 KB
// (tests/processor/lapse_batches_test.cc checks the bound).
inline constexpr int kScheduledItemsPerCommand = 100;

}  // namespace hoyo::domain
