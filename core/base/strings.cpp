#include "base/strings.h"

namespace attn {

std::string replace_all(std::string_view text, std::string_view from, std::string_view to, int64_t count) {
    if (from.empty()) return std::string(text);
    std::string out;
    size_t start = 0;
    for (int64_t done = 0; count < 0 || done < count; ++done) {
        const size_t pos = text.find(from, start);
        if (pos == std::string_view::npos) break;
        out.append(text, start, pos - start).append(to);
        start = pos + from.size();
    }
    return out.append(text, start);
}

}  // namespace attn
