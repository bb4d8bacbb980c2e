// The scan-bomb JPEG: registration uploads whose proof is a 1024x1024
// progressive JPEG of ~1,900 valid scans, each of which a decoder would run
// over the whole image. Several at once: every one is refused 415
// unsupported_media_type at the scan limit, and the normal client, whose
// logins run on another pool, is served meanwhile and after.
#include <future>

#include "hostile_fixture.h"
#include "tests/accounts/images.h"
#include "tests/accounts/worker_form.h"

namespace hoyo::hostile {
namespace {

using namespace std::chrono_literals;

// A worker's registration (every field valid) with `proof` as its file.
std::string registration(const std::string& proof, int n) {
  return request_bytes(
      "POST", "/api/registrations",
      {{"X-Requested-With", "t"}, {"Content-Type", accounts::testing::worker_form_type()}},
      accounts::testing::worker_form("タカナワ　イチロウ",
                                     "bomb" + std::to_string(n) + "@example.jp", proof,
                                     "shoumei.jpg", "image/jpeg"));
}

class ScanBomb : public HostileTest {};

TEST_F(ScanBomb, SeveralAtOnceAreEachRefused415) {
  const std::string bomb = accounts::testing::make_scan_bomb_jpeg(1024, 1024);
  ASSERT_GT(bomb.size(), 1000u);
  constexpr int kBombs = 4;
  std::vector<Socket> sockets;
  std::vector<std::string> requests;
  for (int i = 0; i < kBombs; ++i) {
    sockets.push_back(attacker());
    requests.push_back(registration(bomb, i));
  }
  // The normal client is served while the bombs are being decoded.
  auto during = std::async(std::launch::async, [&] {
    std::this_thread::sleep_for(300ms);
    expect_normal_client_served("scan bombs, while they are decoded");
  });
  const auto answers = exchange_all(sockets, requests, in(30s));
  during.get();
  for (int i = 0; i < kBombs; ++i) {
    SCOPED_TRACE("bomb " + std::to_string(i));
    EXPECT_EQ(answers[i].status, 415) << answers[i].describe();
    EXPECT_EQ(answers[i].code(), "unsupported_media_type") << answers[i].describe();
  }
  expect_normal_client_served("scan bombs");
}

}  // namespace
}  // namespace hoyo::hostile
