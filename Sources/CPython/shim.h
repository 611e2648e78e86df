// The whole C shim. <sys/select.h> and <stdio.h> must come before
// <Python.h>: otherwise a clean build fails on fd_set being defined by two
// modules (CDispatch and CPython), and only a second build passes.
#include <sys/select.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

// A free-threaded CPython (3.13t) re-enables the GIL for the whole process
// when a module that does not declare otherwise is imported. pyvs's native
// module declares that it does not need the GIL; nothing on a GIL build.
// An isolated PyConfig ignores the environment, PYTHON_GIL included: on a
// free-threaded build pyvs passes PYTHON_GIL=0/1 on as the config's
// enable_gil (CPython's own values: 0 disable, 1 enable, -1 default).
static inline void pyvs_config_gil_from_environment(PyConfig *config) {
#ifdef Py_GIL_DISABLED
    const char *value = getenv("PYTHON_GIL");
    if (value && strcmp(value, "1") == 0) config->enable_gil = 1;
    if (value && strcmp(value, "0") == 0) config->enable_gil = 0;
#else
    (void)config;
#endif
}

static inline int pyvs_free_threaded_build(void) {
#ifdef Py_GIL_DISABLED
    return 1;
#else
    return 0;
#endif
}

static inline int pyvs_module_runs_without_gil(PyObject *module) {
#ifdef Py_GIL_DISABLED
    return PyUnstable_Module_SetGIL(module, Py_MOD_GIL_NOT_USED);
#else
    (void)module;
    return 0;
#endif
}
