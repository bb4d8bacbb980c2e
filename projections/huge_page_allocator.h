// An allocator for the projections' big arrays and hash tables: blocks of
// 2 MiB and more are mapped on their own, aligned to 2 MiB and marked for
// transparent huge pages (madvise), so folding millions of events takes one
// page fault per 2 MiB instead of one per 4 KiB; smaller blocks come from the
// ordinary heap. Stateless: any two instances are interchangeable.
//
// Why: on the VMs we run on, a page fault costs microseconds (the replay
// profile showed a tenth of the time in the fault path as the arrays grew),
// and THP is in "madvise" mode by default on Debian.
#pragma once

#include <sys/mman.h>

#include <boost/container_hash/hash.hpp>
#include <boost/unordered/unordered_flat_map.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace hoyo::projections {

namespace huge_pages {
inline constexpr std::size_t kSize = std::size_t{2} << 20;

inline std::size_t rounded(std::size_t bytes) { return (bytes + kSize - 1) & ~(kSize - 1); }

// `bytes` (a multiple of kSize) mapped at a 2 MiB boundary; throws bad_alloc.
inline void* map(std::size_t bytes) {
  const std::size_t span = bytes + kSize;
  void* raw = ::mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (start + kSize - 1) & ~(std::uintptr_t{kSize} - 1);
  if (aligned > start) ::munmap(raw, aligned - start);
  if (const std::uintptr_t end = start + span; end > aligned + bytes) {
    ::munmap(reinterpret_cast<void*>(aligned + bytes), end - aligned - bytes);
  }
  ::madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);  // advice only
  return reinterpret_cast<void*>(aligned);
}
}  // namespace huge_pages

template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() noexcept = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge_pages::kSize) return std::allocator<T>{}.allocate(n);
    return static_cast<T*>(huge_pages::map(huge_pages::rounded(bytes)));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < huge_pages::kSize) return std::allocator<T>{}.deallocate(p, n);
    ::munmap(p, huge_pages::rounded(bytes));
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

// The containers that grow with the log.
template <class T>
using BigVector = std::vector<T, HugePageAllocator<T>>;
template <class K, class V, class Hash = boost::hash<K>>
using BigMap = boost::unordered_flat_map<K, V, Hash, std::equal_to<K>,
                                         HugePageAllocator<std::pair<const K, V>>>;

}  // namespace hoyo::projections
