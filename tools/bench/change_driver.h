// The changes of hoyo-bench fanout, made at a paced rate over several kept-
// alive HTTP connections ("lanes"): a change is due every 1/rate seconds and
// goes out on a free lane; each lane alternates closing and reopening its
// own date (so every request is a real change), or POSTs /change to the Node
// peer. What it records is, per log position, when the change was DUE: a
// server that falls behind cannot hide it by slowing the sender down.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace hoyo::bench {

struct DriverTarget {
  std::uint16_t port = 0;
  bool node = false;               // POST /change instead of closures/reopenings
  std::string cookie;              // an operator's session (hoyod)
  std::string facility;            // hoyod
  std::vector<std::string> dates;  // one per lane (hoyod)
  // Whether each lane's date is closed now; kept from one drive to the next.
  std::vector<bool> closed;
};

struct DriverResult {
  std::unordered_map<std::uint64_t, std::int64_t> due;  // position -> due time (steady ns)
  std::size_t failed = 0;                               // answers without a position
  std::size_t late = 0;                                 // changes sent > 1 ms after due
};

// Makes `count` changes at `rate` per second; returns when all were answered.
DriverResult drive_changes(DriverTarget& target, double rate, std::size_t count);

}  // namespace hoyo::bench
