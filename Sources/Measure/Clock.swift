import CProcess
import Foundation

/// Monotonic wall clock and CPU clocks.
public enum Clock {
    /// Seconds on CLOCK_MONOTONIC (never jumps with the system time).
    public static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// User and system CPU seconds of this process plus its waited-for children.
    public static func processTreeCPU() -> (user: Double, system: Double) {
        let own = cpu(RUSAGE_SELF.rawValue), children = cpu(RUSAGE_CHILDREN.rawValue)
        return (own.user + children.user, own.system + children.system)
    }

    /// User + system CPU seconds of this process alone (all its threads, no children).
    public static func ownCPU() -> Double {
        let own = cpu(RUSAGE_SELF.rawValue)
        return own.user + own.system
    }

    /// Peak RSS of this process's own memory image, in bytes: VmHWM.
    /// (getrusage's ru_maxrss is not it: exec keeps the larger of the old
    /// image's peak and the new one's, so a child spawned by a 350 MB
    /// process reports at least 350 MB there.)
    public static func selfPeakRSS() -> Int {
        let peak = ProcessMemory.current().peakResident
        if peak > 0 { return peak }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// CPU seconds used by the calling thread so far.
    public static func threadCPU() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// The CPU the calling thread is running on at this moment (nil if the
    /// kernel does not say).
    public static func currentCPU() -> Int? {
        let cpu = pyvs_current_cpu()
        return cpu >= 0 ? Int(cpu) : nil
    }

    private static func cpu(_ who: Int32) -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(who, &usage)
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }

    public static func seconds(_ value: timeval) -> Double {
        Double(value.tv_sec) + Double(value.tv_usec) / 1e6
    }
}
