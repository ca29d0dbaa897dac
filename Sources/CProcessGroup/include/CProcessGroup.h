#ifndef ELTOP_CPROCESSGROUP_H
#define ELTOP_CPROCESSGROUP_H

#include <sys/types.h>

/// Starts `path` as the leader of a new process group, with stdin from /dev/null, stdout and stderr on
/// `output_fd`, in `directory`, and `death_signal` delivered to it if the calling thread dies first
/// (Linux PR_SET_PDEATHSIG; 0 for none). Signal dispositions and the signal mask are reset, since the
/// parent ignores SIGINT/SIGTERM for its dispatch sources and ignored signals survive exec.
///
/// Returns the child's pid, or -errno when fork, chdir or exec failed (the child reports exec failures
/// through a close-on-exec pipe, so a missing executable is an error here, not a silent exit 127).
pid_t eltop_spawn_process_group(const char *path, char *const argv[], char *const envp[],
                                const char *directory, int output_fd, int death_signal);

/// pipe2(fds, O_CLOEXEC): a pipe no other child inherits (pipe2 is not visible to Swift on glibc).
int eltop_cloexec_pipe(int fds[2]);

#endif
