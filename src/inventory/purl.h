#pragma once
// Package URLs (https://github.com/package-url/purl-spec): pkg:type/namespace/name@version?q#sub.
// The namespace is what ties a component to its publisher (pkg:maven/com.alibaba/...,
// pkg:npm/@alicloud/...), so the vendor mapping keys on it.
#include <optional>
#include <string>
#include <string_view>

namespace sovscan {

struct PackageUrl {
    std::string type;        // lower case: maven, npm, pypi, golang, deb, ...
    std::string namespace_;  // percent-decoded, segments joined by '/': com.alibaba, @alicloud
    std::string name;        // percent-decoded
    std::string version;     // percent-decoded, "" when absent
};

// The parts of `purl`, or nullopt when it is no package URL (no "pkg:" scheme, no type, no name).
// Names are normalised as the spec says for their type: npm, pypi, github and bitbucket lower
// case; pypi '_' as '-'. A raw '@' in the namespace (pkg:npm/@alicloud/pop-core) is tolerated:
// only an '@' after the last '/' starts the version.
std::optional<PackageUrl> parse_purl(std::string_view purl);

// "type/namespace" ("maven/com.alibaba", "npm/@alicloud"), or "type/name" for a package without a
// namespace ("pypi/dashscope", "npm/axios"): the narrowest name its publisher controls. "" when
// `purl` is no package URL.
std::string purl_namespace(std::string_view purl);

}  // namespace sovscan
