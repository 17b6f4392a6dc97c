// The reduced AWS resource schemas (schemas/cfn-resource-types.jsonl), embedded in the binary
// at build time: no data files to install, nothing read from disk or network at run time.
#pragma once

#include <string_view>

namespace stacklint::schema {

std::string_view embedded_data();

// SAM's policy templates (schemas/sam-policy-templates.json, a copy of the SAM project's
// policy_templates.json): what `S3CrudPolicy: {BucketName: ...}` and the others expand to.
std::string_view embedded_sam_policy_templates();

// schemas/sources.tsv: each embedded data set with its date and license (`--version`).
std::string_view embedded_data_sources();

}  // namespace stacklint::schema
