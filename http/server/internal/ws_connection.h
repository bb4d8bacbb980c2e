// One WebSocket connection, over plain TCP or TLS. Beast performs the opening
// handshake; after it, frames are read and written here (ws_frames.h) on the
// underlying stream: one read and one write in flight, and every message
// queued while a write was in flight goes out together in the next write, so
// a busy connection costs one system call per batch, not per message. A
// client whose queue reaches ws_queue_max messages is dropped, never buffered
// without bound; it reconnects and catches up. Pings go out every half idle
// timeout; a client silent for the whole idle timeout is closed. The HTTP
// timeouts end with the handshake; from then on a write not taken within
// write_timeout (a client that stopped reading) ends the connection at once,
// close frame or not.
#pragma once

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <type_traits>

#include "http/server/internal/server_shared.h"
#include "http/server/internal/ws_frames.h"

namespace hoyo::http::internal {

template <class Stream>
class WsConnection : public WsPeer, public std::enable_shared_from_this<WsConnection<Stream>> {
 public:
  // `client`: the client's address (the upgrade request's, see
  // client_address()).
  WsConnection(Stream&& stream, ServerShared& shared, std::shared_ptr<SourceSlot> slot,
               std::string client)
      : ws_(std::move(stream)),
        timer_(ws_.get_executor()),
        shared_(shared),
        slot_(std::move(slot)),
        client_(std::move(client)),
        assembler_(shared.config.ws_message_max),
        context_(&boost::asio::query(ws_.get_executor(), boost::asio::execution::context)) {
    ++shared_.stats.websockets;
  }
  ~WsConnection() override { --shared_.stats.websockets; }

  void start(Request req) {
    boost::beast::websocket::stream_base::timeout t{};
    t.handshake_timeout = shared_.config.read_timeout;
    t.idle_timeout = boost::beast::websocket::stream_base::none();
    t.keep_alive_pings = false;
    ws_.set_option(t);
    ws_.async_accept(req, [self = this->shared_from_this()](boost::beast::error_code ec) {
      if (ec) return;
      // The request's read timeout, still set on the stream, would end the
      // connection read_timeout after the upgrade: the WebSocket keeps its
      // own time (tick, watch_write).
      boost::beast::get_lowest_layer(self->ws_).expires_never();
      self->open_ = true;
      self->last_heard_ = std::chrono::steady_clock::now();
      self->shared_.ws->on_open(self);
      self->read();
      self->tick();
    });
  }

  void send(std::shared_ptr<const std::string> text) override {
    boost::asio::dispatch(ws_.get_executor(),
                          [self = this->shared_from_this(), text = std::move(text)] {
                            self->enqueue(WsOpcode::kText, *text);
                          });
  }

  void close() override {
    boost::asio::dispatch(ws_.get_executor(),
                          [self = this->shared_from_this()] { self->begin_close(1000); });
  }

  const std::string& source() const override { return client_; }

  const void* thread() const override { return context_; }
  void run_on_thread(std::function<void()> fn) override {
    boost::asio::post(ws_.get_executor(), std::move(fn));
  }
  void queue_here(const std::string& text) override { enqueue(WsOpcode::kText, text, false); }
  void flush_here() override {
    if (open_ && !writing_) write_pending();
  }

 private:
  Stream& stream() { return ws_.next_layer(); }

  void read() {
    auto self = this->shared_from_this();
    stream().async_read_some(boost::asio::buffer(read_buf_),
                             [self](boost::beast::error_code ec, std::size_t n) {
                               if (ec) return self->closed();
                               self->last_heard_ = std::chrono::steady_clock::now();
                               self->in_.append(self->read_buf_.data(), n);
                               if (!self->parse()) return;
                               self->read();
                             });
  }

  // Handles every whole frame received; false once the connection is closing.
  bool parse() {
    for (;;) {
      ClientFrame f;
      const FrameError e = read_client_frame(in_, shared_.config.ws_message_max, f);
      if (e == FrameError::kIncomplete) return true;
      if (e != FrameError::kNone) return fail(e);
      in_.erase(0, f.size);
      switch (f.opcode) {
        case WsOpcode::kPing:
          enqueue(WsOpcode::kPong, f.payload);
          break;
        case WsOpcode::kPong:
          break;
        case WsOpcode::kClose:
          // Echo the status code, then close once it is written.
          begin_close(f.payload.size() >= 2 ? (static_cast<std::uint8_t>(f.payload[0]) << 8) |
                                                  static_cast<std::uint8_t>(f.payload[1])
                                            : 1000);
          return false;
        default: {
          FrameError me = FrameError::kNone;
          auto message = assembler_.add(f, me);
          if (me != FrameError::kNone) return fail(me);
          if (message) shared_.ws->on_message(this->shared_from_this(), *message);
          if (closing_) return false;
        }
      }
    }
  }

  bool fail(FrameError e) {
    begin_close(e == FrameError::kTooLarge ? 1009 : 1002);
    return false;
  }

  // Queues a frame; with `flush`, starts writing at once when idle.
  void enqueue(WsOpcode op, std::string_view payload, bool flush = true) {
    if (!open_ || closing_) return;
    if (queued_ >= shared_.config.ws_queue_max) {
      ++shared_.stats.ws_dropped;
      closed();  // the application forgets it now, not when the close completes
      return begin_close(1013);
    }
    append_server_frame(pending_, op, payload);
    ++queued_;
    if (flush && !writing_) write_pending();
  }

  void write_pending() {
    if (pending_.empty()) {
      writing_ = false;
      if (closing_) shutdown();
      return;
    }
    writing_ = true;
    write_started_ = std::chrono::steady_clock::now();
    out_.swap(pending_);
    pending_.clear();
    queued_ = 0;
    std::size_t written = 0;
    if constexpr (std::is_same_v<Stream, boost::beast::tcp_stream>) {
      // Most writes fit the socket's buffer at once: one send, no async
      // machinery; only what does not fit waits for the socket.
      boost::beast::error_code ec;
      auto& socket = stream().socket();
      socket.non_blocking(true, ec);
      if (!ec) written = socket.write_some(boost::asio::buffer(out_), ec);
      if (ec && ec != boost::asio::error::would_block) {
        out_.clear();
        writing_ = false;
        return closed();
      }
      if (written == out_.size()) {
        out_.clear();
        return write_pending();
      }
    }
    boost::asio::async_write(
        stream(), boost::asio::buffer(out_.data() + written, out_.size() - written),
        [self = this->shared_from_this()](boost::beast::error_code ec, std::size_t) {
          self->out_.clear();
          if (ec) {
            self->writing_ = false;
            return self->closed();
          }
          self->write_pending();
        });
  }

  // Sends a close frame after what is queued, then shuts the stream down.
  void begin_close(int code) {
    if (closing_ || (!open_ && !notified_)) return;
    std::string reason;
    reason.push_back(static_cast<char>((code >> 8) & 0xff));
    reason.push_back(static_cast<char>(code & 0xff));
    append_server_frame(pending_, WsOpcode::kClose, reason);
    closing_ = true;
    if (!writing_) write_pending();
    if (writing_) watch_write();
  }

  // Ends the connection at once: the socket closes, pending operations fail
  // and nothing more is timed.
  void abort() {
    boost::beast::get_lowest_layer(ws_).close();
    timer_.cancel();
  }

  // Once no tick runs (closing or closed): a write still not taken
  // write_timeout after it started ends the connection.
  void watch_write() {
    timer_.expires_at(write_started_ + shared_.config.write_timeout);
    timer_.async_wait([self = this->shared_from_this()](boost::beast::error_code ec) {
      if (ec || !self->writing_) return;
      if (std::chrono::steady_clock::now() - self->write_started_ <
          self->shared_.config.write_timeout) {
        return self->watch_write();  // a later write: its own time
      }
      ++self->shared_.stats.timeouts;
      self->closed();
      self->abort();
    });
  }

  void shutdown() {
    timer_.cancel();
    if constexpr (std::is_same_v<Stream, boost::beast::tcp_stream>) {
      boost::beast::error_code ec;
      stream().socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
      closed();
    } else {
      stream().async_shutdown(
          [self = this->shared_from_this()](boost::beast::error_code) { self->timer_.cancel(); });
      closed();
      // The peer gets five seconds to answer the TLS close.
      timer_.expires_after(std::chrono::seconds(5));
      timer_.async_wait([self = this->shared_from_this()](boost::beast::error_code ec) {
        if (!ec) self->abort();
      });
    }
  }

  // Every half idle timeout: a ping, or the end for a client silent too long.
  void tick() {
    timer_.expires_after(shared_.config.ws_idle_timeout / 2);
    timer_.async_wait([self = this->shared_from_this()](boost::beast::error_code ec) {
      if (ec || self->closing_ || !self->open_) return;
      const auto now = std::chrono::steady_clock::now();
      if (self->writing_ && now - self->write_started_ > self->shared_.config.write_timeout) {
        ++self->shared_.stats.timeouts;  // a client that stopped reading
        self->closed();
        return self->abort();
      }
      if (now - self->last_heard_ > self->shared_.config.ws_idle_timeout) {
        ++self->shared_.stats.timeouts;
        return self->begin_close(1001);
      }
      self->enqueue(WsOpcode::kPing, {});
      self->tick();
    });
  }

  void closed() {
    if (notified_) return;
    notified_ = true;
    open_ = false;
    // A write still in flight may never be taken (a client that stopped
    // reading): it is watched until it is; otherwise nothing is left to time.
    if (writing_) {
      watch_write();
    } else {
      timer_.cancel();
    }
    if (shared_.ws) shared_.ws->on_close(this);
  }

  boost::beast::websocket::stream<Stream> ws_;  // for the opening handshake only
  boost::asio::steady_timer timer_;
  ServerShared& shared_;
  std::shared_ptr<SourceSlot> slot_;
  std::string client_;
  WsMessageAssembler assembler_;
  const void* context_;  // the io_context (one per server thread)
  std::array<char, 4096> read_buf_{};
  std::string in_;       // received, not yet a whole frame
  std::string out_;      // frames being written
  std::string pending_;  // frames queued behind them
  std::size_t queued_ = 0;
  std::chrono::steady_clock::time_point last_heard_;
  std::chrono::steady_clock::time_point write_started_;  // of the write in flight
  bool open_ = false;
  bool writing_ = false;
  bool closing_ = false;
  bool notified_ = false;
};

}  // namespace hoyo::http::internal
