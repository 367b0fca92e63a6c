// A read-only view of a whole file, memory-mapped so that large exports are not copied.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/problem.h"

namespace csperf {

class MappedFile {
 public:
  static Result<std::unique_ptr<MappedFile>> Open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

  // Lets the kernel drop the whole pages inside [begin, end) from this process's memory; a
  // later read of them reads the file again. For a reader done with that part of the file.
  void Release(size_t begin, size_t end) const;

 private:
  MappedFile(void* data, size_t size) : data_(data), size_(size) {}
  void* data_;
  size_t size_;
};

}  // namespace csperf
