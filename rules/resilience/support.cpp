#include "support.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <tuple>

#include "core/glob.hpp"
#include "fix/editor.hpp"
#include "lint/memo.hpp"
#include "model/values.hpp"

namespace stacklint::resilience {

namespace {

std::string lowercase(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The words of a stack name, lowercased: split at anything but a letter ('-', '_', '.', '/',
// digits...) and at CamelCase humps ("MediaDataStack" -> media data stack; "DBStorage" ->
// db storage).
std::vector<std::string> name_words(std::string_view name) {
    std::vector<std::string> words;
    std::string word;
    const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    const auto upper = [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; };
    const auto lower = [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (!letter(c)) {
            if (!word.empty()) words.push_back(lowercase(word));
            word.clear();
            continue;
        }
        const bool hump = !word.empty() && upper(c) &&
                          (lower(word.back()) || (i + 1 < name.size() && lower(name[i + 1])));
        if (hump) {
            words.push_back(lowercase(word));
            word.clear();
        }
        word += c;
    }
    if (!word.empty()) words.push_back(lowercase(word));
    return words;
}

// A word that names a place for state: storage, stateful, data, database (or a plural of
// one), or a word starting with persist (persistence, persistent).
bool storage_word(std::string_view word) {
    static constexpr std::array kWords = {"storage", "stateful", "data", "database"};
    if (word.starts_with("persist")) return true;
    if (word.ends_with('s')) word.remove_suffix(1);
    return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

bool is_storage_stack_itself(const Stack& stack, const RuleOptions& options) {
    return is_storage_name(stack.name, options) ||
           (!has_storage_globs(options) && stack.termination_protection.value_or(false));
}

// The Status of one possible VersioningConfiguration (nullptr when absent or not a literal).
const Node* versioning_status(const Node* config) {
    return config != nullptr && is_literal_mapping(*config) ? config->get("Status") : nullptr;
}

}  // namespace

bool has_storage_globs(const RuleOptions& options) {
    const auto it = options.find("storage_stacks");
    return it != options.end() && !it->second.empty();
}

bool is_storage_name(std::string_view name, const RuleOptions& options) {
    if (has_storage_globs(options)) {
        const auto& globs = options.find("storage_stacks")->second;
        return std::any_of(globs.begin(), globs.end(),
                           [&](const std::string& glob) { return match_glob(glob, name); });
    }
    const std::vector<std::string> words = name_words(name);
    return std::any_of(words.begin(), words.end(),
                       [](const std::string& w) { return storage_word(w); });
}

bool is_storage_stack(const Stack& stack, const RuleOptions& options) {
    for (const Stack* s = &stack; s != nullptr; s = s->parent) {
        if (is_storage_stack_itself(*s, options)) return true;
    }
    return false;
}

std::map<std::string, std::vector<const Stack*>> storage_stacks_by_app(const LintSet& set,
                                                                       const RuleOptions& options) {
    std::map<std::string, std::vector<const Stack*>> out;
    for (const auto& s : set.stacks) {
        // The outermost storage stack of a nested chain stands for the chain.
        if (is_storage_stack(*s, options) &&
            (s->parent == nullptr || !is_storage_stack(*s->parent, options))) {
            out[s->app].push_back(s.get());
        }
    }
    return out;
}

bool versioning_enabled(const Resource& bucket) {
    const Node* config = bucket.property("VersioningConfiguration");
    if (config == nullptr) return false;
    return possible_trees(*config).all([](const Node* c) {
        const Node* status = versioning_status(c);
        return status != nullptr && status->is_scalar() && status->text() == "Enabled";
    });
}

bool versioning_may_be_enabled(const Resource& bucket) {
    const Node* config = bucket.property("VersioningConfiguration");
    if (config == nullptr) return false;
    const PossibleTrees configs = possible_trees(*config);
    return configs.unknown || configs.any([](const Node* c) {
        if (c == nullptr) return false;
        if (!is_literal_mapping(*c)) return true;  // a list or other nonsense: not ours to judge
        const Node* status = c->get("Status");
        return status != nullptr && (!status->is_scalar() || status->text() == "Enabled");
    });
}

std::set<std::string_view> auto_deleted_buckets(const Template& tmpl) {
    std::set<std::string_view> out;
    for (const Resource& r : tmpl.resources) {
        if (r.type_name != "Custom::S3AutoDeleteObjects") continue;
        const Node* name = r.property("BucketName");
        if (name == nullptr || name->intrinsic_name() != "Ref") continue;
        const Node* target = name->intrinsic_arg();
        if (target->is_scalar()) out.insert(target->text());
    }
    return out;
}

const Entry* explicit_physical_name(const Resource& resource, const schema::Registry& schemas) {
    if (resource.type_name.empty()) return nullptr;
    const schema::ResourceSchema* s = schemas.find(resource.type_name);
    if (s == nullptr || !s->physical_name_property) return nullptr;
    // A name the type requires is no choice of the author's (and for attachment types such
    // as AWS::S3::BucketPolicy the "identifier" is the parent's name): nothing to report.
    if (const auto required = s->doc.find("required"); required != s->doc.end()) {
        for (const auto& r : *required) {
            if (r.is_string() && r.get_ref<const std::string&>() == *s->physical_name_property) {
                return nullptr;
            }
        }
    }
    const Entry* e = resource.property_entry(*s->physical_name_property);
    if (e == nullptr) return nullptr;
    // `Fn::If [c, name, AWS::NoValue]` may leave the name to CloudFormation: not explicit.
    const PossibleValues values = possible_values(e->value);
    const bool always_set = std::none_of(values.values.begin(), values.values.end(),
                                         [](const Node* v) { return v == nullptr; });
    return always_set ? e : nullptr;
}

std::shared_ptr<const Fix> retention_fix(const Stack& stack, const Resource& resource,
                                         std::string_view deletion, std::string_view replace) {
    if (resource.node == nullptr) return nullptr;
    const fix::Editor editor(stack.doc);
    std::vector<std::optional<TextEdit>> edits;
    std::vector<std::pair<std::string, fix::Value>> added;
    std::string description;
    for (const auto& [entry, name, value] :
         {std::tuple{resource.deletion_policy, "DeletionPolicy", deletion},
          std::tuple{resource.update_replace_policy, "UpdateReplacePolicy", replace}}) {
        if (value.empty()) continue;
        description += (description.empty() ? "set " : " and ") + std::string(name) + ": " +
                       std::string(value);
        if (entry == nullptr) {
            added.emplace_back(name, fix::Value::string(std::string(value)));
        } else if (entry->value.is_scalar() && entry->value.text() != value) {
            edits.push_back(editor.replace_scalar(entry->value.mark(), entry->value.text(), value));
        } else if (!entry->value.is_scalar()) {
            return nullptr;  // an intrinsic: the author chose per condition
        }
    }
    if (!added.empty()) {
        // After DeletionPolicy unless that value is being replaced (the edits would touch).
        const bool replaced = resource.deletion_policy != nullptr && !deletion.empty() &&
                              resource.deletion_policy->value.text() != deletion;
        const std::string_view after =
            resource.deletion_policy && !replaced ? "DeletionPolicy" : "Type";
        edits.push_back(editor.insert_entries(*resource.node, after, added));
    }
    return fix::make_fix(FixSafety::Unsafe, std::move(description), std::move(edits));
}

const std::vector<const Stack*>& storage_stacks_of_app(const Stack& stack, const RuleContext& ctx) {
    // Once per set: asked for each stack, a scan of the set would make the rules quadratic in
    // the stacks of an app.
    using ByApp = std::map<std::string, std::vector<const Stack*>>;
    const ByApp& by_app = memoized<ByApp>(ctx.set, "resilience.storage_stacks", [&] {
        return storage_stacks_by_app(ctx.set, ctx.options);
    });
    static const std::vector<const Stack*> kNone;
    const auto it = by_app.find(stack.app);
    return it == by_app.end() ? kNone : it->second;
}

bool retention_belongs_elsewhere(const Stack& stack, const RuleContext& ctx) {
    return memoized<bool>(stack, "resilience.retention_belongs_elsewhere", [&] {
        return !is_storage_stack(stack, ctx.options) && !storage_stacks_of_app(stack, ctx).empty();
    });
}

Mark deletion_policy_mark(const Resource& resource) {
    return resource.deletion_policy ? resource.deletion_policy->key_mark : resource.id_mark;
}

}  // namespace stacklint::resilience
