import Foundation
import Measure
import Synchronization

/// Processes read from /proc and related by parent PID, not by process
/// group: a child that calls setsid or changes its group is still found.
/// Memory is the sum of resident memory over the processes (a 4-process
/// pool is 5 processes, not one); pages shared after fork count once per
/// process, as `ps` shows them.
public enum ProcessTree {
    public static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    struct Entry {
        let parent: pid_t
        let group: pid_t
        let rssPages: Int
    }

    /// Every live process (zombies left out): pid -> its parent and memory.
    static func snapshot() -> [pid_t: Entry] {
        var entries: [pid_t: Entry] = [:]
        for pid in listed() { if let found = entry(pid) { entries[pid] = found } }
        return entries
    }

    /// `roots` and all their live descendants in `snapshot`.
    static func descendants(of roots: Set<pid_t>, in snapshot: [pid_t: Entry]) -> Set<pid_t> {
        var children: [pid_t: [pid_t]] = [:]
        for (pid, entry) in snapshot { children[entry.parent, default: []].append(pid) }
        var found = Set<pid_t>()
        var queue = Array(roots.filter { snapshot[$0] != nil })
        while let pid = queue.popLast() {
            guard found.insert(pid).inserted else { continue }
            queue += children[pid] ?? []
        }
        return found
    }

    /// The pids listed in /proc now (one getdents pass, no file opened).
    static func listed() -> Set<pid_t> {
        guard let dir = opendir("/proc") else { return [] }
        defer { closedir(dir) }
        var pids = Set<pid_t>()
        while let entry = readdir(dir) {
            // The name's digits, read in place: no String per entry.
            let pid = withUnsafeBytes(of: entry.pointee.d_name) { raw -> pid_t? in
                var value: pid_t = 0
                for byte in raw {
                    if byte == 0 { break }
                    guard byte >= 48, byte <= 57 else { return nil }
                    value = value * 10 + pid_t(byte - 48)
                }
                return raw.first == 0 ? nil : value
            }
            if let pid { pids.insert(pid) }
        }
        return pids
    }

    /// The last pid the kernel handed out (to a process or a thread), from
    /// /proc/loadavg ("0.52 0.58 0.59 2/345 12345").
    static func lastPid() -> pid_t? {
        ProcFile.withBytes("/proc/loadavg", limit: 128) { bytes -> pid_t? in
            guard let space = bytes.lastIndex(where: { $0 == UInt8(ascii: " ") }) else { return nil }
            var value: pid_t = 0
            for byte in bytes[(space + 1)...] where byte >= 48 && byte <= 57 { value = value * 10 + pid_t(byte - 48) }
            return value
        }
    }

    /// One process's stat: nil when it is gone or a zombie. Parsed from
    /// the bytes (it is read for every process of a tree, every sample):
    /// after "(comm)", field 0 is the state, 1 the parent, 2 the group and
    /// 21 the resident pages.
    static func entry(_ pid: pid_t) -> Entry? {
        ProcFile.withBytes("/proc/\(pid)/stat") { bytes -> Entry? in
            guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
            var field = -1, state: UInt8 = 0, numbers = [Int](repeating: 0, count: 22)
            var index = close + 1
            while index < bytes.count && field < 22 {
                if bytes[index] == UInt8(ascii: " ") { field += 1; index += 1; continue }
                if field == 0 { state = bytes[index] } else if field < 22, bytes[index] >= 48, bytes[index] <= 57 {
                    numbers[field] = numbers[field] * 10 + Int(bytes[index] - 48)
                }
                index += 1
            }
            guard field >= 21, state != UInt8(ascii: "Z"), state != UInt8(ascii: "X") else { return nil }
            return Entry(parent: pid_t(numbers[1]), group: pid_t(numbers[2]), rssPages: numbers[21])
        }
    }

    /// A process's proportional set size: each page it shares divided by
    /// the processes sharing it (smaps_rollup); nil when it cannot be read.
    public static func proportionalBytes(_ pid: pid_t) -> Int? {
        guard let text = ProcFile.read("/proc/\(pid)/smaps_rollup", limit: 2048) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("Pss:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }

    /// Live descendants of `roots` (roots included).
    public static func tree(of roots: Set<pid_t>) -> Set<pid_t> { descendants(of: roots, in: snapshot()) }

    /// What a child left running, from one look at /proc: the live
    /// descendants of `seen`; the members of process group `group` (a child
    /// that exited before it was ever sampled leaves them there); and, when
    /// `adoptedExcept` is given, this process's own children that no running
    /// measurement owns — orphans re-parented here (pyvs is a child
    /// subreaper) — with all their descendants.
    public static func leftovers(seen: Set<pid_t>, group: pid_t, adoptedExcept owned: Set<pid_t>?) -> Set<pid_t> {
        let all = snapshot()
        var roots = seen.union(all.filter { $0.value.group == group }.map(\.key))
        if let owned {
            let me = getpid()
            roots.formUnion(all.filter { $0.value.parent == me && !owned.contains($0.key) }.map(\.key))
        }
        return descendants(of: roots, in: all)
    }

    /// Kills every process of `pids` and whatever they started meanwhile,
    /// until none is left (or a second has passed). Those that are this
    /// process's children are reaped, except `keep` (a child whose end its
    /// supervisor still waits for with wait4).
    public static func kill(_ pids: Set<pid_t>, keep: pid_t? = nil) {
        guard !pids.isEmpty else { return }
        var targets = pids
        for _ in 0..<100 {
            targets = tree(of: targets)
            if targets.isEmpty { return }
            Reaper.killAll(targets, except: keep)
            if targets == [keep] { return }  // killed; its supervisor reaps it
            usleep(10_000)
        }
    }
}

/// Follows one child's process tree from sample to sample, reading as
/// little of /proc as it can (the kernel here has no children links): a
/// getdents of /proc, the stat of each process not met before (to learn
/// its parent), and the stat of each member (its memory, and whether it is
/// still a member). The parents of processes met before are kept for every
/// tracker of this pyvs (until a listing no longer shows them): nothing
/// moves into a tree from outside (an orphan goes to the subreaper above
/// it, never below), and a pid is handed out again only after the kernel's
/// pid cursor has wrapped around (at kernel.pid_max, 32768 here): when a
/// listing sees the cursor below where it was, every kept parent is dropped.
public struct TreeTracker {
    public let root: pid_t
    public private(set) var members: Set<pid_t> = []
    /// The members' summed resident memory at the last sample, and the root's own.
    public private(set) var rssBytes = 0
    public private(set) var rootRSSBytes = 0

    /// pid -> its parent (nil: a zombie, or gone when it was met), shared by
    /// every tracker, and the pid cursor at the last listing.
    private struct Known {
        var parents: [pid_t: pid_t?] = [:]
        var cursor: pid_t?
    }
    private static let known = Mutex(Known())

    public init(root: pid_t) { self.root = root }

    /// The last pid the kernel handed out when /proc was last listed.
    public private(set) var lastPid: pid_t?
    /// Whether a process met outside the tree was in the root's process
    /// group or a child of this process (an orphan a subreaper adopts):
    /// then only a look at the whole of /proc can tell what the child left.
    public private(set) var metStrays = false

    /// Looks at the tree now: its members and their summed resident memory.
    /// /proc is listed only when the kernel has handed out a pid since the
    /// last look (/proc/loadavg's last field): otherwise no process can have
    /// joined the tree, and only its members are read again.
    public mutating func sample() {
        let newest = ProcessTree.lastPid()
        let listed: Set<pid_t>? = newest != nil && newest == lastPid ? nil : ProcessTree.listed()
        lastPid = newest
        let (members, root, me) = (self.members, self.root, getpid())
        var strays = false
        let tree = Self.known.withLock { known -> [pid_t: ProcessTree.Entry] in
            if let listed {
                // The cursor went back (or cannot be read): pids may have been handed out again.
                if newest.map({ $0 < (known.cursor ?? 0) }) ?? true { known.parents.removeAll() }
                known.cursor = newest
                for gone in known.parents.keys where !listed.contains(gone) { known.parents[gone] = nil }
            }
            var fresh: [pid_t: ProcessTree.Entry] = [:]
            for pid in listed ?? members.union([root]) where known.parents[pid] == nil || members.contains(pid) || pid == root {
                let entry = ProcessTree.entry(pid)
                known.parents[pid] = .some(entry?.parent)
                if let entry { fresh[pid] = entry }
                if let entry, pid != root, entry.group == root || entry.parent == me { strays = true }
            }
            // The tree: down from the root through parents known now.
            var children: [pid_t: [pid_t]] = [:]
            for (pid, parent) in known.parents { if let parent { children[parent, default: []].append(pid) } }
            // A child known but not read now (another tracker met it first)
            // is read here, and kept only if its parent is still the one known.
            var found: [pid_t: ProcessTree.Entry] = [:]
            var queue: [(pid: pid_t, parent: pid_t?)] = fresh[root] == nil ? [] : [(root, nil)]
            while let (pid, parent) = queue.popLast() {
                guard found[pid] == nil else { continue }
                var entry = fresh[pid]
                if entry == nil {
                    entry = ProcessTree.entry(pid)
                    known.parents[pid] = .some(entry?.parent)
                }
                guard let entry, parent == nil || entry.parent == parent else { continue }
                found[pid] = entry
                queue += (children[pid] ?? []).map { ($0, pid) }
            }
            return found
        }
        metStrays = metStrays || strays
        self.members = Set(tree.keys)
        rssBytes = tree.values.reduce(0) { $0 + $1.rssPages } * ProcessTree.pageSize
        rootRSSBytes = (tree[root]?.rssPages ?? 0) * ProcessTree.pageSize
    }

    /// The members' summed proportional set size: what the tree costs the
    /// machine, each page shared between its processes counted once.
    public func proportionalBytes() -> Int {
        members.reduce(0) { $0 + (ProcessTree.proportionalBytes($1) ?? 0) }
    }
}
