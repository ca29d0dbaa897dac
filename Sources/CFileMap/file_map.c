#define _GNU_SOURCE
#include "CFileMap.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/// The guarded mappings: a few at once at most (one dbt reader per project, tests in parallel).
enum { SLOTS = 8 };

struct guard {
    _Atomic uintptr_t start;  /// 0 while the slot is free
    _Atomic uintptr_t end;    /// 0 while the slot is being claimed or given back
    _Atomic int faulted;
};

static struct guard guards[SLOTS];
static struct sigaction previous;
static pthread_once_t installed = PTHREAD_ONCE_INIT;
static int install_error;

/// SIGBUS in a guarded range: map zeros over the page and return, so the access is retried and reads 0.
/// Anything else is handed to whoever had SIGBUS before (the Swift runtime's backtracer, or the default
/// action, restored so that the retried access ends the process as it would have).
static void on_sigbus(int signal, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t start = atomic_load(&guards[i].start);
        if (start != 0 && address >= start && address < atomic_load(&guards[i].end)) {
            uintptr_t page = address & ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
            if (mmap((void *)page, (size_t)sysconf(_SC_PAGESIZE), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
                atomic_store(&guards[i].faulted, 1);
                return;
            }
        }
    }
    if (previous.sa_flags & SA_SIGINFO) {
        previous.sa_sigaction(signal, info, context);
    } else if (previous.sa_handler != SIG_IGN && previous.sa_handler != SIG_DFL) {
        previous.sa_handler(signal);
    } else {
        sigaction(SIGBUS, &previous, NULL);
    }
}

static void install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGBUS, &action, &previous) != 0) install_error = errno;
}

const void *eltop_map_guarded(int fd, size_t length, int *slot) {
    pthread_once(&installed, install);
    if (install_error != 0) {
        errno = install_error;
        return NULL;
    }
    void *mapping = mmap(NULL, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (mapping == MAP_FAILED) return NULL;
    for (int i = 0; i < SLOTS; i++) {
        uintptr_t free_slot = 0;
        // Claimed with its end still 0 (an empty range), then given its end: the handler never sees
        // a slot's start with another mapping's end.
        if (atomic_compare_exchange_strong(&guards[i].start, &free_slot, (uintptr_t)mapping)) {
            atomic_store(&guards[i].faulted, 0);
            atomic_store(&guards[i].end, (uintptr_t)mapping + length);
            *slot = i;
            return mapping;
        }
    }
    munmap(mapping, length);
    errno = EBUSY;
    return NULL;
}

int eltop_unmap_guarded(const void *mapping, size_t length, int slot) {
    atomic_store(&guards[slot].end, 0);
    int faulted = atomic_load(&guards[slot].faulted);
    munmap((void *)mapping, length);
    atomic_store(&guards[slot].start, 0);
    return faulted;
}
