// rulegen: turns the built-in rule files (rules/<pack>/*.yaml) into the list of embedded
// rule files that src/declarative/builtin.cpp includes, each file converted to JSON.
//
//   rulegen OUT.inc SOURCE_DIR FILE...
//
// The binary parses its built-in rules each time it runs; yaml-cpp needs about 850
// instructions per byte of such a file and the JSON reader a small fraction of that, so the
// conversion is done once, here, at build time. Plain scalars that read as JSON literals
// (true, false, null, numbers) stay literals, as the YAML loader leaves them unquoted; every
// other scalar becomes a string. A file that is not valid YAML stops the build with its name.
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>

namespace {

using ojson = nlohmann::ordered_json;

bool json_literal(const std::string& text) {
    static const std::regex number(R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)");
    return text == "true" || text == "false" || text == "null" || std::regex_match(text, number);
}

ojson convert(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return nullptr;
        case YAML::NodeType::Scalar: {
            const std::string& text = node.Scalar();
            // "?" is the tag of a plain scalar; quoted ones have "!".
            if (node.Tag() == "?" && json_literal(text)) return ojson::parse(text);
            if (node.Tag() == "?" && text == "~") return nullptr;
            return text;
        }
        case YAML::NodeType::Sequence: {
            ojson out = ojson::array();
            for (const YAML::Node& item : node)
                out.push_back(convert(item));
            return out;
        }
        case YAML::NodeType::Map: {
            ojson out = ojson::object();
            for (const auto& entry : node)
                out[entry.first.as<std::string>()] = convert(entry.second);
            return out;
        }
    }
    return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: rulegen OUT.inc SOURCE_DIR FILE...\n";
        return 2;
    }
    namespace fs = std::filesystem;
    const fs::path out_path = argv[1];
    const fs::path source_dir = argv[2];
    std::ostringstream out;
    for (int i = 3; i < argc; ++i) {
        const fs::path file = argv[i];
        ojson json;
        try {
            json = convert(YAML::LoadFile(file.string()));
        } catch (const YAML::Exception& e) {
            std::cerr << "rulegen: " << file.string() << ": " << e.what() << '\n';
            return 1;
        }
        const std::string text = json.dump();
        if (text.find(")stacklint_rule\"") != std::string::npos) {
            std::cerr << "rulegen: " << file.string() << ": holds the raw string delimiter\n";
            return 1;
        }
        out << "{\"" << file.parent_path().filename().string() << "\", \""
            << fs::relative(file, source_dir).generic_string() << "\", R\"stacklint_rule(" << text
            << ")stacklint_rule\"},\n";
    }
    fs::create_directories(out_path.parent_path());
    std::ofstream written(out_path);
    written << out.str();
    if (!written.flush()) {
        std::cerr << "rulegen: cannot write " << out_path.string() << '\n';
        return 1;
    }
    return 0;
}
