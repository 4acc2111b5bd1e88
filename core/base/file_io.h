// Binary file helpers: whole-file reads with clear errors, and atomic writes
// (a temporary file renamed over the target, so a failed write never leaves a
// half-written file in place of a good one).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attn {

std::vector<char> read_binary_file(const std::string& path, const std::string& what);

// A file mapped read-only into memory (mmap): its pages are read when touched, so opening a
// 500 MB checkpoint costs nothing until its tensors are converted. Unmapped when destroyed.
class MappedFile {
public:
    MappedFile(const std::string& path, const std::string& what);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    const char* data() const { return data_; }
    size_t size() const { return size_; }
    // Lets the system drop the pages wholly inside [begin, end) (bytes already copied out), so a
    // checkpoint converted tensor by tensor never holds the file and its floats in memory at once.
    void release(size_t begin, size_t end) const;

private:
    const char* data_ = nullptr;
    size_t size_ = 0;
};

// Throws attn::Error naming the path when the folder is missing or not
// writable, or the disk is full; the previous file, if any, is kept.
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace attn
