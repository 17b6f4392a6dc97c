#include "graph/stateful.hpp"

#include <algorithm>
#include <array>

namespace stacklint {

bool is_stateful_type(std::string_view type) {
    // Kept sorted for binary search.
    static constexpr std::array<std::string_view, 27> kTypes = {
        "AWS::Backup::BackupVault",
        "AWS::Cognito::UserPool",
        "AWS::DocDB::DBCluster",
        "AWS::DynamoDB::GlobalTable",
        "AWS::DynamoDB::Table",
        "AWS::EC2::Volume",
        "AWS::ECR::Repository",
        "AWS::EFS::FileSystem",
        "AWS::ElastiCache::CacheCluster",
        "AWS::ElastiCache::ReplicationGroup",
        "AWS::ElastiCache::ServerlessCache",
        "AWS::Elasticsearch::Domain",
        "AWS::FSx::FileSystem",
        "AWS::KMS::Key",
        "AWS::Kinesis::Stream",
        "AWS::Logs::LogGroup",
        "AWS::MemoryDB::Cluster",
        "AWS::Neptune::DBCluster",
        "AWS::OpenSearchService::Domain",
        "AWS::RDS::DBCluster",
        "AWS::RDS::DBInstance",
        "AWS::Redshift::Cluster",
        "AWS::S3::Bucket",
        "AWS::SQS::Queue",
        "AWS::SecretsManager::Secret",
        "AWS::Serverless::SimpleTable",
        "AWS::Timestream::Table",
    };
    return std::binary_search(kTypes.begin(), kTypes.end(), type);
}

}  // namespace stacklint
