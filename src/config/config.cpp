#include "config/config.hpp"

#include "declarative/declarative_rule.hpp"

#include <algorithm>
#include <system_error>

#include "config/selection.hpp"
#include "core/atomic_file.hpp"
#include "core/text.hpp"
#include "load/loader.hpp"
#include "schema/regions.hpp"

namespace stacklint {

namespace fs = std::filesystem;

namespace {

// Configuration files are small; anything bigger is a mistake, not a configuration.
constexpr std::size_t kMaxConfigBytes = std::size_t{1024} * 1024;

const std::vector<std::string_view>& top_level_keys() {
    static const std::vector<std::string_view> keys = {"select",          "ignore",  "severity",
                                                       "options",         "exclude", "fail_on",
                                                       "require_reasons", "regions", "rule_dirs"};
    return keys;
}

std::string in_quotes(std::string_view s) {
    std::string out = "'";
    out.append(s).append("'");
    return out;
}

// Checks one file's tree; the first problem wins (a file with one typo gets one message that
// names it, not a cascade).
class ConfigReader {
  public:
    ConfigReader(const Source& source, ConfigError& error) : source_(source), error_(error) {}

    bool read(const Node* root, Config& config) {
        if (root == nullptr || root->is_null()) return true;  // an empty file: all defaults
        if (!root->is_mapping()) {
            return fail(root->mark(), std::string("the configuration must be a mapping of keys "
                                                  "(select, ignore, ...), not ")
                                          .append(root->kind_name()));
        }
        for (const Entry& e : root->entries()) {
            if (!read_entry(e, config)) return false;
        }
        return true;
    }

    // `rule_dirs` comes before every other key: the rules it adds may be named by select,
    // ignore and severity. Each directory is relative to the configuration file's.
    bool read_rule_dirs(const Node* root, Config& config) {
        if (root == nullptr || !root->is_mapping()) return true;
        const Entry* e = root->find("rule_dirs");
        if (e == nullptr) return true;
        std::vector<std::string> dirs;
        if (!string_list(*e, dirs, "directories of rule files")) return false;
        for (std::size_t i = 0; i < dirs.size(); ++i) {
            const fs::path dir = config.directory / dirs[i];
            std::error_code ec;
            if (!fs::exists(dir, ec)) {
                return fail(e->value.items()[i].mark(),
                            "in 'rule_dirs': no such directory " + in_quotes(dir.string()));
            }
            config.rule_dirs.push_back(dir);
        }
        const declarative::LoadedRules loaded = declarative::load_rules(config.rule_dirs);
        if (!loaded.errors.empty()) {
            const declarative::RuleFileError& first = loaded.errors.front();
            error_ = ConfigError{first.file, first.mark, first.message};
            return false;
        }
        return true;
    }

  private:
    bool read_entry(const Entry& e, Config& config) {
        const Node& v = e.value;
        if (e.key == "select") {
            std::vector<std::string> list;
            if (!rule_list(e, list)) return false;
            config.select = std::move(list);
            return true;
        }
        if (e.key == "ignore") return rule_list(e, config.ignore);
        if (e.key == "severity") return severities(e, config.severity);
        if (e.key == "options") return options(e, config.options);
        if (e.key == "exclude") return string_list(e, config.exclude, "path globs");
        if (e.key == "fail_on") {
            if (!v.is_scalar() || (v.text() != "none" && !parse_severity(v.text()))) {
                return fail(v.mark(),
                            "'fail_on' must be one of error, warning, info, none; got " + shown(v));
            }
            config.fail_on = v.text();
            return true;
        }
        if (e.key == "require_reasons") {
            // A boolean, as in the JSON Schema: "true" in quotes is a string.
            if (v.is_scalar() && v.quoted() && v.as_bool()) {
                return fail(
                    v.mark(),
                    "'require_reasons' must be true or false, unquoted; got the string '\"" +
                        v.text() + "\"'");
            }
            const std::optional<bool> b = v.is_scalar() && !v.quoted() ? v.as_bool() : std::nullopt;
            if (!b)
                return fail(v.mark(), "'require_reasons' must be true or false; got " + shown(v));
            config.require_reasons = *b;
            return true;
        }
        if (e.key == "regions") return regions(e, config.regions);
        if (e.key == "rule_dirs") return true;  // read first, by read_rule_dirs
        return fail(e.key_mark, "unknown key " + in_quotes(e.key) +
                                    did_you_mean(e.key, top_level_keys()) +
                                    "; the keys are select, ignore, severity, options, exclude, "
                                    "fail_on, require_reasons, regions, rule_dirs");
    }

    bool string_list(const Entry& e, std::vector<std::string>& out, std::string_view what) {
        const Node& v = e.value;
        if (!v.is_sequence()) {
            return fail(v.mark(), in_quotes(e.key) + " must be a list of " + std::string(what) +
                                      "; got " + shown(v));
        }
        for (const Node& item : v.items()) {
            if (!item.is_scalar() || item.text().empty()) {
                return fail(item.mark(), "every entry of " + in_quotes(e.key) +
                                             " must be a non-empty string; got " + shown(item));
            }
            out.push_back(item.text());
        }
        return true;
    }

    bool regions(const Entry& e, std::vector<std::string>& out) {
        std::vector<std::string> list;
        if (!string_list(e, list, "AWS region names")) return false;
        if (list.empty()) return fail(e.value.mark(), "'regions' must name at least one region");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string problem = check_region(list[i]);
            if (!problem.empty())
                return fail(e.value.items()[i].mark(), "in 'regions': " + problem);
        }
        out = std::move(list);
        return true;
    }

    bool rule_list(const Entry& e, std::vector<std::string>& out) {
        const std::size_t first = out.size();
        if (!string_list(e, out, "rule ids, id prefixes or rule names")) return false;
        for (std::size_t i = first; i < out.size(); ++i) {
            const std::string problem = check_rule_selector(out[i]);
            if (!problem.empty()) {
                return fail(e.value.items()[i - first].mark(),
                            "in " + in_quotes(e.key) + ": " + problem);
            }
        }
        return true;
    }

    bool severities(const Entry& e, std::map<std::string, Severity, std::less<>>& out) {
        const Node& v = e.value;
        if (!v.is_mapping()) {
            return fail(v.mark(),
                        "'severity' must map rule ids to error, warning or info; got " + shown(v));
        }
        for (const Entry& rule : v.entries()) {
            const std::string problem = check_rule_selector(rule.key);
            if (!problem.empty()) return fail(rule.key_mark, "in 'severity': " + problem);
            const std::optional<Severity> sev =
                rule.value.is_scalar() ? parse_severity(rule.value.text()) : std::nullopt;
            if (!sev) {
                return fail(rule.value.mark(), "the severity of " + in_quotes(rule.key) +
                                                   " must be error, warning or info; got " +
                                                   shown(rule.value) +
                                                   " (to turn a rule off, add it to 'ignore')");
            }
            out[rule.key] = *sev;
        }
        return true;
    }

    bool options(const Entry& e, RuleOptions& out) {
        const Node& v = e.value;
        if (!v.is_mapping()) {
            return fail(v.mark(), "'options' must be a mapping of rule options; got " + shown(v));
        }
        std::vector<std::string_view> known;
        for (const RuleOptionSpec& spec : known_rule_options())
            known.push_back(spec.key);
        for (const Entry& option : v.entries()) {
            if (std::find(known.begin(), known.end(), option.key) == known.end()) {
                std::string list;
                for (std::string_view k : known)
                    list.append(list.empty() ? "" : ", ").append(k);
                return fail(option.key_mark, "unknown option " + in_quotes(option.key) +
                                                 did_you_mean(option.key, known) +
                                                 "; the options are " + list);
            }
            std::vector<std::string> values;
            if (!string_list(option, values, "strings")) return false;
            out[option.key] = std::move(values);
        }
        return true;
    }

    static std::string shown(const Node& v) {
        if (v.is_scalar()) return in_quotes(v.text());
        return std::string(v.kind_name());
    }

    bool fail(Mark mark, std::string message) {
        error_ = ConfigError{source_.name(), mark, std::move(message)};
        return false;
    }

    const Source& source_;
    ConfigError& error_;
};

}  // namespace

std::string check_region(std::string_view region) {
    if (schema::is_known_region(region)) return {};
    return "unknown region '" + std::string(region) + "'" +
           did_you_mean(region, schema::known_regions()) +
           " (stacklint knows the 46 regions of its schema data, listed in README.md under "
           "'Regions')";
}

std::string ConfigError::text() const {
    if (file.empty()) return message;
    std::string out = file;
    if (mark.valid()) {
        out.append(":").append(std::to_string(mark.line));
        out.append(":").append(std::to_string(mark.column));
    }
    out.append(": ").append(message);
    return out;
}

const std::vector<RuleOptionSpec>& known_rule_options() {
    static const std::vector<RuleOptionSpec> specs = {
        {"storage_stacks",
         "name globs of the stacks meant to hold state (buckets, tables, databases); "
         "\"*Storage*\" matches AppStorageStack"},
    };
    return specs;
}

std::optional<fs::path> find_config(const fs::path& start) {
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec).lexically_normal();
    if (ec) return std::nullopt;
    while (true) {
        const fs::path candidate = dir / kConfigFileName;
        if (fs::is_regular_file(candidate, ec)) return candidate;
        if (!dir.has_relative_path()) return std::nullopt;  // reached the root
        dir = dir.parent_path();
    }
}

std::optional<Config> parse_config(const std::shared_ptr<const Source>& source,
                                   const fs::path& directory, ConfigError& error) {
    const Document doc = load_document(source, detect_format(source->name(), source->bytes()),
                                       LoadLimits{}, FileKind::Configuration);
    if (!doc.diagnostics.empty()) {
        const Diagnostic& d = doc.diagnostics.front();
        error = ConfigError{source->name(), d.mark, d.message};
        return std::nullopt;
    }
    Config config;
    config.file = source->name();
    config.directory = directory;
    ConfigReader reader(*source, error);
    const Node* root = doc.root ? &*doc.root : nullptr;
    if (!reader.read_rule_dirs(root, config) || !reader.read(root, config)) return std::nullopt;
    return config;
}

std::optional<Config> load_config(const fs::path& path, const std::string& display,
                                  ConfigError& error) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec).lexically_normal();
    std::string bytes;
    std::string why;
    if (!read_small_file(path.string(), kMaxConfigBytes, bytes, why)) {
        error = ConfigError{display, {}, "cannot read the configuration file: " + why};
        return std::nullopt;
    }
    return parse_config(std::make_shared<const Source>(display, std::move(bytes)),
                        absolute.parent_path(), error);
}

}  // namespace stacklint
