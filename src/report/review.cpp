#include "report/report.hpp"

namespace stacklint {

std::string review_title(const Finding& f) {
    std::string title = f.rule;
    if (const Rule* rule = RuleRegistry::instance().find(f.rule)) {
        title.append(" ").append(rule->info().name);
    }
    return title;
}

std::string review_text(const Finding& f, bool placed_on_origin,
                        const std::filesystem::path& base) {
    std::string text = f.message;
    if (!f.resource.empty()) text.append(" [").append(f.resource).append("]");
    if (placed_on_origin) {
        text.append(" (construct ").append(f.construct).append(", synthesized at ");
        text.append(report_path(f.file, base));
        if (f.mark.valid()) text.append(":").append(std::to_string(f.mark.line));
        text.append(")");
    }
    return text;
}

}  // namespace stacklint
