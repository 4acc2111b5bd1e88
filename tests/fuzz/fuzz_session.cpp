// libFuzzer: any bytes as a session file. Only attn::Error may come out, and a
// session that parses must survive a save/load round trip unchanged.
#include "io/session.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const attn::Session s = attn::parse_session(text);
        if (!(attn::parse_session(attn::session_to_json(s)) == s)) std::abort();
    } catch (const attn::Error&) {
    }
    return 0;
}
