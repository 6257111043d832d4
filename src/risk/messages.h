#pragma once
// Every word the risk documents print that is not catalogue data, in Czech and English, in one
// table (risk_messages.cpp): the writers have one layout each and ask this table for the words.
// Texts are UTF-8 (Czech with its diacritics); arguments inserted are raw and escaped by the
// writer together with the rest of the line.
#include <string>
#include <string_view>
#include <vector>

#include "risk/register.h"
#include "risk/text.h"

namespace sovscan {

// The message with key `key` ("title", "trigger.located", ...). An unknown key is a programming
// error: it returns "??key??" so that a test reading the output sees it.
std::string risk_msg(std::string_view key, RiskLang lang);
// The same with {0}, {1} ... replaced by `args` (raw).
std::string risk_msg_with(std::string_view key, RiskLang lang, const std::vector<std::string>& args);

// One derivation line in words: "+1 → 2: Přímé spojení ..." (the reason's code names the message
// "reason.<code>", whose {0}, {1} take the reason's arguments).
std::string render_reason(const RiskReason& r, RiskLang lang);

std::string render_measure_status(MeasureStatus s, RiskLang lang);
std::string render_risk_status(RiskStatus s, RiskLang lang);
std::string render_trigger(std::string_view trigger, RiskLang lang);
// "3 Vysoká" / "3 High" on the four-level scale.
std::string render_scale(int level, RiskLang lang);
// A threat's sources ("URL | note | file"): a Czech document cites the public addresses only; the
// project's own notes and file references are English and of no use to an auditor.
std::string cited_sources(const std::string& sources, RiskLang lang);
// A supplier's kind in words ("výrobce"); an unknown kind as it is, "" for none.
std::string supplier_kind_text(const std::string& kind, RiskLang lang);
// "to be decided" when empty.
std::string or_to_be_decided(const std::string& value, RiskLang lang);

}  // namespace sovscan
