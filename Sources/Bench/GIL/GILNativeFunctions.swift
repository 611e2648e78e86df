import CPython
import Kernels
import PyEmbed

/// The native Swift functions Python threads call in the GIL study: the
/// cpu-bound kernel, once releasing the GIL around its loop (what a C
/// extension does with Py_BEGIN_ALLOW_THREADS) and once holding it.
enum GILNativeFunctions {
    static func register() {
        NativeModule.register(name: "pyvs_native", doc: "pyvs's native Swift kernel", methods: [
            .init(name: "sum_squares", doc: "sum(i*i for i in range(n)) in Swift, with the GIL released",
                  function: sumSquaresReleasingGIL),
            .init(name: "sum_squares_holding_gil", doc: "sum(i*i for i in range(n)) in Swift, holding the GIL",
                  function: sumSquaresHoldingGIL),
        ])
    }
}

private func sumSquaresReleasingGIL(_ module: UnsafeMutablePointer<PyObject>?, _ argument: UnsafeMutablePointer<PyObject>?) -> UnsafeMutablePointer<PyObject>? {
    guard let n = NativeModule.int(argument) else { return nil }
    let result = GIL.releasing { SumOfSquares.task(n: n) }
    return NativeModule.int(decimal: String(result))
}

private func sumSquaresHoldingGIL(_ module: UnsafeMutablePointer<PyObject>?, _ argument: UnsafeMutablePointer<PyObject>?) -> UnsafeMutablePointer<PyObject>? {
    guard let n = NativeModule.int(argument) else { return nil }
    return NativeModule.int(decimal: String(SumOfSquares.task(n: n)))
}
