import Foundation

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
        guard let dir = opendir("/proc") else { return [:] }
        defer { closedir(dir) }
        var entries: [pid_t: Entry] = [:]
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = Int32(name), let stat = readSmallFile("/proc/\(pid)/stat"), let fields = statFields(stat) else { continue }
            // fields after "(comm)": [0]=state [1]=ppid [2]=pgrp ... [21]=rss (pages)
            guard fields.count > 21, fields[0] != "Z", fields[0] != "X", let parent = Int32(fields[1]) else { continue }
            entries[pid] = Entry(parent: parent, group: Int32(fields[2]) ?? 0, rssPages: Int(fields[21]) ?? 0)
        }
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

    /// The tree under `root` (root included): its pids, their summed
    /// resident memory and their count.
    public static func sample(root: pid_t) -> (pids: Set<pid_t>, rssBytes: Int) {
        let all = snapshot()
        let pids = descendants(of: [root], in: all)
        return (pids, pids.reduce(0) { $0 + (all[$1]?.rssPages ?? 0) } * pageSize)
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
        var targets = pids
        for _ in 0..<100 {
            targets = tree(of: targets)
            if targets.isEmpty { return }
            Reaper.killAll(targets, except: keep)
            if targets == [keep] { return }  // killed; its supervisor reaps it
            usleep(10_000)
        }
    }

    static func statFields(_ text: String) -> [Substring]? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let got = read(fd, &buffer, buffer.count)
        guard got > 0 else { return nil }
        return String(decoding: buffer[0..<got], as: UTF8.self)
    }
}
