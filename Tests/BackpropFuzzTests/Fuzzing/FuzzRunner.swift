import Foundation
import Testing

/// Runs a target's cases until its time or case budget is spent, each case from its own
/// seed, and fails the test for a case that breaks the property, runs slowly or grows the
/// process's memory (a crash or hang is caught by `CrashReport`, which kills the process).
enum FuzzRunner {
    struct Summary {
        var executions = 0
        var accepted = 0
        var refused = 0
        var broken = 0
        var seconds = 0.0
        var slowestCase = 0
        var slowestSeconds = 0.0
    }

    /// Failures reported in full; the rest are only counted, so one bug gives a short log.
    static let reportedFailures = 5

    @discardableResult
    static func run(_ target: FuzzTarget, settings: FuzzSettings) -> Summary {
        CrashReport.install(hangSeconds: settings.hangSeconds)
        var summary = Summary()
        let start = DispatchTime.now().uptimeNanoseconds
        let cases = settings.onlyCase.map { $0...$0 } ?? 0...Int.max
        for index in cases {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard settings.onlyCase != nil || (elapsed < settings.seconds && index < settings.maximumCases) else { break }
            let replay = "BACKPROP_FUZZ_SEED=\(settings.seed) BACKPROP_FUZZ_CASE=\(index) scripts/fuzz --filter \(target.testFilter)"
            CrashReport.begin(target: target.name, seed: settings.seed, case: index, fileExtension: target.fileExtension, replay: replay)
            var random = FuzzRandom(seed: settings.seed, case: index)
            let input = target.makeInput(&random)
            CrashReport.hold(input)
            let peakBefore = peakMemoryBytes()
            let caseStart = DispatchTime.now().uptimeNanoseconds
            let outcome = target.check(input)
            let caseSeconds = Double(DispatchTime.now().uptimeNanoseconds - caseStart) / 1e9
            let growth = peakMemoryBytes() - peakBefore
            CrashReport.end()

            summary.executions += 1
            if caseSeconds > summary.slowestSeconds { (summary.slowestCase, summary.slowestSeconds) = (index, caseSeconds) }
            var failure: String?
            switch outcome {
            case .accepted: summary.accepted += 1
            case .refused: summary.refused += 1
            case .broken(let why): failure = why
            }
            if caseSeconds > settings.slowSeconds {
                failure = "took \(String(format: "%.1f", caseSeconds)) s (limit \(settings.slowSeconds) s)"
            } else if growth > settings.memoryGrowthBytes {
                failure = "grew the process's peak memory by \(growth >> 20) MiB"
            }
            if let failure {
                summary.broken += 1
                if summary.broken <= reportedFailures {
                    Issue.record("fuzz \(target.name): case \(index) of seed \(settings.seed) \(failure); input saved as \(CrashReport.saveInput())\nreplay: \(replay)")
                }
            }
        }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print("fuzz \(target.name): \(summary.executions) executions in \(String(format: "%.1f", summary.seconds)) s, seed \(settings.seed)"
              + " (\(summary.accepted) accepted, \(summary.refused) refused, \(summary.broken) broke the property);"
              + " slowest: case \(summary.slowestCase), \(String(format: "%.4f", summary.slowestSeconds)) s")
        return summary
    }

    /// The most memory the process has held at once, in bytes.
    private static func peakMemoryBytes() -> Int {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }
}
