// fork + exec in C because the child must call prctl (variadic, not callable from Swift) and must run
// only async-signal-safe code between fork and exec, which Swift cannot promise.
#define _GNU_SOURCE
#include "CProcessGroup.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static void report_and_exit(int fd, int error) {
    ssize_t ignored = write(fd, &error, sizeof error);
    (void)ignored;
    _exit(127);
}

pid_t eltop_spawn_process_group(const char *path, char *const argv[], char *const envp[],
                                const char *directory, int output_fd, int death_signal) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return -errno;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int error = errno;
        close(report[0]);
        close(report[1]);
        return -error;
    }
    if (pid == 0) {
        close(report[0]);
        setpgid(0, 0);
#ifdef __linux__
        if (death_signal > 0) prctl(PR_SET_PDEATHSIG, death_signal);
        // The parent may have died between fork and prctl: then nobody would ever signal us.
        if (getppid() != parent) _exit(127);
#endif
        for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        int input = open("/dev/null", O_RDONLY);
        if (input < 0 || dup2(input, 0) < 0 || dup2(output_fd, 1) < 0 || dup2(output_fd, 2) < 0) report_and_exit(report[1], errno);
        if (directory != NULL && chdir(directory) != 0) report_and_exit(report[1], errno);
        execve(path, argv, envp);
        report_and_exit(report[1], errno);
    }
    close(report[1]);
    // Also from the parent, so a signal to the group cannot race the child's own setpgid.
    setpgid(pid, pid);
    int error = 0;
    ssize_t got;
    do {
        got = read(report[0], &error, sizeof error);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof error) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return -error;
    }
    return pid;
}

int eltop_cloexec_pipe(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
