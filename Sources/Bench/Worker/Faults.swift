import Foundation

/// Failures injected into a Swift variant for pyvs's own tests (the Python
/// side injects its own in `pyvs_py._harness`).
enum Faults {
    static func inject(_ fault: Fault?) throws {
        switch fault {
        case .segfault?: raise(SIGSEGV)
        case .hang?: sleep(3600)
        case .exit?: _exit(3)
        case .raise?: throw WorkerError("injected failure")
        case .memory?:
            var hog: [[UInt8]] = []
            while true { hog.append([UInt8](repeating: 1, count: 64 << 20)) }
        case .wrong?, nil: break
        }
    }
}
