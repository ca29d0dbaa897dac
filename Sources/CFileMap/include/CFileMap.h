#ifndef ELTOP_CFILEMAP_H
#define ELTOP_CFILEMAP_H

#include <stddef.h>

/// A read-only private mapping of `length` bytes of the file `fd` has open, guarded against SIGBUS: when
/// the file shrinks under the mapping (dbt rewrites its artifacts in place, truncating first) and a page
/// past the new end is touched, the guard puts a page of zeros there instead of letting the signal kill
/// the process, and `eltop_unmap_guarded` reports it. Zeros are never valid JSON, so a reader over the
/// bytes fails; the caller then discards whatever it made of them.
///
/// Returns the mapping, or NULL with errno set (no slot free: EBUSY). `length` must not be 0.
/// `*slot` receives the guard's slot, to be handed back to `eltop_unmap_guarded`.
const void *eltop_map_guarded(int fd, size_t length, int *slot);

/// Unmaps a mapping made by `eltop_map_guarded`; returns 1 if a page of it was replaced by zeros (the
/// file shrank while it was read), else 0.
int eltop_unmap_guarded(const void *mapping, size_t length, int slot);

#endif
