import BackpropEngine
import Foundation

/// Writes the per-epoch metrics CSV of `--metrics FILE` (or `-` for stdout).
public final class MetricsWriter {
    public static let header = "step,epoch,loss,accuracy,val_loss,val_accuracy,lr,grad_norm,samples_per_second,seconds"
    private let handle: FileHandle

    public init(path: String) throws {
        if path == "-" {
            handle = .standardOutput
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw SettingError("--metrics: cannot create '\(path)'")
            }
            self.handle = handle
        }
        write(Self.header)
    }

    public func record(_ report: EpochReport, seconds: Double) {
        func field(_ value: Float?) -> String { value.map { $0.isFinite ? "\($0)" : "nan" } ?? "" }
        write([
            "\(report.step)", "\(report.epoch)", field(report.trainLoss), field(report.trainAccuracy),
            field(report.validation.loss), field(report.validation.accuracy), field(report.learningRate),
            field(report.gradientNorm), String(format: "%.1f", report.samplesPerSecond), String(format: "%.3f", seconds),
        ].joined(separator: ","))
    }

    private func write(_ line: String) { handle.write(Data((line + "\n").utf8)) }
}
