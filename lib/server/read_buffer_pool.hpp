#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace cohook::detail {

/// Hands out the sessions' read buffers from page-aligned blocks of its own, so that the buffer of a
/// connection gone idle can give its memory back to the system (malloc would keep a freed buffer in the
/// process for reuse, and resident memory would stay at its high-water mark). Thread-safe.
class ReadBufferPool {
  public:
    /// Bytes in every buffer: a typical webhook (headers and a few KB of JSON) arrives in one read.
    static constexpr std::size_t kBufferSize = 8192;

    ReadBufferPool() = default;
    ReadBufferPool(const ReadBufferPool&) = delete;
    ReadBufferPool& operator=(const ReadBufferPool&) = delete;
    /// Unmaps every block: all buffers must have been released.
    ~ReadBufferPool();

    /// A buffer of kBufferSize bytes, contents unspecified. Throws std::bad_alloc when memory is exhausted.
    char* acquire();

    /// Takes `buffer` back. `discard`: its pages go back to the system now (the connection went idle);
    /// otherwise they stay for the next connection (one that closes is usually followed by another).
    void release(char* buffer, bool discard) noexcept;

    /// Buffers handed out and not yet released: connections reading a request or recently active.
    std::size_t in_use();

  private:
    std::mutex mutex_;
    std::vector<char*> free_;    // released buffers, most recent last: reused first while still warm
    std::vector<char*> blocks_;  // mapped blocks of kBuffersPerBlock buffers each
};

/// Gives a buffer back to its pool, keeping its pages (a closing connection's buffer is reused soon).
struct ReturnToPool {
    ReadBufferPool* pool = nullptr;
    void operator()(char* buffer) const noexcept { pool->release(buffer, false); }
};

/// A session's read buffer while it holds one.
using PooledBuffer = std::unique_ptr<char, ReturnToPool>;

}  // namespace cohook::detail
