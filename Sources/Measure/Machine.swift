import Contract
import Foundation

extension MachineInfo {
    /// This machine now (`nativeParallelism` measured by the caller).
    public static func current(nativeParallelism: Double?) -> MachineInfo {
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let system = withUnsafeBytes(of: name.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let machine = withUnsafeBytes(of: name.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        var loads = [Double](repeating: 0, count: 3)
        getloadavg(&loads, 3)
        var info = MachineInfo(
            cpuModel: cpuModel(), cores: onlineCores, nativeParallelism: nativeParallelism,
            kernel: "\(system) \(release) \(machine)", swiftVersion: swiftVersion,
            buildConfiguration: buildConfiguration,
            memoryBytes: Int(ProcessInfo.processInfo.physicalMemory), loadAverage: loads[0])
        info.cpuGovernor = firstLine("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")
        info.aslr = firstLine("/proc/sys/kernel/randomize_va_space").map { ["0": "off", "1": "partial", "2": "full"][$0] ?? $0 }
        return info
    }

    private static func firstLine(_ path: String) -> String? {
        (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    public static var onlineCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    static var swiftVersion: String {
        #if compiler(>=6.4)
        return ">= 6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #else
        return "< 6.2"
        #endif
    }

    static var buildConfiguration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }
}
