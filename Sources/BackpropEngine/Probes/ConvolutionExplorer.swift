/// One grey image and one square kernel run through the engine's own `Conv2D`, for the
/// lesson's explorer: the learner picks a kernel, a stride and a padding and sees the map
/// the layer computes, with the size formula's numbers.
public enum ConvolutionExplorer {
    /// A feature map: `height` rows of `width` values, top row first.
    public struct Map: Equatable, Sendable {
        public var values: [Float]
        public var height: Int
        public var width: Int

        public init(values: [Float], height: Int, width: Int) {
            self.values = values
            self.height = height
            self.width = width
        }
    }

    /// `image` (`height`x`width`, one channel) convolved with the `size`x`size` `kernel`
    /// (row-major), no bias, by a fresh `Conv2D` with the given stride and zero padding.
    public static func convolve(_ image: [Float], height: Int, width: Int, kernel: [Float], size: Int,
                                stride: Int, padding: Int) throws(ModelError) -> Map {
        let layer = Conv2D(inputChannels: 1, outputChannels: 1, kernelSize: size, stride: stride, padding: padding, hasBias: false)
        let shape = try layer.prepare(maxBatch: 1, inputShape: [1, height, width])
        layer.weight.value.copy(from: kernel)
        let output = layer.forward(Tensor(shape: [1, 1, height, width], values: image), training: false)
        return Map(values: output.values, height: shape[1], width: shape[2])
    }

    /// The output size of a sliding window, ⌊(n + 2p − k) / s⌋ + 1, as `Conv2D` computes it.
    public static func outputSize(input: Int, kernel: Int, stride: Int, padding: Int) -> Int {
        ImageShape.slide(input, kernel: kernel, stride: stride, padding: padding)
    }

    /// `image` moved `right` pixels to the right (and `down` pixels down), zeros coming in.
    public static func shifted(_ image: [Float], height: Int, width: Int, right: Int, down: Int = 0) -> [Float] {
        var result = [Float](repeating: 0, count: image.count)
        for row in 0..<height where row - down >= 0 && row - down < height {
            for column in 0..<width where column - right >= 0 && column - right < width {
                result[row * width + column] = image[(row - down) * width + column - right]
            }
        }
        return result
    }
}

/// How much of a convolution's response survives a small shift of the image, before and
/// after 2x2 pooling: the lesson's measure of translation invariance.
public struct PoolingComparison: Equatable, Sendable {
    /// ReLU of the convolution (same size as the image), for the original and the shifted image.
    public var original: ConvolutionExplorer.Map
    public var shifted: ConvolutionExplorer.Map
    /// The maps after 2x2 max pooling (stride 2).
    public var pooledOriginal: ConvolutionExplorer.Map
    public var pooledShifted: ConvolutionExplorer.Map
    /// Shares of responding positions whose value stays the same, in 0…1: the convolution's
    /// own map, after max pooling, after average pooling.
    public var unchangedBeforePooling: Double
    public var unchangedAfterMaxPooling: Double
    public var unchangedAfterAveragePooling: Double

    /// A value counts as unchanged when it moves by at most this share of the map's peak.
    public static let tolerance: Float = 0.1

    /// Runs `image` and the image shifted `shift` pixels right through Conv2D (padding keeps
    /// the size), ReLU, MaxPool2D(2) and AvgPool2D(2), all engine layers.
    public init(image: [Float], height: Int, width: Int, kernel: [Float], size: Int, shift: Int) throws(ModelError) {
        let moved = ConvolutionExplorer.shifted(image, height: height, width: width, right: shift)
        let convolution = Conv2D(inputChannels: 1, outputChannels: 1, kernelSize: size, padding: size / 2, hasBias: false)
        let relu = Activation(.relu), maxPool = MaxPool2D(kernel: 2), averagePool = AvgPool2D(kernel: 2)
        var shape = try convolution.prepare(maxBatch: 2, inputShape: [1, height, width])
        shape = try relu.prepare(maxBatch: 2, inputShape: shape)
        let pooledShape = try maxPool.prepare(maxBatch: 2, inputShape: shape)
        _ = try averagePool.prepare(maxBatch: 2, inputShape: shape)
        convolution.weight.value.copy(from: kernel)
        let activated = relu.forward(convolution.forward(Tensor(shape: [2, 1, height, width], values: image + moved), training: false),
                                     training: false)
        let maps = Self.split(activated.values, height: shape[1], width: shape[2])
        let maxPooled = Self.split(maxPool.forward(activated, training: false).values, height: pooledShape[1], width: pooledShape[2])
        let averaged = Self.split(averagePool.forward(activated, training: false).values, height: pooledShape[1], width: pooledShape[2])
        original = maps.0
        shifted = maps.1
        pooledOriginal = maxPooled.0
        pooledShifted = maxPooled.1
        unchangedBeforePooling = Self.unchangedShare(maps.0.values, maps.1.values)
        unchangedAfterMaxPooling = Self.unchangedShare(maxPooled.0.values, maxPooled.1.values)
        unchangedAfterAveragePooling = Self.unchangedShare(averaged.0.values, averaged.1.values)
    }

    /// The two images of a batch of two as maps.
    private static func split(_ values: [Float], height: Int, width: Int) -> (ConvolutionExplorer.Map, ConvolutionExplorer.Map) {
        let count = height * width
        return (ConvolutionExplorer.Map(values: Array(values[0..<count]), height: height, width: width),
                ConvolutionExplorer.Map(values: Array(values[count..<2 * count]), height: height, width: width))
    }

    /// Of the positions where either map responds (above the tolerance), the share whose
    /// values differ by at most the tolerance. A blank background, zero in both maps, would
    /// count as unchanged and hide the effect, so it is left out. 1 when nothing responds.
    static func unchangedShare(_ first: [Float], _ second: [Float]) -> Double {
        let peak = max(first.max() ?? 0, second.max() ?? 0)
        guard peak > 0 else { return 1 }
        let threshold = tolerance * peak
        var responding = 0, unchanged = 0
        for (a, b) in zip(first, second) where max(a, b) > threshold {
            responding += 1
            if abs(a - b) <= threshold { unchanged += 1 }
        }
        return responding == 0 ? 1 : Double(unchanged) / Double(responding)
    }
}
