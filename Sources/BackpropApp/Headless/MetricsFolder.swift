import Foundation

/// The folder of `backprop compare --metrics DIR`: one metrics CSV per variant and seed, each
/// path checked (as `train --metrics` checks its one) before the first run trains.
struct MetricsFolder {
    let path: String
    private let outputs: [String: OutputFile]

    /// Creates the folder when it is missing (a file in its place is an error) and checks
    /// that every run's file can be written.
    init(path: String, plan: ComparisonPlan) throws(OutputFileError) {
        func fail(_ reason: String) -> OutputFileError { OutputFileError(option: "--metrics", path: path, reason: reason) }
        if path.isEmpty { throw fail("the path is empty") }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw fail("it is not a folder; --metrics takes the folder to write one CSV per run into") }
        } else {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw fail("cannot create the folder: \(error.localizedDescription)")
            }
        }
        var outputs: [String: OutputFile] = [:]
        for entry in plan.entries {
            for seed in plan.seeds {
                let name = ComparisonPlan.metricsFileName(entry.variant, seed: seed)
                outputs[name] = try OutputFile(option: "--metrics", path: (path as NSString).appendingPathComponent(name), allowsStandardOutput: false)
            }
        }
        self.path = path
        self.outputs = outputs
    }

    /// Where the run of `variant` with `seed` writes its metrics.
    func output(for variant: Variant, seed: UInt64) -> OutputFile? { outputs[ComparisonPlan.metricsFileName(variant, seed: seed)] }
}
