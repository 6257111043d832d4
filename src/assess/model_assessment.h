#pragma once
// `sovscan models`: who made each model found, how sure that is, and the verdict under the policy.
// The origin is the best match of the model's identifying values (ModelArtifact::attributes)
// against data/model_origins.csv: the most confident first, then the model's own words before its
// parent's, then organisation, name, architecture, tokenizer and special token in that order — so a
// DeepSeek model in the Llama architecture is DeepSeek's, and Kimi K2 (model_type kimi_k2, class
// DeepseekV3ForCausalLM) is Moonshot's. The vendor's control country then decides, as for every
// other finding (JurisdictionJudge).
#include <string>
#include <vector>

#include "assess/finding.h"
#include "assess/jurisdiction_judge.h"
#include "assess/policy.h"
#include "intel/catalog.h"
#include "intel/model_origin.h"
#include "inventory/asset_record.h"

namespace sovscan {

struct ModelAssessment {
    ModelArtifact model;
    const Vendor* vendor = nullptr;  // the origin; null when no catalogued pattern matched
    std::string family;              // "Qwen", "DeepSeek", ...
    std::string confidence;          // of the origin: high, medium or low ("" without one)
    std::string controlled_by;       // the vendor's control country
    // Every match, the deciding one first, each citing its catalog row. Facts and reasons quote the
    // model's files raw: writers escape them.
    std::vector<Evidence> evidence;
    JurisdictionJudgement judgement;
    Verdict verdict = Verdict::clear;
    std::vector<std::string> reasons;  // why the verdict, one line each
    std::string note;                  // local weights versus an API client, for a high-risk origin
};

class ModelJudge {
public:
    ModelJudge(const Catalog& catalog, const Policy& policy);
    ModelAssessment assess(ModelArtifact model) const;

private:
    const Catalog& catalog_;
    const Policy& policy_;
    ModelOriginMatcher matcher_;
    JurisdictionJudge judge_;
};

}  // namespace sovscan
