// The whole C shim. <sys/select.h> and <stdio.h> must come before
// <Python.h>: otherwise a clean build fails on fd_set being defined by two
// modules (CDispatch and CPython), and only a second build passes.
#include <sys/select.h>
#include <stdio.h>
#include <Python.h>

// Subinterpreters with their own GIL exist from CPython 3.12 on. This returns
// the new thread state (and makes it current), or NULL when the embedded
// CPython is older or the interpreter could not be created.
static inline PyThreadState *pyvs_new_own_gil_interpreter(void) {
#if PY_VERSION_HEX >= 0x030C0000
    PyInterpreterConfig config = {
        .use_main_obmalloc = 0,
        .allow_fork = 0,
        .allow_exec = 0,
        .allow_threads = 1,
        .allow_daemon_threads = 0,
        .check_multi_interp_extensions = 1,
        .gil = PyInterpreterConfig_OWN_GIL,
    };
    PyThreadState *tstate = NULL;
    PyStatus status = Py_NewInterpreterFromConfig(&tstate, &config);
    if (PyStatus_Exception(status)) return NULL;
    return tstate;
#else
    return NULL;
#endif
}
