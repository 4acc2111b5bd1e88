// .npy: round trips and malformed files.
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

TEST(Npy, RoundTripAndHeader) {
    Tensor t({2, 3, 4});
    for (size_t i = 0; i < t.data.size(); ++i) t.data[i] = static_cast<float>(i) * 0.5f - 3.0f;
    const std::string bytes = serialize_npy(t);
    EXPECT_EQ(bytes.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
    EXPECT_NE(bytes.find("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 4), }"), std::string::npos);
    const size_t header_end = bytes.find('\n') + 1;
    EXPECT_EQ(header_end % 64, 0u);
    EXPECT_EQ(bytes.size(), header_end + 24 * 4);
    const Tensor back = parse_npy(bytes.data(), bytes.size());
    EXPECT_EQ(back, t);
    Tensor v({5});
    EXPECT_NE(serialize_npy(v).find("'shape': (5,), }"), std::string::npos);
}

TEST(Npy, MalformedFilesAreRefused) {
    auto error_of_npy = [](const std::string& b) {
        try {
            parse_npy(b.data(), b.size());
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    Tensor t({2, 2});
    const std::string good = serialize_npy(t);
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "not a .npy file", error_of_npy("PK\x03\x04 zip file"));
    std::string fortran = good;
    fortran.replace(fortran.find("False"), 5, "True ");
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "Fortran order", error_of_npy(fortran));
    std::string ints = good;
    ints.replace(ints.find("<f4"), 3, "<i4");
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "dtype is '<i4'", error_of_npy(ints));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "needs 16", error_of_npy(good.substr(0, good.size() - 4)));
    EXPECT_PRED_FORMAT2(::testing::IsSubstring, "truncated", error_of_npy(good.substr(0, 20)));
}

}  // namespace
}  // namespace attn
