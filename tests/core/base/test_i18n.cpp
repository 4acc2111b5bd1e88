// core's translation hook.
#include "base/i18n.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace attn {
namespace {

using test::causal_trace;
using test::small_causal;

TEST(I18n, FillReplacesNumberedPlaceholdersAndEnglishIsTheDefault) {
    EXPECT_EQ(fill("%2 before %1", {"a", "b"}), "b before a");
    EXPECT_EQ(translate_text("attn", "keys split into heads"), "keys split into heads");
    set_translator([](const char*, const char* text) { return std::string("<") + text + ">"; });
    EXPECT_EQ(translate_text("attn", "x"), "<x>");
    set_translator(nullptr);
}

}  // namespace
}  // namespace attn
