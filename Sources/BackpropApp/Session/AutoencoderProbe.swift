import BackpropData
import BackpropEngine

/// What an autoencoder's views and claims measure, on a fixed set of test images (the first
/// `perClass` of every class, the held-out class included): their codes, their
/// reconstructions and the error of each class. Runs the network, so it belongs on the
/// trainer thread.
struct AutoencoderProbe {
    static let perClass = 60
    /// The classes the latent-separation score tells apart: trousers, bags, and footwear
    /// (sandals, sneakers and ankle boots together), Fashion-MNIST's most distinct shapes.
    static let separatedGroups: [[Int]] = [[1], [8], [5, 7, 9]]

    let codeLayer: Int
    let bottleneck: Int
    let heldOutClass: Int?
    /// Class of each probe image, in probe order (class by class).
    let labels: [Int]
    /// What the network is given (noisy when denoising) and the clean images, one after another.
    let inputs: [Float]
    let clean: [Float]
    let imageSize: Int

    /// Nil unless the trainer's data is an autoencoder's (`ReconstructionImages`).
    init?(_ trainer: Trainer, configuration: RunConfiguration) {
        guard let settings = configuration.autoencoder, let validation = trainer.data.validation as? ReconstructionImages else { return nil }
        codeLayer = configuration.autoencoderSpec(settings).codeLayerIndex
        bottleneck = settings.bottleneck
        heldOutClass = settings.heldOutClass
        let labelsOfImages = validation.images.labels.map(Int.init)
        let classes = validation.images.classCount
        var chosen: [Int] = []
        for label in 0..<classes { chosen += labelsOfImages.indices.filter { labelsOfImages[$0] == label }.prefix(Self.perClass) }
        labels = chosen.map { labelsOfImages[$0] }
        (inputs, clean) = validation.images(at: chosen)
        imageSize = validation.inputSize
    }

    var count: Int { labels.count }

    /// Each probe image's code, `bottleneck` numbers per image.
    func codes(_ trainer: Trainer) -> [Float] {
        trainer.network.forward(layers: 0..<codeLayer + 1, samples: count, values: inputs)
    }

    /// Each probe image as the network rebuilds it.
    func reconstructions(_ trainer: Trainer) -> [Float] { trainer.predict(inputs) }

    /// Images decoded from codes (`bottleneck` numbers each).
    func decode(_ codes: [Float], _ trainer: Trainer) -> [Float] {
        trainer.network.forward(layers: codeLayer + 1..<trainer.network.layers.count, samples: codes.count / bottleneck, values: codes)
    }

    /// The mean squared error of each class's reconstructions against the clean images
    /// (nan for a class with no probe image): the anomaly score.
    func classErrors(_ reconstructions: [Float], classes: Int) -> [Double] {
        var sums = [Double](repeating: 0, count: classes), counts = [Int](repeating: 0, count: classes)
        for (index, label) in labels.enumerated() where label < classes {
            var sum = 0.0
            for pixel in index * imageSize ..< (index + 1) * imageSize {
                let difference = Double(reconstructions[pixel] - clean[pixel])
                sum += difference * difference
            }
            sums[label] += sum / Double(imageSize)
            counts[label] += 1
        }
        return zip(sums, counts).map { $1 == 0 ? .nan : $0 / Double($1) }
    }

    /// The held-out class's error over the mean error of the classes trained on; nan
    /// without a held-out class.
    func anomalyRatio(_ errors: [Double]) -> Double {
        guard let heldOutClass, errors.indices.contains(heldOutClass) else { return .nan }
        let seen = errors.indices.filter { $0 != heldOutClass }.map { errors[$0] }.filter(\.isFinite)
        guard !seen.isEmpty else { return .nan }
        return errors[heldOutClass] / (seen.reduce(0, +) / Double(seen.count))
    }

    /// The mean squared error of the network's input against the clean image over that of
    /// its output: how many times closer to the clean image the output is. nan without noise.
    func denoisingGain(_ reconstructions: [Float]) -> Double {
        var noisy = 0.0, rebuilt = 0.0
        for pixel in clean.indices {
            noisy += Double((inputs[pixel] - clean[pixel]) * (inputs[pixel] - clean[pixel]))
            rebuilt += Double((reconstructions[pixel] - clean[pixel]) * (reconstructions[pixel] - clean[pixel]))
        }
        return noisy == 0 || rebuilt == 0 ? .nan : noisy / rebuilt
    }

    /// The first two numbers of each code: the plane the latent views draw.
    func planePoints(_ codes: [Float]) -> [(x: Float, y: Float)] {
        (0..<count).map { (codes[$0 * bottleneck], codes[$0 * bottleneck + 1]) }
    }

    /// How well trousers, bags and footwear keep apart on the plane: each of their points is
    /// given the group most of its `neighbours` nearest points (of those groups) belong to, and
    /// the share given its own group is averaged over the three groups. About 1/3 when they are
    /// mixed, 1 when each fills a region of its own, whatever the regions' shapes.
    func latentSeparation(_ points: [(x: Float, y: Float)]) -> Double {
        Self.neighbourAgreement(points: points, labels: labels, groups: Self.separatedGroups)
    }

    static let neighbours = 5

    /// See `latentSeparation`; nan unless every group has a point.
    static func neighbourAgreement(points: [(x: Float, y: Float)], labels: [Int], groups: [[Int]]) -> Double {
        let members = points.indices.compactMap { index in groups.firstIndex { $0.contains(labels[index]) }.map { (index, $0) } }
        var right = [Int](repeating: 0, count: groups.count), total = [Int](repeating: 0, count: groups.count)
        for (index, group) in members {
            let point = points[index]
            let nearest = members.filter { $0.0 != index }.map { other -> (distance: Float, group: Int) in
                let dx = points[other.0].x - point.x, dy = points[other.0].y - point.y
                return (dx * dx + dy * dy, other.1)
            }.sorted { $0.distance < $1.distance }.prefix(neighbours)
            var votes = [Int](repeating: 0, count: groups.count)
            for neighbour in nearest { votes[neighbour.group] += 1 }
            // A tie goes against the point: agreement must be a majority, not luck.
            let best = votes.max() ?? 0
            if votes[group] == best && votes.filter({ $0 == best }).count == 1 { right[group] += 1 }
            total[group] += 1
        }
        guard total.allSatisfy({ $0 > 0 }) else { return .nan }
        return zip(right, total).reduce(0) { $0 + Double($1.0) / Double($1.1) } / Double(groups.count)
    }
}

extension AutoencoderProbe {
    /// The figures `train --json` reports for an autoencoder; nil for any other model.
    static func figures(_ trainer: Trainer, configuration: RunConfiguration) -> AutoencoderFigures? {
        guard let probe = AutoencoderProbe(trainer, configuration: configuration) else { return nil }
        let reconstructions = probe.reconstructions(trainer)
        let errors = probe.classErrors(reconstructions, classes: trainer.data.classNames.count)
        return AutoencoderFigures(
            bottleneck: probe.bottleneck,
            latentSeparation: probe.bottleneck == 2 ? probe.latentSeparation(probe.planePoints(probe.codes(trainer))) : .nan,
            anomalyRatio: probe.anomalyRatio(errors), denoisingGain: probe.denoisingGain(reconstructions))
    }
}
