// D006: an export disappears while another stack of the app still imports it.
#include <set>

#include "lint/change.hpp"
#include "support.hpp"

namespace stacklint {
namespace {

constexpr RuleInfo kInfo{
    .id = "D006",
    .name = "export-removed-while-imported",
    .pack = "change",
    .severity = Severity::Error,
    .summary = "An export is removed or renamed while another stack imports it",
    .doc = R"md(### What it finds
An export name (a literal `Export.Name` of an output) that the previous version of a stack
has and the new one does not, while a stack of the same app (a CDK cloud assembly, or the
templates of one directory), in its new version, still imports that name with a literal
`Fn::ImportValue`. Reported at the new template's `Outputs` key (or `Resources`), with the
importing stack and line.

### Why it matters
CloudFormation refuses to delete or rename an export that another stack imports: the
exporting stack's update fails (`Export ... cannot be deleted as it is in use by ...`) and
rolls back. In a CDK app, removing a cross-stack reference produces exactly this change.

### Bad
Removing the output `TableName` (exported as `orders-table`) while the API stack still has
`Fn::ImportValue: orders-table`.

### Good
First deploy the importing stack without the import, then remove the export. In the CDK,
keep the export for one deployment with `this.exportValue(...)`.
)md"};

std::set<std::string> literal_exports(const Stack& stack) {
    std::set<std::string> out;
    if (!stack.graph) return out;
    for (const Export& e : stack.graph->exports()) {
        if (e.name.form == ExportName::Form::Literal) out.insert(std::string(e.name.text));
    }
    return out;
}

class ExportRemovedWhileImported final : public ChangeRule {
  public:
    const RuleInfo& info() const override { return kInfo; }
    void check_change(const StackVersions& pair, const ChangeContext& ctx,
                      Reporter& out) const override {
        const std::set<std::string> now = literal_exports(*pair.after);
        for (const std::string& name : literal_exports(*pair.before)) {
            if (now.count(name) > 0) continue;
            for (const StackVersions& other : ctx.pairs) {
                const Stack& importer = *other.after;
                if (importer.app != pair.after->app || !importer.graph) continue;
                for (const Import& i : importer.graph->imports()) {
                    if (i.name.form != ExportName::Form::Literal || i.name.text != name) continue;
                    const Template& t = *pair.after->tmpl;
                    const Mark mark = t.outputs_section ? t.outputs_section->key_mark
                                                        : change::resources_mark(*pair.after);
                    out.add(*pair.after,
                            {.mark = mark,
                             .message = "export '" + name + "' is gone from stack '" +
                                        pair.after->name + "', but stack '" + importer.name +
                                        "' still imports it (" + importer.file + ":" +
                                        std::to_string(i.call ? i.call->mark().line : 0) +
                                        "): CloudFormation refuses to remove an export in use, "
                                        "so the update fails; deploy '" +
                                        importer.name + "' without the import first",
                             .path = "Outputs"});
                    break;
                }
            }
        }
    }
};

}  // namespace
STACKLINT_REGISTER_RULE(ExportRemovedWhileImported)
}  // namespace stacklint
