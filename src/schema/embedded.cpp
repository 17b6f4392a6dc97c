#include "schema/embedded.hpp"

#ifndef STACKLINT_SCHEMA_FILE
#error "STACKLINT_SCHEMA_FILE must name schemas/cfn-resource-types.jsonl"
#endif
#ifndef STACKLINT_SAM_POLICY_FILE
#error "STACKLINT_SAM_POLICY_FILE must name schemas/sam-policy-templates.json"
#endif
#ifndef STACKLINT_SOURCES_FILE
#error "STACKLINT_SOURCES_FILE must name schemas/sources.tsv"
#endif

// The assembler copies the file's bytes into .rodata; the build system re-assembles this file
// whenever the data changes (OBJECT_DEPENDS in CMakeLists.txt).
asm(R"(
    .section .rodata
    .balign 16
    .global stacklint_schema_data_begin
    .global stacklint_schema_data_end
stacklint_schema_data_begin:
    .incbin ")" STACKLINT_SCHEMA_FILE R"("
stacklint_schema_data_end:
    .byte 0
    .balign 16
    .global stacklint_sam_policies_begin
    .global stacklint_sam_policies_end
stacklint_sam_policies_begin:
    .incbin ")" STACKLINT_SAM_POLICY_FILE R"("
stacklint_sam_policies_end:
    .byte 0
    .global stacklint_data_sources_begin
    .global stacklint_data_sources_end
stacklint_data_sources_begin:
    .incbin ")" STACKLINT_SOURCES_FILE R"("
stacklint_data_sources_end:
    .byte 0
    .previous
)");

extern "C" const char stacklint_schema_data_begin[];
extern "C" const char stacklint_schema_data_end[];
extern "C" const char stacklint_sam_policies_begin[];
extern "C" const char stacklint_sam_policies_end[];
extern "C" const char stacklint_data_sources_begin[];
extern "C" const char stacklint_data_sources_end[];

namespace stacklint::schema {

std::string_view embedded_data() {
    return std::string_view(
        stacklint_schema_data_begin,
        static_cast<std::size_t>(stacklint_schema_data_end - stacklint_schema_data_begin));
}

std::string_view embedded_sam_policy_templates() {
    return std::string_view(
        stacklint_sam_policies_begin,
        static_cast<std::size_t>(stacklint_sam_policies_end - stacklint_sam_policies_begin));
}

std::string_view embedded_data_sources() {
    return std::string_view(
        stacklint_data_sources_begin,
        static_cast<std::size_t>(stacklint_data_sources_end - stacklint_data_sources_begin));
}

}  // namespace stacklint::schema
