// The little C that Swift cannot call directly: prctl(2) is variadic, and
// sched_getcpu(3) and the affinity calls are declared only under _GNU_SOURCE.
#define _GNU_SOURCE
#include <sched.h>
#include <sys/prctl.h>

// Orphaned descendants are re-parented to this process instead of init.
static inline int pyvs_become_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

// The CPU the calling thread runs on now (-1 if unknown).
static inline int pyvs_current_cpu(void) { return sched_getcpu(); }

// Whether the calling process may run on `cpu`.
static inline int pyvs_may_run_on(int cpu) {
    cpu_set_t set;
    return cpu >= 0 && cpu < CPU_SETSIZE && sched_getaffinity(0, sizeof set, &set) == 0 && CPU_ISSET(cpu, &set);
}

// Keeps the calling thread on `cpu`; 0 on success.
static inline int pyvs_pin_thread(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set);
}
