// Names as CloudFormation reads them inside intrinsic functions: pseudo parameters, the
// `${...}` placeholders of `Fn::Sub`, and the logical-id templates of `Fn::ForEach` loops.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stacklint {

// `AWS::Region`, `AWS::NoValue`...: the names CloudFormation defines in every template.
bool is_pseudo_parameter(std::string_view name);
const std::vector<std::string_view>& pseudo_parameters();

// One `${Name}` or `${Resource.Attribute}` placeholder of an `Fn::Sub` string.
struct SubVariable {
    std::string_view name;  // the text between `${` and `}`
    std::size_t offset;     // of the `$` in the string
};

// The placeholders of an `Fn::Sub` string in order. `${!Literal}` is an escape that writes
// `${Literal}` and is not a placeholder; a `${` without a closing `}` is plain text.
std::vector<SubVariable> sub_variables(std::string_view text);

// True when a name is a template written inside an `Fn::ForEach` loop (`Topic${Name}`,
// `Topic&{Name}`): its final spelling is known only once the loop is expanded.
bool is_templated_name(std::string_view name);

// True when `name` can be one of the names that the loop key template `pattern` generates:
// every `${Id}` / `&{Id}` placeholder of the pattern stands for any text.
bool matches_name_template(std::string_view pattern, std::string_view name);

// What the identifier of one `Fn::ForEach` loop stands for: the collection's values when the
// collection is a literal list of strings, or nothing known (a `Ref` to a list parameter, any
// other function).
struct LoopValues {
    std::string_view identifier;
    std::optional<std::vector<std::string_view>> values;
};

// At most this many names are spelled out for one key template; beyond, it stays a pattern.
inline constexpr std::size_t kMaxGeneratedNames = 10'000;

// The names the key template `pattern` generates inside `loops` (outermost first): `${Id}`
// is replaced by each value of the innermost loop named Id, `&{Id}` by the value without its
// non-alphanumeric characters. nullopt when a placeholder names no loop, a loop's values are
// not known, or there would be more than kMaxGeneratedNames names.
std::optional<std::vector<std::string>> expand_name_template(std::string_view pattern,
                                                             const std::vector<LoopValues>& loops);

}  // namespace stacklint
