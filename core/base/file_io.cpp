#include "base/file_io.h"

#include "base/tensor.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace attn {

std::vector<char> read_binary_file(const std::string& path, const std::string& what) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw Error("cannot open " + what + " '" + path + "': it is a folder");
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw Error("cannot open " + what + " '" + path + "': no such file or not readable");
    const std::streamoff size = in.tellg();
    if (size < 0) throw Error("cannot read " + what + " '" + path + "'");
    std::vector<char> bytes(static_cast<size_t>(size));
    in.seekg(0);
    if (size > 0 && !in.read(bytes.data(), size)) throw Error("cannot read " + what + " '" + path + "'");
    return bytes;
}

MappedFile::MappedFile(const std::string& path, const std::string& what) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw Error("cannot open " + what + " '" + path + "': it is a folder");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error("cannot open " + what + " '" + path + "': " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        throw Error("cannot read " + what + " '" + path + "': " + std::strerror(errno));
    }
    size_ = static_cast<size_t>(st.st_size);
    if (size_ > 0) {
        void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            ::close(fd);
            throw Error("cannot map " + what + " '" + path + "': " + std::strerror(errno));
        }
        ::madvise(p, size_, MADV_SEQUENTIAL);  // tensors are converted front to back
        data_ = static_cast<const char*>(p);
    }
    ::close(fd);  // the mapping keeps the file
}

void MappedFile::release(size_t begin, size_t end) const {
    if (!data_ || end > size_) return;
    const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    const size_t first = (begin + page - 1) / page * page, last = end / page * page;
    if (last > first) ::madvise(const_cast<char*>(data_) + first, last - first, MADV_DONTNEED);
}

MappedFile::~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) throw Error("cannot write '" + path + "': the folder '" + folder.string() + "' does not exist");
    const fs::path temp = folder / ("." + target.filename().string() + ".tmp");

    std::FILE* f = std::fopen(temp.c_str(), "wb");
    if (!f) throw Error("cannot write '" + path + "': " + std::strerror(errno));
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const int write_errno = errno;
    const bool closed = std::fclose(f) == 0;  // a full disk often shows only here
    if (!written || !closed) {
        fs::remove(temp, ec);
        throw Error("cannot write '" + path + "': " + std::strerror(written ? errno : write_errno));
    }
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove(temp, ec);
        throw Error("cannot write '" + path + "': " + ec.message());
    }
}

}  // namespace attn
