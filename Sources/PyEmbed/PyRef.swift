import CPython

/// An owned (strong) reference to a Python object. The reference is released
/// when the Swift value goes away, so every `PyRef` must be created and dropped
/// while the current thread holds the GIL (inside `GIL.withGIL`, or on the
/// thread that started the interpreter before it releases the GIL). It is not
/// Sendable: to hand one to another thread, wrap it in `GILBound`.
public final class PyRef {
    public let pointer: UnsafeMutablePointer<PyObject>

    /// Takes over a new reference; throws the pending Python error when NULL.
    public init(owning pointer: UnsafeMutablePointer<PyObject>?) throws {
        guard let pointer else { throw PythonError.fetch() }
        self.pointer = pointer
    }

    /// Adds a reference to a borrowed pointer.
    public init(borrowing pointer: UnsafeMutablePointer<PyObject>) {
        Py_IncRef(pointer)
        self.pointer = pointer
    }

    deinit { Py_DecRef(pointer) }

    public convenience init(_ value: Int) throws {
        try self.init(owning: PyLong_FromLongLong(Int64(value)))
    }

    public convenience init(_ value: Double) throws {
        try self.init(owning: PyFloat_FromDouble(value))
    }

    public convenience init(_ value: String) throws {
        try self.init(owning: PyUnicode_FromString(value))
    }

    public convenience init(_ value: Bool) throws {
        try self.init(owning: PyBool_FromLong(value ? 1 : 0))
    }

    /// A Python int from decimal digits (for values beyond 64 bits).
    public convenience init(decimal: String) throws {
        try self.init(owning: PyLong_FromString(decimal, nil, 10))
    }

    public convenience init(tuple items: [PyRef]) throws {
        try self.init(owning: PyTuple_New(items.count))
        for (index, item) in items.enumerated() {
            Py_IncRef(item.pointer)  // PyTuple_SetItem steals one reference
            guard PyTuple_SetItem(pointer, index, item.pointer) == 0 else { throw PythonError.fetch() }
        }
    }

    public convenience init(list items: [PyRef]) throws {
        try self.init(owning: PyList_New(items.count))
        for (index, item) in items.enumerated() {
            Py_IncRef(item.pointer)  // PyList_SetItem steals one reference
            guard PyList_SetItem(pointer, index, item.pointer) == 0 else { throw PythonError.fetch() }
        }
    }

    public convenience init(dict items: [String: PyRef]) throws {
        try self.init(owning: PyDict_New())
        for (key, value) in items {
            guard PyDict_SetItemString(pointer, key, value.pointer) == 0 else { throw PythonError.fetch() }
        }
    }

    public func attribute(_ name: String) throws -> PyRef {
        try PyRef(owning: PyObject_GetAttrString(pointer, name))
    }

    /// Calls the object with positional and keyword arguments.
    public func call(_ args: [PyRef] = [], keywords: [String: PyRef] = [:]) throws -> PyRef {
        let tuple = try PyRef(tuple: args)
        let kwargs = keywords.isEmpty ? nil : try PyRef(dict: keywords)
        return try PyRef(owning: PyObject_Call(pointer, tuple.pointer, kwargs?.pointer))
    }

    public var isNone: Bool { Py_IsNone(pointer) != 0 }

    /// Item `index` of a sequence (tuple, list, ...).
    public func item(_ index: Int) throws -> PyRef {
        try PyRef(owning: PySequence_GetItem(pointer, index))
    }

    /// len() of a sequence or mapping.
    public func count() throws -> Int {
        let size = PyObject_Size(pointer)
        if size < 0 { throw PythonError.fetch() }
        return size
    }

    /// `str(self)` as a Swift string.
    public func string() throws -> String {
        let text = try PyRef(owning: PyObject_Str(pointer))
        guard let utf8 = PyUnicode_AsUTF8(text.pointer) else { throw PythonError.fetch() }
        return String(cString: utf8)
    }

    public func double() throws -> Double {
        let value = PyFloat_AsDouble(pointer)
        if value == -1, PyErr_Occurred() != nil { throw PythonError.fetch() }
        return value
    }

    /// Python's truth of the object (`bool(self)`).
    public func isTrue() throws -> Bool {
        let truth = PyObject_IsTrue(pointer)
        if truth < 0 { throw PythonError.fetch() }
        return truth == 1
    }

    public func int() throws -> Int {
        let value = PyLong_AsLongLong(pointer)
        if value == -1, PyErr_Occurred() != nil { throw PythonError.fetch() }
        return Int(value)
    }
}

public enum Python {
    public static func importModule(_ name: String) throws -> PyRef {
        try PyRef(owning: PyImport_ImportModule(name))
    }

    /// Evaluates one expression in `__main__`'s namespace.
    public static func eval(_ expression: String) throws -> PyRef {
        let main = try PyRef(borrowing: PyImport_AddModule("__main__") ?? { throw PythonError.fetch() }())
        let globals = try PyRef(borrowing: PyModule_GetDict(main.pointer) ?? { throw PythonError.fetch() }())
        return try PyRef(owning: PyRun_StringFlags(expression, Py_eval_input, globals.pointer, globals.pointer, nil))
    }
}
