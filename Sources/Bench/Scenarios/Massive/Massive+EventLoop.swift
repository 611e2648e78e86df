import Measure
import NIOCore
import NIOPosix
import Synchronization

/// The event-loop rows: callbacks on one SwiftNIO loop, alone or in a timer list.
extension Massive {
    /// T callbacks on the timers of one SwiftNIO event loop (the model of
    /// Node.js): no task or thread per sleeper, one counter they share.
    static func eventLoop(_ p: Params) throws -> VariantOutput {
        let (tasks, sleep) = (p.tasks, TimeAmount.milliseconds(Int64(p.sleepMs)))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let before = ProcessMemory.resetPeak()
        let wakeups = Wakeups(expected: tasks, promise: loop.makePromise(of: Int.self))
        let handler = Wakeup(wakeups)
        loop.execute {
            for _ in 0..<tasks {
                do { try loop.scheduleCallback(in: sleep, handler: handler) } catch { wakeups.promise.fail(error); return }
            }
        }
        let woke = try wakeups.promise.futureResult.wait()
        withExtendedLifetime(wakeups) {}
        return output(tasks, woke: woke, before: before)
    }

    /// T callbacks in a timer list on one SwiftNIO event loop, as Node.js
    /// keeps its timers: timers of one duration expire in the order they
    /// were set, so they wait in one first-in-first-out list, and the loop
    /// holds a single timer, for the list's head.
    static func timerList(_ p: Params) throws -> VariantOutput {
        let (tasks, sleep) = (p.tasks, TimeAmount.milliseconds(Int64(p.sleepMs)))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let before = ProcessMemory.resetPeak()
        let promise = loop.makePromise(of: Int.self)
        loop.execute {
            let list = TimerList(loop: loop, duration: sleep, capacity: tasks)
            var woke = 0
            for _ in 0..<tasks {
                list.add {
                    woke += 1
                    if woke == tasks { promise.succeed(woke) }
                }
            }
        }
        return output(tasks, woke: try promise.futureResult.wait(), before: before)
    }

    /// Timers of one duration on one event loop: a queue of (deadline,
    /// callback) in the order they were set, and one loop timer armed for
    /// the head. Used on the loop's thread only.
    final class TimerList {
        private let loop: any EventLoop
        private let duration: TimeAmount
        private var deadlines: [NIODeadline] = []
        private var callbacks: [() -> Void] = []
        private var head = 0
        private var armed = false

        init(loop: any EventLoop, duration: TimeAmount, capacity: Int) {
            self.loop = loop; self.duration = duration
            deadlines.reserveCapacity(capacity); callbacks.reserveCapacity(capacity)
        }

        func add(_ callback: @escaping () -> Void) {
            deadlines.append(.now() + duration)
            callbacks.append(callback)
            if !armed { arm() }
        }

        private func arm() {
            armed = true
            let this = NIOLoopBound(self, eventLoop: loop)
            loop.scheduleTask(deadline: deadlines[head]) { this.value.expire() }
        }

        /// Runs every callback whose deadline has passed, then re-arms for the next.
        private func expire() {
            armed = false
            let now = NIODeadline.now()
            while head < deadlines.count, deadlines[head] <= now {
                let callback = callbacks[head]
                callbacks[head] = {}
                head += 1
                callback()
            }
            if head < deadlines.count { arm() } else { deadlines = []; callbacks = []; head = 0 }
        }
    }

    /// What every timer of `eventLoop` counts on; completes its promise when
    /// the last one has fired.
    final class Wakeups: Sendable {
        let expected: Int
        let promise: EventLoopPromise<Int>
        private let fired = Atomic<Int>(0)

        init(expected: Int, promise: EventLoopPromise<Int>) { self.expected = expected; self.promise = promise }

        func fire() {
            let count = fired.add(1, ordering: .relaxed).newValue
            if count == expected { promise.succeed(count) }
        }
    }

    /// A timer's handler: an unretained reference to the shared counter
    /// (`eventLoop` keeps it alive until every timer has fired). A retained
    /// one is retained and released at every step of the loop's timer heap:
    /// a million timers of 2 s then ended after 4.8 s, unretained after
    /// 3.4 s (`pyvs run massive --only swift.event-loop --tasks 1000000`;
    /// perf showed swift_retain/release as half the loop thread's time).
    struct Wakeup: NIOScheduledCallbackHandler, @unchecked Sendable {  // unchecked: Wakeups is Sendable; only the reference is unretained
        private let target: Unmanaged<Wakeups>
        init(_ target: Wakeups) { self.target = .passUnretained(target) }
        func handleScheduledCallback(eventLoop: some EventLoop) { target.takeUnretainedValue().fire() }
    }
}
