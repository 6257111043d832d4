#pragma once
// Before a command reads its first packet: can every output it was asked for be written, and would
// writing it destroy something? (issue 19: `scan --flows captures/*.pcap` once truncated the first
// capture into a CSV; `-o` into a missing directory failed only after the whole scan.)
#include <string>
#include <vector>

namespace sovscan::cli {

struct RequestedOutput {
    std::string option;  // "-o", "--flows": how the error names it
    std::string path;    // "" = not requested (or standard output)
};

// Checks each requested output against the run's inputs (files, or directories searched for them):
//  - its directory exists and is writable;
//  - it is not a directory, and no two outputs are the same file;
//  - it is not one of the inputs, nor a file inside an input directory that the run reads: never,
//    not even with --force;
//  - an existing file that is a packet capture (pcap or pcapng, by its first bytes) is not
//    overwritten unless `force`: a capture is never a sovscan output.
// Prints one "sovscan: error: ..." line per problem (paths escaped) and returns false if any.
bool check_outputs(const std::vector<RequestedOutput>& outputs, const std::vector<std::string>& inputs, bool force);

}  // namespace sovscan::cli
