import CPython

/// Taking the GIL from any thread of the host (the main interpreter only).
public enum GIL {
    /// Runs `body` holding the GIL, from any Swift thread, with
    /// PyGILState_Ensure / PyGILState_Release around it.
    public static func withGIL<T>(_ body: () throws -> T) rethrows -> T {
        let state = PyGILState_Ensure()
        defer { PyGILState_Release(state) }
        return try body()
    }

    /// Runs `body` with the GIL released (Py_BEGIN/END_ALLOW_THREADS, which
    /// Swift cannot import as macros). The caller must hold the GIL.
    public static func releasing<T>(_ body: () throws -> T) rethrows -> T {
        let saved = PyEval_SaveThread()
        defer { PyEval_RestoreThread(saved) }
        return try body()
    }
}
