// `stacklint diff OLD NEW` and `stacklint diff --against REV [PATH...]`: what the change
// from one version of the templates to the next does to deployed data (change rules, D...).
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <sys/wait.h>

#include "cli/command.hpp"
#include "cli/lint_run.hpp"
#include "lint/change.hpp"

namespace stacklint::cli {

namespace {

namespace fs = std::filesystem;

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

// Runs a git command in the working directory; its stdout, and whether it succeeded.
bool git(const std::string& args, std::string& out) {
    const std::string command = "git " + args + " 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");  // NOLINT(cert-env33-c): fixed command, quoted args
    if (pipe == nullptr) return false;
    out.clear();
    std::array<char, 65536> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Each input's key: its path below `root` (what pairs OLD/x.yaml with NEW/x.yaml).
std::vector<std::string> keys_below(const std::vector<Input>& inputs, const std::string& root) {
    std::vector<std::string> keys;
    for (const Input& i : inputs) {
        const fs::path rel = fs::path(i.display).lexically_relative(fs::path(root));
        keys.push_back(rel.empty() ? i.display : rel.generic_string());
    }
    return keys;
}

}  // namespace

LintResult lint_change_request(const ChangeRequest& change, const std::vector<Input>& after,
                               const LintOptions& options) {
    VersionInputs new_side{after, {}, options};
    VersionInputs old_side{{}, {}, options};
    std::map<std::string, std::string> contents;
    std::vector<ToolError> errors;
    std::vector<ToolError> warnings;
    if (change.against.empty()) {
        new_side.keys = keys_below(after, change.after);
        Discovery old = discover({change.before});
        old_side.inputs = std::move(old.inputs);
        old_side.keys = keys_below(old_side.inputs, change.before);
        errors = std::move(old.errors);
    } else {
        for (const Input& i : after)
            new_side.keys.push_back(i.display);
        std::string out;
        if (!git("rev-parse --verify --quiet " + shell_quote(change.against + "^{commit}"), out)) {
            LintResult failed;
            failed.errors.push_back(
                {{},
                 "'" + change.against +
                     "' is not a revision of a git repository here (--against reads the "
                     "old versions with git show)"});
            return failed;
        }
        bool assemblies = false;
        std::error_code ec;
        const fs::path cwd = fs::current_path(ec);
        for (const Input& i : after) {
            if (i.assembly) {
                assemblies = true;
                continue;
            }
            if (i.from_stdin) continue;
            const fs::path rel =
                fs::absolute(i.path, ec).lexically_normal().lexically_relative(cwd);
            // A file that is new since the revision has no old version: nothing to compare.
            if (!git("show " + shell_quote(change.against + ":./" + rel.generic_string()), out)) {
                continue;
            }
            contents[i.path] = out;
            old_side.inputs.push_back(i);
            old_side.keys.push_back(i.display);
        }
        if (assemblies) {
            warnings.push_back({{},
                                "cloud assemblies are not read from git (cdk.out is "
                                "generated): compare two synthesized assemblies with "
                                "'stacklint diff OLD NEW'"});
        }
        old_side.options.contents = &contents;
    }
    LintResult result = lint_changes(old_side, new_side);
    result.errors.insert(result.errors.begin(), errors.begin(), errors.end());
    result.warnings.insert(result.warnings.end(), warnings.begin(), warnings.end());
    return result;
}

Subcommand add_diff_command(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand(
        "diff",
        "Find what a change of the templates does to deployed data: resources removed, renamed, "
        "moved or replaced, protection weakened, exports still in use removed (rules D...)");
    auto flags = std::make_shared<LintFlags>();
    auto change = std::make_shared<ChangeRequest>();
    auto paths = std::make_shared<std::vector<std::string>>();
    hint(cmd->add_option("paths", *paths,
                         "OLD NEW (files, directories or CDK assemblies), or with --against the "
                         "new versions' paths (default: .)"),
         ValueKind::Path);
    hint(cmd->add_option("--against", change->against,
                         "Compare each template with its version at this git revision (read with "
                         "git show), e.g. HEAD or the merge base")
             ->type_name("REV"),
         ValueKind::Word);
    add_lint_options(*cmd, *flags, false);
    return {cmd, [cmd, flags, change, paths] {
                if (change->against.empty()) {
                    if (paths->size() != 2) {
                        std::fprintf(stderr,
                                     "stacklint: error: diff needs OLD and NEW, or "
                                     "--against REV\n");
                        return kExitToolError;
                    }
                    change->before = (*paths)[0];
                    change->after = (*paths)[1];
                    flags->paths = {(*paths)[1]};
                } else {
                    flags->paths = *paths;
                }
                return run_lint(*cmd, *flags, change.get());
            }};
}

}  // namespace stacklint::cli
