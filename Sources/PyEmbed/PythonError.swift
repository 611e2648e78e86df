import CPython

/// A Python exception turned into a Swift error: its type name, its message
/// and the formatted traceback, as Python would have printed it.
public struct PythonError: Error, CustomStringConvertible {
    public let typeName: String
    public let message: String
    public let traceback: String

    public var description: String { traceback.isEmpty ? "\(typeName): \(message)" : traceback }

    /// Takes (and clears) the pending Python exception. Must hold the GIL.
    /// Uses PyErr_Fetch, which every CPython from 3.8 to 3.13 has.
    public static func fetch() -> PythonError {
        var type: UnsafeMutablePointer<PyObject>?
        var value: UnsafeMutablePointer<PyObject>?
        var tb: UnsafeMutablePointer<PyObject>?
        PyErr_Fetch(&type, &value, &tb)
        PyErr_NormalizeException(&type, &value, &tb)
        defer { [type, value, tb].forEach { if let object = $0 { Py_DecRef(object) } } }
        guard let type else {
            return PythonError(typeName: "SystemError", message: "a Python call failed without setting an exception", traceback: "")
        }
        let typeName = text(PyObject_GetAttrString(type, "__name__")) ?? "Exception"
        let message = value.flatMap { text(PyObject_Str($0)) } ?? ""
        var traceback = ""
        if let value, let tb, let module = PyImport_ImportModule("traceback") {
            defer { Py_DecRef(module) }
            if let format = PyObject_GetAttrString(module, "format_exception"), let args = PyTuple_New(3) {
                for (index, item) in [type, value, tb].enumerated() {
                    Py_IncRef(item)
                    PyTuple_SetItem(args, index, item)
                }
                if let lines = PyObject_CallObject(format, args), let empty = PyUnicode_FromString("") {
                    traceback = text(PyUnicode_Join(empty, lines)) ?? ""
                    Py_DecRef(empty)
                    Py_DecRef(lines)
                }
                Py_DecRef(args)
                Py_DecRef(format)
            }
        }
        PyErr_Clear()
        if traceback.isEmpty { traceback = message.isEmpty ? typeName : "\(typeName): \(message)" }
        return PythonError(typeName: typeName, message: message, traceback: traceback)
    }

    /// The `str()` of a new reference (released here), or nil.
    private static func text(_ object: UnsafeMutablePointer<PyObject>?) -> String? {
        guard let object else { PyErr_Clear(); return nil }
        defer { Py_DecRef(object) }
        guard let str = PyObject_Str(object) else { PyErr_Clear(); return nil }
        defer { Py_DecRef(str) }
        return PyUnicode_AsUTF8(str).map { String(cString: $0) }
    }
}
