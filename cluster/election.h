// Becoming the writer (docs/cluster.md, "Electing and fencing the writer"):
// a candidate reads the stream's last sequence L, catches up to it, and
// publishes WriterEpochStarted{epoch, node} with Nats-Expected-Last-Sequence
// L. The stream stores at most one message after L, so of candidates that
// read the same L exactly one wins; one that read an older L loses to
// whatever came after it. Epoch = the highest epoch in the stream + 1.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "base/status.h"
#include "cluster/connection.h"
#include "cluster/epoch_message.h"
#include "cluster/publisher.h"
#include "cluster/stream.h"

namespace hoyo::cluster {

// Runs once L is known; returns when the node has applied the stream up to
// L (or why it could not, which ends the campaign with that error).
using CatchUp = std::function<base::Status(std::uint64_t last_sequence)>;

// One campaign for `node` on the stream `connection` is bound to (made by
// ensure_stream). The won term; kFenced (kClusterElectionLost) when another
// message got in after L; the connection's errors otherwise (a campaign
// without an answer may have won: the next campaign reads it and loses, and
// the node must follow).
// This process's random part of its epoch message ids
// ("epoch:EPOCH:NODE:INCARNATION", 16 hex digits, the same for the process's
// life): two processes started under one node name never publish under one
// id, so the stream's duplicate check cannot take one's epoch message for
// the other's.
const std::string& process_incarnation();

// `incarnation` tells this process's campaigns from those of another
// process under the same node name (tests give their own).
// `seen_epoch`: the stream sequence of the last epoch message the caller saw
// when it decided to campaign (0: none); when another came since, someone
// won meanwhile and the campaign is lost without publishing. nullopt: any.
base::Result<Term> campaign(Connection& connection, const std::string& node,
                            const CatchUp& catch_up, const RetryPolicy& retry = {},
                            const std::string& incarnation = process_incarnation(),
                            std::optional<std::uint64_t> seen_epoch = std::nullopt);

// The campaign's last step: publishes `claim` as WriterEpochStarted with
// Nats-Expected-Last-Sequence `last` and the message id
// "epoch:EPOCH:NODE:INCARNATION". The won term, or kFenced
// (kClusterElectionLost) when another message is right after `last` (even
// one of the same epoch and node from another incarnation).
base::Result<Term> claim_epoch(PublishChannel& channel, const std::string& epoch_subject,
                               const WriterEpochStarted& claim, const std::string& incarnation,
                               std::uint64_t last, const RetryPolicy& retry = {});

}  // namespace hoyo::cluster
