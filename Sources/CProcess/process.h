// prctl(2) is variadic, which Swift cannot call: this wrapper is all the C
// pyvs needs for process containment.
#include <sys/prctl.h>

// Orphaned descendants are re-parented to this process instead of init.
static inline int pyvs_become_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }
