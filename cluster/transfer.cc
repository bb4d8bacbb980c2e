#include "cluster/transfer.h"

#include <openssl/rand.h>

#include <algorithm>
#include <charconv>
#include <random>

#include "base/hex.h"
#include "eventstore/internal/sha256.h"

namespace hoyo::cluster {
namespace {

// The longest id and sender name a part may carry.
constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxSenderLength = 128;

// The refusals' names on the wire, one per message.
constexpr std::string_view kRefusedTooLarge = "too_large";
constexpr std::string_view kRefusedBusy = "busy";
constexpr std::string_view kRefusedBroken = "broken";

// What a refused part says: its reason, in the cause.
constexpr std::string_view kBrokenCause = "a part of the request was refused: ";

base::Status broken(std::string_view reason) {
  base::Error e{base::ErrorCode::kUnavailable,
                base::MessageId::kClusterNoWriterAnswer,
                {{"cause", std::string(kBrokenCause) + std::string(reason)}}};
  e.retry_after_seconds = 1;
  return e;
}

base::Status too_large(std::uint64_t size, std::uint64_t max) {
  return base::Status{base::ErrorCode::kPayloadTooLarge,
                      base::MessageId::kClusterForwardTooLarge,
                      {{"bytes", std::to_string(size)}, {"max", std::to_string(max)}}};
}

base::Status busy() {
  base::Error e{base::ErrorCode::kUnavailable, base::MessageId::kBusy};
  e.retry_after_seconds = 1;
  return e;
}

template <class Int>
std::optional<Int> decimal(std::string_view s) {
  Int v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::uint32_t parts_for(std::uint64_t size) {
  return static_cast<std::uint32_t>((size + kTransferPartBytes - 1) / kTransferPartBytes);
}

std::string sha256_hex(std::string_view bytes) {
  return base::to_hex(eventstore::internal::Sha256::of(bytes));
}

bool lower_hex(std::string_view s) {
  return s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

std::vector<TransferPart> cut_request(std::string_view request, std::string id,
                                      std::string sender) {
  std::vector<TransferPart> parts;
  const std::uint32_t count = parts_for(request.size());
  const std::string sum = sha256_hex(request);
  for (std::uint32_t i = 0; i < count; ++i) {
    parts.push_back({id, sender, i, count, request.size(), sum,
                     request.substr(std::size_t{i} * kTransferPartBytes, kTransferPartBytes)});
  }
  return parts;
}

std::string new_transfer_id() {
  std::uint8_t bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // (Never seen.) An id two transfers share only gets them refused.
    std::random_device random;
    for (std::uint8_t& b : bytes) b = static_cast<std::uint8_t>(random());
  }
  return base::to_hex(bytes, sizeof bytes);
}

PartHeaders headers_of(const TransferPart& part) {
  return {part.id, std::to_string(part.index) + "/" + std::to_string(part.count),
          std::to_string(part.size), part.sha256, part.sender};
}

base::Result<TransferPart> read_part(const PartHeaders& h, std::string_view bytes) {
  TransferPart part;
  if (h.transfer.empty() || h.transfer.size() > kMaxIdLength) return broken("bad transfer id");
  if (h.sender.size() > kMaxSenderLength) return broken("bad sender");
  const std::size_t slash = h.part.find('/');
  const auto index = decimal<std::uint32_t>(std::string_view(h.part).substr(0, slash));
  const auto count = slash == std::string::npos
                         ? std::nullopt
                         : decimal<std::uint32_t>(std::string_view(h.part).substr(slash + 1));
  const auto size = decimal<std::uint64_t>(h.size);
  if (!index || !count || *index >= *count) return broken("bad part number");
  if (!size) return broken("bad size");
  if (h.sha256.size() != 64 || !lower_hex(h.sha256)) return broken("bad checksum field");
  part.id = h.transfer;
  part.sender = h.sender;
  part.index = *index;
  part.count = *count;
  part.size = *size;
  part.sha256 = h.sha256;
  part.bytes = bytes;
  return part;
}

std::pair<std::string, std::string> refusal_headers(const base::Error& refusal) {
  if (refusal.message == base::MessageId::kClusterForwardTooLarge) {
    return {std::string(kRefusedTooLarge), base::arg_text(refusal.args, "max")};
  }
  if (refusal.message == base::MessageId::kBusy) return {std::string(kRefusedBusy), ""};
  std::string cause = base::arg_text(refusal.args, "cause");
  if (cause.starts_with(kBrokenCause)) cause.erase(0, kBrokenCause.size());
  return {std::string(kRefusedBroken), cause};
}

base::Status refusal_of(std::string_view refused, std::string_view detail, std::uint64_t size) {
  if (refused == kRefusedTooLarge) {
    const auto max = decimal<std::uint64_t>(detail);
    return too_large(size, max.value_or(0));
  }
  if (refused == kRefusedBusy) return busy();
  return broken(detail.empty() ? std::string_view("no reason given") : detail);
}

base::Result<std::optional<std::string>> TransferAssembler::add(const TransferPart& part,
                                                                Clock::time_point now) {
  base::MutexLock lk(mu_);
  expire_locked(now);
  auto it = transfers_.find(part.id);
  if (part.index == 0) {
    if (it != transfers_.end()) {
      forget(it);
      return broken("part 0 twice");
    }
    return begin(part, now);
  }
  if (it == transfers_.end()) return broken("unknown transfer");
  Transfer& t = it->second;
  const char* wrong = nullptr;
  if (part.count != t.count || part.size != t.size || part.sha256 != t.sha256 ||
      part.sender != t.sender) {
    wrong = "totals differ from the first part's";
  } else if (part.index < t.next) {
    wrong = "part twice";
  } else if (part.index > t.next) {
    wrong = "part missing";
  } else if (part.bytes.size() !=
             std::min<std::uint64_t>(kTransferPartBytes, t.size - t.bytes.size())) {
    wrong = "wrong part length";
  }
  if (wrong) {
    forget(it);
    return broken(wrong);
  }
  t.bytes.append(part.bytes);
  t.last = now;
  if (++t.next < t.count) return std::optional<std::string>();
  std::string whole = std::move(t.bytes);
  const bool intact = sha256_hex(whole) == t.sha256;
  forget(it);
  if (!intact) return broken("checksum");
  return std::optional<std::string>(std::move(whole));
}

base::Result<std::optional<std::string>> TransferAssembler::begin(const TransferPart& part,
                                                                  Clock::time_point now) {
  // What no budget could ever take is too large, never busy (a retry would
  // be refused forever).
  const std::uint64_t most = std::min({limits_.max_request, limits_.per_sender, limits_.total});
  if (part.size > most) return too_large(part.size, most);
  // A request that fits one message is sent whole, so a transfer has two parts or more.
  if (part.size <= kTransferPartBytes || part.count != parts_for(part.size)) {
    return broken("count does not match the size");
  }
  if (part.bytes.size() != kTransferPartBytes) return broken("wrong part length");
  std::uint64_t& by_sender = held_by_sender_[part.sender];
  // (held_ <= total and by_sender <= per_sender always: no overflow.)
  if (part.size > limits_.total - held_ || part.size > limits_.per_sender - by_sender) {
    if (by_sender == 0) held_by_sender_.erase(part.sender);
    return busy();
  }
  held_ += part.size;
  by_sender += part.size;
  Transfer t{part.sender, part.count, part.size, part.sha256, 1, {}, now};
  t.bytes.reserve(part.size);
  t.bytes.append(part.bytes);
  transfers_.emplace(part.id, std::move(t));
  return std::optional<std::string>();
}

void TransferAssembler::forget(std::map<std::string, Transfer>::iterator it) {
  held_ -= it->second.size;
  auto by = held_by_sender_.find(it->second.sender);
  by->second -= it->second.size;
  if (by->second == 0) held_by_sender_.erase(by);
  transfers_.erase(it);
}

void TransferAssembler::expire(Clock::time_point now) {
  base::MutexLock lk(mu_);
  expire_locked(now);
}

void TransferAssembler::expire_locked(Clock::time_point now) {
  for (auto it = transfers_.begin(); it != transfers_.end();) {
    auto next = std::next(it);
    if (now - it->second.last > limits_.idle_timeout) forget(it);
    it = next;
  }
}

std::uint64_t TransferAssembler::held() const {
  base::MutexLock lk(mu_);
  return held_;
}

std::size_t TransferAssembler::transfers() const {
  base::MutexLock lk(mu_);
  return transfers_.size();
}

}  // namespace hoyo::cluster
