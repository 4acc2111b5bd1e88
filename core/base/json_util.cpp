#include "base/json_util.h"

#include "base/tensor.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

namespace attn {

nlohmann::json parse_json_strict(const std::string& text, const std::string& what) {
    using nlohmann::json;
    std::vector<std::set<std::string>> keys_per_object;
    std::string duplicate;
    auto watch_keys = [&](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::object_start) {
            keys_per_object.emplace_back();
        } else if (event == json::parse_event_t::object_end) {
            if (!keys_per_object.empty()) keys_per_object.pop_back();
        } else if (event == json::parse_event_t::key && !keys_per_object.empty()) {
            const auto key = parsed.get<std::string>();
            if (!keys_per_object.back().insert(key).second && duplicate.empty()) duplicate = key;
        }
        return true;
    };
    json value;
    try {
        value = json::parse(text, watch_keys);
    } catch (const json::exception& e) {
        // nlohmann's messages start with "[json.exception.parse_error.101] parse error at ...";
        // out_of_range (a number too large, found by fuzzing) is malformed input too.
        std::string message = e.what();
        auto pos = message.find("] ");
        throw Error(what + " is not valid JSON: " + (pos == std::string::npos ? message : message.substr(pos + 2)));
    }
    if (!duplicate.empty()) throw Error(what + ": the key '" + duplicate + "' appears twice in the same object");
    return value;
}

std::string json_type_name(const nlohmann::json& value) {
    if (value.is_number_integer()) return "integer";
    if (value.is_number_float()) return "number";
    if (value.is_boolean()) return "true/false";
    if (value.is_string()) return "string";
    if (value.is_array()) return "list";
    if (value.is_object()) return "object";
    return "null";
}

std::string read_text_file(const std::string& path, const std::string& what) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw Error("cannot open " + what + " '" + path + "': it is a folder");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open " + what + " '" + path + "': no such file or not readable");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw Error("cannot read " + what + " '" + path + "'");
    return buffer.str();
}

}  // namespace attn
