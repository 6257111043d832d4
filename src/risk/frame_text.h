#pragma once
// The decree's frame (issue 15) in words of one language, once, for every writer: the document
// header, the legal basis, the evidence warnings, the primary assets and the method appendix. Each
// writer lays these out in its own format (Markdown, HTML, JSON, XLSX) and escapes them there:
// every string here is raw.
#include <string>
#include <utility>
#include <vector>

#include "risk/register.h"
#include "risk/text.h"

namespace sovscan {

struct TextTable {
    std::vector<std::string> head;
    std::vector<std::vector<std::string>> rows;
};

struct TextSection {
    std::string title;
    std::vector<std::string> paragraphs;
    TextTable table;  // empty head: none
};

struct FrameText {
    std::string header_title;
    std::vector<std::pair<std::string, std::string>> header;  // label, value
    std::string legal_title;
    std::vector<std::string> legal_basis;
    std::vector<std::string> warnings;  // short or old evidence, in plain words
    std::string primary_title;
    std::vector<std::string> primary_notes;
    TextTable primary_assets;
    std::string appendix_title;
    std::vector<TextSection> appendix;  // the method as this register applied it
};

FrameText frame_text(const RiskRegister& reg, RiskLang lang);

// "2026-01-05 10:00:00" (UTC) of a Unix time in ns.
std::string frame_time(int64_t ns);
// How an asset's values were reached, in words: "inventory (CMDB)", "defaults of category camera",
// followed by "; C, I raised to primary asset P-1" when it inherited.
std::string asset_value_basis(const ValuedAsset& a, RiskLang lang);

}  // namespace sovscan
