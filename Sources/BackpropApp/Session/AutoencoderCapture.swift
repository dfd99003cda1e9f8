import BackpropEngine
import BackpropWidgets

/// Computes the autoencoder views on the trainer thread from the probe's test images, a
/// few times a second while training and after every step while paused. One per model.
final class AutoencoderCapture {
    /// Test images the reconstructions view shows, one of each of these classes.
    static let galleryClasses = [0, 1, 2, 3, 5, 7, 8, 9]
    private var probe: AutoencoderProbe?
    private var schedule = CaptureSchedule(interval: 0.3)

    func capture(_ trainer: Trainer, configuration: RunConfiguration, views: SessionViews, controls: [String: Int],
                 training: Bool, now: Double = monotonicSeconds(), into snapshot: inout AutoencoderSnapshot) {
        guard views.contains(.autoencoder), configuration.autoencoder != nil else { return }
        if probe == nil { probe = AutoencoderProbe(trainer, configuration: configuration) }
        guard let probe else { return }
        let cursor = controls[LabView.decoder.rawValue] ?? DecoderGrid.centre
        guard schedule.isDue(step: trainer.step, settings: ["cursor": cursor], training: training, now: now,
                             force: snapshot.step == nil) else { return }
        let codes = probe.codes(trainer)
        let reconstructions = probe.reconstructions(trainer)
        let points = probe.planePoints(codes)
        snapshot.step = trainer.step
        snapshot.bottleneck = probe.bottleneck
        snapshot.heldOutClass = probe.heldOutClass
        snapshot.noise = configuration.inputNoise
        snapshot.points = zip(points, probe.labels).map { LatentPoint(x: $0.x, y: $0.y, label: $1) }
        snapshot.plane = Self.plane(around: points)
        snapshot.classErrors = probe.classErrors(reconstructions, classes: trainer.data.classNames.count)
        snapshot.latentSeparation = probe.latentSeparation(points)
        snapshot.denoisingGain = probe.denoisingGain(reconstructions)
        snapshot.gallery = gallery(probe, reconstructions: reconstructions)
        snapshot.decoded = decode(at: cursor, probe: probe, codes: codes, plane: snapshot.plane, trainer)
    }

    /// The first probe image of each gallery class, the held-out class first: a narrow pane
    /// shows only the first few, and the lesson asks what becomes of a held-out image.
    private func gallery(_ probe: AutoencoderProbe, reconstructions: [Float]) -> [ReconstructedImage] {
        let side = 28, size = probe.imageSize
        func grid(_ values: [Float], _ index: Int) -> ValueGrid {
            ValueGrid(columns: side, rows: size / side, values: Array(values[index * size ..< (index + 1) * size]))
        }
        let classes = probe.heldOutClass.map { heldOut in [heldOut] + Self.galleryClasses.filter { $0 != heldOut } } ?? Self.galleryClasses
        return classes.compactMap { label in
            guard let index = probe.labels.firstIndex(of: label) else { return nil }
            return ReconstructedImage(label: label, original: grid(probe.clean, index), input: grid(probe.inputs, index),
                                      reconstruction: grid(reconstructions, index))
        }
    }

    /// The image decoded at the cursor's cell of the plane; the code's other numbers (past
    /// the first two) are held at their mean over the probe images.
    private func decode(at control: Int, probe: AutoencoderProbe, codes: [Float], plane: LatentPlane, _ trainer: Trainer) -> DecodedPoint {
        let (column, row) = DecoderGrid.cell(control)
        let last = Float(DecoderGrid.size - 1)
        let x = plane.x.lowerBound + (plane.x.upperBound - plane.x.lowerBound) * Float(column) / last
        let y = plane.y.upperBound - (plane.y.upperBound - plane.y.lowerBound) * Float(row) / last
        var code = (0..<probe.bottleneck).map { dimension in
            stride(from: dimension, to: codes.count, by: probe.bottleneck).reduce(0) { $0 + codes[$1] } / Float(probe.count)
        }
        code[0] = x
        code[1] = y
        let image = probe.decode(code, trainer)
        return DecodedPoint(column: column, row: row, x: x, y: y, image: ValueGrid(columns: 28, rows: image.count / 28, values: image))
    }

    /// The rectangle holding the points, their extreme 1% on each side left out (one stray
    /// code must not shrink the rest to a dot), with a little room around.
    static func plane(around points: [(x: Float, y: Float)]) -> LatentPlane {
        func range(_ values: [Float]) -> ClosedRange<Float> {
            let sorted = values.filter(\.isFinite).sorted()
            guard let first = sorted.first else { return 0...1 }
            let low = sorted[sorted.count / 100], high = sorted[sorted.count - 1 - sorted.count / 100]
            let margin = max((high - low) * 0.05, 1e-3)
            return low == high ? (first - 1)...(first + 1) : (low - margin)...(high + margin)
        }
        return LatentPlane(x: range(points.map(\.x)), y: range(points.map(\.y)))
    }
}
