import BackpropEngine
import Foundation

/// Writes the per-epoch metrics CSV of `--metrics FILE` (or `-` for stdout), one line per
/// epoch as the run trains. The first write that fails (a full disk, a closed pipe) is kept
/// in `failure` and ends the writing, not the run: the trained model can still be saved.
public final class MetricsWriter {
    public static let header = "step,epoch,loss,accuracy,val_loss,val_accuracy,lr,grad_norm,samples_per_second,seconds"
    private let writer: DescriptorWriter
    private(set) var failure: OutputFileError?

    /// Opens `output` (checked before the run; see `OutputFile`) and writes the header.
    init(output: OutputFile) throws(OutputFileError) {
        writer = try output.openForStreaming()
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

    private func write(_ line: String) {
        guard failure == nil else { return }
        do { try writer.write(line + "\n") } catch { failure = error }
    }
}
