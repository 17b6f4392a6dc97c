#include "config/baseline.hpp"

#include <nlohmann/json.hpp>

#include "core/atomic_file.hpp"

namespace stacklint {

namespace {
// A baseline holds one line per fingerprint; a file this large is not one.
constexpr std::size_t kMaxBaselineBytes = std::size_t{256} * 1024 * 1024;
}  // namespace

Baseline make_baseline(const std::vector<Finding>& findings) {
    Baseline b;
    for (const Finding& f : findings)
        ++b.counts[f.fingerprint()];
    return b;
}

std::string baseline_text(const Baseline& baseline) {
    // nlohmann::json keeps object keys sorted: the same findings always give the same bytes.
    nlohmann::json doc;
    doc["stacklint_baseline"] = baseline.version;
    doc["findings"] = nlohmann::json::object();
    for (const auto& [fingerprint, n] : baseline.counts)
        doc["findings"][fingerprint] = n;
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

bool write_baseline(const std::string& path, const Baseline& baseline, std::string& error) {
    return write_file_atomically(path, baseline_text(baseline), error);
}

std::optional<Baseline> read_baseline(const std::string& path, std::string& error) {
    std::string text;
    if (!read_small_file(path, kMaxBaselineBytes, text, error)) {
        error = "cannot read the baseline file: " + error;
        return std::nullopt;
    }
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
    const auto not_a_baseline = [&](const std::string& why) {
        error = "not a stacklint baseline (" + why + "); write one with --write-baseline";
        return std::nullopt;
    };
    if (doc.is_discarded()) return not_a_baseline("invalid JSON");
    if (!doc.is_object() || !doc.contains("stacklint_baseline")) {
        return not_a_baseline("no \"stacklint_baseline\" version");
    }
    const nlohmann::json& version = doc["stacklint_baseline"];
    if (version != 1 && version != Baseline::kVersion) {
        error = "baseline format version " + version.dump() +
                " is not supported by this stacklint (it reads versions 1 and 2)";
        return std::nullopt;
    }
    if (!doc.contains("findings") || !doc["findings"].is_object()) {
        return not_a_baseline("\"findings\" is not an object");
    }
    Baseline b;
    b.version = version.get<int>();
    for (const auto& [fingerprint, n] : doc["findings"].items()) {
        if (!n.is_number_unsigned() || n.get<std::size_t>() == 0) {
            return not_a_baseline("the count of \"" + fingerprint + "\" is not a positive integer");
        }
        b.counts[fingerprint] = n.get<std::size_t>();
    }
    return b;
}

std::size_t apply_baseline(const Baseline& baseline, std::vector<Finding>& findings) {
    // Findings arrive sorted, so which of several same-fingerprint findings stay hidden is
    // deterministic: the first ones in file order.
    std::map<std::string, std::size_t> left = baseline.counts;
    std::vector<Finding> kept;
    kept.reserve(findings.size());
    for (Finding& f : findings) {
        const auto it = left.find(baseline.version == 1 ? f.fingerprint_v1() : f.fingerprint());
        if (it != left.end() && it->second > 0) {
            --it->second;
        } else {
            kept.push_back(std::move(f));
        }
    }
    const std::size_t removed = findings.size() - kept.size();
    findings = std::move(kept);
    return removed;
}

}  // namespace stacklint
