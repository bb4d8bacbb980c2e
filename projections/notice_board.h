// The "notices" projection: every user's お知らせ (newest first, with an
// unread count) and, for the operators' console, each notice's delivery
// state: mailed (queued, sent, failed, with attempts) or, for a user without
// a mail address, to be printed and posted. Folded from NoticeIssued,
// NoticesRead and the outbox events of notice mails.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/events.h"
#include "projections/projection.h"

namespace hoyo::projections {

enum class Delivery : std::uint8_t { kPost = 0, kQueued = 1, kSent = 2, kFailed = 3 };
const char* delivery_name(Delivery d);  // "post", "queued", "sent", "failed"

struct Notice {
  domain::NoticeIssued issued;
  bool read = false;
  Delivery delivery = Delivery::kPost;
  int attempts = 0;   // delivery attempts so far (failed ones, plus the one that sent)
  std::string error;  // the last failure's reason
  bool operator==(const Notice&) const = default;
};

class NoticeBoard final : public Projection {
 public:
  static constexpr const char* kName = "notices";
  const char* name() const override { return kName; }
  int version() const override { return 1; }
  bool wants(std::size_t index) const override;
  void apply(const EventMeta& meta, const domain::Event& event) override;
  std::unique_ptr<Projection> empty() const override { return std::make_unique<NoticeBoard>(); }
  bool same_as(const Projection& other) const override;
  std::string save() const override;
  bool restore(std::string_view bytes) override;

  // The user's notices, newest first, skipping `offset`, at most `limit`.
  std::vector<const Notice*> of_user(const std::string& user, std::size_t offset,
                                     std::size_t limit) const;
  std::size_t count(const std::string& user) const;
  std::size_t unread(const std::string& user) const;
  // The notice `id` when it is `user`'s, else null.
  const Notice* find(const std::string& user, const std::string& id) const;
  // The ids of the user's unread notices.
  std::vector<std::string> unread_ids(const std::string& user) const;
  // Every notice with the delivery state (all of them without one), newest
  // first, skipping `offset`, at most `limit`; `total` gets how many match.
  std::vector<const Notice*> for_operators(const Delivery* only, std::size_t offset,
                                           std::size_t limit, std::size_t& total) const;

 private:
  std::vector<Notice> notices_;  // in log order
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_user_;  // in log order
  std::unordered_map<std::string, std::size_t> unread_;
  std::unordered_map<std::string, std::size_t> by_mail_;  // notice mail id -> notice

  void add(domain::NoticeIssued n, bool read, Delivery d, int attempts, std::string error);
};

}  // namespace hoyo::projections
