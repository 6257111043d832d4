// Counter-examples: captures of non-PRC services must not produce high-risk egress findings, and
// the non-PRC vendors in the catalog are never flagged.
#include <gtest/gtest.h>

#include "corpus/facts.h"
#include "corpus/scan_run.h"
#include "support/test_support.h"

namespace sovscan::test {
namespace {

// Real captures of well-known non-PRC services (Google, Cloudflare, Microsoft, Apple ...), chosen
// from INDEX.tsv's "generic" category.
const char* const kNonPrcCaptures[] = {
    "wflib/www.google.com.pcapng", "ndpi/443-chrome.pcap",  "ndpi/443-firefox.pcap", "ndpi/443-curl.pcap",
    "ndpi/443-git.pcap",           "ndpi/anydesk.pcapng",   "ndpi/avast.pcap",
};

TEST(CounterExamples, NonPrcServicesYieldNoHighRiskFinding) {
    for (const char* capture : kNonPrcCaptures) {
        ScanRun run = scan_capture(corpus_file(capture));
        ASSERT_TRUE(run.report) << capture;
        EXPECT_GT(run.flows.size(), 0u) << capture;
        for (const Finding& f : run.report->findings)
            ADD_FAILURE() << capture << ": unexpected finding " << rule_info(f.rule).code << " " << f.summary;
    }
}

}  // namespace
}  // namespace sovscan::test
