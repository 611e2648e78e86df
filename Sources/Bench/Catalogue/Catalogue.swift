/// Every scenario pyvs knows. `pyvs run` measures `scenarios`; `pyvs gil`
/// measures `gilStudy`. A new scenario is one file in Scenarios/ (its spec
/// and Swift variants) plus its Python module, and its name in this list.
public enum Catalogue {
    public static let scenarios: [ScenarioSpec] = [cpuBound, ioBound, primes, race, producerConsumer, pipeIPC, sharedMemory, processPool, processStart, contextSwitch, massive]

    public static let gilStudy: [ScenarioSpec] = [gil, gilSwitchInterval]

    public static var all: [ScenarioSpec] { scenarios + gilStudy }

    public static func scenario(named name: String) -> ScenarioSpec? { all.first { $0.name == name } }

    /// What a worker may be asked to run: every scenario, and the native reference.
    static func measurable(named name: String) -> ScenarioSpec? { (all + [nativeReference]).first { $0.name == name } }

    public static var names: [String] { scenarios.map(\.name) }
}
