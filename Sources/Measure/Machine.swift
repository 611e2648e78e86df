import Foundation

/// Facts about the machine a run was measured on.
public struct MachineInfo: Codable, Equatable, Sendable {
    public var cpuModel: String
    public var cores: Int
    /// Measured: CPU work done per wall second by the native kernel on all
    /// cores, relative to one core (2 cores on a quiet machine: about 2).
    /// Nil where it was not measured (pyvs snippets does not calibrate).
    public var nativeParallelism: Double?
    public var kernel: String
    public var swiftVersion: String
    public var buildConfiguration: String
    public var memoryBytes: Int
    public var loadAverage: Double
    /// The CPU frequency governor (performance, powersave, ...), where Linux tells it.
    public var cpuGovernor: String?
    /// Address-space layout randomisation: off, partial or full.
    public var aslr: String?

    enum CodingKeys: String, CodingKey {
        case cpuModel = "cpu_model", cores, nativeParallelism = "native_parallelism", kernel
        case swiftVersion = "swift_version", buildConfiguration = "build_configuration"
        case memoryBytes = "memory_bytes", loadAverage = "load_average", cpuGovernor = "cpu_governor", aslr
    }

    public init(cpuModel: String, cores: Int, nativeParallelism: Double?, kernel: String, swiftVersion: String,
                buildConfiguration: String, memoryBytes: Int, loadAverage: Double) {
        self.cpuModel = cpuModel; self.cores = cores; self.nativeParallelism = nativeParallelism; self.kernel = kernel
        self.swiftVersion = swiftVersion; self.buildConfiguration = buildConfiguration
        self.memoryBytes = memoryBytes; self.loadAverage = loadAverage
    }

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
