// Bounds on notice commands, shared by the writer's decision and the routes
// that build them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hoyo::domain {

// The most notices one MarkNoticesRead marks (one event stays small: about
// 30 bytes an id). "Mark all read" marks the newest this many; a user with
// more unread (only a client that books and cancels in a loop gets there)
// marks again.
inline constexpr std::size_t kMaxNoticesMarkedAtOnce = 500;

// The most applicants one scheduler command tells their lottery result (a
// NoticeIssued and, for a mail address, its MailQueued each). In cluster mode
// one command's events must fit one stream message (512 KiB): the largest
// result notice (ten two-night applications, the longest facility names and
// lottery id) takes some 4.8 KB with its mail, as stored, so a command of
// this many takes at most about 480 KB
// (tests/processor/result_notice_batches_test.cc checks the bound).
inline constexpr std::uint32_t kResultNoticesPerCommand = 100;

// The most losers one scheduler command tells of rooms freed by a lapse
// (NoticeIssued and MailQueued each), and the most rooms one such notice
// lists and its LosersToTell records (the others are counted: "and N
// more"). The largest notice (twenty lines of a two-hundred-byte facility
// name) takes 6,344 bytes with its mail, as stored (measured), so a command
// of this many takes at most about 260 KB
// (tests/processor/rooms_freed_batches_test.cc checks the bound).
inline constexpr std::uint32_t kRoomsFreedNoticesPerCommand = 40;
inline constexpr std::size_t kFreedRoomsListed = 20;

}  // namespace hoyo::domain
