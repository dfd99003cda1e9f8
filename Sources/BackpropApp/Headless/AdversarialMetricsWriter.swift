import Foundation
import BackpropEngine

/// Writes the per-epoch metrics CSV of `backprop train gan-2d --metrics FILE`: both losses
/// (means over the epoch's generator steps) and the coverage measured at the epoch's end.
/// Like `MetricsWriter`, the first failed write is kept in `failure` and ends the writing only.
public final class AdversarialMetricsWriter {
    public static let header = "step,epoch,generator_loss,discriminator_loss,modes_covered,modes,high_quality_fraction,samples_per_second,seconds"
    private let writer: DescriptorWriter
    private(set) var failure: OutputFileError?

    init(output: OutputFile) throws(OutputFileError) {
        writer = try output.openForStreaming()
        write(Self.header)
    }

    func record(step: Int, epoch: Int, generatorLoss: Float, discriminatorLoss: Float, coverage: ModeCoverage,
                samplesPerSecond: Double, seconds: Double) {
        func field(_ value: Float) -> String { value.isFinite ? "\(value)" : "nan" }
        write([
            "\(step)", "\(epoch)", field(generatorLoss), field(discriminatorLoss), "\(coverage.covered)", "\(coverage.modes)",
            field(coverage.highQualityFraction), String(format: "%.1f", samplesPerSecond), String(format: "%.3f", seconds),
        ].joined(separator: ","))
    }

    private func write(_ line: String) {
        guard failure == nil else { return }
        do { try writer.write(line + "\n") } catch { failure = error }
    }
}
