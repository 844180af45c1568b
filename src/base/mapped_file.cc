// SPDX-License-Identifier: Apache-2.0
#include "base/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace xlite {
namespace {

class MappedBytes final : public Bytes {
 public:
  MappedBytes(void* addr, size_t size) : addr_(addr), size_(size) {}
  ~MappedBytes() override {
    if (addr_ != nullptr && size_ > 0) munmap(addr_, size_);
  }
  std::span<const uint8_t> data() const override {
    return {static_cast<const uint8_t*>(addr_), size_};
  }
  void release(std::span<const uint8_t> range) const override {
    const auto base = reinterpret_cast<uintptr_t>(addr_);
    auto begin = reinterpret_cast<uintptr_t>(range.data());
    auto end = begin + range.size();
    if (range.empty() || begin < base || end > base + size_) return;
    const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
    begin = (begin + page - 1) / page * page;  // whole pages only: a neighbour's bytes stay
    end = end / page * page;
    // A private read-only file mapping: dropped pages are read back from
    // the file on the next access, unchanged.
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
  }

 private:
  void* addr_;
  size_t size_;
};

class OwnedBytes final : public Bytes {
 public:
  explicit OwnedBytes(std::span<const uint8_t> src) : size_(src.size()) {
    // Round up so aligned_alloc's size is a multiple of the alignment.
    const size_t cap = (size_ + 15) / 16 * 16;
    mem_ = static_cast<uint8_t*>(std::aligned_alloc(16, cap == 0 ? 16 : cap));
    if (size_ > 0) std::memcpy(mem_, src.data(), size_);
  }
  ~OwnedBytes() override { std::free(mem_); }
  std::span<const uint8_t> data() const override { return {mem_, size_}; }

 private:
  uint8_t* mem_ = nullptr;
  size_t size_;
};

std::string os_error(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

}  // namespace

Result<std::shared_ptr<const Bytes>> map_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::error(os_error("cannot open", path));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    Status s = Status::error(os_error("cannot stat", path));
    ::close(fd);
    return s;
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::error("'" + path + "' is not a regular file");
  }
  const size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return std::shared_ptr<const Bytes>(std::make_shared<OwnedBytes>(std::span<const uint8_t>{}));
  }
  void* addr = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (addr == MAP_FAILED) {
    Status s = Status::error(os_error("cannot map", path));
    ::close(fd);
    return s;
  }
  ::close(fd);
  return std::shared_ptr<const Bytes>(std::make_shared<MappedBytes>(addr, size));
}

std::shared_ptr<const Bytes> copy_bytes(std::span<const uint8_t> bytes) {
  return std::make_shared<OwnedBytes>(bytes);
}

}  // namespace xlite
