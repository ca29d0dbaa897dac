// Linux's timerfd (EltopPollers' TimerFDAlarm): <sys/timerfd.h> is not in Swift's Glibc module.
// Linux only; elsewhere the module is empty and the runtime's alarm is a dispatch timer.
#ifdef __linux__
#include <sys/timerfd.h>
#include <time.h>

/// A monotonic, close-on-exec timerfd; -1 (errno set) when none can be made.
static inline int eltop_timerfd_create(void) { return timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC); }

/// Arms `fd` to expire once, `nanoseconds` (> 0) from now, or disarms it with 0; 0 on success.
static inline int eltop_timerfd_arm(int fd, long long nanoseconds) {
    struct itimerspec when = {{0, 0}, {(time_t)(nanoseconds / 1000000000LL), (long)(nanoseconds % 1000000000LL)}};
    return timerfd_settime(fd, 0, &when, 0);
}
#endif
