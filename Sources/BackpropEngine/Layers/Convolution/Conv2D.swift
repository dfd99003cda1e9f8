/// A 2-D convolution, PyTorch's `nn.Conv2d(in, out, kernel, stride, padding, bias)`,
/// on NCHW images. The weight is `[out, in, kh, kw]`; the bias (optional) is `[out]`.
///
/// Each image is unfolded (im2col) into a `[in·kh·kw, outH·outW]` matrix, so the convolution
/// is one GEMM per image: `Y = W · col + b`. Backward reads the same columns again for
/// `dW += dY · colᵀ`, and `dcol = Wᵀ · dY` is folded back into the input gradient (col2im).
///
/// A training pass keeps every image's columns for its backward pass. Unfolding them a second
/// time there (with one cache-sized buffer for all images) cost more than keeping them: the
/// unfold's short row copies were a quarter of a LeNet step (`perf` on `lenet5-28x28`).
/// An evaluation pass, which has no backward, unfolds into the one buffer.
public final class Conv2D: WeightedLayer {
    public let inputChannels: Int
    public let outputChannels: Int
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let stride: Int
    public let padding: Int
    public let weight: Parameter
    public let bias: Parameter?

    private var input = ImageShape(channels: 1, height: 1, width: 1)
    private var output = ImageShape(channels: 1, height: 1, width: 1)
    private var outputs = Tensor(rows: 0, columns: 1)
    private var inputGradient = Tensor(rows: 0, columns: 1)
    private var columns = Tensor(rows: 0, columns: 1)
    /// Each image's columns from the last training pass, for its backward pass.
    private var savedColumns = Tensor(rows: 0, columns: 1)
    /// Whether `savedColumns` holds the columns of `lastInput` (a training pass came last).
    private var hasSavedColumns = false
    private var columnGradient = Tensor(rows: 0, columns: 1)
    private var lastInput: Tensor?

    public init(inputChannels: Int, outputChannels: Int, kernel: (height: Int, width: Int), stride: Int = 1, padding: Int = 0,
                hasBias: Bool = true) {
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        kernelHeight = kernel.height
        kernelWidth = kernel.width
        self.stride = stride
        self.padding = padding
        weight = Parameter(name: "weight", shape: [outputChannels, inputChannels, kernel.height, kernel.width], isWeight: true)
        bias = hasBias ? Parameter(name: "bias", shape: [outputChannels], isWeight: false) : nil
    }

    public convenience init(inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, hasBias: Bool = true) {
        self.init(inputChannels: inputChannels, outputChannels: outputChannels, kernel: (kernelSize, kernelSize), stride: stride,
                  padding: padding, hasBias: hasBias)
    }

    public var kind: String { "Conv2d" }
    public var reusesWeightsWithinSample: Bool { true }
    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }
    public var fanIn: Int { inputChannels * kernelHeight * kernelWidth }
    public var fanOut: Int { outputChannels * kernelHeight * kernelWidth }
    private var patchSize: Int { fanIn }

    public var descriptor: LayerDescriptor {
        LayerDescriptor(type: "conv2d", settings: [
            "in": Double(inputChannels), "out": Double(outputChannels), "kernel_h": Double(kernelHeight),
            "kernel_w": Double(kernelWidth), "stride": Double(stride), "padding": Double(padding), "bias": bias == nil ? 0 : 1,
        ])
    }

    public func nameParameters(index: Int) {
        weight.name = "\(index).weight"
        bias?.name = "\(index).bias"
    }

    public func prepare(maxBatch: Int, inputShape: [Int]) throws(ModelError) -> [Int] {
        input = try ImageShape(inputShape, for: "Conv2d(\(inputChannels) → \(outputChannels))")
        guard input.channels == inputChannels else {
            throw ModelError("Conv2d(\(inputChannels) → \(outputChannels)) receives \(input.channels) channels")
        }
        let height = ImageShape.slide(input.height, kernel: kernelHeight, stride: stride, padding: padding)
        let width = ImageShape.slide(input.width, kernel: kernelWidth, stride: stride, padding: padding)
        guard height > 0, width > 0, stride > 0 else {
            throw ModelError("Conv2d kernel \(kernelHeight)x\(kernelWidth) (stride \(stride), padding \(padding)) does not fit a \(input) image")
        }
        output = ImageShape(channels: outputChannels, height: height, width: width)
        outputs = Tensor(rows: maxBatch, sampleShape: output.dimensions)
        inputGradient = Tensor(rows: maxBatch, sampleShape: input.dimensions)
        columns = Tensor(rows: patchSize, columns: output.pixels)
        savedColumns = Tensor(rows: maxBatch, sampleShape: [patchSize, output.pixels])
        columnGradient = Tensor(rows: patchSize, columns: output.pixels)
        return output.dimensions
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        lastInput = x
        hasSavedColumns = training
        outputs.setRows(x.rows)
        let pixels = output.pixels
        for image in 0..<x.rows {
            let y = outputs.data + image * output.count
            for channel in 0..<outputChannels {
                (y + channel * pixels).update(repeating: bias?.value[channel] ?? 0, count: pixels)
            }
            let imageColumns = training ? savedColumns.data + image * patchSize * pixels : columns.data
            unfold(x.data + image * input.count, into: imageColumns)
            gemm(m: outputChannels, n: pixels, k: patchSize, a: weight.value.data, lda: patchSize,
                 b: imageColumns, ldb: pixels, beta: 1, c: y, ldc: pixels)
        }
        return outputs
    }

    public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let x = lastInput else { return nil }
        // A frozen convolution passes the gradient back but computes none for itself: no
        // im2col and no weight GEMM, the larger half of the backward pass.
        let computesWeightGradient = !weight.isFrozen
        guard computesWeightGradient || needsInputGradient else { return nil }
        let pixels = output.pixels
        if computesWeightGradient { bias?.gradient.zero() }
        if needsInputGradient { inputGradient.setRows(dy.rows) }
        for image in 0..<dy.rows {
            let gradient = dy.data + image * output.count
            if computesWeightGradient, let bias {
                for channel in 0..<outputChannels {
                    bias.gradient[channel] += PlaneSums.sum(gradient + channel * pixels, count: pixels)
                }
            }
            if computesWeightGradient {
                var imageColumns = savedColumns.data + image * patchSize * pixels
                if !hasSavedColumns {
                    unfold(x.data + image * input.count, into: columns.data)
                    imageColumns = columns.data
                }
                gemm(transposeB: true, m: outputChannels, n: patchSize, k: pixels, a: gradient, lda: pixels,
                     b: imageColumns, ldb: pixels, beta: image == 0 ? 0 : 1, c: weight.gradient.data, ldc: patchSize)
            }
            guard needsInputGradient else { continue }
            gemm(transposeA: true, m: patchSize, n: pixels, k: outputChannels, a: weight.value.data, lda: patchSize,
                 b: gradient, ldb: pixels, beta: 0, c: columnGradient.data, ldc: pixels)
            fold(columnGradient.data, into: inputGradient.data + image * input.count)
        }
        if dy.rows == 0 && computesWeightGradient { weight.gradient.zero() }
        return needsInputGradient ? inputGradient : nil
    }

    /// im2col: row `(c·kh + i)·kw + j` of the result holds input pixel
    /// `(c, oy·stride − padding + i, ox·stride − padding + j)` for each output pixel, or 0 outside.
    private func unfold(_ image: UnsafePointer<Float>, into result: UnsafeMutablePointer<Float>) {
        forEachTap { row, channel, i, j in
            let destination = result + row * output.pixels
            let (first, end) = validColumns(tap: j)
            for oy in 0..<output.height {
                let iy = oy * stride - padding + i
                let target = destination + oy * output.width
                guard iy >= 0 && iy < input.height && first < end else {
                    target.update(repeating: 0, count: output.width)
                    continue
                }
                let source = image + (channel * input.height + iy) * input.width - padding + j
                target.update(repeating: 0, count: first)
                if stride == 1 {
                    (target + first).update(from: source + first, count: end - first)
                } else {
                    for ox in first..<end { target[ox] = source[ox * stride] }
                }
                (target + end).update(repeating: 0, count: output.width - end)
            }
        }
    }

    /// col2im: adds each column entry back onto the input pixel it was read from.
    private func fold(_ columnValues: UnsafePointer<Float>, into image: UnsafeMutablePointer<Float>) {
        image.update(repeating: 0, count: input.count)
        forEachTap { row, channel, i, j in
            let source = columnValues + row * output.pixels
            let (first, end) = validColumns(tap: j)
            for oy in 0..<output.height {
                let iy = oy * stride - padding + i
                guard iy >= 0 && iy < input.height else { continue }
                let target = image + (channel * input.height + iy) * input.width - padding + j
                let values = source + oy * output.width
                for ox in first..<end { target[ox * stride] += values[ox] }
            }
        }
    }

    /// The output columns `first..<end` whose input column `ox·stride − padding + tap` lies
    /// inside the image: computed once per tap, so the copy loops need no bounds tests.
    @inline(__always)
    private func validColumns(tap: Int) -> (Int, Int) {
        let offset = tap - padding
        let first = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let last = (input.width - 1 - offset)
        let end = last < 0 ? 0 : min(output.width, last / stride + 1)
        return (min(first, end), end)
    }

    @inline(__always)
    private func forEachTap(_ body: (_ row: Int, _ channel: Int, _ i: Int, _ j: Int) -> Void) {
        var row = 0
        for channel in 0..<inputChannels {
            for i in 0..<kernelHeight {
                for j in 0..<kernelWidth {
                    body(row, channel, i, j)
                    row += 1
                }
            }
        }
    }
}
