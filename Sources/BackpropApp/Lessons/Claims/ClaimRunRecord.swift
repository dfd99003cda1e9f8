import BackpropEngine

/// What one headless run of a lab (or a variant of it) gave, for claims to read: the
/// metrics before training and after every epoch, and what only the run's end can measure.
struct ClaimRunRecord {
    /// Before the first step, evaluated as the lab's screen does before its first epoch.
    var start: RunMetrics
    /// After each epoch, in order; shorter than the run's epochs when it diverged.
    var epochs: [EpochMetrics] = []
    var diverged = false
    /// Share of the weights (not biases) that are exactly zero at the end.
    var zeroWeightShare = 0.0
    /// Share of the weights (not biases) below 0.01 in size at the end: the edges the
    /// network view draws thinnest.
    var smallWeightShare = 0.0
    /// Share of the hidden ReLU units that are dead over the training set at the end (0 without ReLU).
    var deadUnitShare = 0.0
    /// The largest share of saturated outputs of any hidden layer, on the last points the
    /// network saw (the end of the last validation pass).
    var saturation = 0.0
    /// The same share for the first hidden layer alone.
    var firstLayerSaturation = 0.0
    /// grad:data of the first layer over that of the last, from the last training step:
    /// far below 1 when gradients vanish on the way back.
    var firstToLastGradient = Double.nan
    /// ‖∂L/∂W‖ of the first Dense layer over the last's, at the last step: the layer-gradient
    /// view's left bar over its right one.
    var firstToLastGradientNorm = Double.nan
    /// Share of the weight matrices whose last update was rounded away entirely.
    var lostUpdateShare = 0.0
    /// How much the batch loss jumps from one step to the next over the run's last
    /// `noiseSteps` steps: the mean of |loss − previous loss| over the mean loss.
    var stepLossNoise = Double.nan
    static let noiseSteps = 100
    /// The same measure over the epochs' training losses, the loss chart's train line, over
    /// the run's last `noiseEpochs` epochs: how much that line still bounces at the end.
    var epochLossNoise = Double.nan
    static let noiseEpochs = 10
    /// ‖W‖ (the root of the sum of the squared weights, not biases) at the end over ‖W‖
    /// before training: below 1 when training shrank the weights the network view writes out.
    var weightGrowth = Double.nan
    /// The mean forget gate of an LSTM's first layer over the first validation sample's steps
    /// and units (what the gates view shows first), before training and at the end; nan without one.
    var forgetGate = (start: Double.nan, end: Double.nan)
    /// The sharpest attention head's mean row maximum on the first validation sequence
    /// (what the attention maps view shows first): 1/length for a grey smear, 1 when every
    /// query reads one key. Before training and at the end; nan without attention.
    var attentionPeak = (start: Double.nan, end: Double.nan)
    /// The largest weight any head puts on a later key than its query's, on the same
    /// sequence (the mask view's "max weight on a later key"): 0 under the causal mask.
    var attentionAhead = (start: Double.nan, end: Double.nan)
    /// ‖∂L/∂h₁‖ over ‖∂L/∂h_T‖ of the first recurrent layer at the last training step: the
    /// step-gradient view's left end over its right end. nan without a recurrent layer.
    var firstStepGradient = Double.nan
    /// For one-channel images: the pooling view's three shares of responding outputs left
    /// unchanged by a shift, by metric name, averaged over the explorer's kernels and the
    /// first validation images. The same before and after training: the view uses fixed kernels.
    var poolingKept: [String: Double] = [:]
    /// The convolution explorer's kernels on the first validation images (`kernelMetrics`);
    /// fixed kernels, so the same before and after training.
    var kernelFacts: [String: Double] = [:]
    /// For Fashion-MNIST: the share of the mistakes on the first validation images (those the
    /// confusion view counts) whose true and guessed classes look alike: both tops (T-shirt,
    /// pullover, coat, shirt) or both shoes (sandal, sneaker, ankle boot). nan for other data.
    var lookalikeMistakes = Double.nan
    static let lookalikeGroups = [["T-shirt/top", "Pullover", "Coat", "Shirt"], ["Sandal", "Sneaker", "Ankle boot"]]
    static let confusionImages = 1000
    /// How alike neighbouring weights of the first convolution's kernels are: their lag-one
    /// correlation across rows and columns, averaged over kernels. About 0 (slightly below)
    /// for random noise; positive once kernels are smooth patterns such as edges and blobs,
    /// what the filters view shows taking shape. Before training and at the end.
    var filterSmoothness = (start: Double.nan, end: Double.nan)
    /// An autoencoder's figures before training and at the end; nil for other models.
    var autoencoder: (start: AutoencoderFigures?, end: AutoencoderFigures?) = (nil, nil)
    var hiddenNeurons = 0
    var parameters = 0
    /// With `early_stop`: whether the run stopped before its last epoch, the best epoch, and
    /// its metrics when its weights were put back (which are then the run's at its end).
    var stoppedEarly = false
    var bestEpoch: Int?
    var restored: RunMetrics?

    /// Trains `configuration` from `seed` to its last epoch (or to divergence), as the lab would.
    init(configuration: RunConfiguration, seed: UInt64) throws {
        // Batches split across the cores as the lab's session splits them.
        let run = try RunBuilder.prepare(configuration, seed: seed, splitsBatches: true)
        let trainer = run.trainer
        trainer.tracksUpdateRatios = true
        let limit = TrainingSession.evaluationLimit
        let train = trainer.evaluate(trainer.data.train, limit: limit)
        let validation = trainer.evaluate(trainer.data.validation, limit: limit)
        start = RunMetrics(trainLoss: train.loss, trainAccuracy: train.accuracy, validationLoss: validation.loss,
                           validationAccuracy: validation.accuracy, sequenceAccuracy: validation.sequenceAccuracy,
                           baselineValidationLoss: run.baselineValidationLoss)
        let startingWeightNorm = Self.weightNorm(trainer)
        forgetGate.start = Self.meanForgetGate(trainer, configuration: configuration)
        (attentionPeak.start, attentionAhead.start) = Self.attentionPeakAndAhead(trainer)
        trainer.recordsStepGradientNorms = true
        poolingKept = Self.poolingKept(trainer)
        kernelFacts = Self.kernelFacts(trainer)
        filterSmoothness.start = Self.firstFilterSmoothness(trainer)
        autoencoder.start = AutoencoderProbe.figures(trainer, configuration: configuration)
        var recentLosses: [Double] = []
        while trainer.hasEpochsLeft {
            let report = trainer.trainStep()
            recentLosses.append(Double(trainer.lastBatchLoss))
            if recentLosses.count > Self.noiseSteps + 1 { recentLosses.removeFirst() }
            guard let report else { continue }
            epochs.append(EpochMetrics(epoch: report.epoch, metrics: RunMetrics(report: report, baselineValidationLoss: run.baselineValidationLoss)))
        }
        diverged = trainer.divergence != nil
        stoppedEarly = trainer.stoppedEarly
        bestEpoch = trainer.earlyStopping?.best?.epoch
        // The best epoch's weights came back: the run ends with its metrics.
        restored = trainer.restoredReport.map { RunMetrics(report: $0, baselineValidationLoss: run.baselineValidationLoss) }
        stepLossNoise = Self.relativeJumps(recentLosses)
        epochLossNoise = Self.relativeJumps(epochs.suffix(Self.noiseEpochs + 1).compactMap { $0.metrics.trainLoss.map(Double.init) })
        let weights = trainer.network.stateDict.filter { $0.key.hasSuffix("weight") }.values
        let weightCount = weights.reduce(0) { $0 + $1.values.count }
        let zeros = weights.reduce(0) { $0 + $1.values.count { $0 == 0 } }
        zeroWeightShare = weightCount == 0 ? 0 : Double(zeros) / Double(weightCount)
        let small = weights.reduce(0) { $0 + $1.values.count { abs($0) < 0.01 } }
        smallWeightShare = weightCount == 0 ? 0 : Double(small) / Double(weightCount)
        let dead = diverged ? [] : trainer.deadUnits(in: trainer.data.train)
        let units = dead.reduce(0) { $0 + $1.units }
        deadUnitShare = units == 0 ? 0 : Double(dead.reduce(0) { $0 + $1.dead }) / Double(units)
        let probes = trainer.network.probe(updateRatios: trainer.updateRatios)
        saturation = Double(probes.compactMap(\.saturation).max() ?? 0)
        firstLayerSaturation = Double(probes.first?.saturation ?? 0)
        if let first = probes.first, let last = probes.last {
            firstToLastGradient = Double(first.gradientToDataRatio / max(last.gradientToDataRatio, .leastNormalMagnitude))
            firstToLastGradientNorm = Double(first.weightGradient.norm / max(last.weightGradient.norm, .leastNormalMagnitude))
        }
        lostUpdateShare = probes.isEmpty ? 0 : Double(probes.count { $0.log10UpdateToDataRatio == -.infinity }) / Double(probes.count)
        weightGrowth = diverged || startingWeightNorm == 0 ? .nan : Self.weightNorm(trainer) / startingWeightNorm
        forgetGate.end = diverged ? .nan : Self.meanForgetGate(trainer, configuration: configuration)
        (attentionPeak.end, attentionAhead.end) = diverged ? (.nan, .nan) : Self.attentionPeakAndAhead(trainer)
        filterSmoothness.end = diverged ? .nan : Self.firstFilterSmoothness(trainer)
        autoencoder.end = diverged ? nil : AutoencoderProbe.figures(trainer, configuration: configuration)
        let norms = trainer.stepGradientNorms
        if let first = norms.first, let last = norms.last, last > 0, !diverged {
            firstStepGradient = Double(first) / Double(last)
        }
        if !diverged && configuration.autoencoder == nil { lookalikeMistakes = Self.lookalikeMistakeShare(trainer) }
        hiddenNeurons = configuration.hidden.reduce(0, +)
        parameters = trainer.network.parameterCount
    }

    /// See `filterSmoothness`; nan without a convolution.
    static func firstFilterSmoothness(_ trainer: Trainer) -> Double {
        let convolutions = trainer.network.stateDict.filter { $0.key.hasSuffix(".weight") && $0.value.shape.count == 4 }
        guard let first = convolutions.min(by: { layerIndex($0.key) < layerIndex($1.key) })?.value else { return .nan }
        let (height, width) = (first.shape[2], first.shape[3])
        let size = height * width
        guard size > 1 else { return .nan }
        var total = 0.0, kernels = 0
        for start in stride(from: 0, to: first.values.count, by: size) {
            let kernel = first.values[start..<start + size].map(Double.init)
            let mean = kernel.reduce(0, +) / Double(size)
            let centred = kernel.map { $0 - mean }
            let variance = centred.reduce(0) { $0 + $1 * $1 } / Double(size)
            guard variance > 0 else { continue }
            var products = 0.0, pairs = 0
            for row in 0..<height {
                for column in 0..<width {
                    let here = centred[row * width + column]
                    if column + 1 < width { products += here * centred[row * width + column + 1]; pairs += 1 }
                    if row + 1 < height { products += here * centred[(row + 1) * width + column]; pairs += 1 }
                }
            }
            total += products / Double(pairs) / variance
            kernels += 1
        }
        return kernels == 0 ? .nan : total / Double(kernels)
    }

    /// The layer number a state-dict key starts with (`3` of `3.weight`).
    private static func layerIndex(_ key: String) -> Int { Int(key.prefix { $0 != "." }) ?? .max }

    /// See `lookalikeMistakes`.
    static func lookalikeMistakeShare(_ trainer: Trainer) -> Double {
        let names = trainer.data.classNames
        let group = Dictionary(uniqueKeysWithValues: lookalikeGroups.enumerated().flatMap { index, members in members.map { ($0, index) } })
        guard lookalikeGroups.joined().allSatisfy(names.contains) else { return .nan }
        let validation = trainer.data.validation
        let count = min(confusionImages, validation.count)
        var inputs = [Float](repeating: 0, count: count * validation.inputSize), labels = [Float](repeating: 0, count: count * validation.targetWidth)
        validation.fillBatch(indices: Array(0..<count)[...], inputs: &inputs, targets: &labels)
        let width = trainer.network.outputShape.reduce(1, *)
        let outputs = trainer.predict(inputs)
        var mistakes = 0, alike = 0
        for index in 0..<count {
            let truth = Int(labels[index * validation.targetWidth])
            let guess = mostLikely(outputs[index * width ..< (index + 1) * width]).class
            guard guess != truth, names.indices.contains(truth), names.indices.contains(guess) else { continue }
            mistakes += 1
            if let a = group[names[truth]], a == group[names[guess]] { alike += 1 }
        }
        return mistakes == 0 ? .nan : Double(alike) / Double(mistakes)
    }

    /// ‖W‖ over every weight tensor (the state dict's `weight` entries; biases left out).
    static func weightNorm(_ trainer: Trainer) -> Double {
        let weights = trainer.network.stateDict.filter { $0.key.hasSuffix("weight") }.values
        return weights.reduce(0.0) { sum, tensor in tensor.values.reduce(sum) { $0 + Double($1) * Double($1) } }.squareRoot()
    }

    /// The mean forget gate over the first validation sample, read from a forward pass of it.
    static func meanForgetGate(_ trainer: Trainer, configuration: RunConfiguration) -> Double {
        guard configuration.hasLSTMCells, let layer = trainer.network.layers.compactMap({ $0 as? Recurrent }).first,
              trainer.data.validation.count > 0, let steps = configuration.inputShape.first else { return .nan }
        let dataset = trainer.data.validation
        var input = [Float](repeating: 0, count: dataset.inputSize), target = [Float](repeating: 0, count: dataset.targetWidth)
        dataset.fillBatch(indices: [0], inputs: &input, targets: &target)
        _ = trainer.predict(input)
        let gates: [Float] = layer.trace(sample: 0, steps: steps).gates["forget"].map { Array($0.joined()) } ?? []
        return gates.isEmpty ? .nan : gates.reduce(0.0) { $0 + Double($1) } / Double(gates.count)
    }

    /// The sharpest head's mean row maximum over the first validation sequence, and the
    /// largest weight on a later key; nan without attention.
    static func attentionPeakAndAhead(_ trainer: Trainer) -> (peak: Double, ahead: Double) {
        guard let attention = AttentionCapture.capture(trainer, views: .attentionMaps, sample: 0, position: 0) else { return (.nan, .nan) }
        let maps = attention.maps
        let peaks = maps.map { map -> Double in
            let steps = Int(Double(map.weights.count).squareRoot())
            guard steps > 0 else { return .nan }
            let rowMaxima = (0..<steps).map { row in Double(map.weights[row * steps ..< (row + 1) * steps].max() ?? 0) }
            return rowMaxima.reduce(0, +) / Double(steps)
        }
        return (peaks.max() ?? .nan, Double(attention.largestWeightAhead))
    }

    /// The first `poolingImages` validation images of a one-channel image model, each its own
    /// array, and their height and width; nil for other inputs.
    static func firstValidationImages(_ trainer: Trainer) -> (images: [[Float]], height: Int, width: Int)? {
        let shape = trainer.network.inputShape
        let validation = trainer.data.validation
        guard shape.count == 3, shape[0] == 1, validation.count > 0 else { return nil }
        let count = min(poolingImages, validation.count), size = validation.inputSize
        var images = [Float](repeating: 0, count: count * size)
        var targets = [Float](repeating: 0, count: count * validation.targetWidth)
        validation.fillBatch(indices: Array(0..<count)[...], inputs: &images, targets: &targets)
        return ((0..<count).map { Array(images[$0 * size ..< ($0 + 1) * size]) }, shape[1], shape[2])
    }

    /// Validation images the pooling claims average over, and the shifts they name.
    static let poolingImages = 20
    static let poolingShifts = [1, 3]

    /// The pooling view's unchanged shares for each of `poolingShifts`, as
    /// `kept_map_1px`, `kept_max_pool_1px`, `kept_avg_pool_1px`, …; empty for other inputs.
    static func poolingKept(_ trainer: Trainer) -> [String: Double] {
        guard let (images, height, width) = firstValidationImages(trainer) else { return [:] }
        var result: [String: Double] = [:]
        for shift in poolingShifts {
            var sums = (map: 0.0, max: 0.0, average: 0.0), comparisons = 0
            for image in images {
                for kernel in ExplorerKernel.allCases {
                    guard let comparison = try? PoolingComparison(image: image, height: height, width: width, kernel: kernel.values,
                                                                  size: ExplorerKernel.size, shift: shift) else { continue }
                    sums.map += comparison.unchangedBeforePooling
                    sums.max += comparison.unchangedAfterMaxPooling
                    sums.average += comparison.unchangedAfterAveragePooling
                    comparisons += 1
                }
            }
            let n = Double(max(comparisons, 1))
            result["kept_map_\(shift)px"] = sums.map / n
            result["kept_max_pool_\(shift)px"] = sums.max / n
            result["kept_avg_pool_\(shift)px"] = sums.average / n
        }
        return result
    }

    /// The mean absolute change between neighbouring losses over their mean (nan for fewer than two).
    static func relativeJumps(_ losses: [Double]) -> Double {
        guard losses.count > 1 else { return .nan }
        let jumps = zip(losses, losses.dropFirst()).map { abs($1 - $0) }
        let mean = losses.reduce(0, +) / Double(losses.count)
        return jumps.reduce(0, +) / Double(jumps.count) / max(mean, .leastNormalMagnitude)
    }
}
