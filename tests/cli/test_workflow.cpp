// The command line in the places it lives: formats for CI (SARIF checked against the
// official schema, JUnit parsed by xmllint, GitHub commands), several outputs in one run,
// colour, configuration files, suppressions and baselines end to end.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/helpers.hpp"

using namespace stacklint;
using test::write_temp;
namespace fs = std::filesystem;

namespace {

const std::string kBin = STACKLINT_BINARY;

// Runs a shell command line; returns its exit code and its stdout (and stderr if merged).
int run_shell(const std::string& command, std::string& output, bool merge_stderr = false) {
    const std::string cmd = command + (merge_stderr ? " 2>&1" : " 2>/dev/null");
    FILE* pipe = ::popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    output.clear();
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        output.append(buffer, n);
    const int status = ::pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Runs stacklint in `dir` (so that relative paths and configuration lookup start there).
int run_in(const std::string& dir, const std::string& args, std::string& output,
           bool merge_stderr = false) {
    return run_shell("cd '" + dir + "' && " + kBin + " " + args, output, merge_stderr);
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool python_has(const std::string& module) {
    std::string out;
    return run_shell("/usr/bin/python3 -c 'import " + module + "'", out) == 0;
}

// A project directory: one bad template in a subdirectory, one clean one.
std::string make_project(const std::string& name) {
    write_temp(name + "/templates/app.yaml",
               "Resources:\n"
               "  bad-name:\n"
               "    Type: AWS::SQS::Queue\n"
               "  Topic:\n"
               "    Type: AWS::SNS::Topic\n"
               "    DeletionPolcy: Retain\n");
    write_temp(name + "/templates/clean.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
    return test::temp_dir() + "/" + name;
}

}  // namespace

TEST_CASE("SARIF: validates against the SARIF 2.1.0 schema and carries what code scanning needs") {
    const std::string dir = make_project("sarif");
    std::string out;
    REQUIRE(run_in(dir, "--no-config -f sarif templates > out.sarif", out) == 1);
    const auto doc = nlohmann::json::parse(read_all(dir + "/out.sarif"));
    CHECK(doc["version"] == "2.1.0");
    const auto& run = doc["runs"][0];
    CHECK(run["columnKind"] == "unicodeCodePoints");
    CHECK(run["originalUriBaseIds"]["SRCROOT"]["uri"].get<std::string>().starts_with("file:///"));
    const auto& rules = run["tool"]["driver"]["rules"];
    REQUIRE(rules.size() >= 11);
    const auto& t007 =
        *std::find_if(rules.begin(), rules.end(), [](const auto& r) { return r["id"] == "T007"; });
    CHECK(t007["name"] == "invalid-logical-id");
    CHECK(t007["shortDescription"]["text"].get<std::string>().size() > 10);
    CHECK(t007["fullDescription"]["text"].get<std::string>().size() > 10);
    CHECK_THAT(t007["help"]["markdown"].get<std::string>(), Catch::Contains("### Why it matters"));
    CHECK(t007["defaultConfiguration"]["level"] == "error");
    // M002 runs only with --require-reasons, so it is not in the catalogue of this run.
    CHECK(
        std::none_of(rules.begin(), rules.end(), [](const auto& r) { return r["id"] == "M002"; }));

    const auto& results = run["results"];
    REQUIRE(results.size() == 2);
    const auto& r = results[0];
    CHECK(r["ruleId"] == "T007");
    CHECK(rules[r["ruleIndex"].get<std::size_t>()]["id"] == "T007");
    CHECK(r["level"] == "error");
    const auto& loc = r["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uri"] == "templates/app.yaml");
    CHECK(loc["artifactLocation"]["uriBaseId"] == "SRCROOT");
    CHECK(loc["region"]["startLine"] == 2);
    CHECK(loc["region"]["startColumn"] == 3);
    CHECK(r["partialFingerprints"]["stacklint/v2"] ==
          "T007|templates/app.yaml|app|bad-name|Resources/bad-name");
    CHECK(r["locations"][0]["logicalLocations"][0]["name"] == "bad-name");

    const std::string schema = test::source_path("../shared/schemas/sarif/sarif-schema-2.1.0.json");
    if (!fs::exists(schema)) {
        WARN("../shared/schemas/sarif is absent; SARIF was not validated against the schema");
        return;
    }
    if (!python_has("jsonschema")) {
        WARN("python3-jsonschema is not installed; SARIF was not validated against the schema");
        return;
    }
    std::string report;
    CHECK(run_shell("/usr/bin/python3 -m jsonschema -i '" + dir + "/out.sarif' '" + schema + "'",
                    report, true) == 0);
    INFO(report);
    // The schema must be able to fail: a result without a message is invalid.
    auto broken = doc;
    broken["runs"][0]["results"][0].erase("message");
    std::ofstream(dir + "/broken.sarif") << broken.dump();
    CHECK(run_shell("/usr/bin/python3 -m jsonschema -i '" + dir + "/broken.sarif' '" + schema + "'",
                    report, true) != 0);
}

TEST_CASE(
    "SARIF: paths outside the working directory are absolute file URIs; errors are "
    "notifications") {
    const std::string dir = make_project("sarif-outside");
    write_temp("sarif-outside/sub/placeholder.txt", "");
    std::string out;
    run_in(dir + "/sub", "--no-config -f sarif ../templates/app.yaml missing.yaml", out);
    const auto run = nlohmann::json::parse(out)["runs"][0];
    const std::string uri =
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    CHECK(uri ==
          "file://" + fs::path(dir).lexically_normal().generic_string() + "/templates/app.yaml");
    CHECK(run["invocations"][0]["executionSuccessful"] == false);
    CHECK(run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error");
}

TEST_CASE("JUnit: well-formed XML, a suite per file, failures at or above --fail-on") {
    const std::string dir = make_project("junit");
    // Quotes, ampersands and angle brackets in a message must be escaped.
    write_temp("junit/templates/odd.yaml",
               "Resources:\n  \"a<b>&'\\\"c\":\n    Type: AWS::SQS::Queue\n");
    std::string out;
    REQUIRE(run_in(dir, "--no-config -f junit templates > out.xml", out) == 1);
    const std::string xml = read_all(dir + "/out.xml");
    CHECK_THAT(
        xml, Catch::Contains("<testsuite name=\"templates/app.yaml\" tests=\"2\" failures=\"2\""));
    CHECK_THAT(xml, Catch::Contains("name=\"T007 invalid-logical-id bad-name\""));
    CHECK_THAT(xml, Catch::Contains(
                        "<testsuite name=\"templates/clean.yaml\" tests=\"1\" failures=\"0\""));
    CHECK_THAT(xml, Catch::Contains("name=\"no findings\""));
    CHECK_THAT(xml, Catch::Contains("a&lt;b&gt;&amp;&apos;&quot;c"));
    CHECK_THAT(xml, Catch::StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));

    // Code points XML 1.0 cannot carry at all (C0 controls but tab, LF and CR; U+FFFE, U+FFFF)
    // are masked, in attributes and in text; the other characters pass through.
    write_temp("junit/templates/nonchars.yaml",
               "Resources:\n  \"x\\uFFFEy\\uFFFFz\\x01\\x1b\\x7f\\t\\u00e9\":\n"
               "    Type: AWS::SQS::Queue\n");
    REQUIRE(run_in(dir, "--no-config -f junit templates/nonchars.yaml > nonchars.xml", out) == 1);
    const std::string nonchars = read_all(dir + "/nonchars.xml");
    CHECK_THAT(nonchars, Catch::Contains("name=\"T007 invalid-logical-id x?y?z???&#9;\u00e9\""));
    CHECK_THAT(nonchars, Catch::Contains("resource name 'x?y?z???\t\u00e9' must contain"));
    CHECK_THAT(nonchars, !Catch::Contains("\xEF\xBF\xBE"));
    CHECK_THAT(nonchars, !Catch::Contains("\xEF\xBF\xBF"));

    std::string lint;
    const int parsed = run_shell("xmllint --noout '" + dir + "/out.xml'", lint, true);
    if (parsed == 127) {
        WARN("xmllint (libxml2-utils) is not installed; JUnit XML was not parsed");
    } else {
        INFO(lint);
        CHECK(parsed == 0);
        CHECK(run_shell("xmllint --noout '" + dir + "/nonchars.xml'", lint, true) == 0);
        // xmllint must be able to fail.
        std::ofstream(dir + "/broken.xml") << "<testsuites><testsuite></testsuites>";
        CHECK(run_shell("xmllint --noout '" + dir + "/broken.xml'", lint, true) != 0);
    }

    // With --fail-on error, warnings are passing test cases with their findings as output.
    write_temp("junit/warn/.stacklint.yaml", "severity: {T011: warning}\n");
    write_temp("junit/warn/t.yaml",
               "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    DeletionPolcy: Retain\n");
    REQUIRE(run_in(dir + "/warn", "-f junit --fail-on error t.yaml", out) == 0);
    CHECK_THAT(out, Catch::Contains("failures=\"0\""));
    CHECK_THAT(out, Catch::Contains("<system-out>t.yaml:4:5: warning T011"));
    CHECK_THAT(out, !Catch::Contains("<failure"));
}

TEST_CASE("GitHub: workflow commands with GitHub's escaping") {
    const std::string dir = make_project("github");
    write_temp("github/templates/a,b:c%.yaml",
               "Resources:\n  \"x%y\":\n    Type: AWS::SQS::Queue\n");
    std::string out;
    REQUIRE(run_in(dir, "--no-config -f github templates", out) == 1);
    CHECK_THAT(out, Catch::Contains("::error file=templates/app.yaml,line=2,col=3,title=T007 "
                                    "invalid-logical-id::resource name 'bad-name' must contain"));
    CHECK_THAT(out, Catch::Contains("::error file=templates/a%2Cb%3Ac%25.yaml,line=2,col=3,"
                                    "title=T007 invalid-logical-id::resource name 'x%25y'"));
    CHECK_THAT(out, Catch::Contains("stacklint: checked 3 templates: 3 errors"));
    // Messages never span lines: every line is a command or the summary.
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line))
        CHECK((line.starts_with("::") || line.starts_with("stacklint: checked")));
    // GitHub places annotations by path from the repository root: with GITHUB_WORKSPACE set
    // (Actions sets it to the checkout), paths are relative to it, wherever stacklint runs.
    REQUIRE(run_in(dir + "/templates", "--no-config -f github app.yaml", out) == 1);
    CHECK_THAT(out, Catch::Contains("::error file=app.yaml,line=2,col=3,"));
    REQUIRE(run_shell("cd '" + dir + "/templates' && GITHUB_WORKSPACE='" + dir + "' " + kBin +
                          " --no-config -f github app.yaml",
                      out) == 1);
    CHECK_THAT(out, Catch::Contains("::error file=templates/app.yaml,line=2,col=3,"));
    // The workspace applies to GitHub commands only; text keeps the working directory.
    REQUIRE(run_shell("cd '" + dir + "/templates' && GITHUB_WORKSPACE='" + dir + "' " + kBin +
                          " --no-config app.yaml",
                      out) == 1);
    CHECK_THAT(out, Catch::StartsWith("app.yaml:2:3: error T007"));
}

TEST_CASE("GitLab: Code Quality JSON with the baseline's fingerprints") {
    const std::string dir = make_project("gitlab");
    // Three findings of one rule on one resource and path (three ${} in one string that no
    // Fn::Sub reads): the same baseline fingerprint.
    write_temp("gitlab/templates/twice.yaml",
               "Resources:\n"
               "  Topic:\n"
               "    Type: AWS::SNS::Topic\n"
               "    Properties:\n"
               "      DisplayName: \"${AWS::Region}-${AWS::StackName}-${AWS::AccountId}\"\n");
    std::string out;
    REQUIRE(run_in(dir, "--no-config -f gitlab templates", out) == 1);
    const auto issues = nlohmann::json::parse(out);
    REQUIRE(issues.is_array());
    REQUIRE(issues.size() >= 4);
    std::set<std::string> fingerprints;
    bool saw_t007 = false;
    for (const auto& issue : issues) {
        // What GitLab requires of every issue.
        for (const char* key : {"description", "check_name", "fingerprint", "severity"})
            CHECK(issue[key].is_string());
        CHECK(issue["location"]["path"].is_string());
        CHECK(issue["location"]["lines"]["begin"].get<int>() >= 1);
        CHECK(fingerprints.insert(issue["fingerprint"].get<std::string>()).second);  // unique
        if (issue["check_name"] == "T007 invalid-logical-id") {
            saw_t007 = true;
            CHECK(issue["severity"] == "critical");
            CHECK(issue["location"]["path"] == "templates/app.yaml");
            CHECK(issue["location"]["lines"]["begin"] == 2);
            CHECK_THAT(
                issue["description"].get<std::string>(),
                Catch::Contains("resource name 'bad-name'") && Catch::EndsWith("[bad-name]"));
            // The key a baseline records for the same finding.
            CHECK(issue["fingerprint"] ==
                  "T007|templates/app.yaml|app|bad-name|Resources/bad-name");
        }
    }
    CHECK(saw_t007);
    // The second and third findings of that string get |2 and |3.
    std::size_t repeated = 0;
    for (const std::string& f : fingerprints)
        repeated += f.ends_with("|2") || f.ends_with("|3");
    CHECK(repeated == 2);

    // Paths from the project root, which GitLab gives as CI_PROJECT_DIR, wherever it runs; in
    // the --output-gitlab file too. A file that cannot be read is a blocker issue.
    REQUIRE(run_shell("cd '" + dir + "/templates' && CI_PROJECT_DIR='" + dir + "' " + kBin +
                          " --no-config --output-gitlab ../cq.json -q app.yaml missing.yaml",
                      out) == 2);
    const auto file = nlohmann::json::parse(read_all(dir + "/cq.json"));
    REQUIRE(file.size() >= 2);
    CHECK(file[0]["location"]["path"] == "templates/app.yaml");
    CHECK(file.back()["severity"] == "blocker");
    CHECK(file.back()["location"]["path"] == "templates/missing.yaml");
    CHECK_THAT(file.back()["description"].get<std::string>(),
               Catch::StartsWith("stacklint could not check this file: "));
}

TEST_CASE("Outputs: text on stdout and machine files in the same run, written atomically") {
    const std::string dir = make_project("outputs");
    std::string out;
    REQUIRE(run_in(dir,
                   "--no-config --output-sarif r/out.sarif --output-junit r/out.xml "
                   "--output-json r/out.json templates",
                   out) == 2);  // r/ does not exist yet: a tool error, named
    fs::create_directories(dir + "/r");
    REQUIRE(run_in(dir,
                   "--no-config --output-sarif r/out.sarif --output-junit r/out.xml "
                   "--output-json r/out.json templates",
                   out) == 1);
    CHECK_THAT(out, Catch::Contains("templates/app.yaml:2:3: error T007"));
    CHECK(nlohmann::json::parse(read_all(dir + "/r/out.sarif"))["version"] == "2.1.0");
    CHECK(nlohmann::json::parse(read_all(dir + "/r/out.json"))["summary"]["findings"] == 2);
    CHECK_THAT(read_all(dir + "/r/out.xml"), Catch::Contains("<testsuites"));
    CHECK(std::distance(fs::directory_iterator(dir + "/r"), fs::directory_iterator()) == 3);
    std::string err;
    run_in(dir, "--no-config --output-sarif nodir/x.sarif templates", err, true);
    CHECK_THAT(err,
               Catch::Contains("stacklint: error: nodir/x.sarif: cannot create a temporary file"));
}

TEST_CASE("Outputs never replace a file the run reads, and two outputs never share a file") {
    const std::string dir = make_project("outputs-inputs");
    const std::string app = read_all(dir + "/templates/app.yaml");
    std::string err;
    // A report aimed at a template being linted, directly or through a symbolic link.
    fs::remove(dir + "/link.json");
    fs::create_symlink("templates/app.yaml", dir + "/link.json");
    for (const std::string target : {"templates/app.yaml", "link.json"}) {
        INFO(target);
        CHECK(run_in(dir, "--no-config --output-json " + target + " templates", err, true) == 2);
        CHECK_THAT(err, Catch::Contains("stacklint: error: " + target +
                                        ": not written: it is templates/app.yaml, which this "
                                        "run reads"));
        CHECK_THAT(err, Catch::Contains("templates/app.yaml:2:3: error T007"));  // still linted
        CHECK(read_all(dir + "/templates/app.yaml") == app);
    }
    // ... and the configuration file, with a baseline.
    write_temp("outputs-inputs/.stacklint.yaml", "fail_on: error\n");
    CHECK(run_in(dir, "--write-baseline .stacklint.yaml templates", err, true) == 2);
    CHECK_THAT(err, Catch::Contains(".stacklint.yaml: not written: it is .stacklint.yaml"));
    CHECK(read_all(dir + "/.stacklint.yaml") == "fail_on: error\n");
    fs::remove(dir + "/.stacklint.yaml");
    // A report from an earlier run is replaced as usual.
    CHECK(run_in(dir, "--no-config --output-json out.json templates", err) == 1);
    CHECK(run_in(dir, "--no-config --output-json out.json templates", err) == 1);
    // Two outputs into one file: refused before anything runs.
    CHECK(run_in(dir, "--no-config --output-sarif r.out --output-json ./r.out templates", err,
                 true) == 2);
    CHECK_THAT(err, Catch::StartsWith("stacklint: error: --output-sarif and --output-json name the "
                                      "same file (./r.out)"));
    CHECK_FALSE(fs::exists(dir + "/r.out"));
}

TEST_CASE("Text: code frames, colour and the summary with context") {
    const std::string dir = make_project("text");
    std::string out;
    run_in(dir, "--no-config templates", out);
    CHECK_THAT(out, Catch::Contains("templates/app.yaml:2:3: error T007 resource name 'bad-name'"));
    CHECK_THAT(out, Catch::Contains("   2 |   bad-name:\n"
                                    "     |   ^\n"));
    CHECK_THAT(out, Catch::Contains("   6 |     DeletionPolcy: Retain\n"
                                    "     |     ^\n"));
    CHECK_THAT(out, Catch::Contains("Checked 2 templates (2 stacks, 3 resources): 2 errors, 0 "
                                    "warnings, 0 info."));
    CHECK_THAT(out, Catch::Contains("By rule: T007 invalid-logical-id ×1, T011 "
                                    "unknown-resource-attribute ×1"));
    CHECK_THAT(out, Catch::Contains("By stack: app ×2 (1 stack of 2 with findings)"));
    CHECK_THAT(out, !Catch::Contains("\x1b["));  // not a terminal

    run_in(dir, "--no-config --color always templates", out);
    CHECK_THAT(out, Catch::Contains("\x1b[1;31merror\x1b[0m"));
    run_shell("cd '" + dir + "' && NO_COLOR=1 " + kBin + " --no-config --color always templates",
              out);
    CHECK_THAT(out, Catch::Contains("\x1b["));  // an explicit flag beats NO_COLOR
    // auto under a pseudo-terminal (script(1) from util-linux) colours unless NO_COLOR is set.
    if (run_shell("command -v script", out) == 0) {
        run_shell("cd '" + dir + "' && env -u NO_COLOR TERM=xterm script -qec '" + kBin +
                      " --no-config templates' /dev/null",
                  out);
        CHECK_THAT(out, Catch::Contains("\x1b[1;31merror"));
        run_shell("cd '" + dir + "' && NO_COLOR=1 TERM=xterm script -qec '" + kBin +
                      " --no-config templates' /dev/null",
                  out);
        CHECK_THAT(out, !Catch::Contains("\x1b[1;31m"));
    }

    // A tab-indented line keeps the caret under the column; control characters (which could
    // drive the terminal) are masked; a long line is cut to a window around the column.
    write_temp("text/frames/tab.json",
               "{\"Resources\": {\n\t\"bad-name\": {\"Type\": \"AWS::SQS::Queue\"}}}\n");
    write_temp("text/frames/ctrl.yaml",
               "Resources:\n  bad-name: # \x1b[31mred\n    Type: AWS::SQS::Queue\n");
    write_temp("text/frames/long.json", "{\"Resources\": {" + std::string(300, ' ') +
                                            "\"bad-name\": {\"Type\": \"AWS::SQS::Queue\"}" +
                                            std::string(200, ' ') + "}}\n");
    run_in(dir, "--no-config frames", out);
    CHECK_THAT(out, Catch::Contains("   2 | \t\"bad-name\": {"));
    CHECK_THAT(out, Catch::Contains("     | \t^\n"));
    CHECK_THAT(out, Catch::Contains("   2 |   bad-name: # ?[31mred\n"));
    CHECK_THAT(out, !Catch::Contains("\x1b"));
    CHECK_THAT(out, Catch::Contains("   1 | …" + std::string(50, ' ') +
                                    "\"bad-name\": {\"Type\": \"AWS::SQS::Queue\"}" +
                                    std::string(11, ' ') + "…\n"));
    CHECK_THAT(out, Catch::Contains("     |  " + std::string(50, ' ') + "^\n"));
}

TEST_CASE("Text and GitHub: characters from templates cannot break a finding's line") {
    // ESC, CR, LF, DEL and a C1 control in a resource name (quoted by the message and shown
    // as [resource]), in a quoted value, and in the file name itself.
    const std::string dir = test::temp_dir() + "/controls";
    write_temp("controls/e\x1bvil.yaml",
               "Resources:\n"
               "  \"a\\e[31m\\r\\nb\\x7f\\x85c\":\n"
               "    Type: AWS::SQS::Queue\n"
               "  Topic:\n"
               "    Type: AWS::SNS::Topic\n"
               "    DeletionPolicy: \"Ret\\e]0;owned\\aain\\nx\"\n");
    std::string out;
    REQUIRE(run_in(dir, "--no-config --quiet .", out) == 1);
    CHECK_THAT(out, Catch::Contains("e?vil.yaml:2:3: error T007 resource name 'a?[31m??b??c' "));
    CHECK_THAT(out, Catch::Contains(" [a?[31m??b??c]\n"));
    CHECK_THAT(out, Catch::Contains("'Ret?]0;owned?ain?x'"));
    for (const char c : {'\x1b', '\r', '\x7f', '\a'})
        CHECK(out.find(c) == std::string::npos);
    CHECK(out.find("\xC2\x85") == std::string::npos);
    // Every line is a finding, a code frame line, or a caret line.
    std::istringstream lines(out);
    std::string line;
    std::size_t findings = 0;
    while (std::getline(lines, line)) {
        INFO(line);
        if (line.starts_with("e?vil.yaml:")) {
            ++findings;
        } else {
            CHECK(line.find(" | ") == 4);
        }
    }
    CHECK(findings == 2);

    REQUIRE(run_in(dir, "--no-config -f github .", out) == 1);
    for (const char c : {'\x1b', '\r', '\x7f', '\a'})
        CHECK(out.find(c) == std::string::npos);
    CHECK_THAT(out, Catch::Contains("::error file=e?vil.yaml,line=2,col=3,title=T007 "
                                    "invalid-logical-id::resource name 'a?[31m??b??c'"));
    std::istringstream commands(out);
    while (std::getline(commands, line))
        CHECK((line.starts_with("::") || line.starts_with("stacklint: checked")));
}

TEST_CASE("Text: zero templates is called out") {
    const std::string dir = test::temp_dir() + "/empty-project";
    fs::create_directories(dir);
    std::string out;
    CHECK(run_in(dir, "--no-config .", out) == 0);
    CHECK_THAT(out, Catch::Contains("Checked 0 templates"));
    CHECK_THAT(out, Catch::Contains("No templates found"));
}

TEST_CASE("Config: found from the working directory up, overridden by flags") {
    const std::string dir = make_project("config");
    write_temp("config/.stacklint.yaml",
               "ignore: [T011]\n"
               "exclude: [templates/clean.yaml]\n"
               "fail_on: none\n");
    write_temp("config/deep/er/placeholder.txt", "");
    std::string out;
    CHECK(run_in(dir, "templates", out) == 0);  // fail_on: none
    CHECK_THAT(out, Catch::Contains("T007"));
    CHECK_THAT(out, !Catch::Contains("T011"));
    CHECK_THAT(out, Catch::Contains("Checked 1 template"));
    CHECK_THAT(out, Catch::Contains("1 file excluded by configuration"));
    // Only templates count as excluded: not the configuration file itself, nor other YAML a
    // directory walk would have skipped anyway.
    write_temp("config-star/.stacklint.yaml", "exclude: ['*.yaml']\n");
    write_temp("config-star/a.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
    write_temp("config-star/settings.yaml", "name: not a template\n");
    CHECK(run_in(test::temp_dir() + "/config-star", ".", out) == 0);
    CHECK_THAT(out, Catch::Contains("Not shown: 1 file excluded by configuration."));
    CHECK(run_in(test::temp_dir() + "/config-star", "-f json .", out) == 0);
    CHECK(nlohmann::json::parse(out)["summary"]["excluded"] == 1);
    // Named on the command line, a file is always linted, so excluding it counts; with
    // --skip-non-templates only a template does.
    CHECK(run_in(test::temp_dir() + "/config-star", "-f json a.yaml settings.yaml", out) == 0);
    CHECK(nlohmann::json::parse(out)["summary"]["excluded"] == 2);
    CHECK(run_in(test::temp_dir() + "/config-star",
                 "-f json --skip-non-templates a.yaml settings.yaml", out) == 0);
    CHECK(nlohmann::json::parse(out)["summary"]["excluded"] == 1);
    // From a subdirectory the same file applies; excludes stay relative to it.
    CHECK(run_in(dir + "/deep/er", "../../templates", out) == 0);
    CHECK_THAT(out, Catch::Contains("Checked 1 template"));
    // Flags win: --fail-on, --select (starts over), --ignore (adds).
    CHECK(run_in(dir, "--fail-on warning templates", out) == 1);
    CHECK(run_in(dir, "--fail-on warning --select T011 templates", out) == 1);
    CHECK_THAT(out, Catch::Contains("T011"));
    CHECK_THAT(out, !Catch::Contains("T007"));
    CHECK(run_in(dir, "--fail-on warning --ignore T007 templates", out) == 0);
    CHECK(run_in(dir, "--no-config templates", out) == 1);
    CHECK_THAT(out, Catch::Contains("Checked 2 templates"));
    CHECK(run_in(dir, "--select T0O7 templates", out, true) == 2);
    CHECK_THAT(out, Catch::Contains("stacklint: error: --select: no rule, rule prefix or rule "
                                    "name 'T0O7' (did you mean 'T007'?)"));
}

TEST_CASE("Config: a malformed file is exit 2 with file, line and column, and nothing is linted") {
    const std::string dir = make_project("badconfig");
    write_temp("badconfig/.stacklint.yaml", "select: [T]\nignore:\n  - T007\n  - T0007\n");
    std::string out;
    CHECK(run_in(dir, "templates", out, true) == 2);
    CHECK(out ==
          "stacklint: error: .stacklint.yaml:4:5: in 'ignore': no rule, rule prefix or "
          "rule name 'T0007' (did you mean 'T007'?); 'stacklint rules' lists them\n");
    write_temp("badconfig/other.yaml", "severity:\n  T007: [error]\n");
    CHECK(run_in(dir, "--config other.yaml templates", out, true) == 2);
    CHECK_THAT(out, Catch::Contains("other.yaml:2:9: the severity of 'T007' must be error, "
                                    "warning or info; got a list"));
    write_temp("badconfig/broken.yaml", "select: [T\n");
    CHECK(run_in(dir, "--config broken.yaml templates", out, true) == 2);
    CHECK_THAT(out, Catch::Contains("stacklint: error: broken.yaml:2:1: "));
    CHECK(run_in(dir, "--config missing.yaml templates", out, true) == 2);
    CHECK_THAT(out, Catch::Contains("missing.yaml: cannot read the configuration file"));
}

TEST_CASE("Config and baseline errors: the requested reports are written, with the error") {
    // CI uploads the SARIF file with `if: always()`: a run that stops before linting must still
    // leave every requested report, saying why, so the upload shows the real error.
    const std::string dir = make_project("report-errors");
    write_temp("report-errors/.stacklint.yaml", "select: [T]\nignore: [T0007]\n");
    const std::string outputs =
        "--output-sarif r.sarif --output-junit r.xml --output-json r.json templates";
    std::string out;
    REQUIRE(run_in(dir, "-f github " + outputs, out) == 2);
    CHECK_THAT(out, Catch::StartsWith("::error file=.stacklint.yaml,line=2,col=10,title=stacklint::"
                                      "in 'ignore': no rule, rule prefix or rule name 'T0007'"));
    CHECK_THAT(out, !Catch::Contains("checked"));

    const auto sarif = nlohmann::json::parse(read_all(dir + "/r.sarif"));
    const auto& run = sarif["runs"][0];
    CHECK(run["results"].empty());
    CHECK(run["tool"]["driver"]["rules"].empty());  // nothing ran
    const auto& invocation = run["invocations"][0];
    CHECK(invocation["executionSuccessful"] == false);
    const auto& note = invocation["toolExecutionNotifications"][0];
    CHECK(note["level"] == "error");
    CHECK_THAT(note["message"]["text"].get<std::string>(), Catch::Contains("'T0007'"));
    const auto& where = note["locations"][0]["physicalLocation"];
    CHECK(where["artifactLocation"]["uri"] == ".stacklint.yaml");
    CHECK(where["region"]["startLine"] == 2);
    CHECK(where["region"]["startColumn"] == 10);

    const std::string xml = read_all(dir + "/r.xml");
    CHECK_THAT(xml, Catch::Contains("<testsuites name=\"stacklint\" tests=\"1\" failures=\"0\" "
                                    "errors=\"1\">"));
    CHECK_THAT(xml, Catch::Contains("<testcase classname=\"stacklint\" name=\".stacklint.yaml\" "
                                    "file=\".stacklint.yaml\" line=\"2\">"));
    CHECK_THAT(xml, Catch::Contains("<error type=\"tool-error\" message=\"in &apos;ignore&apos;"));

    const auto json = nlohmann::json::parse(read_all(dir + "/r.json"));
    REQUIRE(json["errors"].size() == 1);
    CHECK(json["errors"][0]["file"] == ".stacklint.yaml");
    CHECK(json["errors"][0]["line"] == 2);
    CHECK(json["errors"][0]["column"] == 10);
    CHECK(json["findings"].empty());

    std::string lint;
    if (run_shell("xmllint --noout '" + dir + "/r.xml'", lint, true) != 127) {
        INFO(lint);
        CHECK(run_shell("xmllint --noout '" + dir + "/r.xml'", lint, true) == 0);
    }
    const std::string schema = test::source_path("../shared/schemas/sarif/sarif-schema-2.1.0.json");
    if (fs::exists(schema) && python_has("jsonschema")) {
        INFO(lint);
        CHECK(run_shell("/usr/bin/python3 -m jsonschema -i '" + dir + "/r.sarif' '" + schema + "'",
                        lint, true) == 0);
    }

    // stderr keeps the one-line error; text prints nothing else.
    REQUIRE(run_in(dir, outputs, out, true) == 2);
    CHECK(out ==
          "stacklint: error: .stacklint.yaml:2:10: in 'ignore': no rule, rule prefix or rule name "
          "'T0007' (did you mean 'T007'?); 'stacklint rules' lists them\n");

    // A baseline that cannot be read, and a bad --select (no file to point at), the same way.
    REQUIRE(run_in(dir, "--no-config --baseline missing.json -f json " + outputs, out) == 2);
    auto doc = nlohmann::json::parse(out);
    REQUIRE(doc["errors"].size() == 1);
    CHECK(doc["errors"][0]["file"] == "missing.json");
    CHECK(doc["errors"][0]["line"].is_null());
    CHECK_THAT(doc["errors"][0]["message"].get<std::string>(),
               Catch::Contains("cannot read the baseline file"));
    CHECK(nlohmann::json::parse(read_all(
              dir + "/r.sarif"))["runs"][0]["invocations"][0]["executionSuccessful"] == false);
    REQUIRE(run_in(dir, "--no-config --select T0O7 -f sarif " + outputs, out) == 2);
    const auto notes =
        nlohmann::json::parse(out)["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    REQUIRE(notes.size() == 1);
    CHECK_THAT(notes[0]["message"]["text"].get<std::string>(), Catch::StartsWith("--select: "));
    CHECK_FALSE(notes[0].contains("locations"));
    CHECK_THAT(read_all(dir + "/r.xml"),
               Catch::Contains("<testcase classname=\"stacklint\" name=\"stacklint\">"));
    CHECK(nlohmann::json::parse(read_all(dir + "/r.json"))["errors"][0]["file"].is_null());
}

TEST_CASE("Suppressions: end to end, with --require-reasons") {
    const std::string dir = test::temp_dir() + "/suppress-cli";
    write_temp("suppress-cli/t.yaml",
               "Resources:\n"
               "  bad-name:\n"
               "    Type: AWS::SQS::Queue\n"
               "    Metadata:\n"
               "      stacklint:\n"
               "        ignore: [T007]\n"
               "  Fine:\n"
               "    Type: AWS::SQS::Queue\n"
               "    Metadata:\n"
               "      stacklint:\n"
               "        ignore: [{id: T011, reason: kept for the migration}]\n");
    std::string out;
    CHECK(run_in(dir, "--no-config t.yaml", out) == 0);  // M001 is info
    CHECK_THAT(out, Catch::Contains("t.yaml:11:23: info M001 suppression of T011 on resource "
                                    "'Fine' suppresses nothing"));
    CHECK_THAT(out, Catch::Contains("Not shown: 1 finding suppressed inline."));
    CHECK(run_in(dir, "--no-config --require-reasons t.yaml", out) == 1);
    CHECK_THAT(out, Catch::Contains("t.yaml:6:18: warning M002 suppression of T007 on resource "
                                    "'bad-name' gives no reason"));
    CHECK(run_in(dir, "--no-config --require-reasons --ignore M t.yaml", out) == 0);
    // --no-require-reasons turns off what the configuration turns on; the last flag wins.
    write_temp("suppress-cli/reasons.yaml", "require_reasons: true\n");
    CHECK(run_in(dir, "--config reasons.yaml t.yaml", out) == 1);
    CHECK_THAT(out, Catch::Contains("M002"));
    CHECK(run_in(dir, "--config reasons.yaml --no-require-reasons t.yaml", out) == 0);
    CHECK_THAT(out, !Catch::Contains("M002"));
    CHECK(run_in(dir, "--no-config --no-require-reasons --require-reasons t.yaml", out) == 1);
    CHECK(run_in(dir, "--no-config -f json t.yaml", out) == 0);
    CHECK(nlohmann::json::parse(out)["summary"]["suppressed"] == 1);
}

TEST_CASE("Baseline: --write-baseline then --baseline reports only new findings") {
    const std::string dir = make_project("baseline-cli");
    std::string out;
    // Writing the baseline accepts the findings: exit 0, so `set -e` scripts go on.
    CHECK(run_in(dir, "--no-config --write-baseline stacklint-baseline.json templates", out) == 0);
    CHECK_THAT(out, Catch::Contains("error T007"));  // still shown
    const std::string written = read_all(dir + "/stacklint-baseline.json");
    CHECK_THAT(written,
               Catch::Contains("\"T007|templates/app.yaml|app|bad-name|Resources/bad-name\": 1"));
    CHECK_THAT(written, Catch::Contains("\"stacklint_baseline\": 2"));
    CHECK(run_in(dir, "--no-config --baseline stacklint-baseline.json templates", out) == 0);
    CHECK_THAT(out, Catch::Contains("no findings"));
    CHECK_THAT(out, Catch::Contains("Not shown: 2 findings hidden by the baseline."));
    // A new problem, and the old ones moved down by a comment: only the new one shows.
    write_temp("baseline-cli/templates/app.yaml",
               "# moved\nResources:\n"
               "  bad-name:\n"
               "    Type: AWS::SQS::Queue\n"
               "  Topic:\n"
               "    Type: AWS::SNS::Topic\n"
               "    DeletionPolcy: Retain\n"
               "  new-bad:\n"
               "    Type: AWS::SQS::Queue\n");
    CHECK(run_in(dir, "--no-config --baseline stacklint-baseline.json -f json templates", out) ==
          1);
    const auto doc = nlohmann::json::parse(out);
    REQUIRE(doc["findings"].size() == 1);
    CHECK(doc["findings"][0]["resource"] == "new-bad");
    CHECK(doc["summary"]["baselined"] == 2);
    // Writing again yields the same sorted file plus the new entry; with --baseline too, it
    // reports only the new finding, and still exits 0 (the new baseline records it).
    CHECK(run_in(dir,
                 "--no-config --baseline stacklint-baseline.json --write-baseline "
                 "stacklint-baseline.json -f json templates",
                 out) == 0);
    CHECK(nlohmann::json::parse(out)["findings"].size() == 1);
    CHECK_THAT(
        read_all(dir + "/stacklint-baseline.json"),
        Catch::Contains("\"T007|templates/app.yaml|app|bad-name|Resources/bad-name\": 1,\n"
                        "    \"T007|templates/app.yaml|app|new-bad|Resources/new-bad\": 1,"));
    write_temp("baseline-cli/not-a-baseline.json", "{\"findings\": []}");
    CHECK(run_in(dir, "--no-config --baseline not-a-baseline.json templates", out, true) == 2);
    CHECK_THAT(out,
               Catch::Contains("stacklint: error: not-a-baseline.json: not a stacklint baseline"));
    CHECK(run_in(dir, "--no-config --baseline missing.json templates", out, true) == 2);
    CHECK_THAT(out, Catch::Contains("stacklint: error: missing.json: cannot read the baseline "
                                    "file: No such file or directory"));
    // A baseline that cannot be written is still a tool error.
    CHECK(run_in(dir, "--no-config --write-baseline nodir/b.json templates", out) == 2);
}

TEST_CASE("Baseline: templates with the same name in different directories are kept apart") {
    const std::string bad = "Resources:\n  bad-name:\n    Type: AWS::SQS::Queue\n";
    const std::string good = "Resources:\n  GoodName:\n    Type: AWS::SQS::Queue\n";
    write_temp("baseline-envs/envs/prod/app.yaml", bad);
    write_temp("baseline-envs/envs/dev/app.yaml", good);
    const std::string dir = test::temp_dir() + "/baseline-envs";
    std::string out;
    CHECK(run_in(dir, "--no-config --write-baseline base.json .", out) == 0);
    CHECK_THAT(read_all(dir + "/base.json"),
               Catch::Contains("\"T007|envs/prod/app.yaml|app|bad-name|Resources/bad-name\": 1"));
    // prod is fixed and dev breaks the same way: dev's finding is new.
    write_temp("baseline-envs/envs/prod/app.yaml", good);
    write_temp("baseline-envs/envs/dev/app.yaml", bad);
    CHECK(run_in(dir, "--no-config --baseline base.json .", out) == 1);
    CHECK_THAT(out, Catch::Contains("envs/dev/app.yaml:2:3: error T007"));
    // The same baseline from another spelling of the same paths still matches.
    write_temp("baseline-envs/envs/prod/app.yaml", bad);
    write_temp("baseline-envs/envs/dev/app.yaml", good);
    CHECK(run_in(dir, "--no-config --baseline base.json ./envs/prod/app.yaml " + dir + "/envs",
                 out) == 0);

    // A version 1 baseline (no file in its fingerprints) is applied as before.
    write_temp("baseline-envs/v1.json",
               "{\"findings\": {\"T007|app|bad-name|Resources/bad-name\": 1}, "
               "\"stacklint_baseline\": 1}");
    CHECK(run_in(dir, "--no-config --baseline v1.json .", out) == 0);
    CHECK_THAT(out, Catch::Contains("1 finding hidden by the baseline"));
    // ... including a stack named before the last extension counted: api.dev.yaml was "api".
    write_temp("baseline-envs/api.dev.yaml", bad);
    write_temp("baseline-envs/v1-dots.json",
               "{\"findings\": {\"T007|api|bad-name|Resources/bad-name\": 1}, "
               "\"stacklint_baseline\": 1}");
    CHECK(run_in(dir, "--no-config --baseline v1-dots.json api.dev.yaml", out) == 0);
    CHECK(run_in(dir, "--no-config -f json api.dev.yaml", out) == 1);
    CHECK(nlohmann::json::parse(out)["findings"][0]["stack"] == "api.dev");
    // Writing over a version 1 baseline writes version 2.
    CHECK(run_in(dir, "--no-config --baseline v1.json --write-baseline v1.json envs", out) == 0);
    CHECK_THAT(read_all(dir + "/v1.json"), Catch::Contains("\"stacklint_baseline\": 2"));
}

TEST_CASE("Summary: stacks of different files that share a name are counted apart") {
    const std::string bad = "Resources:\n  bad-name:\n    Type: AWS::SQS::Queue\n";
    write_temp("by-stack/envs/prod/app.yaml", bad);
    write_temp("by-stack/envs/dev/app.yaml", bad);
    write_temp("by-stack/api.dev.yaml", bad);
    write_temp("by-stack/api.prod.yaml", bad);
    const std::string dir = test::temp_dir() + "/by-stack";
    std::string out;
    CHECK(run_in(dir, "--no-config .", out) == 1);
    CHECK_THAT(out, Catch::Contains("(4 stacks of 4 with findings)"));
    CHECK_THAT(out, Catch::Contains("app (envs/dev/app.yaml) ×1"));
    CHECK_THAT(out, Catch::Contains("api.dev ×1"));
    CHECK(run_in(dir, "--no-config -f json .", out) == 1);
    const auto by_stack = nlohmann::json::parse(out)["summary"]["by_stack"];
    CHECK(by_stack == nlohmann::json{{"api.dev", 1},
                                     {"api.prod", 1},
                                     {"app (envs/dev/app.yaml)", 1},
                                     {"app (envs/prod/app.yaml)", 1}});
}

TEST_CASE("Rules: docs/rules.md is what 'stacklint rules --format markdown' prints") {
    std::string out;
    REQUIRE(test::run_stacklint("rules --format markdown", out) == 0);
    const std::string committed = read_all(test::source_path("docs/rules.md"));
    INFO(
        "docs/rules.md is stale; regenerate it with: "
        "build/stacklint rules --format markdown > docs/rules.md");
    CHECK(out == committed);
    CHECK_THAT(out, Catch::Contains("## T001 parse-error"));
    CHECK_THAT(out, Catch::Contains("### How to suppress"));
    // "How to suppress" offers inline Metadata only where it can work: not for a file that
    // does not parse (T001), nor for the meta rules; it does for T002 and T003, whose files parse.
    const auto how_to_suppress = [&out](std::string_view id) {
        const std::size_t section = out.find("\n## " + std::string(id) + " ");
        const std::size_t start = out.find("### How to suppress", section);
        return out.substr(start, out.find("\n## ", start) - start);
    };
    CHECK_THAT(how_to_suppress("T001"), !Catch::Contains("  stacklint:\n"));
    CHECK_THAT(how_to_suppress("T001"), Catch::Contains("exclude"));
    CHECK_THAT(how_to_suppress("T001"), Catch::Contains("ignore: [T001]"));
    CHECK_THAT(how_to_suppress("M001"), !Catch::Contains("  stacklint:\n"));
    for (const char* id : {"T002", "T003", "R003"})
        CHECK_THAT(how_to_suppress(id), Catch::Contains("      - id: " + std::string(id) + "\n"));
}

TEST_CASE("Docs: every place that says how to build names all of tools/debian-packages") {
    // The build's packages (not the tests'), from the list tools/build.sh and the hook read.
    std::vector<std::string> packages;
    std::istringstream list(read_all(test::source_path("tools/debian-packages")));
    std::string line;
    while (std::getline(list, line)) {
        std::istringstream words(line);
        std::string package, how;
        words >> package >> how;
        if (package.empty() || package.starts_with("#") || how == "tests" || how == "package")
            continue;
        packages.push_back(package);
    }
    REQUIRE(packages.size() >= 8);
    CHECK(std::find(packages.begin(), packages.end(), "libre2-dev") != packages.end());
    CHECK(std::find(packages.begin(), packages.end(), "pkg-config") != packages.end());
    // Named as a word: "make" inside "cmake" does not count.
    const auto names = [](const std::string& text, const std::string& word) {
        const auto part = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+';
        };
        for (std::size_t at = text.find(word); at != std::string::npos;
             at = text.find(word, at + 1)) {
            const std::size_t end = at + word.size();
            if ((at == 0 || !part(text[at - 1])) && (end == text.size() || !part(text[end])))
                return true;
        }
        return false;
    };
    const auto names_all = [&](const std::string& text) {
        for (const std::string& p : packages) {
            INFO(p << " is not named in: " << text);
            CHECK(names(text, p));
        }
    };

    // Every `apt-get install` line of the README, of docs/ci.md and of the CI recipes in
    // examples/ci/ (the GitHub workflow, the GitLab job), and the README's pre-commit section.
    const std::string readme = read_all(test::source_path("README.md"));
    std::size_t installs = 0;
    for (const char* file : {"README.md", "docs/ci.md", "examples/ci/github-actions.yml",
                             "examples/ci/gitlab-ci.yml"}) {
        std::istringstream lines(read_all(test::source_path(file)));
        while (std::getline(lines, line)) {
            // Installing the built package (apt-get install ./stacklint_*.deb) is not building.
            if (line.find("apt-get install") == std::string::npos ||
                line.find(".deb") != std::string::npos)
                continue;
            ++installs;
            INFO(file);
            names_all(line);
        }
    }
    CHECK(installs >= 5);
    const std::size_t hook = readme.find("### pre-commit");
    REQUIRE(hook != std::string::npos);
    names_all(readme.substr(hook, readme.find("\n### ", hook + 1) - hook));
    // The hook's description in the manifest.
    const std::string manifest = read_all(test::source_path(".pre-commit-hooks.yaml"));
    names_all(manifest.substr(0, manifest.find("- id: stacklint-system")));
}

TEST_CASE("Docs: --version, README's data table and the data files give the same dates") {
    std::string version;
    REQUIRE(test::run_stacklint("--version", version) == 0);
    const std::string readme = read_all(test::source_path("README.md"));
    const std::size_t table = readme.find("### Data and where it comes from");
    REQUIRE(table != std::string::npos);
    const std::string data_table =
        readme.substr(table, readme.find("\n\n", readme.find("| data |", table)) - table);
    std::istringstream rows(read_all(test::source_path("schemas/sources.tsv")));
    std::string row;
    std::size_t n = 0;
    while (std::getline(rows, row)) {
        if (row.empty() || row.starts_with("#")) continue;
        ++n;
        std::istringstream fields(row);
        std::string data, dates;
        std::getline(fields, data, '\t');
        std::getline(fields, dates, '\t');
        INFO(row);
        CHECK_THAT(version, Catch::Contains(data) && Catch::Contains(dates));
        // Each date of the row is in README's table.
        for (std::size_t at = dates.find("20"); at != std::string::npos;
             at = dates.find("20", at + 10))
            CHECK_THAT(data_table, Catch::Contains(dates.substr(at, 10)));
        // The compiled tables of rules/data/ say when they were compiled, in their header.
        const std::size_t file = data.find("(rules/data/");
        if (file != std::string::npos) {
            const std::string path = data.substr(file + 1, data.find(')', file) - file - 1);
            CHECK_THAT(read_all(test::source_path(path)),
                       Catch::Contains("on " + dates.substr(0, 10)));
        }
    }
    CHECK(n >= 6);
    CHECK_THAT(version, Catch::StartsWith("stacklint 0."));
}

TEST_CASE("Docs: README output samples are what the binary prints") {
    // A README code block whose first line is "$ build/stacklint ARGS" claims to be real
    // output: the rest of the block must be what that command prints in the source directory.
    // tools/readme-samples.py rewrites them after a change of output.
    const std::string readme = read_all(test::source_path("README.md"));
    const std::string open = "```\n$ build/stacklint ";
    std::size_t samples = 0;
    for (std::size_t at = readme.find(open); at != std::string::npos;
         at = readme.find(open, at + 1)) {
        const std::size_t args = at + open.size();
        const std::size_t eol = readme.find('\n', args);
        const std::size_t end = readme.find("```\n", eol);
        REQUIRE(end != std::string::npos);
        const std::string command = readme.substr(args, eol - args);
        const std::string expected = readme.substr(eol + 1, end - eol - 1);
        std::string out;
        run_shell("cd '" + test::source_path("") + "' && " + kBin + " " + command, out);
        INFO("README sample: $ build/stacklint " << command);
        CHECK(out == expected);
        ++samples;
    }
    CHECK(samples >= 3);
}
