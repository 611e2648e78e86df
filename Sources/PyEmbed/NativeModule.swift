import CPython
import Foundation

/// A built-in module whose functions are Swift functions, registered with
/// PyImport_AppendInittab before the interpreter starts.
///
/// PyModuleDef_HEAD_INIT is a macro Swift cannot import, so the definition is
/// zero-filled and its fields set one by one. The definition and its method
/// table live for the whole process (CPython keeps pointers to them).
public enum NativeModule {
    public typealias Function = @convention(c) (UnsafeMutablePointer<PyObject>?, UnsafeMutablePointer<PyObject>?) -> UnsafeMutablePointer<PyObject>?

    /// One function taking exactly one argument (METH_O).
    public struct Method {
        public let name: String
        public let doc: String
        public let function: Function
        public init(name: String, doc: String, function: @escaping Function) {
            self.name = name; self.doc = doc; self.function = function
        }
    }

    nonisolated(unsafe) static var definition: UnsafeMutablePointer<PyModuleDef>?

    /// Registers `name` as a built-in module. Call once, before `Interpreter.start`.
    public static func register(name: String, doc: String, methods: [Method]) {
        let table = UnsafeMutablePointer<PyMethodDef>.allocate(capacity: methods.count + 1)
        for (index, method) in methods.enumerated() {
            table[index] = PyMethodDef(ml_name: strdup(method.name), ml_meth: method.function,
                                       ml_flags: METH_O, ml_doc: strdup(method.doc))
        }
        table[methods.count] = PyMethodDef(ml_name: nil, ml_meth: nil, ml_flags: 0, ml_doc: nil)
        let def = UnsafeMutablePointer<PyModuleDef>.allocate(capacity: 1)
        memset(def, 0, MemoryLayout<PyModuleDef>.size)
        def.pointee.m_name = UnsafePointer(strdup(name))
        def.pointee.m_doc = UnsafePointer(strdup(doc))
        def.pointee.m_size = -1
        def.pointee.m_methods = table
        // The object header PyModuleDef_HEAD_INIT would give: one reference.
        Py_IncRef(UnsafeMutableRawPointer(def).assumingMemoryBound(to: PyObject.self))
        definition = def
        PyImport_AppendInittab(strdup(name), nativeModuleInit)  // CPython keeps the name pointer
    }

    /// An int argument, or nil with a Python TypeError/OverflowError set.
    public static func int(_ object: UnsafeMutablePointer<PyObject>?) -> Int? {
        let value = PyLong_AsLongLong(object)
        if value == -1 && PyErr_Occurred() != nil { return nil }
        return Int(value)
    }

    /// A new Python int from decimal digits (for results beyond 64 bits).
    public static func int(decimal: String) -> UnsafeMutablePointer<PyObject>? {
        PyLong_FromString(decimal, nil, 10)
    }
}

/// The module's init function (a global: a C callback must not be a closure
/// that captures, nor isolated to the main actor).
private func nativeModuleInit() -> UnsafeMutablePointer<PyObject>? {
    guard let definition = NativeModule.definition else { return nil }
    return PyModule_Create2(definition, PYTHON_API_VERSION)
}
