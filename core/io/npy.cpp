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

namespace {

// Magic (6) + version (2) + length (2) + dict + '\n', padded to a multiple of 64 bytes, then the data.
std::string with_header(std::string dict, const void* data, size_t bytes) {
    const size_t unpadded = 10 + dict.size() + 1;
    dict.append((64 - unpadded % 64) % 64, ' ');
    dict += '\n';
    std::string out(kMagic, 6);
    out += '\x01';
    out += '\x00';
    out += static_cast<char>(dict.size() & 0xFF);
    out += static_cast<char>((dict.size() >> 8) & 0xFF);
    out += dict;
    if (bytes > 0) out.append(static_cast<const char*>(data), bytes);
    return out;
}

}  // namespace

std::string serialize_npy(const Tensor& tensor) {
    return with_header(header_dict(tensor.shape), tensor.data.data(), tensor.data.size() * sizeof(float));
}

void write_npy(const std::string& path, const Tensor& tensor) { write_file_atomically(path, serialize_npy(tensor)); }

namespace {

struct NpyHeader {
    std::string descr;             // "'<f4'"
    std::string tuple;             // "(2, 3)"
    std::vector<int64_t> shape;
    uint64_t numel = 1;
    size_t data_offset = 0;
};

NpyHeader parse_header(const char* bytes, size_t size) {
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
    NpyHeader h;
    h.data_offset = offset + header_len;
    h.descr = dict_value(header, "descr");
    if (dict_value(header, "fortran_order") != "False")
        throw Error("the .npy array is in Fortran order; save it with np.ascontiguousarray first");
    h.tuple = dict_value(header, "shape");
    std::regex number("\\d+");
    for (auto it = std::sregex_iterator(h.tuple.begin(), h.tuple.end(), number); it != std::sregex_iterator(); ++it) {
        const std::string digits = it->str();
        if (digits.size() > 12) throw Error("the .npy shape " + h.tuple + " is too large");
        const uint64_t d = std::stoull(digits);
        if (d != 0 && h.numel > (uint64_t{1} << 40) / d) throw Error("the .npy shape " + h.tuple + " is too large");
        h.numel *= d;
        h.shape.push_back(static_cast<int64_t>(d));
    }
    return h;
}

bool is_descr(const std::string& descr, const char* code) {
    return descr == std::string("'") + code + "'" || descr == std::string("\"") + code + "\"";
}

void check_data_size(const NpyHeader& h, size_t size, size_t item) {
    if (size - h.data_offset != h.numel * item)
        throw Error("the .npy data holds " + std::to_string(size - h.data_offset) + " bytes but shape " + h.tuple + " needs " +
                    std::to_string(h.numel * item));
}

}  // namespace

Tensor parse_npy(const char* bytes, size_t size) {
    const NpyHeader h = parse_header(bytes, size);
    const bool f4 = is_descr(h.descr, "<f4"), f8 = is_descr(h.descr, "<f8");
    if (!f4 && !f8) throw Error("the .npy dtype is " + h.descr + "; save it as float32 (<f4) or float64 (<f8)");
    check_data_size(h, size, f4 ? 4 : 8);
    Tensor t;
    t.shape = h.shape;
    t.data.resize(h.numel);
    const char* data = bytes + h.data_offset;
    if (f4) {
        if (h.numel > 0) std::memcpy(t.data.data(), data, h.numel * 4);  // an empty vector's data() may be null
    } else {
        for (size_t i = 0; i < h.numel; ++i) {
            double d;
            std::memcpy(&d, data + 8 * i, 8);
            t.data[i] = to_float(d);
        }
    }
    return t;
}

std::vector<int64_t> parse_npy_labels(const char* bytes, size_t size) {
    const NpyHeader h = parse_header(bytes, size);
    const bool i8 = is_descr(h.descr, "<i8"), i4 = is_descr(h.descr, "<i4");
    if (!i8 && !i4) throw Error("the labels' .npy dtype is " + h.descr + "; save them as integers (int64 <i8 or int32 <i4)");
    if (h.shape.size() != 1) throw Error("the labels have shape " + h.tuple + "; give one label per position, a 1-D array");
    check_data_size(h, size, i8 ? 8 : 4);
    std::vector<int64_t> labels(h.numel);
    const char* data = bytes + h.data_offset;
    for (size_t i = 0; i < h.numel; ++i) {
        if (i8) {
            std::memcpy(&labels[i], data + 8 * i, 8);
        } else {
            int32_t v;
            std::memcpy(&v, data + 4 * i, 4);
            labels[i] = v;
        }
    }
    return labels;
}

std::string serialize_npy_labels(const std::vector<int64_t>& labels) {
    return with_header("{'descr': '<i8', 'fortran_order': False, 'shape': (" + std::to_string(labels.size()) + ",), }",
                       labels.data(), labels.size() * sizeof(int64_t));
}

std::vector<int64_t> read_npy_labels(const std::string& path) {
    const std::vector<char> bytes = read_binary_file(path, "labels .npy file");
    try {
        return parse_npy_labels(bytes.data(), bytes.size());
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
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
