#include "adversarial/inputs.hpp"

namespace stacklint::test::adversarial {

namespace {

const char* const kTopic = "    Type: AWS::SNS::Topic\n";

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i)
        out.append(s);
    return out;
}

}  // namespace

std::string good_template() {
    return "Resources:\n  bad_id:\n    Type: AWS::SNS::Topic\n";
}

std::string yaml_block_nesting(std::size_t depth) {
    // Compact nested block sequences: each "- " opens a sequence two columns further in, so
    // 100,000 levels take 200 KB (indented mappings would take 10 GB).
    return "a:\n" + repeat("- ", depth) + "x\n";
}

std::string yaml_flow_sequences(std::size_t depth) {
    return "a: " + repeat("[", depth) + repeat("]", depth) + "\n";
}

std::string yaml_flow_mappings(std::size_t depth) {
    return "a: " + repeat("{a: ", depth) + "1" + repeat("}", depth) + "\n";
}

std::string json_arrays(std::size_t depth) {
    return repeat("[", depth) + repeat("]", depth);
}

std::string json_objects(std::size_t depth) {
    return repeat("{\"a\":", depth) + "1" + repeat("}", depth);
}

std::string yaml_billion_laughs(std::size_t levels) {
    std::string out = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (std::size_t i = 1; i <= levels; ++i) {
        const std::string prev = "*l" + std::to_string(i - 1);
        out.append("l").append(std::to_string(i)).append(": &l").append(std::to_string(i));
        out.append(" [").append(prev);
        for (int k = 1; k < 10; ++k)
            out.append(", ").append(prev);
        out.append("]\n");
    }
    out.append("Resources:\n  Topic:\n").append(kTopic).append("    Metadata: *l");
    out.append(std::to_string(levels)).append("\n");
    return out;
}

std::string template_of_bytes(std::size_t bytes) {
    std::string out = "Resources:\n";
    out.reserve(bytes + 512);
    const std::string padding(400, 'x');
    for (std::size_t i = 0; out.size() < bytes; ++i) {
        out.append("  Topic").append(std::to_string(i)).append(":\n").append(kTopic);
        out.append("    Properties:\n      DisplayName: ").append(padding).append("\n");
    }
    return out;
}

std::string json_single_line(std::size_t bytes) {
    std::string out = "{\"Resources\":{";
    out.reserve(bytes + 64);
    for (std::size_t i = 0; out.size() < bytes; ++i) {
        if (i > 0) out += ',';
        out.append("\"T").append(std::to_string(i)).append("\":{\"Type\":\"AWS::SNS::Topic\"}");
    }
    return out + "}}";
}

std::string template_with_resources(std::size_t n) {
    std::string out = "Resources:\n";
    for (std::size_t i = 0; i < n; ++i)
        out.append("  Topic").append(std::to_string(i)).append(":\n").append(kTopic);
    return out;
}

std::string template_with_named_buckets(std::size_t n) {
    std::string out = "Resources:\n";
    for (std::size_t i = 0; i < n; ++i) {
        const std::string id = std::to_string(i);
        out.append("  Bucket").append(id).append(":\n    Type: AWS::S3::Bucket\n    Properties:\n");
        out.append("      BucketName: bucket-").append(id).append("\n");
        out.append("      VersioningConfiguration: {Status: Enabled}\n");
    }
    return out;
}

std::string yaml_long_key(std::size_t length) {
    return std::string("Resources:\n  Topic:\n") + kTopic + "    Properties:\n      " +
           std::string(length, 'K') + ": 1\n";
}

std::string json_long_key(std::size_t length) {
    return "{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\", \"Properties\": {\"" +
           std::string(length, 'K') + "\": 1}}}}";
}

std::string yaml_long_value(std::size_t length) {
    return std::string("Resources:\n  Topic:\n") + kTopic +
           "    Properties:\n      DisplayName: " + std::string(length, 'v') + "\n";
}

std::string json_sub_variables(std::size_t n) {
    std::string text, vars;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string name = "v" + std::to_string(i);
        text.append("${").append(name).append("}");
        if (i > 0) vars += ',';
        vars.append("\"").append(name).append("\":\"x\"");
    }
    return "{\"Resources\":{\"Topic\":{\"Type\":\"AWS::SNS::Topic\",\"Properties\":"
           "{\"DisplayName\":{\"Fn::Sub\":[\"" +
           text + "\",{" + vars + "}]}}}}}";
}

std::string yaml_nested_if(std::size_t depth) {
    return "Conditions:\n  C: !Equals [a, b]\nResources:\n  Topic:\n" + std::string(kTopic) +
           "    Properties:\n      DisplayName: " + repeat("!If [C, x, ", depth) + "y" +
           repeat("]", depth) + "\n";
}

std::string template_with_conditions(std::size_t n) {
    constexpr std::size_t kParameters = 12;
    constexpr std::size_t kConditions = 48;
    std::string out = "Parameters:\n";
    for (std::size_t p = 0; p < kParameters; ++p)
        out.append("  P")
            .append(std::to_string(p))
            .append(":\n    Type: String\n    Default: a\n    AllowedValues: [a, b]\n");
    out += "Conditions:\n";
    for (std::size_t c = 0; c < kConditions; ++c) {
        const std::string a = "!Equals [!Ref P" + std::to_string(c % kParameters) + ", a]";
        const std::string b =
            "!Equals [!Ref P" + std::to_string((c * 5 + 3) % kParameters) + ", b]";
        const std::string d =
            "!Equals [!Ref P" + std::to_string((c * 7 + 1) % kParameters) + ", a]";
        out.append("  C").append(std::to_string(c)).append(": ");
        switch (c % 3) {
            case 0:
                out.append(a);
                break;
            case 1:
                out.append("!And [" + a + ", !Not [" + b + "]]");
                break;
            default:
                out.append("!Or [" + a + ", " + b + ", " + d + "]");
                break;
        }
        out += "\n";
    }
    out += "Resources:\n";
    for (std::size_t r = 0; r < n; ++r) {
        const std::size_t uses = r % 2 == 0 ? 8 : 5;
        out.append("  Group")
            .append(std::to_string(r))
            .append(
                ":\n    Type: AWS::ElastiCache::ReplicationGroup\n    Properties:\n"
                "      ReplicationGroupDescription: group\n      Engine: redis\n");
        const char* const keys[] = {"NumNodeGroups",
                                    "ReplicasPerNodeGroup",
                                    "AutomaticFailoverEnabled",
                                    "MultiAZEnabled",
                                    "Port",
                                    "SnapshotRetentionLimit",
                                    "TransitEncryptionEnabled",
                                    "AtRestEncryptionEnabled"};
        const char* const values[] = {"[C, 2, 1]",        "[C, 0, 1]",       "[C, false, true]",
                                      "[C, false, true]", "[C, 6379, 6380]", "[C, 1, 0]",
                                      "[C, true, false]", "[C, true, false]"};
        for (std::size_t k = 0; k < uses; ++k) {
            std::string value = values[k];
            value.replace(1, 1, "C" + std::to_string((r + k * 5) % kConditions));
            out.append("      ").append(keys[k]).append(": !If ").append(value).append("\n");
        }
    }
    return out;
}

std::vector<GeneratedInput> all_inputs() {
    constexpr std::size_t kDeep = 100'000;
    constexpr std::size_t kMiB = 1024 * 1024;
    return {
        {"deep-block.yaml", yaml_block_nesting(kDeep)},
        {"deep-flow-sequences.yaml", yaml_flow_sequences(kDeep)},
        {"deep-flow-mappings.yaml", yaml_flow_mappings(kDeep)},
        {"deep-arrays.json", json_arrays(kDeep)},
        {"deep-objects.json", json_objects(kDeep)},
        {"billion-laughs.yaml", yaml_billion_laughs(9)},
        {"50mb.yaml", template_of_bytes(50 * kMiB)},
        {"1mb-line.json", json_single_line(kMiB)},
        {"100k-resources.yaml", template_with_resources(100'000)},
        {"100k-named-buckets.yaml", template_with_named_buckets(100'000)},
        {"10mb-key.yaml", yaml_long_key(10 * kMiB)},
        {"10mb-key.json", json_long_key(10 * kMiB)},
        {"10mb-value.yaml", yaml_long_value(10 * kMiB)},
        {"1m-sub-variables.json", json_sub_variables(1'000'000)},
        {"nested-if.yaml", yaml_nested_if(250)},
        {"2k-resources-48-conditions.yaml", template_with_conditions(2'000)},
    };
}

}  // namespace stacklint::test::adversarial
