import Foundation

/// Facts about the machine a run was measured on.
public struct MachineInfo: Codable, Equatable, Sendable {
    public var cpuModel: String
    public var cores: Int
    /// Measured: CPU work done per wall second by the native kernel on all
    /// cores, relative to one core (2 cores on a quiet machine: about 2),
    /// the median over every round of the scenarios' native references
    /// (each scenario's `native_reference` holds its rounds). Nil where no
    /// scenario measured one.
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
}
