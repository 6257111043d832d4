#include "assess/exception_applier.h"

#include <fmt/format.h>

#include "common/escape.h"

namespace sovscan {

Finding ExceptionApplier::expired(const PolicyException& e, size_t would_cover) const {
    const ExceptionRef& r = e.ref();
    Finding f;
    f.rule = RuleId::policy_exception_expired;
    f.severity = policy_.severity_of(f.rule);
    f.confidence = "high";  // a date comparison, not an inference
    f.asset.is_local = false;  // about the policy file, not about a local asset
    // Summaries are readable text when built (readable_text): the id and owner are the policy
    // author's words, which may hold anything.
    f.summary = fmt::format("policy exception {} (owner: {}) expired on {}", readable_text(r.id),
                            readable_text(r.owner), r.expires.to_string());
    const std::string version = policy_.file_sha256.empty() ? "" : "sha256:" + policy_.file_sha256;
    f.evidence.push_back(Evidence{fmt::format("exception {} was valid through {}; the scan is dated {}, so it suppresses nothing",
                                              r.id, r.expires.to_string(), today_.to_string()),
                                  r.defined_at, version});
    f.evidence.push_back(Evidence{fmt::format("{} finding(s) of this scan match it; it suppressed none of them",
                                              would_cover),
                                  "observed", ""});
    f.about_exception = r;
    return f;
}

void ExceptionApplier::apply(std::vector<Finding>& findings) const {
    if (policy_.exceptions.empty()) return;
    std::vector<size_t> expired_matches(policy_.exceptions.size(), 0);
    for (Finding& f : findings) {
        for (size_t i = 0; i < policy_.exceptions.size(); ++i) {
            const PolicyException& e = policy_.exceptions[i];
            if (!e.matches(f)) continue;
            if (e.expired_on(today_)) {
                ++expired_matches[i];  // a later, valid exception may still cover it
                continue;
            }
            f.suppressed_by = e.ref();
            break;
        }
    }
    for (size_t i = 0; i < policy_.exceptions.size(); ++i)
        if (policy_.exceptions[i].expired_on(today_)) findings.push_back(expired(policy_.exceptions[i], expired_matches[i]));
    sort_findings(findings);
}

}  // namespace sovscan
