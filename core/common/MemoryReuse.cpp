#include "common/MemoryReuse.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace studio {

void keepFreedMemoryForReuse()
{
#if defined(__GLIBC__)
    // Blocks up to 64 MiB come from the heap, not from mmap (which unmaps on free), and the heap
    // keeps up to 256 MiB of free memory at its top before it is trimmed.
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
}

} // namespace studio
