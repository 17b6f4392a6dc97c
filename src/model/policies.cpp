#include "model/policies.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "model/values.hpp"

namespace stacklint {

namespace {

struct DocumentProperty {
    std::string_view type;
    std::string_view property;
    PolicyKind kind;
};

// Resource types and the top-level property that holds one policy document, from each
// type's CloudFormation reference.
constexpr std::array<DocumentProperty, 22> kDocuments = {{
    {"AWS::IAM::Policy", "PolicyDocument", PolicyKind::Identity},
    {"AWS::IAM::ManagedPolicy", "PolicyDocument", PolicyKind::Identity},
    {"AWS::IAM::RolePolicy", "PolicyDocument", PolicyKind::Identity},
    {"AWS::IAM::UserPolicy", "PolicyDocument", PolicyKind::Identity},
    {"AWS::IAM::GroupPolicy", "PolicyDocument", PolicyKind::Identity},
    {"AWS::IAM::Role", "AssumeRolePolicyDocument", PolicyKind::Trust},
    {"AWS::S3::BucketPolicy", "PolicyDocument", PolicyKind::Resource},
    {"AWS::S3::AccessPoint", "Policy", PolicyKind::Resource},
    {"AWS::SQS::QueuePolicy", "PolicyDocument", PolicyKind::Resource},
    {"AWS::SQS::QueueInlinePolicy", "PolicyDocument", PolicyKind::Resource},
    {"AWS::SNS::TopicPolicy", "PolicyDocument", PolicyKind::Resource},
    {"AWS::SNS::TopicInlinePolicy", "PolicyDocument", PolicyKind::Resource},
    {"AWS::KMS::Key", "KeyPolicy", PolicyKind::Resource},
    {"AWS::KMS::ReplicaKey", "KeyPolicy", PolicyKind::Resource},
    {"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy", PolicyKind::Resource},
    {"AWS::ECR::Repository", "RepositoryPolicyText", PolicyKind::Resource},
    {"AWS::OpenSearchService::Domain", "AccessPolicies", PolicyKind::Resource},
    {"AWS::Elasticsearch::Domain", "AccessPolicies", PolicyKind::Resource},
    {"AWS::EFS::FileSystem", "FileSystemPolicy", PolicyKind::Resource},
    {"AWS::Backup::BackupVault", "AccessPolicy", PolicyKind::Resource},
    {"AWS::ApiGateway::RestApi", "Policy", PolicyKind::Resource},
    {"AWS::Events::EventBus", "Policy", PolicyKind::Resource},
}};

constexpr std::array<std::string_view, 3> kInlinePolicies = {"AWS::IAM::Role", "AWS::IAM::User",
                                                             "AWS::IAM::Group"};

}  // namespace

std::vector<PolicyDocument> policy_documents(const Template& tmpl) {
    std::vector<PolicyDocument> out;
    for (const Resource& r : tmpl.resources) {
        const std::string base = "Resources/" + std::string(r.id) + "/Properties/";
        for (const DocumentProperty& d : kDocuments) {
            if (d.type != r.type_name) continue;
            if (const Node* doc = r.property(d.property))
                out.push_back({&r, doc, base + std::string(d.property), d.kind});
        }
        if (std::find(kInlinePolicies.begin(), kInlinePolicies.end(), r.type_name) ==
            kInlinePolicies.end())
            continue;
        const Node* policies = r.property("Policies");
        if (policies == nullptr || !policies->is_sequence()) continue;
        for (std::size_t i = 0; i < policies->items().size(); ++i) {
            const Node& item = policies->items()[i];
            if (!is_literal_mapping(item)) continue;
            if (const Node* doc = item.get("PolicyDocument")) {
                out.push_back({&r, doc, base + "Policies/" + std::to_string(i) + "/PolicyDocument",
                               PolicyKind::Identity});
            }
        }
    }
    return out;
}

}  // namespace stacklint
