#pragma once
// Every flow as a CSV row (`sovscan scan --flows FILE.csv`), written as flows end: the flow record
// export flow tools (nfdump, softflowd) give, with the server's name and how it was learnt.
#include <ostream>

#include "flows/flow.h"

namespace sovscan {

class FlowCsvWriter {
public:
    explicit FlowCsvWriter(std::ostream& out);
    void write(const Flow& flow);

private:
    std::ostream& out_;
};

}  // namespace sovscan
