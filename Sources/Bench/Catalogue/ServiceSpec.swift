import Processes

/// A process a scenario's variants talk to (a local server), started before
/// the scenario's first row and stopped after its last, also when a row
/// fails or times out, and killed with pyvs on Ctrl-C.
public struct ServiceSpec: Sendable {
    public let name: String
    /// Starts it, registered with the supervisor given.
    public let start: @Sendable (Supervisor) throws -> any RunningService

    public init(name: String, start: @escaping @Sendable (Supervisor) throws -> any RunningService) {
        self.name = name; self.start = start
    }
}

public protocol RunningService: AnyObject, Sendable {
    /// What the variants need to reach it (its port), merged into every row's parameters.
    var params: Params { get }
    /// How many requests it has served so far, when it can tell.
    func served() -> Int?
    func stop()
}
