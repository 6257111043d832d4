#pragma once
// Applies the policy's exceptions to the findings of a scan, in one place, after they are built.
// A covered finding is kept and marked (an auditor sees what was accepted, by whom, until when);
// an expired exception covers nothing and becomes a finding of its own (SOV-006).
#include <vector>

#include "common/calendar_date.h"
#include "assess/finding.h"
#include "assess/policy.h"

namespace sovscan {

class ExceptionApplier {
public:
    // `today` is the scan's date, given by the caller: nothing here reads a clock.
    ExceptionApplier(const Policy& policy, CalendarDate today) : policy_(policy), today_(today) {}

    // Marks each finding the first valid matching exception covers (file order), adds one SOV-006
    // finding per expired exception, and restores the report order.
    void apply(std::vector<Finding>& findings) const;

private:
    Finding expired(const PolicyException& e, size_t would_cover) const;

    const Policy& policy_;
    CalendarDate today_;
};

}  // namespace sovscan
