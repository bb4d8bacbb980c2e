// One WebSocket connection, over plain TCP or TLS: accepts the upgrade, reads
// client messages into the WsApp, and writes queued messages one at a time.
// A client whose queue reaches ws_queue_max is dropped, never buffered without
// bound; it reconnects and catches up.
#pragma once

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <memory>

#include "http/internal/server_shared.h"

namespace hoyo::http::internal {

template <class Stream>
class WsConnection : public WsPeer, public std::enable_shared_from_this<WsConnection<Stream>> {
 public:
  WsConnection(Stream&& stream, ServerShared& shared, std::shared_ptr<SourceSlot> slot)
      : ws_(std::move(stream)), shared_(shared), slot_(std::move(slot)) {
    ++shared_.stats.websockets;
  }
  ~WsConnection() override { --shared_.stats.websockets; }

  void start(Request req) {
    namespace websocket = boost::beast::websocket;
    boost::beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout t{};
    t.handshake_timeout = shared_.config.read_timeout;
    t.idle_timeout = shared_.config.ws_idle_timeout;
    t.keep_alive_pings = true;
    ws_.set_option(t);
    ws_.read_message_max(shared_.config.ws_message_max);
    ws_.auto_fragment(false);
    ws_.async_accept(req, [self = this->shared_from_this()](boost::beast::error_code ec) {
      if (ec) return;
      self->open_ = true;
      shared_app(*self).on_open(self);
      self->read();
    });
  }

  void send(std::shared_ptr<const std::string> text) override {
    boost::asio::dispatch(ws_.get_executor(),
                          [self = this->shared_from_this(), text = std::move(text)]() mutable {
                            self->enqueue(std::move(text));
                          });
  }

  void close() override {
    boost::asio::dispatch(ws_.get_executor(), [self = this->shared_from_this()] {
      self->begin_close(boost::beast::websocket::close_code::normal);
    });
  }

  const std::string& source() const override { return slot_->source(); }

 private:
  static WsApp& shared_app(WsConnection& c) { return *c.shared_.ws; }

  void read() {
    ws_.async_read(
        buffer_, [self = this->shared_from_this()](boost::beast::error_code ec, std::size_t) {
          if (ec) return self->closed();
          const auto data = self->buffer_.cdata();
          shared_app(*self).on_message(
              self, std::string_view(static_cast<const char*>(data.data()), data.size()));
          self->buffer_.consume(self->buffer_.size());
          self->read();
        });
  }

  void enqueue(std::shared_ptr<const std::string> text) {
    if (!open_ || closing_) return;
    if (queue_.size() >= shared_.config.ws_queue_max) {
      ++shared_.stats.ws_dropped;
      closed();  // the application forgets it now, not when the close completes
      return begin_close(boost::beast::websocket::close_code::try_again_later);
    }
    queue_.push_back(std::move(text));
    if (!writing_) write_next();
  }

  // Closes after the write in flight, if any (one write at a time, close included).
  void begin_close(boost::beast::websocket::close_code why) {
    if (!open_ && !notified_) return;  // never opened
    if (closing_) return;
    closing_ = true;
    close_code_ = why;
    if (!writing_) send_close();
  }

  void send_close() {
    queue_.clear();
    ws_.async_close(close_code_, [self = this->shared_from_this()](boost::beast::error_code) {});
  }

  void write_next() {
    if (closing_) {
      writing_ = false;
      return send_close();
    }
    if (queue_.empty()) {
      writing_ = false;
      return;
    }
    writing_ = true;
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(*queue_.front()),
                    [self = this->shared_from_this()](boost::beast::error_code ec, std::size_t) {
                      self->queue_.pop_front();
                      if (ec) {
                        self->writing_ = false;
                        self->queue_.clear();
                        return;
                      }
                      self->write_next();
                    });
  }

  void closed() {
    if (notified_) return;
    notified_ = true;
    open_ = false;
    if (!writing_) queue_.clear();
    if (shared_.ws) shared_.ws->on_close(this);
  }

  boost::beast::websocket::stream<Stream> ws_;
  ServerShared& shared_;
  std::shared_ptr<SourceSlot> slot_;
  boost::beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool open_ = false;
  bool writing_ = false;
  bool closing_ = false;
  bool notified_ = false;
  boost::beast::websocket::close_code close_code_ = boost::beast::websocket::close_code::normal;
};

}  // namespace hoyo::http::internal
