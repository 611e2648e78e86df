import Contract
import Report
import Testing

/// A few golden renderings of why a row or block has no result; the
/// values themselves are checked where they are made.
@Suite struct ProblemWordsTests {
    @Test func endingsAndRefusalsReadAsBefore() {
        #expect(ProblemWords.text(.ended(.timedOut(afterSeconds: 2.5), stderr: nil)) == "no end after 2.5 s; process tree killed")
        #expect(ProblemWords.text(.ended(.signalled(11), stderr: "boom")) == "killed by SIGSEGV (stderr: boom)")
        #expect(ProblemWords.text(.ended(.processLimit(6), stderr: nil)) == "killed: process limit — more than 6 processes at once (--max-processes)")
        #expect(ProblemWords.text(.noResult(status: 3, stderr: nil)) == "exited with status 3 before reporting a result")
        #expect(ProblemWords.text(.tooLittleMemory(tasks: 1_000_000, needBytes: 4 << 30, roomBytes: 1 << 30, byLimit: true))
            == "refused before starting: 1M tasks need about 4.0 GB, more than the 1.0 GB --memory-limit allows; a smaller --tasks runs")
        #expect(ProblemWords.text(.interrupted(signal: 2, started: true, runs: 3)) == "interrupted by SIGINT after 3 counted runs")
        #expect(ProblemWords.text(.interrupted(signal: 15, started: false, runs: nil)) == "not run: interrupted by SIGTERM")
    }

    @Test func aBlocksReasonAndNotesMakeOneLine() {
        var block = SnippetResult(index: 2, line: 9, language: "python", status: .ok, reason: .said("defined 1 function (f); nothing else ran"))
        block.note(.leftovers(1))
        block.note(.unknownDirectives(["fast"]))
        #expect(ProblemWords.reason(of: block) == "defined 1 function (f); nothing else ran; left 1 process running; killed; "
            + "unknown directive 'fast' ignored; accepted: skip, timeout=SECONDS, expect-error, setup, requires=MODULE[,MODULE]")
        #expect(ProblemWords.reason(of: SnippetResult(index: 1, line: 1, language: "go", status: .skipped, reason: .notPython(language: "go")))
            == "language go: not run")
        #expect(ProblemWords.reason(of: SnippetResult(index: 1, line: 1, language: "python", status: .ok)) == nil)
    }
}
