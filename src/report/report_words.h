#pragma once
// The words the scan's documents share with the risk register, in Czech and English: names of
// asset categories and of attribution bases, a finding's summary rendered from its fields, counted
// nouns and byte amounts. The risk register's own table (risk/messages.cpp) falls back to this
// one, so both documents say the same thing in the same words. Texts are plain UTF-8; writers
// escape them.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "assess/finding.h"
#include "common/number_text.h"
#include "risk/text.h"

namespace sovscan {

inline NumberStyle number_style(RiskLang lang) { return lang == RiskLang::cs ? NumberStyle::czech : NumberStyle::english; }

// The message `key` of this table; "??key??" when there is none (a test reading the output sees it).
std::string report_msg(std::string_view key, RiskLang lang);
bool has_report_msg(std::string_view key);
// The same with {0}, {1} ... replaced by `args` (raw).
std::string report_msg_with(std::string_view key, RiskLang lang, const std::vector<std::string>& args);

// "5 aktiv", "1 asset": the count and the form of the noun `forms_key` names ("count.assets").
std::string counted(uint64_t n, std::string_view forms_key, RiskLang lang);
// The noun alone in the form the count needs ("aktiv"), e.g. for a card under a big number.
std::string counted_word(uint64_t n, std::string_view forms_key, RiskLang lang);
// "2 ze 2", "5 z 10", "2 of 2".
std::string part_of(uint64_t part, uint64_t whole, RiskLang lang);

// Decimal bytes in the language's typography: "2,9 kB" / "2.9 kB".
std::string bytes_text(double bytes, RiskLang lang);

// An asset category ("ip_camera") in words ("IP kamera"); a category this table does not know
// (the operator's own word from a CMDB) comes back as it is.
std::string category_name(std::string_view category, RiskLang lang);
// How a vendor was attributed ("mac_oui") in words ("prefix MAC adresy (OUI)"); rule codes
// (SOV-001) and unknown tokens come back as they are.
std::string basis_name(std::string_view basis, RiskLang lang);
std::vector<std::string> basis_names(const std::vector<std::string>& bases, RiskLang lang);

// A rule's title ("Data sent to a server located in a high-risk jurisdiction") in `lang`.
std::string rule_title(const RuleInfo& rule, RiskLang lang);

// A finding's one-line summary in `lang`. English is the summary assess wrote; Czech is built from
// the finding's fields (rule, asset, counterpart, bytes, vendor). Names in it are readable text
// (readable_text) already, like Finding::summary.
std::string finding_summary_text(const Finding& f, RiskLang lang);

}  // namespace sovscan
