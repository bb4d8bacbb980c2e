// One HTTP/1.1 connection, over plain TCP or TLS: reads a request's header,
// asks the application to admit it (its body limit, or a refusal such as a
// rate limit), reserves its body from the memory budgets, refusing an
// oversized Content-Length or a spent budget before reading any body, reads
// the body, hands the request to the handler and writes the answer when it
// comes, then repeats while the client keeps the connection alive. A
// WebSocket upgrade on the configured path becomes a WsConnection; an upgrade
// carries no body, so one that announces a body is refused.
#pragma once

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/range/iterator_range.hpp>
#include <memory>
#include <optional>
#include <thread>
#include <type_traits>

#include "http/server/internal/server_shared.h"
#include "http/server/internal/ws_connection.h"
#include "http/server/problem.h"

namespace hoyo::http::internal {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
class HttpConnection : public std::enable_shared_from_this<HttpConnection<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  template <class... Args>
  HttpConnection(ServerShared& shared, std::shared_ptr<SourceSlot> slot, Args&&... stream_args)
      : stream_(std::forward<Args>(stream_args)...), shared_(shared), slot_(std::move(slot)) {}
  ~HttpConnection() {
    if (waiting_) shared_.idle.leave(this);
  }

  void start() {
    io_thread_ = std::this_thread::get_id();  // start() runs on the connection's thread
    beast::error_code ec;
    beast::get_lowest_layer(stream_).socket().set_option(boost::asio::ip::tcp::no_delay(true), ec);
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(shared_.config.read_timeout);
      stream_.async_handshake(boost::asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->count_timeout(ec);
                                self->read_header();
                              });
    } else {
      read_header();
    }
  }

 private:
  void read_header() {
    // A stopping server starts no new request; while this connection waits
    // for one, a stop ends the wait (see IdleConnections).
    auto end = [weak = this->weak_from_this(), executor = stream_.get_executor()] {
      boost::asio::post(executor, [weak] {
        if (auto self = weak.lock(); self && self->waiting_) {
          beast::get_lowest_layer(self->stream_).cancel();
        }
      });
    };
    if (!shared_.idle.enter(this, std::move(end))) return close();
    waiting_ = true;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_.config.header_limit));
    // Beast checks Content-Length against the body limit while parsing the
    // header: none yet, the route's limit is set once the header is known.
    parser_->body_limit(boost::none);
    beast::get_lowest_layer(stream_).expires_after(first_ ? shared_.config.read_timeout
                                                          : shared_.config.idle_timeout);
    first_ = false;
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                               self->on_header(ec);
                             });
  }

  void on_header(beast::error_code ec) {
    shared_.idle.leave(this);
    waiting_ = false;
    if (ec) return on_error(ec);
    open_.emplace(shared_.stats);  // until its answer is written (see write, close)
    if (shared_.idle.draining()) {
      return refuse(bhttp::status::service_unavailable, "unavailable", "the server is stopping", 1);
    }
    auto& head = parser_->get();
    // The client this request is from: the TCP peer, or behind a trusted
    // proxy the address X-Forwarded-For names (each request of a keep-alive
    // connection may come from another client). Several X-Forwarded-For
    // fields are one list, in their order (a proxy may add its own field
    // after the client's).
    {
      std::string xff;
      for (const auto& f : boost::make_iterator_range(head.equal_range("X-Forwarded-For"))) {
        xff.append(xff.empty() ? "" : ",").append(f.value());
      }
      client_ = client_address(shared_.proxies, slot_->source(), xff);
    }
    const std::string_view target(head.target().data(), head.target().size());
    const bool announces_body =
        parser_->chunked() || (parser_->content_length() && *parser_->content_length() > 0);
    if (beast::websocket::is_upgrade(head) && shared_.ws &&
        target.substr(0, target.find('?')) == shared_.config.websocket_path) {
      // Beast would reserve a declared length at once: refuse before reading.
      if (announces_body) {
        return refuse(bhttp::status::bad_request, "malformed", "an upgrade carries no body");
      }
      parser_->body_limit(0);
      return read_body();  // completes the (empty) message
    }
    // What the client sent as its address is replaced, never trusted.
    head.erase(kPeerHeader);
    head.erase(kForwardedHeader);
    std::size_t limit = shared_.config.body_limit;
    if (shared_.config.admit) {
      Admission a = shared_.config.admit(head, client_);
      if (a.refusal) {
        a.refusal->keep_alive(false);
        return write(std::move(*a.refusal));
      }
      limit = a.body_limit;
    }
    if (parser_->content_length() && *parser_->content_length() > limit) {
      return refuse(bhttp::status::payload_too_large, "payload_too_large",
                    "request body too large");
    }
    if (announces_body) {
      const std::size_t bytes = parser_->content_length() ? *parser_->content_length() : limit;
      const Verdict v = shared_.bodies.reserve(client_, bytes);
      if (v != Verdict::kAdmitted) {
        ++shared_.stats.refused_body;
        return v == Verdict::kSourceFull ? refuse(bhttp::status::too_many_requests, "rate_limited",
                                                  "too many request bodies from one source", 1)
                                         : refuse(bhttp::status::service_unavailable, "unavailable",
                                                  "the server is busy", 1);
      }
      body_ = std::make_unique<BodyReservation>(shared_, client_, bytes);
    }
    parser_->body_limit(limit);
    read_body();
  }

  void read_body() {
    beast::get_lowest_layer(stream_).expires_after(shared_.config.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        self->on_read(ec);
                      });
  }

  void on_read(beast::error_code ec) {
    if (ec) return on_error(ec);
    req_ = parser_->release();
    const std::string_view target(req_.target().data(), req_.target().size());
    if (beast::websocket::is_upgrade(req_) && shared_.ws &&
        target.substr(0, target.find('?')) == shared_.config.websocket_path) {
      auto ws = std::make_shared<WsConnection<Stream>>(std::move(stream_), shared_, slot_, client_);
      open_.reset();  // a WebSocket is not a request a stop waits for
      return ws->start(std::move(req_));
    }
    // The client's address for per-source limits (a client's own was removed
    // with the header).
    req_.set(kPeerHeader, client_);
    beast::get_lowest_layer(stream_).expires_never();
    auto self = this->shared_from_this();  // alive until this returns, whatever the handler does
    // While the handler works, the server's reply gate holds this connection;
    // the answer's closure holds only a ticket to it (see ReplyGate).
    const void* key = this;
    shared_.replies->hold(key, this->shared_from_this());
    ++shared_.stats.in_flight;
    // A ticket never used (the handler threw, or dropped the answer) lets the
    // connection go, and it is no longer in flight.
    struct Ticket {
      std::shared_ptr<ReplyGate> gate;
      const void* key;
      std::thread::id io_thread;
      std::atomic<bool> used{false};
      ~Ticket() {
        if (!used) {
          gate->pass(key, [](std::shared_ptr<void> c) {
            --std::static_pointer_cast<HttpConnection>(c)->shared_.stats.in_flight;
          });
        }
      }
    };
    auto ticket = std::make_shared<Ticket>();
    ticket->gate = shared_.replies;
    ticket->key = key;
    ticket->io_thread = io_thread_;
    shared_.handler(req_, [ticket](Response res) {
      if (ticket->used.exchange(true)) return;  // answered once only
      auto answer = std::make_shared<Response>(std::move(res));
      const bool here = std::this_thread::get_id() == ticket->io_thread;
      ticket->gate->pass(ticket->key, [answer, here](std::shared_ptr<void> c) {
        auto self = std::static_pointer_cast<HttpConnection>(std::move(c));
        if (here) {
          // On the connection's own thread (most answers come at once): write now.
          --self->shared_.stats.in_flight;
          return self->write(std::move(*answer));
        }
        auto executor = self->stream_.get_executor();
        boost::asio::post(executor, [self = std::move(self), answer] {
          --self->shared_.stats.in_flight;
          self->write(std::move(*answer));
        });
      });
    });
  }

  void on_error(beast::error_code ec) {
    if (ec == bhttp::error::body_limit) {
      return refuse(bhttp::status::payload_too_large, "payload_too_large",
                    "request body too large");
    }
    if (ec == bhttp::error::header_limit) {
      return refuse(bhttp::status::request_header_fields_too_large, "header_too_large",
                    "request header too large");
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      return refuse(bhttp::status::bad_request, "malformed", "malformed request");
    }
    count_timeout(ec);
    close();
  }

  void count_timeout(beast::error_code ec) {
    if (ec == beast::error::timeout) ++shared_.stats.timeouts;
  }

  // A problem answer, then the connection closes.
  void refuse(bhttp::status status, std::string_view code, std::string_view title,
              int retry_after = 0) {
    Response res = problem(status, code, title, title, 11);
    if (retry_after > 0) res.set(bhttp::field::retry_after, std::to_string(retry_after));
    res.keep_alive(false);
    write(std::move(res));
  }

  void write(Response res) {
    res.keep_alive(res.keep_alive() && req_.keep_alive() && !shared_.idle.draining());
    response_ = std::make_shared<Response>(std::move(res));
    beast::get_lowest_layer(stream_).expires_after(shared_.config.write_timeout);
    bhttp::async_write(stream_, *response_,
                       [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                         const bool keep = self->response_->keep_alive();
                         self->response_.reset();
                         // The body's memory is given back.
                         std::string().swap(self->req_.body());
                         self->body_.reset();
                         self->open_.reset();  // answered: a stop need not wait for it
                         if (ec) {
                           self->count_timeout(ec);
                           return self->close();
                         }
                         if (!keep) return self->close();
                         self->read_header();
                       });
  }

  void close() {
    open_.reset();
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    } else {
      beast::error_code ec;
      stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
    }
  }

  Stream stream_;
  ServerShared& shared_;
  std::shared_ptr<SourceSlot> slot_;
  std::string client_;  // the current request's client (see on_header)
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request req_;
  std::shared_ptr<Response> response_;
  std::unique_ptr<BodyReservation> body_;  // the request's claim on the body budgets
  std::optional<OpenRequest> open_;        // from the header until the answer is written
  bool first_ = true;
  bool waiting_ = false;  // registered in shared_.idle, waiting for a request's header
  std::thread::id io_thread_;
};

}  // namespace hoyo::http::internal
