import Contract
import Foundation
import Measure

/// What one child process did: how it ended, what it used, what it said.
public struct ChildOutcome: Sendable {
    public typealias Ending = ProcessEnding

    public var ending: Ending
    /// Wall seconds from spawn to exit, as seen by the parent.
    public var processWallSeconds: Double = 0
    /// From wait4: the child plus every child it waited for.
    public var userSeconds: Double = 0
    public var systemSeconds: Double = 0
    /// The child's own peak resident memory: its VmHWM as last sampled, or
    /// (when it ended before a sample) wait4's maxrss, which exec carries
    /// over from the spawning process and so is never below pyvs's own peak.
    public var maxRSSBytes: Int = 0
    public var voluntarySwitches: Int = 0
    public var involuntarySwitches: Int = 0
    /// Peak of the summed resident memory of the child and its descendants
    /// (pages shared after fork counted once per process).
    public var treePeakRSSBytes: Int = 0
    public var treePeakProcesses: Int = 0
    /// Peak of the tree's summed proportional set size (each shared page
    /// counted once over the tree: what the machine spent), read (when
    /// `readsTreePSS`) as the summed RSS reaches new highs; nil when it was
    /// never read.
    public var treePeakPSSBytes: Int?
    /// The summed RSS at the last PSS reading; nil when none was taken.
    public var pssReadAtRSSBytes: Int?
    /// `treePeakPSSBytes` when it was read near the tree's peak (`ChildProcess.Rules.peakPSS`).
    public var treePeakPSSAtPeakBytes: Int? {
        ChildProcess.Rules.peakPSS(treePeakPSSBytes, readAtRSS: pssReadAtRSSBytes, peakRSS: treePeakRSSBytes)
    }
    /// CPU seconds pyvs's own process used while the child ran, from its
    /// start to its end (sampling /proc, reading pipes): the observer's cost.
    public var observerCPUSeconds: Double = 0
    /// The whole machine's CPU over the child's life (/proc/stat): less the
    /// child's and the observer's own, what other programs used.
    public var machineCPU = MachineCPU(busySeconds: 0, stealSeconds: 0)
    /// What the child wrote on its report pipe (fd 3), stdout and stderr.
    public var report = Data()
    public var stdout = Data()
    public var stderr = Data()
    public var stdoutTruncated = false
    public var stderrTruncated = false
    /// Descendants still alive when the child exited (killed then).
    public var leftoverProcesses = 0

    public init(ending: Ending) { self.ending = ending }
}
