// A3: every event about a user, a reservation, a facility, a lottery, a
// registration or an operator, in log order, as positions (the log holds the
// events). Keys: "user:N", "reservation:N", "facility:ID", "lottery:ID",
// "registration:ID", "operator:LOGIN" (what an operator did or had done).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "projections/projection.h"

namespace hoyo::projections {

class AuditIndex final : public Projection {
 public:
  static constexpr const char* kName = "audit-index";
  const char* name() const override { return kName; }
  int version() const override { return 1; }
  void apply(const EventMeta& meta, const domain::Event& event) override;
  std::unique_ptr<Projection> empty() const override { return std::make_unique<AuditIndex>(); }
  bool same_as(const Projection& other) const override;
  std::string save() const override;
  bool restore(std::string_view bytes) override;

  // The positions of the events about `key`, ascending; empty if none.
  const std::vector<std::uint64_t>& positions(const std::string& key) const;

 private:
  void add(const std::string& key, std::uint64_t position);

  std::unordered_map<std::string, std::vector<std::uint64_t>> by_key_;
  // What later events need to name their subjects.
  std::unordered_map<std::string, std::pair<std::string, std::string>>
      reservations_;  // user, facility
  std::unordered_map<std::string, std::string> application_user_;
  std::unordered_map<std::string, std::string> registration_user_;
  std::unordered_map<std::string, std::string> mail_registration_;
};

}  // namespace hoyo::projections
