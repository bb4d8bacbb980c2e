// Backups while hoyod runs (an operator's login): start one, follow it, list
// them, and fetch a finished one's files a slice at a time (what `hoyoctl
// backup DEST --server URL` does). Names are generated and files are served
// only when the backup's manifest lists them: no client ever names a path on
// the server.
#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "base/catalog.h"
#include "http/app/auth.h"
#include "http/app/backups.h"
#include "http/app/errors.h"
#include "http/app/stopped_reason.h"
#include "http/codec/json_io.h"
#include "http/routes/routes.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::ErrorCode;

// The most bytes one GET of a backup's file answers.
constexpr std::uint64_t kSliceBytes = 4 << 20;

base::Status not_offered() { return {ErrorCode::kNotFound, base::MessageId::kBackupsNotOffered}; }

json::object state_json(const Call& call, const Backups::State& s) {
  json::object o;
  if (s.manifest) o = json::parse(backup::manifest_json(*s.manifest)).as_object();
  o["name"] = s.name;
  o["state"] = s.kind == Backups::State::kRunning  ? "running"
               : s.kind == Backups::State::kFailed ? "failed"
                                                   : "done";
  if (!s.error.ok()) {
    o["error"] = json::object{{"code", api_code(s.error.code())},
                              {"detail", base::render(s.error.error(), call.english())}};
  }
  return o;
}

base::Status operator_only(const Call& call) {
  auto who = require_staff(call, StaffRole::kOperator);
  if (!who.ok()) return who.status();
  call.set_actor("operator:" + *who);
  if (!call.ctx.backups) return not_offered();
  return base::ok_status();
}

// A backup route is a local action (Effect::kLocal): on a cluster each node
// copies its own store. A follower that cannot apply the stream (health's
// `follower_stopped`) still makes its copy, marked stale: it may lack writes
// the cluster acknowledged, and its manifest and this answer say so.
void start_backup(Call& call) {
  if (base::Status s = operator_only(call); !s.ok()) return call.fail(s.error());
  const std::optional<ClusterStatus> cluster =
      call.ctx.services ? call.ctx.services->cluster_status() : std::nullopt;
  const std::string stale = cluster ? stopped_reason(*cluster) : "";
  auto name = call.ctx.backups->start(stale);
  if (!name.ok()) return call.fail(name.error());
  json::object answer{{"name", *name}, {"state", "running"}};
  if (!stale.empty()) {
    answer["stale"] = true;
    answer["staleReason"] = stale;
  }
  Response res = json_answer(call.req, bhttp::status::accepted, answer);
  res.set(bhttp::field::location, "/api/operator/backups/" + *name);
  call.answer(std::move(res));
}

void list_backups(Call& call) {
  if (base::Status s = operator_only(call); !s.ok()) return call.fail(s.error());
  call.off_thread([call]() -> Response {
    json::array list;
    for (const Backups::State& s : call.ctx.backups->list()) {
      json::object o = state_json(call, s);
      o.erase("files");
      o.erase("notIncluded");
      list.push_back(std::move(o));
    }
    return json_answer(call.req, bhttp::status::ok, list);
  });
}

void backup_state(Call& call) {
  if (base::Status s = operator_only(call); !s.ok()) return call.fail(s.error());
  call.off_thread([call, name = call.param(0)]() -> Response {
    auto s = call.ctx.backups->state(name);
    if (!s.ok()) return error_response(call.req, s.error());
    return json_answer(call.req, bhttp::status::ok, state_json(call, *s));
  });
}

// GET .../file?path=P&offset=N: up to kSliceBytes of the file from N.
void backup_file(Call& call) {
  if (base::Status s = operator_only(call); !s.ok()) return call.fail(s.error());
  const std::string path = call.query("path").value_or("");
  std::uint64_t offset = 0;
  if (auto o = call.query("offset")) {
    try {
      std::size_t used = 0;
      offset = std::stoull(*o, &used);
      if (used != o->size() || o->empty() || (*o)[0] == '-') throw std::invalid_argument("offset");
    } catch (const std::exception&) {
      return call.fail(
          base::Error::validation("offset", "invalid", base::MessageId::kBackupOffsetInvalid));
    }
  }
  call.off_thread([call, name = call.param(0), path, offset]() -> Response {
    auto file = call.ctx.backups->file(name, path);
    if (!file.ok()) return error_response(call.req, file.error());
    const auto& [where, size] = *file;
    if (offset > size) {
      return error_response(
          call.req,
          base::Error::validation("offset", "invalid", base::MessageId::kBackupOffsetInvalid));
    }
    std::string bytes(std::min(kSliceBytes, size - offset), '\0');
    const int fd = ::open(where.c_str(), O_RDONLY | O_CLOEXEC);
    std::size_t got = 0;
    while (fd >= 0 && got < bytes.size()) {
      const ssize_t n =
          ::pread(fd, bytes.data() + got, bytes.size() - got, static_cast<off_t>(offset + got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    const int err = errno;
    if (fd >= 0) ::close(fd);
    if (got != bytes.size()) {
      return error_response(call.req, {ErrorCode::kIoError,
                                       base::MessageId::kBackupFailed,
                                       {{"cause", where + ": " + std::strerror(err)}}});
    }
    Response res{bhttp::status::ok, call.req.version()};
    res.set(bhttp::field::content_type, "application/octet-stream");
    res.set(bhttp::field::cache_control, "no-store");
    res.set("X-Backup-File-Bytes", std::to_string(size));
    res.body() = std::move(bytes);
    res.prepare_payload();
    return res;
  });
}

}  // namespace

void add_backup_routes(Router& r) {
  // A backup copies the store of the node that got the request, which a
  // cluster node's own verified copy is (docs/cluster.md, "Backups"): it is
  // made, followed and fetched on one node, never forwarded.
  r.add(bhttp::verb::post, "/api/operator/backups", start_backup, Effect::kLocal);
  r.add(bhttp::verb::get, "/api/operator/backups", list_backups);
  r.add(bhttp::verb::get, "/api/operator/backups/{name}", backup_state);
  r.add(bhttp::verb::get, "/api/operator/backups/{name}/file", backup_file);
}

}  // namespace hoyo::http
