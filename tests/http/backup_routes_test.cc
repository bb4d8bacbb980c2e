// Backups over HTTP (an operator's login): one at a time (409 while one
// runs), generated names, a finished backup's manifest, and its files served
// a slice at a time only when the manifest lists them.
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "backup/data_backup.h"
#include "backup/manifest.h"
#include "eventually.h"
#include "http/app/backups.h"
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;
namespace fs = std::filesystem;

class BackupRoutes : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    ctx_.backups = std::make_shared<Backups>(backups_.path(), 2, [this](const std::string& d) {
      {
        std::unique_lock lk(gate_mu_);
        gate_cv_.wait(lk, [this] { return open_; });
      }
      if (fail_) {
        return base::Result<backup::Manifest>(base::Status{
            base::ErrorCode::kIoError, base::MessageId::kBackupFailed, {{"cause", "disk full"}}});
      }
      return backup::make_backup(services_->store(), dir_, d);
    });
    op_ = operator_session();
  }
  void TearDown() override {
    release();
    ctx_.backups.reset();
    AppFixture::TearDown();
  }
  void release() {
    std::lock_guard lk(gate_mu_);
    open_ = true;
    gate_cv_.notify_all();
  }
  std::string state_of(const std::string& name) {
    Response r = get("/api/operator/backups/" + name, op_);
    if (r.result() != bhttp::status::ok) return "answered " + std::to_string(r.result_int());
    return std::string(body(r).at("state").as_string());
  }

  ::hoyo::testing::TempDir backups_;
  std::mutex gate_mu_;
  std::condition_variable gate_cv_;
  bool open_ = false;
  bool fail_ = false;
  std::string op_;
};

TEST_F(BackupRoutes, OperatorsOnly) {
  EXPECT_EQ(post("/api/operator/backups", "", json::object{}).result(),
            bhttp::status::unauthorized);
  EXPECT_EQ(get("/api/operator/backups").result(), bhttp::status::unauthorized);
  EXPECT_EQ(post("/api/operator/backups", hanako(), json::object{}).result(),
            bhttp::status::unauthorized);
  const std::string auditor = auditor_session();
  Response refused = post("/api/operator/backups", auditor, json::object{});
  EXPECT_EQ(refused.result(), bhttp::status::forbidden);
  EXPECT_EQ(code(refused), "forbidden");
  EXPECT_EQ(get("/api/operator/backups", auditor).result(), bhttp::status::forbidden);
  EXPECT_TRUE(fs::is_empty(backups_.path()));  // nothing was started
}

TEST_F(BackupRoutes, OneAtATime) {
  Response first = post("/api/operator/backups", op_, json::object{});
  ASSERT_EQ(first.result(), bhttp::status::accepted) << first.body();
  const std::string name(body(first).at("name").as_string());
  EXPECT_TRUE(Backups::valid_name(name)) << name;
  EXPECT_EQ(first[bhttp::field::location], "/api/operator/backups/" + name);
  EXPECT_EQ(state_of(name), "running");
  Response second = post("/api/operator/backups", op_, json::object{});
  EXPECT_EQ(second.result(), bhttp::status::conflict);
  EXPECT_EQ(code(second), "conflict");
  EXPECT_NE(std::string(body(second).at("detail").as_string()).find(name), std::string::npos);
  release();
  ASSERT_TRUE(hoyo::testing::eventually([&] { return state_of(name) == "done"; }));
  // Finished: the next one may start, under a name of its own.
  Response third = post("/api/operator/backups", op_, json::object{});
  ASSERT_EQ(third.result(), bhttp::status::accepted) << third.body();
  EXPECT_NE(body(third).at("name").as_string(), name);
}

TEST_F(BackupRoutes, AFinishedBackupsManifestAndFiles) {
  release();
  const std::uint64_t head = services_->store().head();
  Response started = post("/api/operator/backups", op_, json::object{});
  ASSERT_EQ(started.result(), bhttp::status::accepted) << started.body();
  const std::string name(body(started).at("name").as_string());
  ASSERT_TRUE(hoyo::testing::eventually([&] { return state_of(name) == "done"; }));
  const json::value state = body(get("/api/operator/backups/" + name, op_));
  EXPECT_GE(json::value_to<std::uint64_t>(state.at("position")), head);
  EXPECT_EQ(state.at("chainHash").as_string().size(), 64u);
  EXPECT_NE(std::string(state.at("notIncluded").as_string()).find("key file"), std::string::npos);
  // Every file listed is served, its bytes the backup's.
  const json::array& files = state.at("files").as_array();
  ASSERT_FALSE(files.empty());
  std::string current;
  for (const json::value& f : files) {
    if (f.at("path").as_string() == "events/CURRENT") current = "events/CURRENT";
  }
  ASSERT_EQ(current, "events/CURRENT");
  Response got = get("/api/operator/backups/" + name + "/file?path=events/CURRENT&offset=0", op_);
  ASSERT_EQ(got.result(), bhttp::status::ok) << got.body();
  std::ifstream in(backups_.path() + "/" + name + "/events/CURRENT", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(got.body(), bytes);
  EXPECT_EQ(get("/api/operator/backups/" + name + "/file?path=events/CURRENT&offset=4", op_).body(),
            bytes.substr(4));
  // Nothing the manifest does not list, and no name it did not make.
  for (const std::string target : {"/file?path=../data.key", "/file?path=%2Fetc%2Fpasswd",
                                   "/file?path=hoyo-backup.json", "/file?path=events"}) {
    Response r = get("/api/operator/backups/" + name + target, op_);
    EXPECT_EQ(r.result(), bhttp::status::not_found) << target;
  }
  EXPECT_EQ(get("/api/operator/backups/..%2Fdata/file?path=events/CURRENT", op_).result(),
            bhttp::status::not_found);
  EXPECT_EQ(get("/api/operator/backups/hoyo-backup-nope", op_).result(), bhttp::status::not_found);
  EXPECT_EQ(get("/api/operator/backups/" + name + "/file?path=events/CURRENT&offset=999999", op_)
                .result(),
            bhttp::status::unprocessable_entity);
  EXPECT_EQ(
      get("/api/operator/backups/" + name + "/file?path=events/CURRENT&offset=-1", op_).result(),
      bhttp::status::unprocessable_entity);
  // The list shows it.
  const json::value list = body(get("/api/operator/backups", op_));
  ASSERT_EQ(list.as_array().size(), 1u);
  EXPECT_EQ(list.as_array()[0].at("name").as_string(), name);
}

TEST_F(BackupRoutes, AFailureIsReportedAndTheOldestBeyondKeepAreRemoved) {
  fail_ = true;
  release();
  Response started = post("/api/operator/backups", op_, json::object{});
  const std::string failed(body(started).at("name").as_string());
  ASSERT_TRUE(hoyo::testing::eventually([&] { return state_of(failed) == "failed"; }));
  const json::value state = body(get("/api/operator/backups/" + failed, op_));
  EXPECT_EQ(state.at("error").at("code").as_string(), "failed");  // a store failure's code
  fail_ = false;
  std::vector<std::string> names;
  for (int i = 0; i < 3; ++i) {
    Response r = post("/api/operator/backups", op_, json::object{});
    ASSERT_EQ(r.result(), bhttp::status::accepted) << r.body();
    names.emplace_back(body(r).at("name").as_string());
    ASSERT_TRUE(hoyo::testing::eventually([&] { return state_of(names.back()) == "done"; }));
  }
  // keep = 2: the first is gone.
  EXPECT_EQ(state_of(names[0]), "answered 404");
  EXPECT_EQ(state_of(names[2]), "done");
  EXPECT_TRUE(fs::exists(backups_.path() + "/" + names[1]));
}

// A follower that cannot apply the stream (health's follower_stopped) still
// backs up its own copy, but the answer and the manifest say it is stale; a
// node that applies the stream again makes copies that are not.
TEST_F(BackupRoutes, AStoppedFollowersCopyIsMarkedStale) {
  release();
  ClusterStatus status{false, "node-b", "node-a", 4, "chain mismatch at position 9", 3};
  services_->set_cluster_status([&status] { return status; });
  Response started = post("/api/operator/backups", op_, json::object{});
  ASSERT_EQ(started.result(), bhttp::status::accepted) << started.body();
  EXPECT_EQ(body(started).at("stale"), true) << started.body();
  EXPECT_EQ(body(started).at("staleReason"), "follower_stopped");
  const std::string name(body(started).at("name").as_string());
  ASSERT_TRUE(hoyo::testing::eventually([&] { return state_of(name) == "done"; }));
  const json::value state = body(get("/api/operator/backups/" + name, op_));
  EXPECT_EQ(state.at("stale"), true);
  EXPECT_EQ(state.at("staleReason"), "follower_stopped");
  auto manifest = backup::read_manifest(backups_.path() + "/" + name);
  ASSERT_TRUE(manifest.ok()) << manifest.status().to_string();
  EXPECT_EQ(manifest->stale, "follower_stopped");

  status.stopped.clear();
  Response fresh = post("/api/operator/backups", op_, json::object{});
  ASSERT_EQ(fresh.result(), bhttp::status::accepted) << fresh.body();
  EXPECT_FALSE(body(fresh).as_object().contains("stale"));
  const std::string again(body(fresh).at("name").as_string());
  ASSERT_TRUE(hoyo::testing::eventually([&] { return state_of(again) == "done"; }));
  EXPECT_FALSE(body(get("/api/operator/backups/" + again, op_)).as_object().contains("stale"));
}

TEST_F(BackupRoutes, NotOfferedWithoutABackupDirectory) {
  ctx_.backups.reset();
  Response r = post("/api/operator/backups", op_, json::object{});
  EXPECT_EQ(r.result(), bhttp::status::not_found);
  EXPECT_EQ(code(r), "not_found");
}

}  // namespace
}  // namespace hoyo::http
