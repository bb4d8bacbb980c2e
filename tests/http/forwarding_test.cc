// Cluster mode's HTTP half (http/app/forwarding.h): the bytes a forwarded
// request and its answer travel as, and which requests a follower hands to
// the writer (AppContext::to_writer): every write that passed the CSRF
// check, never a read (a quote, though a POST, is a read); and a position past a follower's head is
// waited for, not refused. A node that cannot apply the stream says so in
// /api/health and /metrics.
#include "http/app/forwarding.h"

#include <gtest/gtest.h>

#include "app_fixture.h"
#include "eventually.h"
#include "http/app/read_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;

Request sample_request() {
  Request req{bhttp::verb::post, "/api/reservations?x=1", 11};
  req.set(bhttp::field::host, "node-b.example:8080");
  req.set(bhttp::field::cookie, "hoyo_session=abc");
  req.set("Idempotency-Key", "key-1");
  req.set(kPeerHeader, "203.0.113.7");
  req.body() = R"({"facilityId":"seaside","nights":1})";
  req.prepare_payload();
  return req;
}

TEST(Forwarding, ARequestTravelsWhole) {
  const Request req = sample_request();
  const std::string bytes = encode_request(req);
  std::optional<Request> back = decode_request(bytes, 1 << 20);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->method(), bhttp::verb::post);
  EXPECT_EQ(back->target(), "/api/reservations?x=1");
  EXPECT_EQ(back->body(), req.body());
  EXPECT_EQ((*back)["Idempotency-Key"], "key-1");
  EXPECT_EQ((*back)[bhttp::field::cookie], "hoyo_session=abc");
  EXPECT_EQ((*back)[kPeerHeader], "203.0.113.7");  // the writer counts the real client
  EXPECT_EQ((*back)[bhttp::field::host], "node-b.example:8080");
}

TEST(Forwarding, AChunkedRequestTravelsWithItsBodyWhole) {
  Request req = sample_request();
  req.chunked(true);
  std::optional<Request> back = decode_request(encode_request(req), 1 << 20);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->body(), req.body());
}

TEST(Forwarding, AnAnswerTravelsWhole) {
  Response res{bhttp::status::created, 11};
  res.set(bhttp::field::content_type, "application/json");
  res.set(bhttp::field::set_cookie, "hoyo_session=new; HttpOnly; SameSite=Strict");
  res.set("X-Log-Position", "42");
  res.body() = R"({"reservationNumber":"1234567890"})";
  std::optional<Response> back = decode_response(encode_response(res));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->result(), bhttp::status::created);
  EXPECT_EQ(back->body(), res.body());
  EXPECT_EQ((*back)[bhttp::field::set_cookie], "hoyo_session=new; HttpOnly; SameSite=Strict");
  EXPECT_EQ((*back)["X-Log-Position"], "42");
  Response empty{bhttp::status::no_content, 11};
  std::optional<Response> none = decode_response(encode_response(empty));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->result(), bhttp::status::no_content);
}

TEST(Forwarding, BytesThatAreNotOneWholeRequestAreRefused) {
  const std::string bytes = encode_request(sample_request());
  EXPECT_FALSE(decode_request("", 1 << 20));
  EXPECT_FALSE(decode_request("not http at all\r\n\r\n", 1 << 20));
  EXPECT_FALSE(decode_request(bytes.substr(0, bytes.size() - 3), 1 << 20));  // cut short
  EXPECT_FALSE(decode_request(bytes + "GET / HTTP/1.1\r\n\r\n", 1 << 20));   // more after it
  EXPECT_FALSE(decode_request(bytes, 8));                                    // body over limit
  EXPECT_FALSE(decode_response("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"));
}

TEST(Forwarding, ReadsStayAndWritesGo) {
  Router r;
  auto nothing = [](Call&) {};
  for (auto verb :
       {bhttp::verb::post, bhttp::verb::put, bhttp::verb::patch, bhttp::verb::delete_}) {
    r.add(verb, "/w", nothing);
  }
  for (auto verb : {bhttp::verb::get, bhttp::verb::head, bhttp::verb::options}) {
    r.add(verb, "/r", nothing);
  }
  r.add(bhttp::verb::post, "/quote", nothing, Effect::kRead);
  for (const Route& route : r.routes()) {
    EXPECT_EQ(goes_to_writer(route), route.pattern == "/w") << route.pattern;
  }
}

class FollowerApp : public testing::AppFixture {
 protected:
  // This node follows: what goes to the writer is recorded and answered 201.
  void follow() {
    ctx_.to_writer = [this](const Request& req, Reply& reply) {
      forwarded_.push_back(std::string(req.target()));
      Response res{bhttp::status::created, req.version()};
      res.body() = "from the writer";
      reply(std::move(res));
      return true;
    };
  }
  std::vector<std::string> forwarded_;
};

TEST_F(FollowerApp, AStateChangeIsAnsweredByTheWriterAndAReadHere) {
  follow();
  const std::uint64_t head = services_->store().head();
  Response booked =
      post("/api/reservations", "no-session", boost::json::object{{"facilityId", "x"}});
  EXPECT_EQ(booked.result(), bhttp::status::created);
  EXPECT_EQ(booked.body(), "from the writer");
  EXPECT_FALSE(booked["Content-Security-Policy"].empty());  // still this node's headers
  ASSERT_EQ(forwarded_.size(), 1u);
  EXPECT_EQ(forwarded_[0], "/api/reservations");
  EXPECT_EQ(services_->store().head(), head);  // nothing written here
  EXPECT_EQ(get("/api/facilities").result(), bhttp::status::ok);
  EXPECT_EQ(forwarded_.size(), 1u);
}

// A quote is a read: the follower answers it from its own projections
// (reading its writes with X-Min-Position), never the writer.
TEST_F(FollowerApp, AQuoteIsAnsweredHere) {
  const std::string session = hanako();  // before following: a login writes
  follow();
  Request quote =
      make(bhttp::verb::post, "/api/quotes", session,
           boost::json::serialize(boost::json::object{{"facilityId", "seaside"},
                                                      {"checkIn", day(12)},
                                                      {"nights", 1},
                                                      {"people", boost::json::array{2}}}));
  quote.set("X-Min-Position", std::to_string(services_->store().head()));
  Response quoted = send(quote);
  EXPECT_EQ(quoted.result(), bhttp::status::ok) << quoted.body();
  EXPECT_TRUE(body(quoted).as_object().contains("price")) << quoted.body();
  Response change = post("/api/reservations/12345678/quote", session,
                         boost::json::object{{"people", boost::json::array{3}}});
  EXPECT_EQ(change.result(), bhttp::status::not_found) << change.body();
  EXPECT_TRUE(forwarded_.empty());
}

TEST_F(FollowerApp, ACrossSiteStateChangeIsRefusedBeforeItIsForwarded) {
  follow();
  Request req = make(bhttp::verb::post, "/api/reservations", "s", "{}");
  req.erase("X-Requested-With");
  EXPECT_EQ(send(req).result(), bhttp::status::forbidden);
  EXPECT_TRUE(forwarded_.empty());
}

TEST_F(FollowerApp, APositionPastTheHeadIsWaitedForOnAFollowerOnly) {
  Request req = make(bhttp::verb::get, "/api/facilities");
  req.set("X-Min-Position", std::to_string(services_->store().head() + 5));
  EXPECT_EQ(send(req).result(), bhttp::status::conflict);  // a single node: never comes
  follow();
  EXPECT_EQ(send(req).result(), bhttp::status::conflict);  // the writer's head is the log's
  ASSERT_TRUE(services_->store().set_role(eventstore::StoreRole::kReplica).ok());
  EXPECT_EQ(send(req).result(), bhttp::status::service_unavailable);  // stale, after the wait
  // The read that gave up holds nothing: a position that never comes does
  // not pile up waiters.
  EXPECT_TRUE(::hoyo::testing::eventually([&] { return services_->projections().waiting() == 0; }));
  req.set("X-Min-Position", std::to_string(services_->store().head() + kClusterAheadMax + 1));
  EXPECT_EQ(send(req).result(), bhttp::status::conflict);  // too far to wait for
  ASSERT_TRUE(services_->store().set_role(eventstore::StoreRole::kWriter).ok());
}

// A writer stepping down forwards its writes before its store becomes a
// replica (NodeEvents::stepping_down): the positions its clients then bring
// back are the new writer's, on their way here, so they are waited for.
TEST_F(FollowerApp, APositionPastTheHeadIsWaitedForByAWriterSteppingDown) {
  follow();
  ctx_.writes_here = [] { return false; };
  Request req = make(bhttp::verb::get, "/api/facilities");
  req.set("X-Min-Position", std::to_string(services_->store().head() + 5));
  ASSERT_EQ(services_->store().role(), eventstore::StoreRole::kWriter);
  EXPECT_EQ(send(req).result(), bhttp::status::service_unavailable);  // stale, after the wait
  ctx_.writes_here = [] { return true; };
  EXPECT_EQ(send(req).result(), bhttp::status::conflict);  // deciding: its head is the log's
}

// A follower that cannot apply the stream (a chain mismatch) is degraded:
// /api/health answers 503 with the reason, and /metrics says it stopped and
// how far behind the stream it is; once it applies again, it is ok.
TEST_F(FollowerApp, AFollowerThatCannotApplyTheStreamIsDegraded) {
  follow();
  ClusterStatus status{false, "node-b", "node-a", 4, "", 0};
  services_->set_cluster_status([&status] { return status; });
  auto metric = [this](const std::string& name) {
    ctx_.config.metrics_token = "t0ken";
    Request req = make(bhttp::verb::get, "/metrics");
    req.set(bhttp::field::authorization, "Bearer t0ken");
    const std::string text = send(req).body();
    const std::size_t at = text.find("\n" + name + " ");
    return at == std::string::npos ? -1.0 : std::stod(text.substr(at + name.size() + 2));
  };
  Response h = get("/api/health");
  EXPECT_EQ(h.result(), bhttp::status::ok) << h.body();
  EXPECT_EQ(metric("hoyo_cluster_follower_stopped"), 0);
  EXPECT_EQ(metric("hoyo_cluster_writer"), 0);
  EXPECT_EQ(metric("hoyo_cluster_epoch"), 4);

  status.stopped = "corruption: the store holds what the stream does not";
  status.behind = 7;
  h = get("/api/health");
  EXPECT_EQ(h.result(), bhttp::status::service_unavailable);
  EXPECT_FALSE(h[bhttp::field::retry_after].empty());
  const boost::json::value b = body(h);
  EXPECT_EQ(b.at("status").as_string(), "degraded");
  EXPECT_EQ(b.at("reason").as_string(), "follower_stopped");
  EXPECT_EQ(b.at("role").as_string(), "follower");
  EXPECT_EQ(metric("hoyo_cluster_follower_stopped"), 1);
  EXPECT_EQ(metric("hoyo_cluster_behind_messages"), 7);
  // Reads are still served, up to its head.
  EXPECT_EQ(get("/api/facilities").result(), bhttp::status::ok);

  status.stopped.clear();
  status.behind = 0;
  EXPECT_EQ(get("/api/health").result(), bhttp::status::ok);
  EXPECT_EQ(metric("hoyo_cluster_behind_messages"), 0);
}

}  // namespace
}  // namespace hoyo::http
