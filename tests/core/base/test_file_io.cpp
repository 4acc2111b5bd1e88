// Atomic writes.
#include "base/file_io.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "test_helpers.h"
#include "engine/forward.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace attn {
namespace {

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("attnlab_test_" + std::to_string(::getpid()) + "_" + name)).string();
}

TEST(AtomicWrite, AFailedWriteKeepsThePreviousFile) {
    const std::string path = temp_path("atomic.bin");
    write_file_atomically(path, "first version");
    std::filesystem::create_directory(std::filesystem::path(path).parent_path() / (".attnlab_test_" + std::to_string(::getpid()) + "_atomic.bin.tmp"));
    try {
        write_file_atomically(path, "second version");
        FAIL() << "expected the write to fail";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot write"), std::string::npos) << e.what();
    }
    std::ifstream in(path);
    std::string content((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(content, "first version");
    std::filesystem::remove(std::filesystem::path(path).parent_path() / (".attnlab_test_" + std::to_string(::getpid()) + "_atomic.bin.tmp"));
    std::filesystem::remove(path);
    EXPECT_THROW(write_file_atomically("/no/such/folder/x.bin", "x"), Error);
}

}  // namespace
}  // namespace attn
