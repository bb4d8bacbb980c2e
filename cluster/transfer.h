// A forwarded request larger than one NATS message travels in parts
// (docs/cluster.md, "Large requests travel in parts"): the follower cuts it
// into parts of kTransferPartBytes, sends them in order to the writer's
// subject, one at a time, each answered before the next goes, and the writer
// puts them together (TransferAssembler) and handles the whole as one
// request. Every part names its transfer (a random id), its index and count,
// and the whole request's size and SHA-256; the writer reserves the size
// against its budgets at the first part, before it holds any byte, and
// forgets a transfer at its first wrong part or once abandoned.
// cluster/writer_rpc.cc sends and receives the parts.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/mutex.h"
#include "base/status.h"

namespace hoyo::cluster {

// The most request bytes one NATS message carries (a request of at most
// this many is sent whole); half of nats-server's default max_payload.
inline constexpr std::size_t kTransferPartBytes = 512 * 1024;

// One part as it travels. `bytes` views the message's data (or the request
// it was cut from).
struct TransferPart {
  std::string id;      // the transfer's: 32 hex digits, random per request
  std::string sender;  // the node that sends it (its budget is counted apart)
  std::uint32_t index = 0;
  std::uint32_t count = 0;  // ceil(size / kTransferPartBytes), at least 2
  std::uint64_t size = 0;   // the whole request's
  std::string sha256;       // the whole request's, 64 lowercase hex digits
  std::string_view bytes;   // kTransferPartBytes each, but the last: the rest
};

// A part's headers on its NATS message (written and read only here).
struct PartHeaders {
  std::string transfer;  // Hoyo-Transfer: the id
  std::string part;      // Hoyo-Part: "INDEX/COUNT"
  std::string size;      // Hoyo-Size: decimal
  std::string sha256;    // Hoyo-Sha256
  std::string sender;    // Hoyo-Sender
};
inline constexpr const char* kTransferHeader = "Hoyo-Transfer";
inline constexpr const char* kPartHeader = "Hoyo-Part";
inline constexpr const char* kSizeHeader = "Hoyo-Size";
inline constexpr const char* kSha256Header = "Hoyo-Sha256";
inline constexpr const char* kSenderHeader = "Hoyo-Sender";
// On the writer's answer to a part that is not the last: the index taken.
inline constexpr const char* kPartTakenHeader = "Hoyo-Part-Taken";
// On the writer's answer to a part it refused: what refused it
// (refusal_headers), the transfer forgotten.
inline constexpr const char* kRefusedHeader = "Hoyo-Refused";
inline constexpr const char* kRefusedDetailHeader = "Hoyo-Refused-Detail";

// The parts of `request` (more than kTransferPartBytes), viewing it.
std::vector<TransferPart> cut_request(std::string_view request, std::string id, std::string sender);
// A fresh transfer id.
std::string new_transfer_id();

PartHeaders headers_of(const TransferPart& part);
// kUnavailable (kClusterNoWriterAnswer, as add's refusals) when a header
// is missing or malformed.
base::Result<TransferPart> read_part(const PartHeaders& headers, std::string_view bytes);

// A refusal as the two header values the writer answers it with, and back:
// what the follower's caller gets (the same code and message; a refusal it
// cannot read is a refused part's). `size` is the request's.
std::pair<std::string, std::string> refusal_headers(const base::Error& refusal);
base::Status refusal_of(std::string_view refused, std::string_view detail, std::uint64_t size);

struct TransferLimits {
  // The largest request put together: the writer's own limit for one
  // request (its largest body and the header allowance). 0: none is.
  std::uint64_t max_request = 0;
  // What the transfers under way may hold in all, and from one sender.
  std::uint64_t total = 128u << 20;
  std::uint64_t per_sender = 64u << 20;
  // A transfer with no part for this long is abandoned and freed.
  std::chrono::milliseconds idle_timeout{15000};
};

// The writer's end: puts the parts of each transfer together. Thread-safe.
class TransferAssembler {
 public:
  using Clock = std::chrono::steady_clock;
  explicit TransferAssembler(TransferLimits limits) : limits_(limits) {}

  // Takes one part (first frees the transfers abandoned by `now`). ok and
  // nullopt: taken, more to come; ok and a request: the last part, the whole
  // checked against its size and SHA-256 (the transfer is forgotten). A
  // refusal forgets the transfer, if there was one:
  // - a first part for more than max_request: kPayloadTooLarge
  //   (kClusterForwardTooLarge), before anything is held;
  // - one for more than the budgets have left: kUnavailable (kBusy,
  //   Retry-After 1);
  // - an unknown transfer (abandoned, or begun at another writer), a part
  //   out of order, missing or twice, totals that differ from the first
  //   part's, a count or length that does not match the size, a wrong
  //   SHA-256: kUnavailable (kClusterNoWriterAnswer, Retry-After 1, its
  //   cause "a part of the request was refused: " and which).
  base::Result<std::optional<std::string>> add(const TransferPart& part, Clock::time_point now);
  // Frees the transfers whose last part came more than idle_timeout before `now`.
  void expire(Clock::time_point now);
  // The bytes reserved by the transfers under way (their whole sizes).
  std::uint64_t held() const;
  std::size_t transfers() const;

 private:
  struct Transfer {
    std::string sender;
    std::uint32_t count = 0;
    std::uint64_t size = 0;
    std::string sha256;
    std::uint32_t next = 0;  // the index expected
    std::string bytes;       // reserved to `size` at the first part
    Clock::time_point last;
  };
  void forget(std::map<std::string, Transfer>::iterator it) HOYO_REQUIRES(mu_);
  void expire_locked(Clock::time_point now) HOYO_REQUIRES(mu_);
  base::Result<std::optional<std::string>> begin(const TransferPart& part, Clock::time_point now)
      HOYO_REQUIRES(mu_);

  const TransferLimits limits_;
  mutable base::Mutex mu_;
  std::map<std::string, Transfer> transfers_ HOYO_GUARDED_BY(mu_);
  std::map<std::string, std::uint64_t> held_by_sender_ HOYO_GUARDED_BY(mu_);
  std::uint64_t held_ HOYO_GUARDED_BY(mu_) = 0;
};

}  // namespace hoyo::cluster
