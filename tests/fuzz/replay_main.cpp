// Replays a fuzz target's inputs outside libFuzzer, in the ordinary test run (release and
// ASan): every file of the folders given (its seed corpus and every input it ever crashed on,
// tests/fuzz/regressions/<target>/) goes through the target's LLVMFuzzerTestOneInput, which
// aborts on anything but attn::Error.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
    int replayed = 0;
    for (int i = 1; i < argc; ++i) {
        if (!std::filesystem::is_directory(argv[i])) continue;  // a target without regressions
        for (const auto& file : std::filesystem::directory_iterator(argv[i])) {
            std::ifstream in(file.path(), std::ios::binary);
            const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
            ++replayed;
        }
    }
    std::printf("replayed %d inputs, none escaped\n", replayed);
    return replayed > 0 ? 0 : 1;  // a target with no inputs at all tests nothing
}
