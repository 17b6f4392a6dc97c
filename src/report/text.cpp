#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text.hpp"
#include "report/report.hpp"

namespace stacklint {

namespace {

// Lines longer than this (minified JSON) are shown as a window around the column.
constexpr std::size_t kFrameWidth = 100;
constexpr std::size_t kTopRules = 5;
constexpr std::size_t kTopStacks = 5;

struct Palette {
    bool on = false;
    std::string_view wrap(std::string_view code) const { return on ? code : std::string_view(); }
    std::string_view bold() const { return wrap("\x1b[1m"); }
    std::string_view dim() const { return wrap("\x1b[2m"); }
    std::string_view reset() const { return wrap("\x1b[0m"); }
    std::string_view severity(Severity s) const {
        switch (s) {
            case Severity::Error:
                return wrap("\x1b[1;31m");
            case Severity::Warning:
                return wrap("\x1b[1;33m");
            case Severity::Info:
                return wrap("\x1b[1;36m");
        }
        return {};
    }
};

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    std::string out = std::to_string(n);
    out.append(" ").append(n == 1 ? one : many);
    return out;
}

struct Frame {
    std::string text;   // what to print of the line
    std::string caret;  // spaces (and tabs) up to the caret, then '^'
};

// The source line around a 1-based code-point column, with a caret under it. Works in two
// passes over the line and keeps only the window, so a 50 MB single-line template costs no
// memory beyond the bytes already loaded.
Frame make_frame(std::string_view line, std::uint32_t column) {
    const auto next = [&line](std::size_t i) {
        return i + std::max<std::size_t>(1, utf8_sequence_length(line, i));
    };
    std::size_t count = 0;
    for (std::size_t i = 0; i < line.size(); i = next(i))
        ++count;
    const std::size_t at = std::min<std::size_t>(column > 0 ? column - 1 : 0, count);
    std::size_t first = 0, last = count;
    if (count > kFrameWidth) {
        first = at > kFrameWidth / 2 ? at - kFrameWidth / 2 : 0;
        last = std::min(count, first + kFrameWidth);
        first = last - kFrameWidth;
    }
    Frame f;
    if (first > 0) {
        f.text.append("…");
        f.caret.push_back(' ');
    }
    std::size_t index = 0;
    for (std::size_t i = 0; i < line.size() && index < last; ++index) {
        const std::size_t end = next(i);
        if (index >= first) {
            const std::string shown = printable_code_point(line.substr(i, end - i));
            f.text += shown;
            if (index < at) f.caret += shown == "\t" ? '\t' : ' ';
        }
        i = end;
    }
    if (last < count) f.text += "…";
    f.caret += '^';
    return f;
}

void write_location(std::ostream& out, const Finding& f) {
    out << printable_text(f.file);
    if (f.mark.valid()) out << ':' << f.mark.line << ':' << f.mark.column;
}

// A finding in a template: `file:line:col: severity ID message [resource]`. A finding on a
// CDK construct leads with the construct path, the way CDK users think of their app, and
// gives the synthesized template's position (and the user's code, when known) below it.
// Everything that comes from a template or a file name goes through printable_text, so that
// a finding is one line whatever its names and values hold.
void write_finding(std::ostream& out, const Finding& f, const Stack* stack, const Palette& p) {
    out << p.bold();
    if (f.construct.empty()) {
        write_location(out, f);
    } else {
        out << printable_text(f.construct);
    }
    out << ':' << p.reset() << ' ' << p.severity(f.severity) << to_string(f.severity) << p.reset()
        << ' ' << p.bold() << f.rule << p.reset() << ' ' << printable_text(f.message);
    if (!f.resource.empty()) {
        out << ' ' << p.dim() << '[' << printable_text(f.resource) << ']' << p.reset();
    }
    out << '\n';
    if (!f.construct.empty()) {
        out << p.dim() << "  --> " << p.reset();
        write_location(out, f);
        if (!f.origin.empty()) {
            out << p.dim() << ", created at " << p.reset() << printable_text(f.origin);
        }
        out << '\n';
    }
    if (stack == nullptr || !f.mark.valid()) return;
    const std::optional<std::string_view> line = stack->line_text(f.mark.line);
    if (!line) return;
    const Frame frame = make_frame(*line, f.mark.column);
    const std::string number = std::to_string(f.mark.line);
    const std::string gutter(std::max<std::size_t>(number.size(), 4), ' ');
    out << p.dim() << gutter.substr(number.size()) << number << " | " << p.reset() << frame.text
        << '\n'
        << p.dim() << gutter << " | " << p.reset() << p.severity(f.severity) << frame.caret
        << p.reset() << '\n';
}

template <typename Key>
std::vector<std::pair<Key, std::size_t>> most_frequent(const std::map<Key, std::size_t>& counts) {
    std::vector<std::pair<Key, std::size_t>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

void write_summary(std::ostream& out, const LintResult& result, const Palette& p) {
    const Summary s = summarize(result);
    out << "Checked " << plural(s.files, "template", "templates") << " ("
        << plural(s.stacks, "stack", "stacks") << ", "
        << plural(s.resources, "resource", "resources") << "): ";
    if (result.findings.empty()) {
        out << "no findings.\n";
    } else {
        const auto count = [&](Severity sev, std::string_view one, std::string_view many) {
            const std::size_t n = s.by_severity.at(sev);
            std::string text = plural(n, one, many);
            return n == 0 ? text : std::string(p.severity(sev)) + text + std::string(p.reset());
        };
        out << count(Severity::Error, "error", "errors") << ", "
            << count(Severity::Warning, "warning", "warnings") << ", "
            << count(Severity::Info, "info", "info") << ".\n";

        // The most frequent rules first: the ones worth a look, named so the line reads alone.
        const auto rules = most_frequent(s.by_rule);
        out << "By rule:";
        for (std::size_t i = 0; i < rules.size() && i < kTopRules; ++i) {
            const Rule* rule = RuleRegistry::instance().find(rules[i].first);
            out << (i ? ", " : " ") << p.bold() << rules[i].first << p.reset();
            if (rule != nullptr) out << ' ' << rule->info().name;
            out << " ×" << rules[i].second;
        }
        if (rules.size() > kTopRules)
            out << ", and " << plural(rules.size() - kTopRules, "more rule", "more rules");
        out << '\n';
        if (s.stacks > 1) {
            const auto stacks = most_frequent(s.by_stack);
            out << "By stack:";
            for (std::size_t i = 0; i < stacks.size() && i < kTopStacks; ++i)
                out << (i ? ", " : " ") << printable_text(stacks[i].first) << " ×"
                    << stacks[i].second;
            if (stacks.size() > kTopStacks) {
                out << ", and " << plural(stacks.size() - kTopStacks, "more stack", "more stacks");
            }
            out << " (" << plural(stacks.size(), "stack", "stacks") << " of " << s.stacks
                << " with findings)\n";
        }
    }
    // What --fix would do: a reason to run it.
    std::size_t safe = 0;
    std::size_t unsafe = 0;
    for (const Finding& f : result.findings) {
        if (f.fix) ++(f.fix->safety == FixSafety::Safe ? safe : unsafe);
    }
    if (safe + unsafe > 0) {
        out << "Fixable: ";
        if (safe > 0) out << safe << " with --fix";
        if (safe > 0 && unsafe > 0) out << ", ";
        if (unsafe > 0) out << unsafe << (safe > 0 ? " more" : "") << " with --fix --unsafe-fixes";
        out << " (--diff shows the changes).\n";
    }
    std::vector<std::string> hidden;
    if (s.suppressed > 0)
        hidden.push_back(plural(s.suppressed, "finding", "findings") + " suppressed inline");
    if (s.baselined > 0)
        hidden.push_back(plural(s.baselined, "finding", "findings") + " hidden by the baseline");
    if (s.excluded > 0)
        hidden.push_back(plural(s.excluded, "file", "files") + " excluded by configuration");
    if (!hidden.empty()) {
        out << "Not shown:";
        for (std::size_t i = 0; i < hidden.size(); ++i)
            out << (i ? "; " : " ") << hidden[i];
        out << ".\n";
    }
    if (s.files == 0 && result.errors.empty()) {
        // Zero is rarely what anyone meant: say where stacklint looked.
        out << "No templates found: directories are searched for *.yaml, *.yml, *.json and "
               "*.template files with Resources or AWSTemplateFormatVersion at the top level.\n";
    }
    if (!result.errors.empty()) {
        out << plural(result.errors.size(), "path", "paths")
            << " could not be linted (see the errors above).\n";
    }
}

}  // namespace

void write_text(std::ostream& out, const LintResult& result, const ReportOptions& options) {
    const Palette palette{options.color};
    // The text of a template's lines: its source, or the lines kept when it was compacted.
    std::unordered_map<std::string_view, const Stack*> sources;
    for (const auto& stack : result.set.stacks) {
        if (stack->doc.source || stack->summary) sources.emplace(stack->file, stack.get());
    }
    for (const Finding& f : result.findings) {
        const auto it = sources.find(f.file);
        write_finding(out, f, it == sources.end() ? nullptr : it->second, palette);
    }
    if (options.quiet) return;
    if (!result.findings.empty()) out << '\n';
    write_summary(out, result, palette);
}

}  // namespace stacklint
