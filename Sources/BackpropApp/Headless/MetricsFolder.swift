import Foundation

/// The folder of `backprop compare --metrics DIR`: one metrics CSV per variant and seed, each
/// path checked (as `train --metrics` checks its one) before the first run trains.
struct MetricsFolder {
    private let outputs: [String: OutputFile]

    /// Creates the folder when it is missing (not its parents; a file in its place is an
    /// error) and checks that every run's file can be written.
    init(path: String, plan: ComparisonPlan) throws(OutputFileError) {
        func fail(_ reason: String) -> OutputFileError { OutputFileError(option: "--metrics", path: path, reason: reason) }
        if path.isEmpty { throw fail("the path is empty") }
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else { throw fail("it is not a folder; --metrics takes the folder to write one CSV per run into") }
        } else if mkdir(path, 0o777) != 0 {
            // Only the folder itself is made, as `train --metrics` needs the folder its file goes in.
            throw fail("cannot create the folder: \(OutputFile.describe(errno: errno))")
        }
        var outputs: [String: OutputFile] = [:]
        for entry in plan.entries {
            for seed in plan.seeds {
                let name = ComparisonPlan.metricsFileName(entry.variant, seed: seed)
                outputs[name] = try OutputFile(option: "--metrics", path: (path as NSString).appendingPathComponent(name), allowsStandardOutput: false)
            }
        }
        self.outputs = outputs
    }

    /// Where the run of `variant` with `seed` writes its metrics.
    func output(for variant: Variant, seed: UInt64) -> OutputFile? { outputs[ComparisonPlan.metricsFileName(variant, seed: seed)] }
}
