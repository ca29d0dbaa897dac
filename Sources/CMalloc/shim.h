// glibc's malloc tuning for Swift (EltopApp's MallocTuning): <malloc.h> is not in Swift's Glibc module.
// Linux only; elsewhere the module is empty and MallocTuning does nothing.
#ifdef __linux__
#include <malloc.h>

/// At most `arenas` malloc arenas; 1 on success.
static inline int eltop_malloc_limit_arenas(int arenas) { return mallopt(M_ARENA_MAX, arenas); }
/// Returns the free pages of every arena to the kernel; 1 if any were.
static inline int eltop_malloc_trim(void) { return malloc_trim(0); }
#endif
