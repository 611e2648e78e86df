import CPython

/// A subinterpreter with its own GIL (CPython 3.12 and newer), created and
/// ended on the calling thread. Pure Python in two of them runs in parallel.
public enum Subinterpreter {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Whether the embedded CPython can create subinterpreters with their own GIL.
    public static var isAvailable: Bool {
        let (major, minor) = Interpreter.compiledVersion
        return major > 3 || (major == 3 && minor >= 12)
    }

    /// Evaluates `expression` in a new own-GIL subinterpreter on this thread
    /// and returns `str()` of its value. The thread must not hold any GIL: it
    /// takes the main interpreter's first (a thread state to swap from), then
    /// the new interpreter's own.
    public static func evaluate(_ expression: String) throws -> String {
        guard isAvailable else {
            throw Unavailable(description: "needs CPython ≥ 3.12 (embedded: \(Interpreter.libraryVersion))")
        }
        return try GIL.withGIL { _ in
            let main = PyThreadState_Get()
            guard let sub = pyvs_new_own_gil_interpreter() else {
                PyErr_Clear()
                throw Unavailable(description: "could not create a subinterpreter with its own GIL")
            }
            defer {
                Py_EndInterpreter(sub)
                PyEval_RestoreThread(main)
            }
            return try Python.eval(expression).string()
        }
    }
}
