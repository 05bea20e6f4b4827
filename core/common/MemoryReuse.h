#pragma once

// Keeps freed memory in the process for the next allocation instead of handing it back to the
// system at once. A training step allocates and frees the same few large buffers (gates, their
// gradients, the products) every step; with glibc's defaults each of them came back as fresh
// pages, and the page faults cost ~15% of seed4's training step (docs/BENCHMARKS.md). Called once
// at the start of each program; a no-op where the C library is not glibc.

namespace studio {

void keepFreedMemoryForReuse();

} // namespace studio
