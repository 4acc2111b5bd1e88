#include "io/safetensors.h"

#include "io/builtin_models.h"

#include "base/file_io.h"
#include "base/json_util.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace attn {
namespace {

constexpr uint64_t kMaxHeaderBytes = 100'000'000;  // the format's own limit

uint64_t read_u64_le(const char* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

float half_to_float(uint16_t h) {
    const uint32_t sign = (h & 0x8000u) << 16;
    uint32_t exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF, bits;
    if (exponent == 0x1F) {
        bits = sign | 0x7F800000u | (mantissa << 13);  // inf or NaN
    } else if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else {  // subnormal: normalise
            exponent = 127 - 15 + 1;
            while (!(mantissa & 0x400)) mantissa <<= 1, --exponent;
            bits = sign | (exponent << 23) | ((mantissa & 0x3FF) << 13);
        }
    } else {
        bits = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
    }
    return std::bit_cast<float>(bits);
}

size_t dtype_size(const std::string& dtype) {
    if (dtype == "F32") return 4;
    if (dtype == "F16" || dtype == "BF16") return 2;
    if (dtype == "F64" || dtype == "I64") return 8;
    if (dtype == "I32") return 4;
    if (dtype == "I16") return 2;
    if (dtype == "I8" || dtype == "U8" || dtype == "BOOL") return 1;  // buffers: masks, position ids
    return 0;
}

// Numbers [first, first + count) of a tensor stored as `dtype` at src, into out[0, count). The
// dtype is looked at once per call, not once per number (GPT-2 has 124 M of them).
void convert_range(const char* src, const std::string& dtype, size_t first, size_t count, float* out) {
    const size_t size = dtype_size(dtype);
    src += first * size;
    if (dtype == "F32") {
        std::memcpy(out, src, 4 * count);
    } else if (dtype == "F16") {
        for (size_t i = 0; i < count; ++i) {
            uint16_t h;
            std::memcpy(&h, src + 2 * i, 2);
            out[i] = half_to_float(h);
        }
    } else if (dtype == "BF16") {  // the upper half of a float32
        for (size_t i = 0; i < count; ++i) {
            uint16_t h;
            std::memcpy(&h, src + 2 * i, 2);
            out[i] = std::bit_cast<float>(static_cast<uint32_t>(h) << 16);
        }
    } else if (dtype == "F64") {
        for (size_t i = 0; i < count; ++i) {
            double d;
            std::memcpy(&d, src + 8 * i, 8);
            out[i] = to_float(d);
        }
    } else {  // integer buffers
        for (size_t i = 0; i < count; ++i) {
            int64_t v = 0;
            if (dtype == "U8" || dtype == "BOOL") v = static_cast<unsigned char>(src[i]);
            else if (size == 1) v = static_cast<signed char>(src[i]);
            else if (size == 2) { int16_t x; std::memcpy(&x, src + 2 * i, 2); v = x; }
            else if (size == 4) { int32_t x; std::memcpy(&x, src + 4 * i, 4); v = x; }
            else std::memcpy(&v, src + 8 * i, 8);
            out[i] = static_cast<float>(v);
        }
    }
}

struct Entry {
    std::string name;
    std::string dtype;
    std::vector<int64_t> shape;
    uint64_t begin, end;
};

Entry parse_entry(const std::string& name, const nlohmann::json& info, uint64_t data_size) {
    const std::string where = "safetensors tensor '" + name + "'";
    if (!info.is_object() || !info.contains("dtype") || !info.contains("shape") || !info.contains("data_offsets"))
        throw Error(where + " needs dtype, shape and data_offsets");
    if (!info["dtype"].is_string()) throw Error(where + ": dtype must be a string");
    Entry e{name, info["dtype"].get<std::string>(), {}, 0, 0};
    if (dtype_size(e.dtype) == 0)
        throw Error(where + " has dtype " + e.dtype + "; only F32, F16, BF16, F64 and integer buffers can be read");
    if (!info["shape"].is_array()) throw Error(where + ": shape must be a list of sizes");
    uint64_t numel = 1;
    for (const auto& d : info["shape"]) {
        if (!d.is_number_unsigned()) throw Error(where + ": shape must hold sizes of at least 0");
        const uint64_t size = d.get<uint64_t>();
        if (size != 0 && numel > std::numeric_limits<uint64_t>::max() / 16 / size) throw Error(where + ": shape is too large");
        numel *= size;
        e.shape.push_back(static_cast<int64_t>(size));
    }
    const auto& offsets = info["data_offsets"];
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() || !offsets[1].is_number_unsigned())
        throw Error(where + ": data_offsets must be [begin, end]");
    e.begin = offsets[0].get<uint64_t>();
    e.end = offsets[1].get<uint64_t>();
    if (e.begin > e.end || e.end > data_size)
        throw Error(where + " has data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) +
                    "] outside the data section of " + std::to_string(data_size) + " bytes");
    if (e.end - e.begin != numel * dtype_size(e.dtype))
        throw Error(where + " has shape " + shape_to_string(e.shape) + " in " + e.dtype + " (" +
                    std::to_string(numel * dtype_size(e.dtype)) + " bytes) but its data_offsets span " +
                    std::to_string(e.end - e.begin) + " bytes");
    return e;
}

}  // namespace

StateDict parse_safetensors_unchecked(const char* bytes, size_t size, const SafetensorsOptions& options, const MappedFile* file);

StateDict parse_safetensors(const char* bytes, size_t size, const SafetensorsOptions& options) {
    return parse_mapped_safetensors(bytes, size, options, nullptr);
}

StateDict parse_mapped_safetensors(const char* bytes, size_t size, const SafetensorsOptions& options, const MappedFile* file) {
    try {
        return parse_safetensors_unchecked(bytes, size, options, file);
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("not a valid safetensors file: ") + e.what());
    }
}

StateDict parse_safetensors_unchecked(const char* bytes, size_t size, const SafetensorsOptions& options, const MappedFile* file) {
    if (size < 8) throw Error("not a safetensors file: it is only " + std::to_string(size) + " bytes long");
    const uint64_t header_size = read_u64_le(bytes);
    if (header_size > size - 8)
        throw Error("not a valid safetensors file: its header length (" + std::to_string(header_size) +
                    " bytes) runs past the end of the file (" + std::to_string(size) + " bytes)");
    if (header_size > kMaxHeaderBytes) throw Error("not a valid safetensors file: its header is over 100 MB");
    const std::string header(bytes + 8, static_cast<size_t>(header_size));
    const nlohmann::json root = parse_json_strict(header, "the safetensors header");
    if (!root.is_object()) throw Error("the safetensors header must be a JSON object");

    const uint64_t data_size = size - 8 - header_size;
    const char* data = bytes + 8 + header_size;
    std::vector<Entry> entries;
    for (const auto& [name, info] : root.items())
        if (name != "__metadata__") entries.push_back(parse_entry(name, info, data_size));

    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.begin < b.begin; });
    for (size_t i = 1; i < entries.size(); ++i)
        if (entries[i].begin < entries[i - 1].end)
            throw Error("safetensors tensors '" + entries[i - 1].name + "' and '" + entries[i].name + "' overlap");

    if (options.dtypes)
        for (const auto& e : entries) options.dtypes->insert(e.dtype);
    // Converted on every core, in chunks whose file pages are released once copied: a 500 MB
    // checkpoint never sits in memory twice. Matrices asked for transposed are written so directly.
    std::vector<Tensor> converted(entries.size());
    std::vector<Bf16Tensor> kept(entries.size());
    std::vector<char> keep(entries.size(), 0);
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        keep[i] = options.bf16 && options.keep_bf16 && e.dtype == "BF16" && options.keep_bf16(e.name) &&
                  !(options.transpose && e.shape.size() == 2 && options.transpose(e.name));
    }
    const auto offset = static_cast<size_t>(data - bytes);
#pragma omp parallel for schedule(dynamic)
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        if (keep[i]) {  // copied as stored, a chunk at a time (little-endian, as the file)
            static_assert(std::endian::native == std::endian::little, "safetensors data is little-endian");
            kept[i].shape = e.shape;
            kept[i].data.resize((e.end - e.begin) / 2);
            const size_t chunk = size_t{4} << 20;
            for (size_t start = 0; start < e.end - e.begin; start += chunk) {
                const size_t count = std::min(chunk, static_cast<size_t>(e.end - e.begin) - start);
                std::memcpy(reinterpret_cast<char*>(kept[i].data.data()) + start, data + e.begin + start, count);
                if (file) file->release(offset + e.begin + start, offset + e.begin + start + count);
            }
            continue;
        }
        const bool transpose = options.transpose && e.shape.size() == 2 && options.transpose(e.name);
        const size_t rows = transpose ? static_cast<size_t>(e.shape[0]) : 0, cols = transpose ? static_cast<size_t>(e.shape[1]) : 0;
        converted[i] = Tensor::uninitialized(transpose ? std::vector<int64_t>{e.shape[1], e.shape[0]} : e.shape);  // every value comes from the file
        float* out = converted[i].data.data();
        const size_t n = converted[i].data.size(), size = dtype_size(e.dtype), chunk = (size_t{4} << 20) / size;
        std::vector<float> scratch;
        for (size_t start = 0; start < n; start += chunk) {
            const size_t count = std::min(chunk, n - start);
            if (!transpose) {
                convert_range(data + e.begin, e.dtype, start, count, out + start);
            } else {  // element (r, c) of the stored (rows, cols) goes to (c, r)
                scratch.resize(count);
                convert_range(data + e.begin, e.dtype, start, count, scratch.data());
                for (size_t k = 0; k < count; ++k) out[((start + k) % cols) * rows + (start + k) / cols] = scratch[k];
            }
            if (file) file->release(offset + e.begin + start * size, offset + e.begin + (start + count) * size);
        }
    }
    StateDict tensors;
    for (size_t i = 0; i < entries.size(); ++i) {
        if (keep[i]) options.bf16->insert_or_assign(entries[i].name, std::move(kept[i]));
        else tensors.emplace(entries[i].name, std::move(converted[i]));
    }
    return tensors;
}

StateDict read_safetensors(const std::string& path, const SafetensorsOptions& options) {
    if (path.rfind(kBuiltinPrefix, 0) == 0) {  // a model the app ships: "builtin:reverse"
        const auto bytes = builtin_model_bytes(std::string_view(path).substr(kBuiltinPrefix.size()));
        if (!bytes) throw Error(no_builtin_model_message(path));
        return parse_safetensors(bytes->data(), bytes->size(), options);
    }
    const MappedFile file(path, "weights file");
    try {
        return parse_mapped_safetensors(file.data(), file.size(), options, &file);
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
}

std::string serialize_safetensors(const StateDict& tensors) {
    static_assert(std::endian::native == std::endian::little, "safetensors data is little-endian");
    nlohmann::ordered_json header;
    header["__metadata__"] = {{"format", "pt"}};
    uint64_t offset = 0;
    for (const auto& [name, t] : tensors) {
        const uint64_t bytes = static_cast<uint64_t>(t.numel()) * 4;
        header[name] = {{"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string json = header.dump();
    json.append((8 - json.size() % 8) % 8, ' ');  // data starts 8-byte aligned
    std::string out(8, '\0');
    for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<char>((json.size() >> (8 * i)) & 0xFF);
    out += json;
    out.reserve(out.size() + offset);
    for (const auto& [name, t] : tensors)
        if (!t.data.empty()) out.append(reinterpret_cast<const char*>(t.data.data()), t.data.size() * sizeof(float));
    return out;
}

void write_safetensors(const std::string& path, const StateDict& tensors) {
    write_file_atomically(path, serialize_safetensors(tensors));
}

}  // namespace attn
