// Names as CloudFormation reads them inside intrinsic functions: pseudo parameters, the
// `${...}` placeholders of `Fn::Sub`, and the logical-id templates of `Fn::ForEach` loops.
#pragma once

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

}  // namespace stacklint
