import BackpropEngine
import BackpropWidgets
import Foundation

/// Fills the convolution lesson's part of a snapshot on the trainer thread, and the
/// confusion matrix of datasets that are not the Playground's: only for the views shown,
/// and at most a few times per second while training, so the views cost the trainer little
/// and the snapshot stays small. Images come from the first validation samples.
final class ConvolutionViewCapture {
    /// Validation samples the confusion matrix and the mistakes are counted on: enough to be
    /// telling, few enough to run through a CNN in a few milliseconds.
    static let reviewCount = 1000
    static let mistakeCount = 8
    /// Seconds between recomputations while the weights change. One image costs well under
    /// a millisecond; the review of a thousand costs about six training steps of fashion-cnn
    /// (73 ms against 12 ms per step of 64, measured in release on the loaded 2-core box).
    static let refreshInterval = 0.25
    static let reviewInterval = 2.0

    private var trainer: Trainer?
    private var reviewInputs: [Float] = []
    private var reviewLabels: [Int] = []
    /// The explorer's image, moved on by Enter on the explorer or the pooling view.
    private var explorerImage = 0
    private var refreshSchedule = CaptureSchedule(interval: refreshInterval)
    private var reviewSchedule = CaptureSchedule(interval: reviewInterval)

    /// Updates `snapshot` for `views`; `actions` loses the view actions handled here.
    /// `confusion` asks for the confusion matrix over the reviewed images (datasets whose
    /// matrix is not computed elsewhere). While `training`, new weights are shown at most
    /// every `refreshInterval` (`reviewInterval`); paused, every step shows at once.
    func capture(_ trainer: Trainer, views: SessionViews, controls: [String: Int], actions: inout Set<String>, confusion: Bool,
                 training: Bool, now: Double = monotonicSeconds(), into snapshot: inout SessionSnapshot) {
        if self.trainer !== trainer { start(trainer) }
        let explorerNames = [LabView.convolution.rawValue, LabView.pooling.rawValue]
        let advanced = !actions.isDisjoint(with: explorerNames)
        if advanced { explorerImage = (explorerImage + 1) % max(reviewLabels.count, 1) }
        actions.subtract(explorerNames)
        let settings = controls.merging(["views": Int(views.rawValue)]) { own, _ in own }
        if refreshSchedule.isDue(step: trainer.step, settings: settings, training: training, now: now, force: advanced) {
            refresh(trainer, views: views, controls: controls, into: &snapshot.convolutionViews)
        }
        let wantsReview = views.contains(.mistakes) || (confusion && views.contains(.confusion))
        let reviewMissing = (confusion && views.contains(.confusion) && snapshot.confusion.isEmpty)
            || (views.contains(.mistakes) && snapshot.convolutionViews.reviewedImages == 0)
        if wantsReview && reviewSchedule.isDue(step: trainer.step, training: training, now: now, force: reviewMissing) {
            review(trainer, confusion: confusion, into: &snapshot)
        }
    }

    /// A new model or new data: reads the reviewed images once and forgets the old timing.
    private func start(_ trainer: Trainer) {
        self.trainer = trainer
        refreshSchedule.reset()
        reviewSchedule.reset()
        let validation = trainer.data.validation
        let count = trainer.isClassification && trainer.predictionsPerSample == 1 ? min(Self.reviewCount, validation.count) : 0
        reviewInputs = [Float](repeating: 0, count: count * validation.inputSize)
        var targets = [Float](repeating: 0, count: count * validation.targetWidth)
        if count > 0 { validation.fillBatch(indices: Array(0..<count)[...], inputs: &reviewInputs, targets: &targets) }
        reviewLabels = targets.map { Int($0) }
        explorerImage = min(explorerImage, max(count - 1, 0))
    }

    // MARK: One image at a time

    private func refresh(_ trainer: Trainer, views: SessionViews, controls: [String: Int], into result: inout ConvolutionViewsSnapshot) {
        let network = trainer.network
        if views.contains(.parameterTable) && result.labParameters.isEmpty {
            let blank = [Float](repeating: 0, count: network.inputShape.reduce(1, *))
            result.labParameters = Self.parameterRows(network, shapes: network.layerOutputs(for: blank).map(\.shape))
            result.mlpParameters = Self.mlpParameterRows()
        }
        guard let (height, width) = imageSize(network), !reviewLabels.isEmpty else { return }
        if views.contains(.convolutionExplorer) {
            let choice = ExplorerKernel.choice(controls[LabView.convolution.rawValue] ?? 0)
            let input = labelledImage(explorerImage, height: height, width: width)
            if let map = try? ConvolutionExplorer.convolve(input.image.values, height: height, width: width, kernel: choice.kernel.values,
                                                           size: ExplorerKernel.size, stride: choice.stride, padding: choice.padding) {
                result.explorer = .init(input: input, kernel: choice.kernel, stride: choice.stride, padding: choice.padding,
                                        output: ValueGrid(columns: map.width, rows: map.height, values: map.values),
                                        formulaSize: ConvolutionExplorer.outputSize(input: height, kernel: ExplorerKernel.size,
                                                                                    stride: choice.stride, padding: choice.padding))
            }
            let shift = controls[LabView.pooling.rawValue] ?? 0
            if let comparison = try? PoolingComparison(image: input.image.values, height: height, width: width, kernel: choice.kernel.values,
                                                       size: ExplorerKernel.size, shift: shift) {
                result.pooling = .init(kernel: choice.kernel, shift: shift, comparison: comparison)
            }
        }
        if views.contains(.featureMaps) {
            result.filters = Self.firstFilters(network)
            result.filterLayer = Self.convolutionName(network, convolution: 0)
            result.secondFilters = Self.kernels(of: network, convolution: 1)
            result.secondFilterLayer = Self.convolutionName(network, convolution: 1)
            let mapsInput = labelledImage(controls[LabView.featuremaps.rawValue] ?? 0, height: height, width: width)
            result.featureMapsInput = mapsInput
            result.featureMaps = Self.featureMaps(network, image: mapsInput.image.values)
            let predictionInput = labelledImage(controls[LabView.prediction.rawValue] ?? 0, height: height, width: width)
            result.prediction = .init(input: predictionInput, probabilities: Self.softmax(trainer.predict(predictionInput.image.values)[...]))
        }
    }

    /// Height and width of a one-channel image input, or nil for other networks.
    private func imageSize(_ network: Network) -> (Int, Int)? {
        let shape = network.inputShape
        return shape.count == 3 && shape[0] == 1 ? (shape[1], shape[2]) : nil
    }

    private func labelledImage(_ index: Int, height: Int, width: Int) -> ConvolutionViewsSnapshot.LabelledImage {
        let clamped = min(max(index, 0), reviewLabels.count - 1), size = height * width
        return .init(image: ValueGrid(columns: width, rows: height, values: Array(reviewInputs[clamped * size ..< (clamped + 1) * size])),
                     trueClass: reviewLabels[clamped], index: clamped)
    }

    /// The first convolution's kernels over its first input channel, one grid each.
    static func firstFilters(_ network: Network) -> [ValueGrid] {
        kernels(of: network, convolution: 0).map { $0.first! }
    }

    /// Each filter of the network's `convolution`-th convolution (0: the first) as its
    /// kernels, one per input channel: a filter reads every map of the layer before it.
    static func kernels(of network: Network, convolution index: Int) -> [[ValueGrid]] {
        let convolutions = network.layers.compactMap { $0 as? Conv2D }
        guard convolutions.indices.contains(index) else { return [] }
        let convolution = convolutions[index]
        let weight = convolution.weight.value, size = convolution.kernelHeight * convolution.kernelWidth
        return (0..<convolution.outputChannels).map { filter in
            (0..<convolution.inputChannels).map { channel in
                let start = (filter * convolution.inputChannels + channel) * size
                return ValueGrid(columns: convolution.kernelWidth, rows: convolution.kernelHeight,
                                 values: (0..<size).map { weight.data[start + $0] })
            }
        }
    }

    /// "layer 3 Conv2d 6→16 5x5" for the network's `convolution`-th convolution.
    static func convolutionName(_ network: Network, convolution index: Int) -> String {
        let positions = network.layers.indices.filter { network.layers[$0] is Conv2D }
        guard positions.indices.contains(index) else { return "" }
        return "layer \(positions[index]) \(layerName(network.layers[positions[index]]))"
    }

    /// The maps after each activation and each pooling layer that still has image shape.
    static func featureMaps(_ network: Network, image: [Float]) -> [ConvolutionViewsSnapshot.LayerMaps] {
        zip(network.layers.indices, network.layerOutputs(for: image)).compactMap { index, output in
            let layer = network.layers[index]
            guard output.shape.count == 3, layer is Activation || layer is MaxPool2D || layer is AvgPool2D else { return nil }
            let (channels, height, width) = (output.shape[0], output.shape[1], output.shape[2])
            let maps = (0..<channels).map { channel in
                ValueGrid(columns: width, rows: height, values: Array(output.values[channel * height * width ..< (channel + 1) * height * width]))
            }
            return .init(name: "\(index) \(layer.kind) \(channels)@\(height)x\(width)", maps: maps)
        }
    }

    static func softmax(_ logits: ArraySlice<Float>) -> [Float] {
        let largest = logits.max() ?? 0
        let exponentials = logits.map { expf($0 - largest) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { total > 0 ? $0 / total : 0 }
    }

    // MARK: Parameters

    /// "Conv2d 1→6 5x5", "Linear 784→128", "BatchNorm2d 16", else the layer's kind.
    static func layerName(_ layer: any Layer) -> String {
        switch layer {
        case let convolution as Conv2D:
            "Conv2d \(convolution.inputChannels)→\(convolution.outputChannels) \(convolution.kernelHeight)x\(convolution.kernelWidth)"
        case let dense as Dense: "Linear \(dense.inputSize)→\(dense.outputSize)"
        default: layer.kind
        }
    }

    /// One row per layer with parameters; `shapes[k]` is layer k's output shape.
    static func parameterRows(_ network: Network, shapes: [[Int]]) -> [ConvolutionViewsSnapshot.ParameterRow] {
        network.layers.indices.compactMap { index in
            let layer = network.layers[index]
            guard !layer.parameters.isEmpty else { return nil }
            let weights = layer.parameters.filter(\.isWeight).reduce(0) { $0 + $1.count }
            let biases = layer.parameters.filter { !$0.isWeight }.reduce(0) { $0 + $1.count }
            // A convolution (and the normalization after it) applies each parameter at every
            // position of its output map; a dense layer once.
            let shape = shapes.indices.contains(index) ? shapes[index] : []
            let uses = shape.count == 3 ? shape[1] * shape[2] : 1
            return .init(layer: layerName(layer), weights: weights, biases: biases, usesPerImage: uses)
        }
    }

    /// The `fashion-mlp` preset's network, built (not trained) to count its parameters.
    static func mlpParameterRows() -> [ConvolutionViewsSnapshot.ParameterRow] {
        let configuration = Preset.fashionMLP.configuration
        guard let layers = try? configuration.makeLayers(for: configuration.task, seed: 1),
              let network = try? Network(layers: layers, inputShape: configuration.inputShape, loss: configuration.loss.make(for: configuration.task))
        else { return [] }
        return parameterRows(network, shapes: [])
    }

    // MARK: Many images

    /// The confusion matrix and the most confident mistakes over the reviewed images.
    private func review(_ trainer: Trainer, confusion: Bool, into snapshot: inout SessionSnapshot) {
        let classes = trainer.network.outputShape.reduce(1, *)
        guard !reviewLabels.isEmpty, trainer.isClassification, classes > 1 else { return }
        let outputs = trainer.predict(reviewInputs)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        var mistakes: [(index: Int, predicted: Int, confidence: Float)] = []
        for (index, label) in reviewLabels.enumerated() where label < classes {
            let (predicted, confidence) = mostLikely(outputs[index * classes ..< (index + 1) * classes])
            counts[label][predicted] += 1
            if predicted != label { mistakes.append((index, predicted, confidence)) }
        }
        if confusion { snapshot.confusion = counts }
        snapshot.convolutionViews.reviewedImages = reviewLabels.count
        guard let (height, width) = imageSize(trainer.network) else { return }
        snapshot.convolutionViews.mistakes = mistakes.sorted { $0.confidence > $1.confidence }.prefix(Self.mistakeCount).map {
            .init(input: labelledImage($0.index, height: height, width: width), predicted: $0.predicted, confidence: $0.confidence)
        }
    }
}
