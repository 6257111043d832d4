// Package URLs: the parts, and the namespace the vendor mapping keys on.
#include "inventory/purl.h"

#include <gtest/gtest.h>

namespace sovscan {
namespace {

TEST(Purl, NamespaceOfTheIssueExamples) {
    EXPECT_EQ(purl_namespace("pkg:maven/com.alibaba/fastjson@1.2.83"), "maven/com.alibaba");
    EXPECT_EQ(purl_namespace("pkg:npm/@alicloud/pop-core@1.7.13"), "npm/@alicloud");
    EXPECT_EQ(purl_namespace("pkg:npm/%40alicloud/pop-core@1.7.13"), "npm/@alicloud");
    EXPECT_EQ(purl_namespace("pkg:pypi/dashscope@1.20.0"), "pypi/dashscope");
}

TEST(Purl, Parts) {
    auto p = parse_purl("pkg:maven/com.alibaba/fastjson@1.2.83?type=jar#src/main");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->type, "maven");
    EXPECT_EQ(p->namespace_, "com.alibaba");
    EXPECT_EQ(p->name, "fastjson");
    EXPECT_EQ(p->version, "1.2.83");

    auto npm = parse_purl("pkg:npm/%40babel/helper-string-parser@7.19.4#packages/babel-helper-string-parser");
    ASSERT_TRUE(npm);
    EXPECT_EQ(npm->namespace_, "@babel");
    EXPECT_EQ(npm->name, "helper-string-parser");
    EXPECT_EQ(npm->version, "7.19.4");

    auto go = parse_purl("pkg:golang/github.com/aliyun/alibaba-cloud-sdk-go@v1.62.0");
    ASSERT_TRUE(go);
    EXPECT_EQ(go->namespace_, "github.com/aliyun");
    EXPECT_EQ(go->name, "alibaba-cloud-sdk-go");
    EXPECT_EQ(purl_namespace("pkg:golang/github.com/aliyun/alibaba-cloud-sdk-go@v1.62.0"), "golang/github.com/aliyun");

    auto unversioned = parse_purl("pkg:npm/@alicloud/pop-core");
    ASSERT_TRUE(unversioned);
    EXPECT_EQ(unversioned->namespace_, "@alicloud");
    EXPECT_EQ(unversioned->version, "");
}

TEST(Purl, NormalisationPerType) {
    EXPECT_EQ(purl_namespace("PKG:PyPI/DashScope_SDK@1.0"), "pypi/dashscope-sdk");
    EXPECT_EQ(purl_namespace("pkg:npm/@AliCloud/Pop-Core@1"), "npm/@alicloud");
    // Maven is case-sensitive: left as written.
    EXPECT_EQ(purl_namespace("pkg:maven/com.Alibaba/fastjson@1"), "maven/com.Alibaba");
    EXPECT_EQ(purl_namespace("pkg://deb/debian/curl@7.88.1-10?arch=amd64"), "deb/debian");
    EXPECT_EQ(purl_namespace("pkg:npm/axios@1.12.2"), "npm/axios");
}

TEST(Purl, NotAPackageUrl) {
    for (const char* bad : {"", "pkg:", "pkg:npm", "pkg:npm/", "pkg:npm/@1.0", "maven/com.alibaba/fastjson",
                            "http://example.com/x", "pkg:1bad/x@1", "pkg:b%d/x", "pkg:/"})
        EXPECT_FALSE(parse_purl(bad)) << bad;
    EXPECT_EQ(purl_namespace("cpe:/a:alibaba:fastjson"), "");
    // Malformed percent escapes stay as written.
    EXPECT_EQ(parse_purl("pkg:npm/%zz/x%4")->namespace_, "%zz");
    EXPECT_EQ(parse_purl("pkg:npm/%zz/x%4")->name, "x%4");
}

}  // namespace
}  // namespace sovscan
