// Large arrays on transparent huge pages. glibc's malloc puts the blocks it maps, and its
// heap as it grows, on transparent huge pages when told so at start-up
// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1): filling a month's tables then takes a third of the
// page faults, and the report a tenth less time (docs/benchmarks.md). The setting is read
// only as a process starts, so csperf sets it and starts itself over, once, before anything
// else. CSPERF_SMALL_PAGES=1, or a GLIBC_TUNABLES that names glibc.malloc.hugetlb, keeps it
// from doing so.
#pragma once

namespace csperf::cli {

// Returns only when the process already runs so, or cannot start over (then as it was).
void StartOnHugePages(char** argv);

}  // namespace csperf::cli
