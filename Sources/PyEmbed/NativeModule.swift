import CPython
import Foundation

/// A built-in module whose functions are Swift closures, registered with
/// PyImport_AppendInittab before the interpreter starts.
///
/// Every function goes through one C trampoline: the function object's
/// `self` is a capsule holding the closure, so any number of closures can be
/// called without a C function each. PyModuleDef_HEAD_INIT is a macro Swift
/// cannot import, so the definition is zero-filled and its fields set one by
/// one. Definitions and closures live for the whole process (CPython keeps
/// pointers to them).
public enum NativeModule {
    /// Called holding the GIL with the one argument (METH_O). A thrown error
    /// becomes a Python RuntimeError.
    public typealias Function = @Sendable (PyRef) throws -> PyRef

    public struct Method: Sendable {
        public let name: String
        public let doc: String
        public let function: Function
        public init(name: String, doc: String, function: @escaping Function) {
            self.name = name; self.doc = doc; self.function = function
        }
    }

    fileprivate final class Registered: @unchecked Sendable {  // unchecked: written once, before the interpreter starts
        var definition: UnsafeMutablePointer<PyModuleDef>?
        var methods: [Method] = []
    }

    fileprivate static let registered = Registered()

    /// Registers `name` as a built-in module. Call once, before `Interpreter.start`.
    public static func register(name: String, doc: String, methods: [Method]) {
        let def = UnsafeMutablePointer<PyModuleDef>.allocate(capacity: 1)
        memset(def, 0, MemoryLayout<PyModuleDef>.size)
        def.pointee.m_name = UnsafePointer(strdup(name))
        def.pointee.m_doc = UnsafePointer(strdup(doc))
        def.pointee.m_size = -1
        // The object header PyModuleDef_HEAD_INIT would give: one reference.
        Py_IncRef(UnsafeMutableRawPointer(def).assumingMemoryBound(to: PyObject.self))
        registered.definition = def
        registered.methods = methods
        PyImport_AppendInittab(strdup(name), nativeModuleInit)  // CPython keeps the name pointer
    }
}

/// The closure a function object calls, kept alive by its capsule.
private final class Closure {
    let function: NativeModule.Function
    init(_ function: @escaping NativeModule.Function) { self.function = function }
}

/// The module's init function (a global: a C callback must not be a closure
/// that captures, nor isolated to the main actor).
private func nativeModuleInit() -> UnsafeMutablePointer<PyObject>? {
    guard let definition = NativeModule.registered.definition,
          let module = PyModule_Create2(definition, PYTHON_API_VERSION) else { return nil }
    // Its functions take the GIL themselves where they need it (a free-threaded build has none to take).
    guard pyvs_module_runs_without_gil(module) == 0 else { Py_DecRef(module); return nil }
    for method in NativeModule.registered.methods {
        let table = UnsafeMutablePointer<PyMethodDef>.allocate(capacity: 1)
        table.pointee = PyMethodDef(ml_name: strdup(method.name), ml_meth: trampoline, ml_flags: METH_O,
                                    ml_doc: strdup(method.doc))
        let closure = Unmanaged.passRetained(Closure(method.function)).toOpaque()
        guard let capsule = PyCapsule_New(closure, nil, nil) else { Py_DecRef(module); return nil }
        let function = PyCMethod_New(table, capsule, nil, nil)
        Py_DecRef(capsule)
        guard let function, PyModule_AddObjectRef(module, method.name, function) == 0 else {
            if let function { Py_DecRef(function) }
            Py_DecRef(module)
            return nil
        }
        Py_DecRef(function)
    }
    return module
}

/// The C side of every native function: `capsule` holds the Swift closure.
private func trampoline(_ capsule: UnsafeMutablePointer<PyObject>?, _ argument: UnsafeMutablePointer<PyObject>?) -> UnsafeMutablePointer<PyObject>? {
    guard let raw = PyCapsule_GetPointer(capsule, nil), let argument else { return nil }
    let closure = Unmanaged<Closure>.fromOpaque(raw).takeUnretainedValue()
    do {
        let result = try closure.function(PyRef(borrowing: argument))
        Py_IncRef(result.pointer)  // a new reference for the caller
        return result.pointer
    } catch {
        // RuntimeError looked up in builtins: the C global PyExc_RuntimeError
        // is shared mutable state to Swift 6.
        let builtins = PyImport_ImportModule("builtins")
        let type = builtins.flatMap { PyObject_GetAttrString($0, "RuntimeError") }
        PyErr_SetString(type, String(describing: error))
        if let type { Py_DecRef(type) }
        if let builtins { Py_DecRef(builtins) }
        return nil
    }
}
