// .stacklint.yaml: globs, reading and checking the file, rule selection, excludes.
#include <catch2/catch.hpp>

#include <filesystem>

#include "config/config.hpp"
#include "config/exclude.hpp"
#include "config/selection.hpp"
#include "config/settings.hpp"
#include "core/glob.hpp"
#include "support/helpers.hpp"

using namespace stacklint;
namespace fs = std::filesystem;

namespace {

std::optional<Config> parse(const std::string& text, ConfigError& error) {
    return parse_config(std::make_shared<const Source>(".stacklint.yaml", text), "/repo", error);
}

// The error for a file that must be rejected, as "LINE:COL: MESSAGE".
std::string rejection(const std::string& text) {
    ConfigError error;
    const std::optional<Config> config = parse(text, error);
    if (config) return "accepted";
    return std::to_string(error.mark.line) + ":" + std::to_string(error.mark.column) + ": " +
           error.message;
}

const RuleInfo& rule(std::string_view id) {
    const Rule* r = RuleRegistry::instance().find(id);
    REQUIRE(r != nullptr);
    return r->info();
}

}  // namespace

TEST_CASE("Glob: names") {
    CHECK(match_glob("*Storage*", "AppStorageStack"));
    CHECK(match_glob("*Storage*", "Storage"));
    CHECK_FALSE(match_glob("*Storage*", "AppStack"));
    CHECK(match_glob("data-*", "data-prod"));
    CHECK_FALSE(match_glob("data-*", "prod-data"));
    CHECK(match_glob("stack-?", "stack-1"));
    CHECK_FALSE(match_glob("stack-?", "stack-12"));
    CHECK(match_glob("[ab]*", "beta"));
    CHECK_FALSE(match_glob("[!ab]*", "beta"));
    CHECK(match_glob("v[0-9]", "v7"));
    CHECK(match_glob("a[b", "a[b"));  // an unclosed set is a plain '['
    CHECK(match_glob("", ""));
    CHECK_FALSE(match_glob("", "x"));
    // Many stars cannot make matching exponential.
    CHECK_FALSE(match_glob("*a*a*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}

TEST_CASE("Glob: paths") {
    CHECK(match_path_glob("legacy/**", "legacy/a/b.yaml"));
    CHECK(match_path_glob("legacy/", "legacy/b.yaml"));
    CHECK(match_path_glob("legacy/*.yaml", "legacy/b.yaml"));
    CHECK_FALSE(match_path_glob("legacy/*.yaml", "legacy/x/b.yaml"));
    CHECK_FALSE(match_path_glob("legacy/**", "src/legacy/b.yaml"));  // '/' anchors
    CHECK(match_path_glob("**/cdk.out/**", "app/cdk.out/Stack.template.json"));
    CHECK(match_path_glob("**/cdk.out/**", "cdk.out/Stack.template.json"));
    CHECK(match_path_glob("cdk.out", "a/b/cdk.out/x.json"));  // no '/': any depth
    CHECK(match_path_glob("*.json", "deep/down/x.json"));
    CHECK_FALSE(match_path_glob("*.json", "deep/down/x.yaml"));
    CHECK(match_path_glob("a/**/z.yaml", "a/z.yaml"));
    CHECK(match_path_glob("a/**/z.yaml", "a/b/c/z.yaml"));
    CHECK(match_path_glob("./legacy/**", "legacy/x.yaml"));
    CHECK_FALSE(match_path_glob("", "x"));
}

TEST_CASE("Config: a complete file is read") {
    ConfigError error;
    const std::optional<Config> c = parse(
        "select: [T, M]\n"
        "ignore: [T010, invalid-logical-id]\n"
        "severity: {T011: warning, M: error}\n"
        "options:\n"
        "  storage_stacks: ['*Storage*', data-*]\n"
        "exclude: [legacy/**, '**/cdk.out/**']\n"
        "fail_on: error\n"
        "require_reasons: true\n",
        error);
    INFO(error.text());
    REQUIRE(c);
    CHECK(*c->select == std::vector<std::string>{"T", "M"});
    CHECK(c->ignore == std::vector<std::string>{"T010", "invalid-logical-id"});
    CHECK(c->severity.at("T011") == Severity::Warning);
    CHECK(c->severity.at("M") == Severity::Error);
    CHECK(c->options.at("storage_stacks") == std::vector<std::string>{"*Storage*", "data-*"});
    CHECK(c->exclude.size() == 2);
    CHECK(*c->fail_on == "error");
    CHECK(*c->require_reasons);
    CHECK(c->directory == "/repo");
}

TEST_CASE("Config: an empty file means all defaults") {
    ConfigError error;
    const std::optional<Config> c = parse("# nothing configured yet\n", error);
    REQUIRE(c);
    CHECK_FALSE(c->select);
    CHECK(c->ignore.empty());
    CHECK_FALSE(c->fail_on);
}

TEST_CASE("Config: every mistake is named with its line and column") {
    CHECK(rejection("selct: [T]\n") ==
          "1:1: unknown key 'selct' (did you mean 'select'?); the keys are select, ignore, "
          "severity, options, exclude, fail_on, require_reasons, regions, rule_dirs");
    CHECK(rejection("select: T\n") ==
          "1:9: 'select' must be a list of rule ids, id prefixes or rule names; got 'T'");
    CHECK(rejection("ignore:\n  - T007\n  - T0077\n") ==
          "3:5: in 'ignore': no rule, rule prefix or rule name 'T0077' (did you mean 'T007'?); "
          "'stacklint rules' lists them");
    CHECK(rejection("select: [ZZ]\n").starts_with("1:10: in 'select': no rule, rule prefix"));
    CHECK(rejection("ignore: [[T007]]\n") ==
          "1:10: every entry of 'ignore' must be a non-empty string; got a list");
    CHECK(rejection("severity: {T007: fatal}\n") ==
          "1:18: the severity of 'T007' must be error, warning or info; got 'fatal' (to turn a "
          "rule off, add it to 'ignore')");
    CHECK(rejection("severity: {ZZ999: error}\n").starts_with("1:12: in 'severity': no rule"));
    CHECK(rejection("severity: [T007]\n").starts_with("1:11: 'severity' must map rule ids"));
    CHECK(rejection("options:\n  storage_stack: [a]\n") ==
          "2:3: unknown option 'storage_stack' (did you mean 'storage_stacks'?); the options "
          "are storage_stacks");
    CHECK(rejection("options:\n  storage_stacks: Storage\n") ==
          "2:19: 'storage_stacks' must be a list of strings; got 'Storage'");
    CHECK(
        rejection("options: [storage_stacks]\n").starts_with("1:10: 'options' must be a mapping"));
    CHECK(
        rejection("exclude: legacy\n").starts_with("1:10: 'exclude' must be a list of path globs"));
    CHECK(rejection("fail_on: sometimes\n") ==
          "1:10: 'fail_on' must be one of error, warning, info, none; got 'sometimes'");
    CHECK(rejection("require_reasons: yes please\n") ==
          "1:18: 'require_reasons' must be true or false; got 'yes please'");
    CHECK(rejection("regions: [us-east-1, eu-wset-1]\n") ==
          "1:22: in 'regions': unknown region 'eu-wset-1' (did you mean 'eu-west-1'?) "
          "(stacklint knows the 46 regions of its schema data, listed in README.md under "
          "'Regions')");
    CHECK(rejection("regions: []\n") == "1:10: 'regions' must name at least one region");
    CHECK(rejection("regions: us-east-1\n") ==
          "1:10: 'regions' must be a list of AWS region names; got 'us-east-1'");
    // Strict booleans, as the JSON Schema has them: a quoted "true" is a string.
    CHECK(rejection("require_reasons: \"true\"\n") ==
          "1:18: 'require_reasons' must be true or false, unquoted; got the string '\"true\"'");
    CHECK(rejection("require_reasons: 'false'\n").starts_with("1:18: 'require_reasons' must be"));
    CHECK(rejection("- select\n") ==
          "1:1: the configuration must be a mapping of keys (select, ignore, ...), not a list");
    // YAML problems are reported where the parser found them.
    CHECK(rejection("select: [T\n").starts_with("2:1: "));
    CHECK(rejection("select: [T]\nselect: [M]\n").starts_with("2:1: duplicate key 'select'"));
}

TEST_CASE("Config: loader errors talk about the configuration file, not a template") {
    CHECK(rejection("select: [T]\nselect: [M]\n") ==
          "2:1: duplicate key 'select' (first at line 1): a configuration file may give each key "
          "only once");
    CHECK(rejection("fail_on: error\n---\nfail_on: none\n") ==
          "2:1: a second YAML document starts here; a configuration file is one YAML document");
    CHECK(rejection(std::string("fail_on: error\n\0", 16)) ==
          "2:1: file contains a NUL byte; it looks like a binary file, not a configuration file");
    CHECK(rejection("\xFF\xFE" + std::string("f\0", 2)) ==
          "1:1: file is UTF-16 (it starts with a UTF-16 byte-order mark); a configuration file "
          "must be UTF-8");
    CHECK(rejection("fail_on: \xC3(\n") ==
          "1:10: invalid UTF-8 (byte 0xC3); a configuration file must be UTF-8");
    // Tags mean nothing in a configuration file: CloudFormation's short forms are not
    // rewritten into functions (which would read as "got a mapping").
    CHECK(rejection("select: !Ref T\n") ==
          "1:9: YAML tag '!Ref' has no meaning in a configuration file; write the value without "
          "it");
    CHECK(rejection("ignore: !Sub [T007]\n").starts_with("1:9: YAML tag '!Sub' has no meaning"));
    CHECK(rejection("fail_on: !Whatever error\n")
              .starts_with("1:10: YAML tag '!Whatever' has no meaning"));
    // Core tags are plain YAML and fine.
    CHECK(rejection("fail_on: !!str error\n") == "accepted");
}

TEST_CASE("Config: error text is FILE:LINE:COL: MESSAGE") {
    ConfigError e{"conf/.stacklint.yaml", Mark{3, 7}, "unknown key 'x'"};
    CHECK(e.text() == "conf/.stacklint.yaml:3:7: unknown key 'x'");
    e.mark = {};
    CHECK(e.text() == "conf/.stacklint.yaml: unknown key 'x'");
    e.file.clear();
    CHECK(e.text() == "unknown key 'x'");
}

TEST_CASE("Config: found by walking up from the working directory") {
    const std::string top = test::write_temp("walkup/.stacklint.yaml", "fail_on: error\n");
    test::write_temp("walkup/a/b/c/placeholder.txt", "");
    const fs::path start = fs::path(test::temp_dir()) / "walkup/a/b/c";
    const std::optional<fs::path> found = find_config(start);
    REQUIRE(found);
    CHECK(fs::equivalent(*found, top));
    // A nearer file wins.
    const std::string nearer = test::write_temp("walkup/a/b/.stacklint.yaml", "");
    CHECK(fs::equivalent(*find_config(start), nearer));

    ConfigError error;
    const std::optional<Config> c = load_config(top, "walkup/.stacklint.yaml", error);
    REQUIRE(c);
    CHECK(c->directory == fs::path(top).parent_path());
    CHECK_FALSE(load_config(fs::path(test::temp_dir()) / "walkup/none.yaml", "none.yaml", error));
    CHECK(error.text() ==
          "none.yaml: cannot read the configuration file: No such file or directory");
    CHECK_FALSE(load_config(test::temp_dir(), "dir", error));
    CHECK(error.text() == "dir: cannot read the configuration file: Is a directory");
}

TEST_CASE("Selection: select, ignore and the most precise selector") {
    RuleSelection s;
    CHECK(s.severity_of(rule("T007")) == Severity::Error);
    CHECK_FALSE(s.severity_of(rule("M002")));  // only with require_reasons
    s.require_reasons = true;
    CHECK(s.severity_of(rule("M002")) == Severity::Warning);

    s.layers = {{std::vector<std::string>{"T"}, {"T007"}}};
    CHECK(s.severity_of(rule("T001")));
    CHECK_FALSE(s.severity_of(rule("T007")));
    CHECK_FALSE(s.severity_of(rule("M001")));  // not selected

    // select names R003 more precisely than ignore's prefix: it stays.
    s.layers = {{std::vector<std::string>{"T007"}, {"T"}}};
    CHECK(s.severity_of(rule("T007")));
    CHECK_FALSE(s.severity_of(rule("T001")));
    // A tie goes to ignore.
    s.layers = {{std::vector<std::string>{"T007"}, {"invalid-logical-id"}}};
    CHECK_FALSE(s.severity_of(rule("T007")));

    // A later layer with select starts over; one without only removes.
    s.layers = {{std::nullopt, {"T007"}}, {std::vector<std::string>{"T007"}, {}}};
    CHECK(s.severity_of(rule("T007")));
    s.layers = {{std::vector<std::string>{"T"}, {}}, {std::nullopt, {"T00"}}};
    CHECK_FALSE(s.severity_of(rule("T007")));
    CHECK(s.severity_of(rule("T011")));
}

TEST_CASE("Selection: opt-in rules run only when a select names them") {
    RuleSelection s;
    const RuleInfo& access_logs = rule("P036");
    REQUIRE(access_logs.opt_in);
    CHECK_FALSE(s.severity_of(access_logs));
    CHECK_FALSE(default_run_severity(access_logs));
    CHECK(default_run_severity(rule("P031")) == Severity::Error);
    // A severity override alone does not turn it on.
    s.severity = {{"P036", Severity::Warning}};
    CHECK_FALSE(s.severity_of(access_logs));
    // By id, by prefix, by name; the other opt-in rules stay off with an id select.
    for (const char* selector : {"P036", "P", "bucket-access-logging-disabled"}) {
        s.layers = {{std::vector<std::string>{selector}, {}}};
        INFO(selector);
        CHECK(s.severity_of(access_logs) == Severity::Warning);
    }
    s.layers = {{std::vector<std::string>{"P036"}, {}}};
    CHECK_FALSE(s.severity_of(rule("P017")));
    // ignore wins over a less precise select, as for every rule.
    s.layers = {{std::vector<std::string>{"P"}, {"P036"}}};
    CHECK_FALSE(s.severity_of(access_logs));
    // A later layer without select cannot turn it on.
    s.layers = {{std::nullopt, {"T"}}};
    CHECK_FALSE(s.severity_of(access_logs));
}

TEST_CASE("Selection: severity overrides, most precise first") {
    RuleSelection s;
    s.severity = {{"T", Severity::Info}, {"T007", Severity::Warning}};
    CHECK(s.severity_of(rule("T007")) == Severity::Warning);
    CHECK(s.severity_of(rule("T001")) == Severity::Info);
    CHECK(s.severity_of(rule("M001")) == Severity::Info);  // its default
    s.severity = {{"invalid-logical-id", Severity::Info}};
    CHECK(s.severity_of(rule("T007")) == Severity::Info);
}

TEST_CASE("Settings: the command line overrides the file") {
    const std::string dir = fs::path(test::write_temp("settings/.stacklint.yaml",
                                                      "ignore: [T007]\nfail_on: error\n"
                                                      "options: {storage_stacks: ['*Data*']}\n"
                                                      "exclude: [old/**]\n"))
                                .parent_path()
                                .string();
    ConfigError error;
    CommandLineSettings cli;
    std::optional<Settings> s = resolve_settings(cli, dir, error);
    REQUIRE(s);
    CHECK(s->config_file == ".stacklint.yaml");
    CHECK(s->fail_on == Severity::Error);
    CHECK_FALSE(s->selection.severity_of(rule("T007")));
    CHECK(s->rule_options.at("storage_stacks") == std::vector<std::string>{"*Data*"});
    CHECK(s->exclude_base == fs::path(dir));

    cli.fail_on = "none";
    cli.ignore = {"T011,T010"};
    s = resolve_settings(cli, dir, error);
    REQUIRE(s);
    CHECK_FALSE(s->fail_on);
    CHECK_FALSE(s->selection.severity_of(rule("T007")));  // the file's ignore still applies
    CHECK_FALSE(s->selection.severity_of(rule("T011")));
    CHECK_FALSE(s->selection.severity_of(rule("T010")));

    cli.select = std::vector<std::string>{"T007"};  // starts over: T007 is back
    s = resolve_settings(cli, dir, error);
    REQUIRE(s);
    CHECK(s->selection.severity_of(rule("T007")));
    CHECK_FALSE(s->selection.severity_of(rule("T001")));

    cli.select = std::vector<std::string>{"T007, Tx"};
    CHECK_FALSE(resolve_settings(cli, dir, error));
    CHECK(error.file.empty());
    CHECK(error.text().starts_with("--select: no rule, rule prefix or rule name 'Tx'"));

    cli = {};
    cli.no_config = true;
    s = resolve_settings(cli, dir, error);
    REQUIRE(s);
    CHECK(s->config_file.empty());
    CHECK(s->selection.severity_of(rule("T007")));

    const std::string bad = test::write_temp("settings/bad.yaml", "fail_on: [error]\n");
    cli.config_file = bad;
    CHECK_FALSE(resolve_settings(cli, dir, error));
    CHECK(error.text() ==
          bad + ":1:10: 'fail_on' must be one of error, warning, info, none; got a list");
}

TEST_CASE("Settings: regions from the file, --regions over it, us-east-1 by default") {
    const std::string dir = fs::path(test::write_temp("regions/.stacklint.yaml",
                                                      "regions: [eu-west-1, eu-central-1]\n"))
                                .parent_path()
                                .string();
    ConfigError error;
    CommandLineSettings cli;
    std::optional<Settings> s = resolve_settings(cli, dir, error);
    REQUIRE(s);
    CHECK(s->regions == std::vector<std::string>{"eu-west-1", "eu-central-1"});

    cli.regions = {"us-east-1, us-west-2", "us-east-1"};  // comma-separated, repeats dropped
    s = resolve_settings(cli, dir, error);
    REQUIRE(s);
    CHECK(s->regions == std::vector<std::string>{"us-east-1", "us-west-2"});

    cli.regions = {"us-east-1,mars-north-1"};
    CHECK_FALSE(resolve_settings(cli, dir, error));
    CHECK(error.text().starts_with("--regions: unknown region 'mars-north-1'"));
    cli.regions = {" , "};
    CHECK_FALSE(resolve_settings(cli, dir, error));
    CHECK(error.text() == "--regions: name at least one region");

    cli = {};
    cli.no_config = true;
    s = resolve_settings(cli, dir, error);
    REQUIRE(s);
    CHECK(s->regions == std::vector<std::string>{"us-east-1"});
}

TEST_CASE("Exclude: globs relative to the configuration's directory") {
    const fs::path base = fs::path(test::temp_dir()) / "ex";
    std::vector<Input> inputs = {
        {"legacy/a.yaml", (base / "legacy/a.yaml").string(), false, true},
        {"app/cdk.out/S.template.json", (base / "app/cdk.out/S.template.json").string(), false,
         false},
        {"app/stack.yaml", (base / "app/stack.yaml").string(), false, false},
        {"<stdin>", "", true, true},
    };
    CHECK(remove_excluded(inputs, {"legacy/**", "**/cdk.out/**"}, base).size() == 2);
    REQUIRE(inputs.size() == 2);
    CHECK(inputs[0].display == "app/stack.yaml");
    CHECK(inputs[1].from_stdin);
    CHECK(remove_excluded(inputs, {}, base).empty());
    // Outside the configuration's directory only unanchored globs apply.
    std::vector<Input> outside = {{"/elsewhere/legacy/x.yaml", "/elsewhere/legacy/x.yaml"}};
    CHECK(remove_excluded(outside, {"legacy/**"}, base).empty());
    CHECK(remove_excluded(outside, {"x.yaml"}, base).size() == 1);
}

TEST_CASE("Config: the known rule options are listed in one place") {
    const auto& known = known_rule_options();
    REQUIRE_FALSE(known.empty());
    CHECK(known.front().key == "storage_stacks");
    for (const RuleOptionSpec& spec : known)
        CHECK_FALSE(spec.meaning.empty());
}
