#include "projections/notice_board.h"

#include <algorithm>

#include "domain/snapshot_codec.h"

namespace hoyo::projections {

const char* delivery_name(Delivery d) {
  switch (d) {
    case Delivery::kPost:
      return "post";
    case Delivery::kQueued:
      return "queued";
    case Delivery::kSent:
      return "sent";
    case Delivery::kFailed:
      return "failed";
  }
  return "post";
}

bool NoticeBoard::wants(std::size_t index) const {
  using domain::event_index_of;
  return index == event_index_of<domain::NoticeIssued> ||
         index == event_index_of<domain::NoticesRead> ||
         index == event_index_of<domain::MailSent> || index == event_index_of<domain::MailFailed>;
}

void NoticeBoard::add(domain::NoticeIssued n, bool read, Delivery d, int attempts,
                      std::string error) {
  if (by_id_.count(n.id)) return;  // ids are unique by construction; never count one twice
  const std::size_t i = notices_.size();
  by_id_[n.id] = i;
  by_user_[n.user].push_back(i);
  if (!read) ++unread_[n.user];
  if (!n.mail.empty()) by_mail_[n.mail] = i;
  notices_.push_back({std::move(n), read, d, attempts, std::move(error)});
}

void NoticeBoard::apply(const EventMeta&, const domain::Event& event) {
  if (const auto* n = std::get_if<domain::NoticeIssued>(&event)) {
    add(*n, false, n->mail.empty() ? Delivery::kPost : Delivery::kQueued, 0, {});
  } else if (const auto* r = std::get_if<domain::NoticesRead>(&event)) {
    for (const std::string& id : r->notices) {
      auto it = by_id_.find(id);
      if (it == by_id_.end()) continue;
      Notice& n = notices_[it->second];
      if (n.issued.user != r->user || n.read) continue;  // only one's own, once
      n.read = true;
      --unread_[r->user];
    }
  } else if (const auto* s = std::get_if<domain::MailSent>(&event)) {
    if (auto it = by_mail_.find(s->id); it != by_mail_.end()) {
      Notice& n = notices_[it->second];
      n.delivery = Delivery::kSent;
      n.attempts = s->attempts;
    }
  } else if (const auto* f = std::get_if<domain::MailFailed>(&event)) {
    if (auto it = by_mail_.find(f->id); it != by_mail_.end()) {
      Notice& n = notices_[it->second];
      n.attempts = f->attempt;
      n.error = f->error;
      if (f->final) n.delivery = Delivery::kFailed;
    }
  }
}

std::vector<const Notice*> NoticeBoard::of_user(const std::string& user, std::size_t offset,
                                                std::size_t limit) const {
  std::vector<const Notice*> out;
  auto it = by_user_.find(user);
  if (it == by_user_.end()) return out;
  const auto& list = it->second;
  for (std::size_t k = offset; k < list.size() && out.size() < limit; ++k) {
    out.push_back(&notices_[list[list.size() - 1 - k]]);
  }
  return out;
}

std::size_t NoticeBoard::count(const std::string& user) const {
  auto it = by_user_.find(user);
  return it == by_user_.end() ? 0 : it->second.size();
}

std::size_t NoticeBoard::unread(const std::string& user) const {
  auto it = unread_.find(user);
  return it == unread_.end() ? 0 : it->second;
}

const Notice* NoticeBoard::find(const std::string& user, const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end() || notices_[it->second].issued.user != user) return nullptr;
  return &notices_[it->second];
}

std::vector<std::string> NoticeBoard::unread_ids(const std::string& user) const {
  std::vector<std::string> out;
  auto it = by_user_.find(user);
  if (it == by_user_.end()) return out;
  for (std::size_t i : it->second) {
    if (!notices_[i].read) out.push_back(notices_[i].issued.id);
  }
  return out;
}

std::vector<const Notice*> NoticeBoard::for_operators(const Delivery* only, std::size_t offset,
                                                      std::size_t limit, std::size_t& total) const {
  std::vector<const Notice*> out;
  total = 0;
  for (auto it = notices_.rbegin(); it != notices_.rend(); ++it) {
    if (only && it->delivery != *only) continue;
    if (total++ >= offset && out.size() < limit) out.push_back(&*it);
  }
  return out;
}

bool NoticeBoard::same_as(const Projection& other) const {
  const auto* o = dynamic_cast<const NoticeBoard*>(&other);
  return o && o->notices_ == notices_;
}

std::string NoticeBoard::save() const {
  domain::SnapshotWriter w;
  w.u64(notices_.size());
  for (const Notice& n : notices_) {
    w.event(n.issued);
    w.u64(n.read);
    w.u64(static_cast<std::uint64_t>(n.delivery));
    w.u64(static_cast<std::uint64_t>(n.attempts));
    w.str(n.error);
  }
  return w.take();
}

bool NoticeBoard::restore(std::string_view bytes) {
  NoticeBoard b;
  domain::SnapshotReader r(bytes);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    domain::NoticeIssued issued = r.event<domain::NoticeIssued>();
    const bool read = r.u64() != 0;
    const auto d = static_cast<Delivery>(std::min<std::uint64_t>(r.u64(), 3));
    const int attempts = static_cast<int>(r.u64());
    std::string error = r.str();
    b.add(std::move(issued), read, d, attempts, std::move(error));
  }
  if (r.failed() || !r.at_end()) return false;
  *this = std::move(b);
  return true;
}

}  // namespace hoyo::projections
