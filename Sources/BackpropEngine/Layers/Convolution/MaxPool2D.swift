/// Max pooling, PyTorch's `nn.MaxPool2d(kernel, stride)` (no padding, floor mode).
/// Forward keeps the position of each window's maximum; backward sends the gradient there.
public final class MaxPool2D: Layer {
    private var window: PoolingWindow
    private var outputs = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)
    /// For every output value, the index of the winning input value within its image.
    private var winners: [Int32] = []

    public init(kernel: Int, stride: Int? = nil) {
        window = PoolingWindow(kernel: kernel, stride: stride)
    }

    public var kernel: Int { window.kernel }
    public var stride: Int { window.stride }
    public var kind: String { "MaxPool2d" }
    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "maxpool2d", settings: ["kernel": Double(kernel), "stride": Double(stride)])
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        try window.fit(inputShape, layer: "MaxPool2d")
        outputs = Tensor(rows: maxBatch, sampleShape: window.output.dimensions)
        inputGradient = Tensor(rows: maxBatch, sampleShape: window.input.dimensions)
        winners = [Int32](repeating: 0, count: maxBatch * window.output.count)
        return window.output.dimensions
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        outputs.setRows(x.rows)
        let inputCount = window.input.count, outputCount = window.output.count
        let width = window.input.width, kernel = window.kernel
        let output = outputs.data
        winners.withUnsafeMutableBufferPointer { winners in
            let winner = winners.baseAddress!
            if kernel == 2 && window.stride == 2 {
                forwardTwoByTwo(x, into: output, winners: winner)
                return
            }
            window.forEachWindow(images: x.rows) { image, index, corner in
                let source = x.data + image * inputCount
                var best = source[corner], bestIndex = corner
                for i in 0..<kernel {
                    let rowStart = corner + i * width
                    for j in 0..<kernel where source[rowStart + j] > best {
                        best = source[rowStart + j]
                        bestIndex = rowStart + j
                    }
                }
                output[image * outputCount + index] = best
                winner[image * outputCount + index] = Int32(bestIndex)
            }
        }
        return outputs
    }

    /// The 2x2, stride-2 window every CNN preset uses, unrolled: it took 12% of a
    /// batch-normalized CNN's step through the general loop (`perf`, `cnn-bn-28x28`). The
    /// four values are compared in the general loop's order, so ties keep the same winner
    /// (the first of equal values, in reading order).
    private func forwardTwoByTwo(_ x: Tensor, into output: UnsafeMutablePointer<Float>, winners: UnsafeMutablePointer<Int32>) {
        let inputHeight = window.input.height, inputWidth = window.input.width
        let outputHeight = window.output.height, outputWidth = window.output.width
        let planes = x.rows * window.input.channels
        for plane in 0..<planes {
            let source = x.data + plane * inputHeight * inputWidth
            // Winners are indices within an image: the plane's offset inside its image.
            let planeOffset = (plane % window.input.channels) * inputHeight * inputWidth
            let target = output + plane * outputHeight * outputWidth
            let winner = winners + plane * outputHeight * outputWidth
            for oy in 0..<outputHeight {
                let top = 2 * oy * inputWidth
                for ox in 0..<outputWidth {
                    // Selects rather than branches: which value wins is data, and a
                    // mispredicted branch per comparison cost more than the comparisons.
                    let first = top + 2 * ox, below = first + inputWidth
                    var best = source[first], index = first
                    let second = source[first + 1] > best
                    best = second ? source[first + 1] : best
                    index = second ? first + 1 : index
                    let third = source[below] > best
                    best = third ? source[below] : best
                    index = third ? below : index
                    let fourth = source[below + 1] > best
                    best = fourth ? source[below + 1] : best
                    index = fourth ? below + 1 : index
                    target[oy * outputWidth + ox] = best
                    winner[oy * outputWidth + ox] = Int32(planeOffset + index)
                }
            }
        }
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        inputGradient.setRows(dy.rows)
        inputGradient.zero()
        let inputCount = window.input.count, outputCount = window.output.count
        winners.withUnsafeBufferPointer { winners in
            for image in 0..<dy.rows {
                let gradient = dy.data + image * outputCount
                let target = inputGradient.data + image * inputCount
                let winner = winners.baseAddress! + image * outputCount
                for index in 0..<outputCount { target[Int(winner[index])] += gradient[index] }
            }
        }
        return inputGradient
    }
}
