#include "cli/app.h"

// jemalloc's build-time options (read once at its start; MALLOC_CONF still overrides): back its
// arenas with transparent huge pages where the kernel allows them on request (madvise, Debian's
// default). Every run loads the catalog (ten thousand domains, about 20 MB touched once); in 4 KiB
// pages that is ~4,000 page faults, which cost more than the parsing itself on a virtual machine
// (sovscan lookup: 77 ms -> 30 ms on the development VM, bench/README.md). Big scans keep their flow
// table in fewer TLB entries too. Ignored when sovscan is not linked with jemalloc.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}

int main(int argc, char** argv) { return sovscan::cli::run(argc, argv); }
