#include "server/read_buffer_pool.hpp"

#include <sys/mman.h>

#include <new>

namespace cohook::detail {

namespace {
// Buffers mapped at a time: 512 KiB of address space, which costs nothing until a buffer is written.
constexpr std::size_t kBuffersPerBlock = 64;
constexpr std::size_t kBlockSize = kBuffersPerBlock * ReadBufferPool::kBufferSize;
}  // namespace

ReadBufferPool::~ReadBufferPool() {
    for (char* block : blocks_) ::munmap(block, kBlockSize);
}

char* ReadBufferPool::acquire() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) {
        void* block = ::mmap(nullptr, kBlockSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (block == MAP_FAILED) throw std::bad_alloc();
        blocks_.push_back(static_cast<char*>(block));
        // Room for every buffer there is, so that release() never has to grow the list.
        free_.reserve(blocks_.size() * kBuffersPerBlock);
        // Pushed in reverse so that the block's first buffer is handed out first.
        for (std::size_t i = kBuffersPerBlock; i-- > 0;) free_.push_back(blocks_.back() + i * kBufferSize);
    }
    char* buffer = free_.back();
    free_.pop_back();
    return buffer;
}

std::size_t ReadBufferPool::in_use() {
    std::lock_guard lock(mutex_);
    return blocks_.size() * kBuffersPerBlock - free_.size();
}

void ReadBufferPool::release(char* buffer, bool discard) noexcept {
    // Buffers are page-aligned and whole pages long, so the advice frees exactly this buffer's memory.
    if (discard) ::madvise(buffer, kBufferSize, MADV_DONTNEED);
    std::lock_guard lock(mutex_);
    free_.push_back(buffer);  // capacity reserved when its block was mapped: no allocation, no throw
}

}  // namespace cohook::detail
