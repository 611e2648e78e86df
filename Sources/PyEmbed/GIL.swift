import CPython
import Foundation

/// Taking the GIL from any thread of the host (the main interpreter only).
public enum GIL {
    /// Runs `body` holding the GIL, from any Swift thread of the main
    /// interpreter, with PyGILState_Ensure / PyGILState_Release around it.
    /// `body` gets the seconds the thread waited in PyGILState_Ensure.
    public static func withGIL<T>(_ body: (_ waitedSeconds: Double) throws -> T) rethrows -> T {
        let asked = monotonicSeconds()
        let state = PyGILState_Ensure()
        defer { PyGILState_Release(state) }
        return try body(monotonicSeconds() - asked)
    }

    private static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Runs `body` with the GIL released (Py_BEGIN/END_ALLOW_THREADS, which
    /// Swift cannot import as macros). The caller must hold the GIL.
    public static func releasing<T>(_ body: () throws -> T) rethrows -> T {
        let saved = PyEval_SaveThread()
        defer { PyEval_RestoreThread(saved) }
        return try body()
    }

}

/// A Python object handed to other threads. The object itself is reachable
/// only inside `withGIL`, so no thread touches its reference count or its
/// contents without holding the GIL.
public final class GILBound<Value>: @unchecked Sendable {  // unchecked: every access goes through withGIL
    private var value: Value?

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, holding the GIL (PyGILState_Ensure).
    /// `body` also gets the seconds this thread waited for the GIL.
    public func withGIL<T>(_ body: (_ value: Value, _ waitedSeconds: Double) throws -> T) rethrows -> T {
        try GIL.withGIL { waited in try body(value!, waited) }
    }

    deinit {
        // The last reference may go on a thread without the GIL: drop it holding the GIL.
        GIL.withGIL { _ in value = nil }
    }
}
