import Foundation
import PyEmbed
import Synchronization
import Testing

/// The embedded CPython in this test process, on a thread of its own: it
/// starts there once (with a native module registered first, as the GIL
/// study registers its own) and holds the GIL between jobs, as a worker's
/// main thread does.
final class PythonThread: @unchecked Sendable {  // unchecked: jobs and their results pass under `condition`
    static let shared = PythonThread()
    static let module = "pyvs_embed_test"

    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private(set) var startError: String?

    private init() {
        NativeModule.register(name: Self.module, doc: "functions of the PyEmbed tests", methods: [
            .init(name: "twice", doc: "its argument doubled, computed in Swift") { argument in try PyRef(try argument.int() * 2) },
            .init(name: "refuse", doc: "raises from Swift") { _ in throw Refusal() },
        ])
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            do {
                try Interpreter.start(executable: Interpreter.matchingExecutable() ?? "/usr/bin/python3")
            } catch {
                startError = "\(error)"
            }
            started.signal()
            while true {
                condition.lock()
                while jobs.isEmpty { condition.wait() }
                let job = jobs.removeFirst()
                condition.unlock()
                job()
            }
        }
        thread.start()
        started.wait()
    }

    struct Refusal: Error, CustomStringConvertible { var description: String { "refused in Swift" } }

    /// Runs `body` on the interpreter's thread, holding the GIL, and returns what it returned.
    func run<T>(_ body: @escaping () throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<T, Error>?
        condition.lock()
        jobs.append { result = Result { try body() }; done.signal() }
        condition.signal()
        condition.unlock()
        done.wait()
        return try result!.get()
    }
}

@Suite(.serialized) struct PyEmbedTests {
    let python = PythonThread.shared

    @Test func theInterpreterStartsAndIsTheCompiledOne() throws {
        #expect(python.startError == nil)
        let version = try python.run { try Python.eval("'%d.%d' % __import__('sys').version_info[:2]").string() }
        let compiled = Interpreter.compiledVersion
        #expect(version == "\(compiled.major).\(compiled.minor)")
        #expect(Interpreter.libraryVersion.hasPrefix(version))
    }

    @Test func valuesCrossBothWays() throws {
        let (sum, text, big, flag, count) = try python.run { () -> (Int, String, String, Bool, Int) in
            let sum = try Python.eval("sum(i * i for i in range(1000))").int()
            let text = try Python.importModule("json").attribute("dumps").call([PyRef("并发 ✓")], keywords: ["ensure_ascii": PyRef(false)]).string()
            // Integers past 64 bits go as decimal text: the kernels' sums do.
            let big = try PyRef(decimal: "340282366920938463463374607431768211455").attribute("__add__").call([PyRef(1)]).string()
            let flag = try PyRef(list: [PyRef(0), PyRef(2.5)]).isTrue()
            let count = try PyRef(dict: ["a": PyRef(1), "b": PyRef(true)]).count()
            return (sum, text, big, flag, count)
        }
        #expect(sum == 332_833_500)
        #expect(text == "\"并发 ✓\"")
        #expect(big == "340282366920938463463374607431768211456")
        #expect(flag && count == 2)
    }

    @Test func aPythonExceptionIsASwiftErrorWithItsTraceback() throws {
        let error = try python.run { () -> PythonError? in
            do { _ = try Python.eval("1 / 0"); return nil } catch let error as PythonError { return error }
        }
        #expect(error?.typeName == "ZeroDivisionError")
        #expect(error?.message == "division by zero")
        #expect(error?.traceback.contains("ZeroDivisionError: division by zero") == true)
        let missing = try python.run { () -> String? in
            do { _ = try Python.importModule("surely_not_a_module"); return nil } catch let error as PythonError { return error.typeName }
        }
        #expect(missing == "ModuleNotFoundError")
    }

    @Test func aNativeModuleCallsSwiftAndItsErrorsBecomePythons() throws {
        let (twice, refused) = try python.run { () -> (Int, String) in
            let module = try Python.importModule(PythonThread.module)
            let twice = try module.attribute("twice").call([PyRef(21)]).int()
            do {
                _ = try module.attribute("refuse").call([PyRef(0)])
                return (twice, "no error")
            } catch let error as PythonError {
                return (twice, "\(error.typeName): \(error.message)")
            }
        }
        #expect(twice == 42)
        #expect(refused == "RuntimeError: refused in Swift")
    }

    /// Host threads take the GIL in turn while the interpreter's thread has
    /// released it; each says how long it waited.
    @Test func hostThreadsTakeTheGILInTurn() throws {
        let waits = Mutex<[Double]>([])
        let total = try python.run { () -> Int in
            let counter = GILBound(try Python.eval("[0]"))
            GIL.releasing {
                DispatchQueue.concurrentPerform(iterations: 4) { _ in
                    for _ in 0..<100 {
                        counter.withGIL { list, seconds in
                            let value = (try? list.item(0).int()) ?? 0
                            _ = try? list.attribute("__setitem__").call([PyRef(0), PyRef(value + 1)])
                            waits.withLock { $0.append(seconds) }
                        }
                    }
                }
            }
            return try counter.withGIL { list, _ in try list.item(0).int() }
        }
        // Under the GIL a read and its write are not interleaved: no increment is lost.
        #expect(total == 400)
        let seen = waits.withLock { $0 }
        #expect(seen.count == 400, "every turn said how long it waited")
    }
}
