// CycloneDX and SPDX SBOMs: every corpus document (facts from corpus/FORMATS.md), documents this
// test writes to the published schemas (CycloneDX 1.4/1.5/1.6, SPDX 2.3) with components of PRC
// vendors, and malformed documents, which must give clear problems and never a crash.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "common/csv_reader.h"
#include "inventory/cyclonedx.h"
#include "inventory/purl.h"
#include "inventory/spdx.h"
#include "inventory_test_util.h"
#include "support/test_support.h"

namespace sovscan {
namespace {

using test::attribute_values;
using test::component_named;
using test::has_problem;
using test::problem_lines;

std::string corpus_text(const std::string& name) {
    std::string path = test::corpus_file("sbom/" + name), text, error;
    EXPECT_TRUE(read_text_file(path, text, error)) << path << ": " << error;
    return text;
}

// The one system record a document yields, after checking there is exactly one.
const AssetRecord& only_record(const InventoryReadResult& r) {
    static const AssetRecord none;
    EXPECT_EQ(r.records.size(), 1u);
    return r.records.empty() ? none : r.records[0];
}

std::string first_attribute(const AssetRecord& record, const char* name) {
    const AssetAttribute* a = record.attribute(name);
    return a ? a->value : "";
}

template <typename Field>
std::map<std::string, size_t> tally(const AssetRecord& record, Field field) {
    std::map<std::string, size_t> out;
    for (const SoftwareComponent& c : record.software)
        if (!(c.*field).empty()) ++out[c.*field];
    return out;
}

std::map<std::string, size_t> purl_types(const AssetRecord& record) {
    std::map<std::string, size_t> out;
    for (const SoftwareComponent& c : record.software)
        if (auto p = parse_purl(c.purl)) ++out[p->type];
    return out;
}

size_t with_purl(const AssetRecord& record) {
    return std::count_if(record.software.begin(), record.software.end(), [](const auto& c) { return !c.purl.empty(); });
}

// ---- the corpus ----

TEST(CycloneDxCorpus, CryptographyBom16) {
    InventoryReadResult r = read_cyclonedx(corpus_text("bom-examples__CBOM__Protocol__bom.json"), "cbom.json");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    const AssetRecord& system = only_record(r);
    EXPECT_EQ(system.source.kind, AssetSourceKind::sbom);
    EXPECT_EQ(system.source.detail, "CycloneDX 1.6");
    EXPECT_EQ(first_attribute(system, "name"), "my application");
    EXPECT_EQ(first_attribute(system, "version"), "1.0");
    EXPECT_EQ(first_attribute(system, "type"), "application");
    EXPECT_EQ(system.software.size(), 8u);
    EXPECT_EQ(tally(system, &SoftwareComponent::kind), (std::map<std::string, size_t>{{"cryptographic-asset", 8}}));
    EXPECT_NE(component_named(system, "TLSv1.2"), nullptr);
}

TEST(CycloneDxCorpus, MachineLearningBomWithSupplierOpenAi) {
    InventoryReadResult r =
        read_cyclonedx(corpus_text("bom-examples__MLBOM__Model__FoundationModels__bom.json"), "ml.json");
    // This BOM names no metadata.component: said once, the model is still read.
    ASSERT_EQ(r.problems.size(), 1u) << problem_lines(r);
    EXPECT_EQ(r.problems[0].where, "ml.json: metadata.component");
    const AssetRecord& system = only_record(r);
    EXPECT_EQ(system.attribute("name"), nullptr);
    // 1.6's metadata.manufacturer made the BOM; it is not the system's maker.
    EXPECT_EQ(attribute_values(system, "sbom_creator"), std::vector<std::string>{"Noma Security Inc."});
    EXPECT_EQ(system.attribute("manufacturer"), nullptr);
    ASSERT_EQ(system.software.size(), 1u);
    const SoftwareComponent& model = system.software[0];
    EXPECT_EQ(model.name, "gpt-4o");
    EXPECT_EQ(model.kind, "machine-learning-model");
    EXPECT_EQ(model.supplier, "OpenAI Inc");
    EXPECT_EQ(model.manufacturer, "OpenAI Inc");
    EXPECT_EQ(model.publisher, "OpenAI Inc");
    EXPECT_EQ(model.source.location, "components[0]");
}

TEST(CycloneDxCorpus, SaasBomServicesNestAndTheirProviderIsTheSupplier) {
    InventoryReadResult r = read_cyclonedx(
        corpus_text("bom-examples__SaaSBOM__apigateway-microservices-datastores__bom.json"), "saas.json");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    const AssetRecord& system = only_record(r);
    EXPECT_EQ(first_attribute(system, "name"), "Acme Cloud Example");
    EXPECT_EQ(first_attribute(system, "version"), "2022-1");
    // No components; one top-level service holding five more (three microservices, two stores).
    EXPECT_EQ(system.software.size(), 6u);
    EXPECT_EQ(tally(system, &SoftwareComponent::kind), (std::map<std::string, size_t>{{"service", 6}}));
    const SoftwareComponent* gateway = component_named(system, "com.example/API Gateway");
    ASSERT_NE(gateway, nullptr);
    EXPECT_EQ(gateway->supplier, "Acme Inc");
    EXPECT_EQ(gateway->source.location, "services[0]");
    const SoftwareComponent* s3 = component_named(system, "com.amazon/S3");
    ASSERT_NE(s3, nullptr);
    EXPECT_EQ(s3->source.location.rfind("services[0].services[", 0), 0u);
}

TEST(CycloneDxCorpus, Dropwizard12MavenWithPublishers) {
    InventoryReadResult r = read_cyclonedx(corpus_text("bom-examples__dropwizard-1.3.15__bom.json"), "dw.json");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    const AssetRecord& system = only_record(r);
    EXPECT_EQ(system.source.detail, "CycloneDX 1.2");
    EXPECT_EQ(first_attribute(system, "name"), "io.dropwizard/dropwizard-parent");
    EXPECT_EQ(first_attribute(system, "version"), "1.3.15");
    EXPECT_EQ(system.software.size(), 167u);
    EXPECT_EQ(with_purl(system), 167u);
    EXPECT_EQ(purl_types(system), (std::map<std::string, size_t>{{"maven", 167}}));
    auto publishers = tally(system, &SoftwareComponent::publisher);
    EXPECT_EQ(publishers.size(), 21u);
    EXPECT_EQ(publishers["Oracle Corporation"], 21u);
    EXPECT_EQ(publishers["Webtide"], 18u);
    EXPECT_EQ(publishers["FasterXML"], 14u);
    EXPECT_EQ(publishers["QOS.ch"], 7u);
}

TEST(CycloneDxCorpus, JuiceShopAndLaravel14) {
    InventoryReadResult shop =
        read_cyclonedx(corpus_text("bom-examples__juice-shop__via_npm__flat__bom.1.4.json"), "shop.json");
    EXPECT_TRUE(shop.problems.empty()) << problem_lines(shop);
    const AssetRecord& app = only_record(shop);
    EXPECT_EQ(first_attribute(app, "name"), "juice-shop");
    EXPECT_EQ(first_attribute(app, "version"), "14.1.1");
    EXPECT_EQ(app.software.size(), 1115u);
    EXPECT_EQ(purl_types(app), (std::map<std::string, size_t>{{"npm", 1115}}));
    EXPECT_EQ(tally(app, &SoftwareComponent::kind), (std::map<std::string, size_t>{{"library", 1115}}));

    InventoryReadResult laravel = read_cyclonedx(corpus_text("bom-examples__laravel-7.12.0__bom.1.4.json"), "l.json");
    EXPECT_TRUE(laravel.problems.empty()) << problem_lines(laravel);
    const AssetRecord& demo = only_record(laravel);
    EXPECT_EQ(first_attribute(demo, "name"), "cyclonedx/cyclonedx-php-composer-demo");
    EXPECT_EQ(first_attribute(demo, "version"), "dev-master");
    EXPECT_EQ(demo.software.size(), 62u);
    EXPECT_EQ(purl_types(demo), (std::map<std::string, size_t>{{"composer", 62}}));
}

TEST(CycloneDxCorpus, TrivyBoms16) {
    InventoryReadResult wind =
        read_cyclonedx(corpus_text("underpin-dpp__predictive-analytics-windfarm-cyclonedx-1.6.json"), "w.json");
    EXPECT_TRUE(wind.problems.empty()) << problem_lines(wind);
    const AssetRecord& service = only_record(wind);
    EXPECT_EQ(first_attribute(service, "name"), "pred-main-service");
    EXPECT_EQ(service.attribute("version"), nullptr);
    EXPECT_EQ(service.software.size(), 670u);
    EXPECT_EQ(tally(service, &SoftwareComponent::kind),
              (std::map<std::string, size_t>{{"library", 669}, {"operating-system", 1}}));
    EXPECT_EQ(with_purl(service), 669u);
    EXPECT_EQ(purl_types(service), (std::map<std::string, size_t>{{"deb", 427}, {"pypi", 222}, {"npm", 20}}));
    auto suppliers = tally(service, &SoftwareComponent::supplier);
    EXPECT_EQ(suppliers.size(), 112u);
    EXPECT_EQ(suppliers["Debian X Strike Force <debian-x@lists.debian.org>"], 36u);
    EXPECT_EQ(suppliers["Debian GCC Maintainers <debian-gcc@lists.debian.org>"], 26u);
    EXPECT_EQ(suppliers["Matthias Klose <doko@debian.org>"], 20u);

    InventoryReadResult refinery =
        read_cyclonedx(corpus_text("underpin-dpp__refinery-uc-cyclonedx-1.6.json"), "r.json");
    EXPECT_TRUE(refinery.problems.empty()) << problem_lines(refinery);
    EXPECT_EQ(first_attribute(only_record(refinery), "name"), "inference_pipeline.tar.gz");
    EXPECT_TRUE(only_record(refinery).software.empty());
}

TEST(SpdxCorpus, TrivyDocumentsDescribeTheirRepository) {
    InventoryReadResult vault = read_spdx(corpus_text("underpin-dpp__datavault-spdx-2.3.json"), "v.json");
    EXPECT_TRUE(vault.problems.empty()) << problem_lines(vault);
    const AssetRecord& source = only_record(vault);
    EXPECT_EQ(source.source.detail, "SPDX-2.3");
    EXPECT_EQ(first_attribute(source, "name"), "data-source");
    EXPECT_EQ(first_attribute(source, "spdx_id"), "SPDXRef-Repository-18445fddb905319e");
    EXPECT_EQ(first_attribute(source, "type"), "source");
    EXPECT_EQ(source.software.size(), 231u);  // 232 packages, one of them the described repository
    EXPECT_EQ(with_purl(source), 229u);
    // FORMATS.md counts maven:192, npm:35, None:2 -- its regex needs an '@version'; the two
    // version-less purls are maven too.
    EXPECT_EQ(purl_types(source), (std::map<std::string, size_t>{{"maven", 194}, {"npm", 35}}));
    EXPECT_TRUE(tally(source, &SoftwareComponent::supplier).empty());  // every supplier is NOASSERTION
    EXPECT_EQ(tally(source, &SoftwareComponent::kind),
              (std::map<std::string, size_t>{{"library", 229}, {"application", 2}}));

    InventoryReadResult search = read_spdx(corpus_text("underpin-dpp__semantic-search-spdx-2.3.json"), "s.json");
    EXPECT_TRUE(search.problems.empty()) << problem_lines(search);
    const AssetRecord& ui = only_record(search);
    EXPECT_EQ(first_attribute(ui, "name"), "app-search-reference-ui-react");
    EXPECT_EQ(ui.software.size(), 2625u);
    EXPECT_EQ(with_purl(ui), 2623u);
    EXPECT_EQ(purl_types(ui), (std::map<std::string, size_t>{{"npm", 2623}}));

    InventoryReadResult hub = read_spdx(corpus_text("underpin-dpp__vocabulary-hub-spdx-2.3.json"), "h.json");
    EXPECT_TRUE(hub.problems.empty()) << problem_lines(hub);
    EXPECT_EQ(first_attribute(only_record(hub), "name"), "vocabulary-hub-edc");
    EXPECT_TRUE(only_record(hub).software.empty());
}

// ---- documents written here, following the published schemas ----

const char* const kCycloneDx14 = R"({
  "$schema": "http://cyclonedx.org/schema/bom-1.4.schema.json",
  "bomFormat": "CycloneDX",
  "specVersion": "1.4",
  "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
  "version": 1,
  "metadata": {
    "timestamp": "2025-03-01T10:00:00Z",
    "component": {"bom-ref": "scada-hmi", "type": "application", "name": "scada-hmi", "version": "4.2.0",
                  "supplier": {"name": "Example Automation s.r.o."}},
    "supplier": {"name": "Example Automation s.r.o.", "url": ["https://example.com"]}
  },
  "components": [
    {"bom-ref": "fastjson", "type": "library", "group": "com.alibaba", "name": "fastjson", "version": "1.2.83",
     "supplier": {"name": "Alibaba Cloud"}, "publisher": "Alibaba", "author": "wenshao",
     "purl": "pkg:maven/com.alibaba/fastjson@1.2.83"},
    {"bom-ref": "pop-core", "type": "library", "group": "@alicloud", "name": "pop-core", "version": "1.7.13",
     "supplier": {"name": "Alibaba Cloud"}, "purl": "pkg:npm/%40alicloud/pop-core@1.7.13"},
    {"bom-ref": "dashscope", "type": "library", "name": "dashscope", "version": "1.20.0",
     "purl": "pkg:pypi/dashscope@1.20.0", "cpe": "cpe:2.3:a:alibabacloud:dashscope:1.20.0:*:*:*:*:*:*:*"}
  ]
})";

TEST(CycloneDxWritten, Version14SupplierPublisherAuthorPurlCpe) {
    InventoryReadResult r = read_cyclonedx(kCycloneDx14, "hmi.cdx.json");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    const AssetRecord& hmi = only_record(r);
    EXPECT_EQ(hmi.source.file, "hmi.cdx.json");
    EXPECT_EQ(hmi.source.location, "metadata.component");
    EXPECT_EQ(first_attribute(hmi, "name"), "scada-hmi");
    EXPECT_EQ(first_attribute(hmi, "version"), "4.2.0");
    EXPECT_EQ(first_attribute(hmi, "bom_ref"), "scada-hmi");
    // The component's supplier and metadata.supplier: both kept, each with its field.
    auto suppliers = attribute_values(hmi, "supplier");
    EXPECT_EQ(suppliers, (std::vector<std::string>{"Example Automation s.r.o.", "Example Automation s.r.o."}));
    EXPECT_EQ(hmi.attribute("supplier")->source.location, "metadata.component.supplier");
    EXPECT_EQ(hmi.attribute("supplier")->confidence, "high");
    ASSERT_EQ(hmi.software.size(), 3u);

    const SoftwareComponent* fastjson = component_named(hmi, "com.alibaba/fastjson");
    ASSERT_NE(fastjson, nullptr);
    EXPECT_EQ(fastjson->version, "1.2.83");
    EXPECT_EQ(fastjson->supplier, "Alibaba Cloud");
    EXPECT_EQ(fastjson->publisher, "Alibaba");
    EXPECT_EQ(fastjson->author, "wenshao");
    EXPECT_EQ(fastjson->kind, "library");
    EXPECT_EQ(purl_namespace(fastjson->purl), "maven/com.alibaba");
    EXPECT_EQ(fastjson->source.location, "components[0]");
    EXPECT_EQ(fastjson->source.detail, "CycloneDX 1.4");

    const SoftwareComponent* pop = component_named(hmi, "@alicloud/pop-core");
    ASSERT_NE(pop, nullptr);
    EXPECT_EQ(purl_namespace(pop->purl), "npm/@alicloud");
    const SoftwareComponent* dashscope = component_named(hmi, "dashscope");
    ASSERT_NE(dashscope, nullptr);
    EXPECT_EQ(purl_namespace(dashscope->purl), "pypi/dashscope");
    EXPECT_EQ(dashscope->cpe, "cpe:2.3:a:alibabacloud:dashscope:1.20.0:*:*:*:*:*:*:*");
    EXPECT_EQ(dashscope->supplier, "");
}

TEST(CycloneDxWritten, Version15ManufactureAndNestedFirmware) {
    const char* bom = R"({
      "$schema": "http://cyclonedx.org/schema/bom-1.5.schema.json",
      "bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
      "serialNumber": "urn:uuid:8d0c4e5a-1b7e-4c33-9b87-0d3c1a6f2b11",
      "metadata": {
        "timestamp": "2025-03-01T10:00:00Z",
        "component": {"bom-ref": "gw", "type": "device", "name": "IPC-Gateway", "version": "2.1",
          "components": [{"bom-ref": "gw-board", "type": "device", "name": "mainboard", "supplier": {"name": "Alibaba Cloud"}}]},
        "manufacture": {"name": "Example Devices a.s."},
        "authors": [{"name": "Petr Novak", "email": "petr@example.com"}]
      },
      "components": [
        {"bom-ref": "fw", "type": "firmware", "name": "gateway-firmware", "version": "2.1.7",
         "supplier": {"name": "Example Devices a.s."},
         "components": [
           {"bom-ref": "fj", "type": "library", "group": "com.alibaba", "name": "fastjson", "version": "1.2.83",
            "purl": "pkg:maven/com.alibaba/fastjson@1.2.83",
            "components": [{"bom-ref": "deep", "type": "library", "name": "inner", "version": "1"}]}
         ]}
      ]
    })";
    InventoryReadResult r = read_cyclonedx(bom, "gw.json");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    const AssetRecord& gw = only_record(r);
    EXPECT_EQ(first_attribute(gw, "name"), "IPC-Gateway");
    EXPECT_EQ(first_attribute(gw, "type"), "device");
    EXPECT_EQ(first_attribute(gw, "manufacturer"), "Example Devices a.s.");
    EXPECT_EQ(gw.attribute("manufacturer")->source.location, "metadata.manufacture");
    EXPECT_EQ(attribute_values(gw, "sbom_creator"), std::vector<std::string>{"Petr Novak"});
    ASSERT_EQ(gw.software.size(), 4u);
    const SoftwareComponent* board = component_named(gw, "mainboard");
    ASSERT_NE(board, nullptr);
    EXPECT_EQ(board->supplier, "Alibaba Cloud");
    EXPECT_EQ(board->source.location, "metadata.component.components[0]");
    const SoftwareComponent* fastjson = component_named(gw, "com.alibaba/fastjson");
    ASSERT_NE(fastjson, nullptr);
    EXPECT_EQ(fastjson->source.location, "components[0].components[0]");
    const SoftwareComponent* inner = component_named(gw, "inner");
    ASSERT_NE(inner, nullptr);
    EXPECT_EQ(inner->source.location, "components[0].components[0].components[0]");
    EXPECT_EQ(component_named(gw, "gateway-firmware")->kind, "firmware");
}

TEST(CycloneDxWritten, Version16ManufacturerAuthorsModelAndService) {
    const char* bom = R"({
      "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
      "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
      "serialNumber": "urn:uuid:5b0f8a5c-2d7b-4a8e-9c1d-7e6f5a4b3c2d",
      "metadata": {
        "timestamp": "2025-03-01T10:00:00Z",
        "manufacturer": {"name": "SBOM Tools Inc."},
        "component": {"bom-ref": "app", "type": "application", "name": "assistant", "version": "1.0",
                      "manufacturer": {"name": "Example Software a.s."}, "authors": [{"name": "Jana Novakova"}]}
      },
      "components": [
        {"bom-ref": "ds", "type": "library", "name": "dashscope", "version": "1.20.0",
         "purl": "pkg:pypi/dashscope@1.20.0", "manufacturer": {"name": "Alibaba Cloud"},
         "authors": [{"name": "Alibaba Cloud"}, {"name": "DashScope team", "email": "ds@example.com"}]},
        {"bom-ref": "qwen", "type": "machine-learning-model", "name": "Qwen2-7B-Instruct",
         "supplier": {"name": "Alibaba Cloud"}, "publisher": "Qwen"}
      ],
      "services": [
        {"bom-ref": "svc", "provider": {"name": "Alibaba Cloud"}, "name": "DashScope API", "version": "v1",
         "endpoints": ["https://dashscope.aliyuncs.com/api/v1"]}
      ]
    })";
    InventoryReadResult r = read_cyclonedx(bom, "app.json");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    const AssetRecord& app = only_record(r);
    EXPECT_EQ(first_attribute(app, "manufacturer"), "Example Software a.s.");
    EXPECT_EQ(app.attribute("manufacturer")->source.location, "metadata.component.manufacturer");
    EXPECT_EQ(first_attribute(app, "author"), "Jana Novakova");
    EXPECT_EQ(attribute_values(app, "sbom_creator"), std::vector<std::string>{"SBOM Tools Inc."});
    ASSERT_EQ(app.software.size(), 3u);
    const SoftwareComponent* ds = component_named(app, "dashscope");
    ASSERT_NE(ds, nullptr);
    EXPECT_EQ(ds->manufacturer, "Alibaba Cloud");
    EXPECT_EQ(ds->author, "Alibaba Cloud; DashScope team");
    const SoftwareComponent* qwen = component_named(app, "Qwen2-7B-Instruct");
    ASSERT_NE(qwen, nullptr);
    EXPECT_EQ(qwen->kind, "machine-learning-model");
    EXPECT_EQ(qwen->supplier, "Alibaba Cloud");
    EXPECT_EQ(qwen->publisher, "Qwen");
    const SoftwareComponent* api = component_named(app, "DashScope API");
    ASSERT_NE(api, nullptr);
    EXPECT_EQ(api->kind, "service");
    EXPECT_EQ(api->supplier, "Alibaba Cloud");
    EXPECT_EQ(api->source.location, "services[0]");
}

const char* const kSpdx23 = R"json({
  "spdxVersion": "SPDX-2.3",
  "dataLicense": "CC0-1.0",
  "SPDXID": "SPDXRef-DOCUMENT",
  "name": "scada-hmi-4.2.0",
  "documentNamespace": "https://example.com/spdx/scada-hmi-4.2.0-5f1c",
  "creationInfo": {"created": "2025-03-01T10:00:00Z",
                   "creators": ["Organization: Example Automation s.r.o.", "Tool: handwritten-1.0"]},
  "documentDescribes": ["SPDXRef-hmi"],
  "packages": [
    {"SPDXID": "SPDXRef-fastjson", "name": "fastjson", "versionInfo": "1.2.83", "downloadLocation": "NOASSERTION",
     "supplier": "Organization: Alibaba Cloud", "originator": "Person: wenshao", "filesAnalyzed": false,
     "primaryPackagePurpose": "LIBRARY",
     "externalRefs": [
       {"referenceCategory": "SECURITY", "referenceType": "cpe22Type", "referenceLocator": "cpe:/a:alibaba:fastjson:1.2.83"},
       {"referenceCategory": "SECURITY", "referenceType": "cpe23Type",
        "referenceLocator": "cpe:2.3:a:alibaba:fastjson:1.2.83:*:*:*:*:*:*:*"},
       {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
        "referenceLocator": "pkg:maven/com.alibaba/fastjson@1.2.83"}]},
    {"SPDXID": "SPDXRef-hmi", "name": "scada-hmi", "versionInfo": "4.2.0", "downloadLocation": "NOASSERTION",
     "supplier": "Organization: Example Automation s.r.o. (info@example.com)", "filesAnalyzed": false,
     "primaryPackagePurpose": "APPLICATION"},
    {"SPDXID": "SPDXRef-popcore", "name": "@alicloud/pop-core", "versionInfo": "1.7.13",
     "downloadLocation": "https://registry.npmjs.org/@alicloud/pop-core/-/pop-core-1.7.13.tgz",
     "supplier": "Organization: Alibaba Cloud (opensource@alibaba-inc.com)", "originator": "Organization: Alibaba Cloud",
     "filesAnalyzed": false, "primaryPackagePurpose": "LIBRARY",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                       "referenceLocator": "pkg:npm/%40alicloud/pop-core@1.7.13"}]},
    {"SPDXID": "SPDXRef-dashscope", "name": "dashscope", "versionInfo": "1.20.0", "downloadLocation": "NOASSERTION",
     "supplier": "NOASSERTION", "filesAnalyzed": false, "primaryPackagePurpose": "LIBRARY",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                       "referenceLocator": "pkg:pypi/dashscope@1.20.0"}]}
  ],
  "relationships": [
    {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-hmi"},
    {"spdxElementId": "SPDXRef-hmi", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-fastjson"},
    {"spdxElementId": "SPDXRef-hmi", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-popcore"},
    {"spdxElementId": "SPDXRef-hmi", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-dashscope"}
  ]
})json";

TEST(SpdxWritten, Version23DescribedPackageSuppliersAndRefs) {
    InventoryReadResult r = read_spdx(kSpdx23, "hmi.spdx.json");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    const AssetRecord& hmi = only_record(r);
    EXPECT_EQ(hmi.source.location, "packages[1]");
    EXPECT_EQ(first_attribute(hmi, "name"), "scada-hmi");
    EXPECT_EQ(first_attribute(hmi, "version"), "4.2.0");
    EXPECT_EQ(first_attribute(hmi, "supplier"), "Example Automation s.r.o.");
    EXPECT_EQ(first_attribute(hmi, "type"), "application");
    ASSERT_EQ(hmi.software.size(), 3u);

    const SoftwareComponent* fastjson = component_named(hmi, "fastjson");
    ASSERT_NE(fastjson, nullptr);
    EXPECT_EQ(fastjson->supplier, "Alibaba Cloud");
    EXPECT_EQ(fastjson->author, "wenshao");  // a Person originator is the author
    EXPECT_EQ(fastjson->manufacturer, "");
    EXPECT_EQ(fastjson->cpe, "cpe:2.3:a:alibaba:fastjson:1.2.83:*:*:*:*:*:*:*");  // 2.3 preferred over 2.2
    EXPECT_EQ(purl_namespace(fastjson->purl), "maven/com.alibaba");
    EXPECT_EQ(fastjson->source.location, "packages[0]");
    EXPECT_EQ(fastjson->source.detail, "SPDX-2.3");

    const SoftwareComponent* pop = component_named(hmi, "@alicloud/pop-core");
    ASSERT_NE(pop, nullptr);
    EXPECT_EQ(pop->supplier, "Alibaba Cloud");
    EXPECT_EQ(pop->manufacturer, "Alibaba Cloud");  // an Organization originator is the maker
    EXPECT_EQ(purl_namespace(pop->purl), "npm/@alicloud");
    const SoftwareComponent* dashscope = component_named(hmi, "dashscope");
    ASSERT_NE(dashscope, nullptr);
    EXPECT_EQ(dashscope->supplier, "");
    EXPECT_EQ(purl_namespace(dashscope->purl), "pypi/dashscope");
}

TEST(SpdxWritten, DescribedByRelationshipAlone) {
    const char* doc = R"json({"spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
      "name": "doc", "documentNamespace": "https://example.com/d",
      "creationInfo": {"created": "2025-03-01T10:00:00Z", "creators": ["Tool: t"]},
      "packages": [{"SPDXID": "SPDXRef-a", "name": "a", "downloadLocation": "NONE"},
                   {"SPDXID": "SPDXRef-b", "name": "b", "downloadLocation": "NONE", "supplier": "Person: Jan Novak ()"}],
      "relationships": [{"spdxElementId": "SPDXRef-b", "relationshipType": "DESCRIBED_BY", "relatedSpdxElement": "SPDXRef-DOCUMENT"}]})json";
    InventoryReadResult r = read_spdx(doc, "d.json");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    EXPECT_EQ(first_attribute(only_record(r), "name"), "b");
    EXPECT_EQ(first_attribute(only_record(r), "supplier"), "Jan Novak");
    ASSERT_EQ(only_record(r).software.size(), 1u);
    EXPECT_EQ(only_record(r).software[0].name, "a");
}

TEST(Spdx, ActorNames) {
    EXPECT_EQ(spdx_actor_name("Organization: Alibaba Cloud (opensource@alibaba-inc.com)"), "Alibaba Cloud");
    EXPECT_EQ(spdx_actor_name("Organization: Alibaba Cloud"), "Alibaba Cloud");
    EXPECT_EQ(spdx_actor_name("Person: Jane Doe ()"), "Jane Doe");
    EXPECT_EQ(spdx_actor_name("Organization: Foo (Europe) GmbH"), "Foo (Europe) GmbH");
    EXPECT_EQ(spdx_actor_name("Organization: Bar (EU)"), "Bar (EU)");  // no e-mail: part of the name
    EXPECT_EQ(spdx_actor_name("NOASSERTION"), "");
    EXPECT_EQ(spdx_actor_name("NONE"), "");
    EXPECT_EQ(spdx_actor_name("Alibaba Cloud"), "Alibaba Cloud");
}

// ---- malformed documents ----

TEST(SbomMalformed, NotJsonAndHugeNesting) {
    InventoryReadResult broken = read_cyclonedx("{\"bomFormat\": ", "b.json");
    ASSERT_EQ(broken.problems.size(), 1u);
    EXPECT_EQ(broken.problems[0].where, "b.json");
    EXPECT_EQ(broken.problems[0].message.rfind("not JSON: ", 0), 0u) << broken.problems[0].message;
    EXPECT_TRUE(broken.records.empty());

    std::string deep(200000, '[');
    InventoryReadResult nested = read_spdx(deep, "n.json");
    EXPECT_TRUE(has_problem(nested, "n.json: JSON nested deeper than 128 levels; not read")) << problem_lines(nested);
    EXPECT_TRUE(nested.records.empty());

    // Brackets inside strings open nothing.
    std::string in_string =
        R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"component": {"type": "application", "name": ")" +
        std::string(1000, '[') + R"("}}})";
    EXPECT_TRUE(read_cyclonedx(in_string, "s.json").problems.empty());
}

TEST(SbomMalformed, DeepButAllowedComponentNestingIsReadWhole) {
    // 60 levels of components: 121 JSON levels, under the bound of 128.
    std::string bom =
        R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"component": {"type": "application", "name": "x"}}, "components": )";
    for (int i = 0; i < 60; ++i)
        bom += R"([{"type": "library", "name": "c)" + std::to_string(i) + R"(", "components": )";
    bom += "[]";
    for (int i = 0; i < 60; ++i) bom += "}]";
    bom += "}";
    InventoryReadResult r = read_cyclonedx(bom, "deep.json");
    EXPECT_TRUE(r.problems.empty()) << problem_lines(r);
    EXPECT_EQ(only_record(r).software.size(), 60u);
}

TEST(SbomMalformed, WrongTypesAndMissingFieldsInCycloneDx) {
    const char* bom = R"({"bomFormat": "CycloneDX", "specVersion": "1.5",
      "metadata": {"component": "app"},
      "components": [
        {"type": "library", "name": "a", "supplier": "Alibaba Cloud", "version": 2},
        5,
        {"type": "library"},
        {"type": "library", "name": ["x"]},
        {"type": "library", "purl": "pkg:npm/%40alicloud/x@1", "authors": "me"}
      ],
      "services": {}})";
    InventoryReadResult r = read_cyclonedx(bom, "w.json");
    const std::string lines = problem_lines(r);
    EXPECT_TRUE(has_problem(r, "w.json: metadata.component: expected an object, found a string")) << lines;
    EXPECT_TRUE(has_problem(r,
                            "w.json: metadata.component: missing: the BOM does not name the system it describes; "
                            "its components are kept on an unnamed system"))
        << lines;
    EXPECT_TRUE(has_problem(r, "w.json: components[0].supplier: expected an object, found a string")) << lines;
    EXPECT_TRUE(has_problem(r, "w.json: components[1]: expected an object, found a number")) << lines;
    EXPECT_TRUE(has_problem(r, "w.json: components[2]: no name, purl or cpe: nothing identifies it; skipped")) << lines;
    EXPECT_TRUE(has_problem(r, "w.json: components[3].name: expected a string, found an array")) << lines;
    EXPECT_TRUE(has_problem(r, "w.json: components[4].authors: expected an array, found a string")) << lines;
    EXPECT_TRUE(has_problem(r, "w.json: components[4]: no name (the schema requires one); kept for its purl/cpe"))
        << lines;
    EXPECT_TRUE(has_problem(r, "w.json: services: expected an array, found an object")) << lines;
    const AssetRecord& system = only_record(r);
    ASSERT_EQ(system.software.size(), 2u);
    EXPECT_EQ(system.software[0].name, "a");
    EXPECT_EQ(system.software[0].version, "2");  // a number where a string belongs is written out
    EXPECT_EQ(system.software[0].supplier, "");
    EXPECT_EQ(system.software[1].purl, "pkg:npm/%40alicloud/x@1");

    InventoryReadResult header = read_cyclonedx(R"({"specVersion": "2.0"})", "h.json");
    EXPECT_TRUE(has_problem(header, "h.json: bomFormat: missing (a CycloneDX BOM says \"CycloneDX\")"))
        << problem_lines(header);
    EXPECT_TRUE(has_problem(header, "h.json: specVersion: '2.0' is not a version sovscan knows (1.2-1.6); read as 1.6"))
        << problem_lines(header);

    InventoryReadResult array = read_cyclonedx("[1, 2]", "a.json");
    EXPECT_TRUE(has_problem(array, "a.json: expected a CycloneDX BOM (an object), found an array"))
        << problem_lines(array);
    EXPECT_TRUE(array.records.empty());
}

TEST(SbomMalformed, WrongTypesAndMissingFieldsInSpdx) {
    const char* doc = R"({"spdxVersion": "SPDX-3.0", "name": "d",
      "documentDescribes": ["SPDXRef-gone", 7],
      "packages": [{"SPDXID": "SPDXRef-a", "name": "a", "externalRefs": {"purl": "x"}},
                   {"SPDXID": "SPDXRef-b"},
                   "pkg",
                   {"SPDXID": "SPDXRef-c", "name": "c", "supplier": ["Organization: X"],
                    "externalRefs": [3, {"referenceType": "purl", "referenceLocator": "pkg:pypi/dashscope@1.20.0"}]}],
      "relationships": "none"})";
    InventoryReadResult r = read_spdx(doc, "s.json");
    const std::string lines = problem_lines(r);
    EXPECT_TRUE(has_problem(r, "s.json: spdxVersion: 'SPDX-3.0' is not SPDX 2.x; read as SPDX-2.3")) << lines;
    EXPECT_TRUE(has_problem(r, "s.json: documentDescribes[1]: expected a string, found a number")) << lines;
    EXPECT_TRUE(has_problem(r, "s.json: relationships: expected an array, found a string")) << lines;
    EXPECT_TRUE(has_problem(r, "s.json: packages[0].externalRefs: expected an array, found an object")) << lines;
    EXPECT_TRUE(has_problem(r, "s.json: packages[1]: no name, purl or cpe: nothing identifies it; skipped")) << lines;
    EXPECT_TRUE(has_problem(r, "s.json: packages[2]: expected an object, found a string")) << lines;
    EXPECT_TRUE(has_problem(r, "s.json: packages[3].supplier: expected a string, found an array")) << lines;
    EXPECT_TRUE(has_problem(r, "s.json: packages[3].externalRefs[0]: expected an object, found a number")) << lines;
    EXPECT_TRUE(has_problem(r,
                            "s.json: documentDescribes: describes 'SPDXRef-gone', which is not among the packages; "
                            "the document's name stands for the system"))
        << lines;
    const AssetRecord& system = only_record(r);
    EXPECT_EQ(first_attribute(system, "name"), "d");
    ASSERT_EQ(system.software.size(), 2u);
    EXPECT_EQ(system.software[1].purl, "pkg:pypi/dashscope@1.20.0");

    InventoryReadResult none = read_spdx(R"({"spdxVersion": "SPDX-2.3", "name": "n", "packages": []})", "n.json");
    EXPECT_TRUE(has_problem(none,
                            "n.json: documentDescribes: the document names no described package (documentDescribes "
                            "or a DESCRIBES relationship); its name stands for the system"))
        << problem_lines(none);
    EXPECT_TRUE(
        has_problem(read_spdx("[]", "x.json"), "x.json: expected an SPDX document (an object), found an array"));
}

}  // namespace
}  // namespace sovscan
