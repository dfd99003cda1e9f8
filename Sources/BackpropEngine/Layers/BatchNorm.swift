/// Batch normalization, PyTorch's `nn.BatchNorm1d(F)` over the features of dense layers'
/// outputs or `nn.BatchNorm2d(C)` over the channels of NCHW images (eps 1e-5, momentum 0.1,
/// affine, tracking running statistics). A feature is a channel of one pixel.
///
/// Training normalizes with the batch's per-channel mean and biased variance and updates
/// the running statistics with the unbiased variance, as PyTorch does; evaluation uses the
/// running statistics. `weight` (γ) and `bias` (β) are trained; the running mean, variance
/// and the number of batches seen are state saved with the model.
public final class BatchNorm: Layer {
    /// What is normalized: each feature of a flat sample, or each channel of an image.
    public enum Layout: Sendable {
        case features, images
    }

    public let channels: Int
    public let layout: Layout
    public let epsilon: Float = 1e-5
    public let momentum: Float = 0.1
    public let weight: Parameter
    public let bias: Parameter
    public let runningMean: Parameter
    public let runningVariance: Parameter
    public let batchesTracked: Parameter

    private var image = ImageShape(channels: 1, height: 1, width: 1)
    private var outputs = Tensor(rows: 0, columns: 1)
    private var normalized = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)
    private var inverseDeviation: [Float] = []
    private var usedBatchStatistics = false

    // Per-channel statistics of the batch, kept apart from the steps that compute them so
    // that the parts of a batch split across cores can combine theirs (see
    // `SynchronizedBatchNorm`). Allocated once, like every buffer.
    /// One step's per-channel sums over this layer's own rows.
    var partSums: [Double] = []
    /// The whole batch's mean and biased variance, per channel.
    var batchMean: [Double] = []
    var batchVariance: [Double] = []
    /// Σ∂L/∂y and Σ∂L/∂y·x̂ over the whole batch, per channel, for the input gradient.
    var batchGradientSum: [Float] = []
    var batchGradientProductSum: [Float] = []

    /// `channels` is the number of features (`.features`) or image channels (`.images`).
    public init(channels: Int, layout: Layout) {
        self.channels = channels
        self.layout = layout
        weight = Parameter(name: "weight", shape: [channels], isWeight: false)
        bias = Parameter(name: "bias", shape: [channels], isWeight: false)
        runningMean = Parameter(name: "running_mean", shape: [channels], isWeight: false)
        runningVariance = Parameter(name: "running_var", shape: [channels], isWeight: false)
        batchesTracked = Parameter(name: "num_batches_tracked", shape: [], isWeight: false)
        weight.value.fill(1)
        runningVariance.value.fill(1)
        inverseDeviation = [Float](repeating: 0, count: channels)
        partSums = [Double](repeating: 0, count: channels)
        batchMean = partSums
        batchVariance = partSums
        batchGradientSum = inverseDeviation
        batchGradientProductSum = inverseDeviation
    }

    public var kind: String { layout == .images ? "BatchNorm2d" : "BatchNorm1d" }
    public var parameters: [Parameter] { [weight, bias] }
    public var stateBuffers: [Parameter] { [runningMean, runningVariance, batchesTracked] }
    public var descriptor: LayerDescriptor { LayerDescriptor(type: kind.lowercased(), settings: ["channels": Double(channels)]) }

    public func nameParameters(index: Int) {
        for (parameter, name) in zip([weight, bias, runningMean, runningVariance, batchesTracked],
                                     ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]) {
            parameter.name = "\(index).\(name)"
        }
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        switch layout {
        case .images:
            image = try ImageShape(inputShape, for: "\(kind)(\(channels))")
        case .features:
            guard inputShape.count == 1 else { throw ModelError("\(kind)(\(channels)) needs flat samples, not shape \(inputShape)") }
            image = ImageShape(channels: inputShape[0], height: 1, width: 1)
        }
        guard image.channels == channels else { throw ModelError("\(kind)(\(channels)) receives \(image.channels) channels") }
        outputs = Tensor(rows: maxBatch, sampleShape: inputShape)
        normalized = Tensor(rows: maxBatch, sampleShape: inputShape)
        inputGradient = Tensor(rows: maxBatch, sampleShape: inputShape)
        return inputShape
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard training else { return normalize(x, usingBatchStatistics: false) }
        let count = Double(x.rows * image.pixels)
        sumChannels(x)
        for channel in 0..<channels { batchMean[channel] = partSums[channel] / count }
        sumSquaredDeviations(x)
        for channel in 0..<channels { batchVariance[channel] = partSums[channel] / count }
        updateRunningStatistics(count: x.rows * image.pixels)
        return normalize(x, usingBatchStatistics: true)
    }

    // MARK: Batch statistics, in steps that parts of a split batch take on their own

    /// Values each channel's statistics cover in `rows` samples.
    func valuesPerChannel(rows: Int) -> Int { rows * image.pixels }

    /// Σx per channel over `x`'s rows and pixels, into `partSums`.
    func sumChannels(_ x: Tensor) {
        let pixels = image.pixels, sampleCount = image.count, source = x.data
        for channel in 0..<channels {
            var sum: Double = 0
            for sample in 0..<x.rows {
                sum += Double(PlaneSums.sum(source + sample * sampleCount + channel * pixels, count: pixels))
            }
            partSums[channel] = sum
        }
    }

    /// Σ(x − mean)² per channel around `batchMean`, into `partSums`: the second of two passes,
    /// steadier than Σx² − n·mean².
    func sumSquaredDeviations(_ x: Tensor) {
        let pixels = image.pixels, sampleCount = image.count, source = x.data
        for channel in 0..<channels {
            let mean = Float(batchMean[channel])
            var squares: Double = 0
            for sample in 0..<x.rows {
                squares += Double(PlaneSums.squaredDeviations(source + sample * sampleCount + channel * pixels, count: pixels, mean: mean))
            }
            partSums[channel] = squares
        }
    }

    /// Moves the running statistics toward `batchMean` and `batchVariance` (biased, over
    /// `count` values per channel), storing the variance unbiased, as PyTorch does.
    func updateRunningStatistics(count: Int) {
        batchesTracked.value[0] += 1
        for channel in 0..<channels {
            let variance = Float(batchVariance[channel])
            let unbiased = count > 1 ? variance * Float(count) / Float(count - 1) : variance
            runningMean.value[channel] = (1 - momentum) * runningMean.value[channel] + momentum * Float(batchMean[channel])
            runningVariance.value[channel] = (1 - momentum) * runningVariance.value[channel] + momentum * unbiased
        }
    }

    /// Normalizes with `batchMean` and `batchVariance`, or with the running statistics.
    func normalize(_ x: Tensor, usingBatchStatistics: Bool) -> Tensor {
        outputs.setRows(x.rows)
        normalized.setRows(x.rows)
        usedBatchStatistics = usingBatchStatistics
        let pixels = image.pixels, sampleCount = image.count
        // Pointers read once: through the class's properties every access is reloaded.
        let source = x.data, normalizedValues = normalized.data, output = outputs.data
        for channel in 0..<channels {
            let mean = usingBatchStatistics ? Float(batchMean[channel]) : runningMean.value[channel]
            let variance = usingBatchStatistics ? Float(batchVariance[channel]) : runningVariance.value[channel]
            let inverse = 1 / (variance + epsilon).squareRoot()
            inverseDeviation[channel] = inverse
            let gamma = weight.value[channel], beta = bias.value[channel]
            for sample in 0..<x.rows {
                let offset = sample * sampleCount + channel * pixels
                for p in offset..<(offset + pixels) {
                    let xhat = (source[p] - mean) * inverse
                    normalizedValues[p] = xhat
                    output[p] = gamma * xhat + beta
                }
            }
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        sumGradients(dy)
        guard needsInputGradient else { return nil }
        for channel in 0..<channels {
            batchGradientSum[channel] = bias.gradient[channel]
            batchGradientProductSum[channel] = weight.gradient[channel]
        }
        return inputGradient(dy, valuesInPart: dy.rows * image.pixels)
    }

    /// Σ∂L/∂y and Σ∂L/∂y·x̂ per channel: the gradients of β and γ.
    func sumGradients(_ dy: Tensor) {
        let pixels = image.pixels, sampleCount = image.count, gradient = dy.data, normalizedValues = normalized.data
        for channel in 0..<channels {
            var sumGradient: Double = 0, sumGradientTimesNormalized: Double = 0
            for sample in 0..<dy.rows {
                let offset = sample * sampleCount + channel * pixels
                let plane = PlaneSums.sumAndDot(gradient + offset, normalizedValues + offset, count: pixels)
                sumGradient += Double(plane.sum)
                sumGradientTimesNormalized += Double(plane.dot)
            }
            bias.gradient[channel] = Float(sumGradient)
            weight.gradient[channel] = Float(sumGradientTimesNormalized)
        }
    }

    /// ∂L/∂x from `dy`, given the whole batch's `batchGradientSum` and
    /// `batchGradientProductSum`. Those are in the units of this part's own loss scaled to
    /// the part's share of the batch, so dividing by the part's `valuesInPart` (values per
    /// channel) gives the batch means the formula needs, seen from this part.
    func inputGradient(_ dy: Tensor, valuesInPart: Int) -> Tensor {
        let pixels = image.pixels, sampleCount = image.count
        let count = Float(valuesInPart)
        inputGradient.setRows(dy.rows)
        let gradient = dy.data, normalizedValues = normalized.data, target = inputGradient.data
        for channel in 0..<channels {
            let scale = weight.value[channel] * inverseDeviation[channel]
            // The batch's mean and variance depend on every input: two correction terms,
            // none when the running statistics normalized (evaluation mode).
            let meanGradient = usedBatchStatistics ? batchGradientSum[channel] / count : 0
            let productMean = usedBatchStatistics ? batchGradientProductSum[channel] / count : 0
            for sample in 0..<dy.rows {
                let offset = sample * sampleCount + channel * pixels
                for p in offset..<(offset + pixels) {
                    target[p] = scale * (gradient[p] - meanGradient - normalizedValues[p] * productMean)
                }
            }
        }
        return inputGradient
    }
}
