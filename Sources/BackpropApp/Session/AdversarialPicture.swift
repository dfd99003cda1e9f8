import BackpropEngine
import Foundation
import BackpropWidgets

/// What the GAN lab's field view draws, computed on the trainer thread: the discriminator's
/// belief `σ(D(x))` that a point is real over a square of the plane, and samples of the real
/// and the generated points on it.
public struct AdversarialPicture: Sendable, Equatable {
    /// Half the side of the square shown, centred on the origin: every target fits in ±2.5.
    public static let extent: Float = 2.5
    /// σ(D(x)) over the square, top row first (y = +extent), 0 (fake) to 1 (real).
    public var discriminatorField: ValueGrid
    /// Flattened (x, y) pairs in plane coordinates.
    public var realPoints: [Float]
    public var generatedPoints: [Float]

    /// Grid size and sample counts: enough to see the modes, few enough to draw every frame.
    static let fieldColumns = 64, fieldRows = 48
    static let realSamples = 160, generatedSamples = 320

    /// Computes the picture of `run` now. The real points are the first of its pool (fixed
    /// across frames, so they hold still); the generated ones come from fixed noise, so a
    /// point moves only because the generator learned.
    static func capture(_ run: PreparedAdversarialRun) -> AdversarialPicture {
        let trainer = run.trainer
        var noise = RandomGenerator(seed: run.seed ^ 0x9E37_79B9)
        let generated = trainer.generate(count: generatedSamples, random: &noise)
        let real = Array(trainer.realPoints.values.prefix(2 * min(realSamples, trainer.realPoints.rows)))
        return AdversarialPicture(discriminatorField: field(of: trainer), realPoints: real, generatedPoints: generated)
    }

    /// σ(D(x)) at the centre of each grid cell, evaluated in batches the discriminator was prepared for.
    static func field(of trainer: AdversarialTrainer) -> ValueGrid {
        let centres = (0..<(fieldColumns * fieldRows)).flatMap { index -> [Float] in
            let column = index % fieldColumns, row = index / fieldColumns
            let x = -extent + 2 * extent * (Float(column) + 0.5) / Float(fieldColumns)
            let y = extent - 2 * extent * (Float(row) + 0.5) / Float(fieldRows)
            return [x, y]
        }
        let logits = trainer.discriminate(points: centres)
        return ValueGrid(columns: fieldColumns, rows: fieldRows, values: logits.map { 1 / (1 + exp(-$0)) })
    }
}
