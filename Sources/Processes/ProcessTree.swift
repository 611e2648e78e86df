import Foundation
import Measure

/// Processes read from /proc. A tree is followed down from its root
/// through the kernel's children links (`/proc/PID/task/TID/children`, one
/// file per thread: a child belongs to the thread that forked it), so a
/// look at a tree reads only its own processes, however many the machine
/// runs; a child that calls setsid or changes its group is still found.
/// Memory is the sum of resident memory over the processes (a 4-process
/// pool is 5 processes, not one); pages shared after fork count once per
/// process, as `ps` shows them.
public enum ProcessTree {
    public static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    struct Entry {
        let parent: pid_t
        let group: pid_t
        let threads: Int
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

    /// Whether this kernel has children links (CONFIG_PROC_CHILDREN; the
    /// distributions' kernels do): without them a tree is found from a look
    /// at every process's parent.
    static let hasChildrenLinks = access("/proc/\(getpid())/task/\(getpid())/children", R_OK) == 0

    /// `root` and its live descendants, each with its stat, followed down
    /// through the children links; a process listed as a child is kept only
    /// if its own stat names that parent. Empty when the root is gone.
    static func subtree(of root: pid_t, reading stat: (pid_t) -> Entry? = entry,
                        children: (pid_t, Int) -> [pid_t] = children(of:threads:)) -> [pid_t: Entry] {
        guard hasChildrenLinks else {
            let all = snapshot()
            let members = descendants(of: [root], in: all)
            return all.filter { members.contains($0.key) }
        }
        var found: [pid_t: Entry] = [:]
        var queue: [(pid: pid_t, parent: pid_t?)] = [(root, nil)]
        while let (pid, parent) = queue.popLast() {
            guard found[pid] == nil, let entry = stat(pid), parent == nil || entry.parent == parent else { continue }
            found[pid] = entry
            queue += children(pid, entry.threads).map { ($0, pid) }
        }
        return found
    }

    /// The children of `pid`, from the children link of each of its threads
    /// (the thread list is not read when `threads` is 1).
    static func children(of pid: pid_t, threads: Int) -> [pid_t] {
        let tasks = threads == 1 ? [pid] : Array(listed("/proc/\(pid)/task"))
        return tasks.flatMap { ProcFile.withBytes("/proc/\(pid)/task/\($0)/children", limit: linkBytes, numbers(in:)) ?? [] }
    }

    /// What one read of a children link takes: about 9,000 children.
    static let linkBytes = 65536

    /// The pids listed in a folder of /proc (one getdents pass, no file opened).
    static func listed(_ folder: String = "/proc") -> Set<pid_t> {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        return listed(dir)
    }

    /// The entries of an open folder that are numbers.
    static func listed(_ dir: OpaquePointer) -> Set<pid_t> {
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

    /// The numbers in some bytes of /proc, in order (a children link: "12 345 ").
    static func numbers(in bytes: UnsafeRawBufferPointer) -> [pid_t]? {
        var found: [pid_t] = [], value: pid_t = 0, digits = false
        for byte in bytes {
            if byte >= 48 && byte <= 57 {
                value = value * 10 + pid_t(byte - 48)
                digits = true
            } else if digits {
                found.append(value)
                (value, digits) = (0, false)
            }
        }
        if digits { found.append(value) }
        return found
    }

    /// The last pid the kernel handed out (to a process or a thread), from
    /// /proc/loadavg ("0.52 0.58 0.59 2/345 12345").
    static func lastPid(in bytes: UnsafeRawBufferPointer) -> pid_t? {
        numbers(in: bytes)?.last
    }

    /// One process's stat: nil when it is gone or a zombie.
    static func entry(_ pid: pid_t) -> Entry? {
        ProcFile.withBytes("/proc/\(pid)/stat", entry(in:))
    }

    /// A stat's fields, parsed from the bytes (it is read for every process
    /// of a tree, every sample): after "(comm)", field 0 is the state, 1 the
    /// parent, 2 the group, 17 the threads and 21 the resident pages.
    static func entry(in bytes: UnsafeRawBufferPointer) -> Entry? {
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
        return Entry(parent: pid_t(numbers[1]), group: pid_t(numbers[2]), threads: numbers[17], rssPages: numbers[21])
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
    public static func tree(of roots: Set<pid_t>) -> Set<pid_t> {
        roots.reduce(into: Set<pid_t>()) { found, root in
            if !found.contains(root) { found.formUnion(subtree(of: root).keys) }
        }
    }

    /// What a child left running: the live descendants of `seen`, and then
    /// either, when `adoptedExcept` is given (pyvs is a child subreaper, so
    /// every orphan of the tree comes back to it), this process's own
    /// children that no running measurement owns, with their descendants —
    /// all through children links; or, without a subreaper, from one look
    /// at the whole of /proc, the members of process group `group` (a child
    /// that exited before it was ever sampled leaves them there).
    public static func leftovers(seen: Set<pid_t>, group: pid_t, adoptedExcept owned: Set<pid_t>?) -> Set<pid_t> {
        guard let owned, hasChildrenLinks else {
            let all = snapshot()
            var roots = seen.union(all.filter { $0.value.group == group }.map(\.key))
            if let owned {
                let me = getpid()
                roots.formUnion(all.filter { $0.value.parent == me && !owned.contains($0.key) }.map(\.key))
            }
            return descendants(of: roots, in: all)
        }
        let me = getpid()
        // Its thread count unknown (0): every thread's link is read.
        let adopted = children(of: me, threads: 0).filter { !owned.contains($0) && entry($0)?.parent == me }
        return tree(of: seen.union(adopted))
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
/// little of /proc as it can: when the kernel has handed out no pid since
/// the last look (/proc/loadavg's last field), no process can have joined
/// the tree, and only its members' stat is read again (memory, and whether
/// each still has its parent in the tree); otherwise the tree is followed
/// down from its root through the children links. Those files, and the
/// thread lists, stay open from look to look (`ProcFile.Kept`): following
/// a 4-thread process is then 8 system calls instead of about 20.
public final class TreeTracker {
    public let root: pid_t
    public private(set) var members: Set<pid_t> = []
    /// The members' summed resident memory at the last sample, and the root's own.
    public private(set) var rssBytes = 0
    public private(set) var rootRSSBytes = 0
    /// The last pid the kernel handed out at the last look.
    private var lastPid: pid_t?
    private let loadavg = ProcFile.Kept("/proc/loadavg")
    /// The members' stat files and thread lists, their threads' children
    /// links, and the root's status.
    private var stats: [pid_t: ProcFile.Kept] = [:]
    private var threadLists: [pid_t: KeptFolder] = [:]
    private var links: [ThreadLink: ProcFile.Kept] = [:]
    private struct ThreadLink: Hashable { let pid, tid: pid_t }
    private lazy var rootStatus = ProcFile.Kept("/proc/\(root)/status")

    public init(root: pid_t) { self.root = root }

    /// Looks at the tree now: its members and their summed resident memory.
    public func sample() {
        let newest = loadavg?.withBytes(limit: 128, ProcessTree.lastPid(in:))
        var tree: [pid_t: ProcessTree.Entry]
        if newest == nil || newest != lastPid {
            var threads = Set<ThreadLink>()
            tree = ProcessTree.subtree(of: root, reading: stat) { pid, count in
                let tasks = (count == 1 ? [pid] : threadList(pid)).map { ThreadLink(pid: pid, tid: $0) }
                threads.formUnion(tasks)
                return tasks.flatMap(children)
            }
            links = links.filter { threads.contains($0.key) }
        } else {
            tree = [:]
            for pid in members.union([root]) { tree[pid] = stat(pid) }
            // A member whose parent ended went to a subreaper: out of the tree.
            while let gone = tree.first(where: { $0.key != root && tree[$0.value.parent] == nil })?.key { tree[gone] = nil }
            if tree[root] == nil { tree = [:] }
        }
        lastPid = newest
        members = Set(tree.keys)
        stats = stats.filter { members.contains($0.key) }
        threadLists = threadLists.filter { members.contains($0.key) }
        rssBytes = tree.values.reduce(0) { $0 + $1.rssPages } * ProcessTree.pageSize
        rootRSSBytes = (tree[root]?.rssPages ?? 0) * ProcessTree.pageSize
    }

    /// A process's stat, from its file kept open (opened at the first look).
    private func stat(_ pid: pid_t) -> ProcessTree.Entry? {
        if stats[pid] == nil { stats[pid] = ProcFile.Kept("/proc/\(pid)/stat") }
        return stats[pid]?.withBytes(ProcessTree.entry(in:))
    }

    /// A process's threads, from its thread list kept open.
    private func threadList(_ pid: pid_t) -> Set<pid_t> {
        if threadLists[pid] == nil { threadLists[pid] = KeptFolder("/proc/\(pid)/task") }
        return threadLists[pid]?.entries() ?? []
    }

    /// The children one thread forked, from its link kept open.
    private func children(_ thread: ThreadLink) -> [pid_t] {
        if links[thread] == nil { links[thread] = ProcFile.Kept("/proc/\(thread.pid)/task/\(thread.tid)/children") }
        return links[thread]?.withBytes(limit: ProcessTree.linkBytes, ProcessTree.numbers(in:)) ?? []
    }

    /// The root's peak resident memory (VmHWM); nil once it has ended.
    public func rootPeakResidentBytes() -> Int? {
        rootStatus.flatMap(ProcessMemory.peakResident(in:))
    }

    /// The members' summed proportional set size: what the tree costs the
    /// machine, each page shared between its processes counted once.
    public func proportionalBytes() -> Int {
        members.reduce(0) { $0 + (ProcessTree.proportionalBytes($1) ?? 0) }
    }
}

/// A folder of /proc kept open and listed again from its start.
final class KeptFolder {
    private let dir: OpaquePointer

    init?(_ path: String) {
        guard let dir = opendir(path) else { return nil }
        self.dir = dir
    }

    deinit { closedir(dir) }

    /// The entries that are numbers, now.
    func entries() -> Set<pid_t> {
        rewinddir(dir)
        return ProcessTree.listed(dir)
    }
}
