#include "core/finding.hpp"

#include <tuple>

namespace stacklint {

std::string Finding::fingerprint() const {
    std::string fp = rule;
    for (const std::string* part : {&stack, &resource, &path}) {
        fp += '|';
        fp += *part;
    }
    return fp;
}

bool finding_order(const Finding& a, const Finding& b) {
    return std::tie(a.file, a.mark, a.rule, a.message) <
           std::tie(b.file, b.mark, b.rule, b.message);
}

}  // namespace stacklint
