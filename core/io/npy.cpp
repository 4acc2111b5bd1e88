#include "io/npy.h"

#include "base/file_io.h"

#include <cstring>
#include <limits>
#include <regex>

namespace attn {
namespace {

constexpr char kMagic[] = "\x93NUMPY";

std::string header_dict(const std::vector<int64_t>& shape) {
    std::string tuple = "(";
    for (size_t i = 0; i < shape.size(); ++i) {
        tuple += std::to_string(shape[i]);
        if (shape.size() == 1) tuple += ",";
        else if (i + 1 < shape.size()) tuple += ", ";
    }
    tuple += ")";
    return "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }";
}

// The value after 'key': in a header dict, as written by numpy.
std::string dict_value(const std::string& header, const std::string& key) {
    const std::regex pattern("['\"]" + key + "['\"]\\s*:\\s*('[^']*'|\"[^\"]*\"|True|False|\\([^)]*\\))");
    std::smatch match;
    if (!std::regex_search(header, match, pattern)) throw Error("the .npy header has no '" + key + "'");
    return match[1].str();
}

}  // namespace

std::string serialize_npy(const Tensor& tensor) {
    std::string dict = header_dict(tensor.shape);
    // Magic (6) + version (2) + length (2) + dict + '\n' is padded to a multiple of 64 bytes.
    const size_t unpadded = 10 + dict.size() + 1;
    dict.append((64 - unpadded % 64) % 64, ' ');
    dict += '\n';
    std::string out(kMagic, 6);
    out += '\x01';
    out += '\x00';
    out += static_cast<char>(dict.size() & 0xFF);
    out += static_cast<char>((dict.size() >> 8) & 0xFF);
    out += dict;
    if (!tensor.data.empty()) out.append(reinterpret_cast<const char*>(tensor.data.data()), tensor.data.size() * sizeof(float));
    return out;
}

void write_npy(const std::string& path, const Tensor& tensor) { write_file_atomically(path, serialize_npy(tensor)); }

Tensor parse_npy(const char* bytes, size_t size) {
    if (size < 10 || std::memcmp(bytes, kMagic, 6) != 0) throw Error("not a .npy file (it does not start with \\x93NUMPY)");
    const int major = static_cast<unsigned char>(bytes[6]);
    size_t header_len, offset;
    if (major == 1) {
        header_len = static_cast<unsigned char>(bytes[8]) | (static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8);
        offset = 10;
    } else if (major == 2 || major == 3) {
        if (size < 12) throw Error("the .npy file is truncated in its header");
        header_len = 0;
        for (int i = 3; i >= 0; --i) header_len = (header_len << 8) | static_cast<unsigned char>(bytes[8 + i]);
        offset = 12;
    } else {
        throw Error("unsupported .npy format version " + std::to_string(major));
    }
    if (header_len > size - offset) throw Error("the .npy file is truncated in its header");
    const std::string header(bytes + offset, header_len);
    offset += header_len;

    const std::string descr = dict_value(header, "descr");
    const bool f4 = descr == "'<f4'" || descr == "\"<f4\"";
    const bool f8 = descr == "'<f8'" || descr == "\"<f8\"";
    if (!f4 && !f8) throw Error("the .npy dtype is " + descr + "; save it as float32 (<f4) or float64 (<f8)");
    if (dict_value(header, "fortran_order") != "False")
        throw Error("the .npy array is in Fortran order; save it with np.ascontiguousarray first");

    Tensor t;
    const std::string tuple = dict_value(header, "shape");
    std::regex number("\\d+");
    uint64_t numel = 1;
    for (auto it = std::sregex_iterator(tuple.begin(), tuple.end(), number); it != std::sregex_iterator(); ++it) {
        const std::string digits = it->str();
        if (digits.size() > 12) throw Error("the .npy shape " + tuple + " is too large");
        const uint64_t d = std::stoull(digits);
        if (d != 0 && numel > (uint64_t{1} << 40) / d) throw Error("the .npy shape " + tuple + " is too large");
        numel *= d;
        t.shape.push_back(static_cast<int64_t>(d));
    }
    const size_t item = f4 ? 4 : 8;
    if (size - offset != numel * item)
        throw Error("the .npy data holds " + std::to_string(size - offset) + " bytes but shape " + tuple + " needs " +
                    std::to_string(numel * item));
    t.data.resize(numel);
    if (f4) {
        if (numel > 0) std::memcpy(t.data.data(), bytes + offset, numel * 4);  // an empty vector's data() may be null
    } else {
        for (size_t i = 0; i < numel; ++i) {
            double d;
            std::memcpy(&d, bytes + offset + 8 * i, 8);
            t.data[i] = to_float(d);
        }
    }
    return t;
}

Tensor read_npy(const std::string& path) {
    const std::vector<char> bytes = read_binary_file(path, ".npy file");
    try {
        return parse_npy(bytes.data(), bytes.size());
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
}

}  // namespace attn
