// The parse floor: what reading and parsing the same inputs costs with the parsers alone, no
// tree, model, graph or rules. Walks the paths like stacklint (*.yaml, *.yml, *.json,
// *.template; hidden directories and node_modules skipped), reads each file and parses it:
//   --mode events (default): yaml-cpp's event parser with handlers that do nothing for YAML,
//                  nlohmann's SAX parser that does nothing for JSON: the parsers stacklint's
//                  loaders drive, so no loader can cost less.
//   --mode yaml-cpp: YAML::Load for every file, JSON included (yaml-cpp's own node tree).
// Prints files, bytes and parse failures. Single-threaded: compare with `stacklint -j 1`.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

class NullHandler : public YAML::EventHandler {
  public:
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

bool wanted(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".template";
}

void collect(const fs::path& root, std::vector<fs::path>& out) {
    if (fs::is_regular_file(root)) {
        out.push_back(root);
        return;
    }
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(root))
        entries.push_back(e.path());
    std::sort(entries.begin(), entries.end());
    for (const fs::path& p : entries) {
        const std::string name = p.filename().string();
        if (name.starts_with(".") || name == "node_modules") continue;
        if (fs::is_directory(p)) {
            collect(p, out);
        } else if (wanted(p)) {
            out.push_back(p);
        }
    }
}

bool looks_like_json(const std::string& text) {
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        return c == '{' || c == '[';
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    std::string mode = "events";
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--mode") == 0 && i + 1 < argc) {
            mode = argv[++i];
        } else {
            collect(argv[i], files);
        }
    }
    if (mode != "events" && mode != "yaml-cpp") {
        std::cerr << "parse_floor: --mode events|yaml-cpp\n";
        return 2;
    }
    std::size_t bytes = 0;
    std::size_t failures = 0;
    for (const fs::path& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        const std::string text = s.str();
        bytes += text.size();
        try {
            if (mode == "yaml-cpp") {
                const YAML::Node doc = YAML::Load(text);
                (void)doc;
            } else if (looks_like_json(text)) {
                // accept() runs the SAX parser without building anything.
                if (!nlohmann::json::accept(text)) ++failures;
            } else {
                std::istringstream stream(text);
                YAML::Parser parser(stream);
                NullHandler handler;
                while (parser.HandleNextDocument(handler)) {
                }
            }
        } catch (const std::exception&) {
            ++failures;
        }
    }
    std::printf("%zu files, %zu bytes, %zu failed to parse (%s)\n", files.size(), bytes, failures,
                mode.c_str());
    return 0;
}
