// The little C that Swift cannot call directly: prctl(2) and syscall(2)
// are variadic, and sched_getcpu(3) and pipe2(2) are declared only under _GNU_SOURCE.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

// Orphaned descendants are re-parented to this process instead of init.
static inline int pyvs_become_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

// The CPU the calling thread runs on now (-1 if unknown).
static inline int pyvs_current_cpu(void) { return sched_getcpu(); }

// A file descriptor that becomes readable when process `pid` ends (Linux
// 5.3 and later; -1 where there is none).
static inline int pyvs_pidfd_open(int pid) {
#ifdef SYS_pidfd_open
    return (int)syscall(SYS_pidfd_open, pid, 0);
#else
    return -1;
#endif
}

// A pipe whose ends are close-on-exec from the moment they exist.
static inline int pyvs_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
