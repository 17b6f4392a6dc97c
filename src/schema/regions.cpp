#include "schema/regions.hpp"

#include <algorithm>

namespace stacklint::schema {

namespace {

std::vector<std::string> listed_in(const nlohmann::json& list,
                                   const std::vector<std::string>& regions) {
    std::vector<std::string> out;
    if (!list.is_array()) return out;
    for (const std::string& region : regions) {
        if (std::find(list.begin(), list.end(), region) != list.end()) out.push_back(region);
    }
    return out;
}

}  // namespace

const std::vector<std::string_view>& known_regions() {
    // The provider maps of shared/schemas/cfn-lint-enhanced (2026-06-15); a test checks that
    // this list and the data agree.
    static const std::vector<std::string_view> regions = {
        "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1",  "ap-northeast-2",
        "ap-northeast-3", "ap-south-1",     "ap-south-2",     "ap-southeast-1",  "ap-southeast-2",
        "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",  "ap-southeast-7",
        "ca-central-1",   "ca-west-1",      "cn-north-1",     "cn-northwest-1",  "eu-central-1",
        "eu-central-2",   "eu-isoe-west-1", "eu-north-1",     "eu-south-1",      "eu-south-2",
        "eu-west-1",      "eu-west-2",      "eu-west-3",      "eusc-de-east-1",  "il-central-1",
        "me-central-1",   "me-south-1",     "mx-central-1",   "sa-east-1",       "us-east-1",
        "us-east-2",      "us-gov-east-1",  "us-gov-west-1",  "us-iso-east-1",   "us-iso-west-1",
        "us-isob-east-1", "us-isob-west-1", "us-isof-east-1", "us-isof-south-1", "us-west-1",
        "us-west-2"};
    return regions;
}

bool is_known_region(std::string_view region) {
    const auto& all = known_regions();
    return std::binary_search(all.begin(), all.end(), region);
}

std::vector<std::string> regions_without_type(const ResourceSchema& schema,
                                              const std::vector<std::string>& regions) {
    const auto absent = schema.doc.find("absentRegions");
    if (absent == schema.doc.end()) return {};
    return listed_in(*absent, regions);
}

std::vector<std::string> regions_without_property(const ResourceSchema& schema,
                                                  std::string_view property,
                                                  const std::vector<std::string>& regions) {
    const auto regional = schema.doc.find("regionalProperties");
    if (regional == schema.doc.end() || !regional->is_object()) return {};
    const auto it = regional->find(property);
    if (it == regional->end()) return {};
    return listed_in(*it, regions);
}

}  // namespace stacklint::schema
