import BackpropEngine
import BackpropWidgets

/// One activation function and its derivative, both computed by the engine over
/// x ∈ [−4, 4]; the view's control picks the function. Softmax is shown as its first output
/// against its own logit, the other two logits fixed, with the Jacobian's diagonal entry.
enum ActivationPlotView {
    /// What the control steps through.
    enum Choice: Equatable {
        case elementWise(ActivationFunction)
        case softmax
    }

    static let functions: [Choice] = [.elementWise(.relu), .elementWise(.leakyRelu), .elementWise(.elu), .elementWise(.gelu),
                                      .elementWise(.sigmoid), .elementWise(.tanh), .softmax]
    static let xRange: ClosedRange<Float> = -4...4
    static let samples = 161
    /// The two logits that stay put while softmax's first logit moves.
    static let fixedLogits: [Float] = [1, -1]

    static func render(selected: Int, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let choice = functions[min(max(selected, 0), functions.count - 1)]
        let inside = Panel(title: "Activation: \(name(of: choice)) · \(selected + 1)/\(functions.count)" + suffix)
            .render(in: area, buffer: &buffer, theme: theme)
        guard inside.height >= 4 else { return }
        buffer.writeFitted("← " + formula(of: choice) + " →", x: inside.x, y: inside.y, style: theme.accent, clip: inside)
        let (values, derivatives) = curves(of: choice)
        let plotArea = Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 1)
        let isSoftmax = choice == .softmax
        let (yRange, ticks) = axis(for: (values + derivatives).map(\.y), rows: plotArea.height - 1)
        XYPlot(curves: [
            XYPlot.Curve(name: isSoftmax ? "s₁" : "f(x)", points: values, role: .train),
            XYPlot.Curve(name: isSoftmax ? "∂s₁/∂z₁" : "f'(x)", points: derivatives, role: .test),
        ], xRange: Double(xRange.lowerBound)...Double(xRange.upperBound), yRange: yRange, xLabel: isSoftmax ? "z₁" : "x", yTicks: ticks)
            .render(in: plotArea, buffer: &buffer, theme: theme)
    }

    /// Steps between y ticks, finest first: quarters show a sigmoid's peak slope of 1/4, and
    /// every step lands on 1, the slope of ReLU and of tanh at 0.
    static let tickSteps: [Double] = [0.25, 0.5, 1, 2]

    /// The y range widened to whole quarters, and ticks at the finest step that leaves a row
    /// between labels in `rows` rows of plot.
    static func axis(for values: [Double], rows: Int) -> (range: ClosedRange<Double>, ticks: [Double]) {
        let finite = values.filter(\.isFinite)
        let quarter = tickSteps[0]
        let low = ((finite.min() ?? 0) / quarter).rounded(.down) * quarter
        let high = max(low + quarter, ((finite.max() ?? 1) / quarter).rounded(.up) * quarter)
        let step = tickSteps.first { (high - low) / $0 <= Double(max(rows, 1)) / 2 } ?? tickSteps[tickSteps.count - 1]
        let ticks = stride(from: (low / step).rounded(.up) * step, through: high, by: step).map { $0 }
        return (low...high, ticks)
    }

    static func name(of choice: Choice) -> String {
        switch choice {
        case .elementWise(let function): function.moduleName
        case .softmax: "Softmax"
        }
    }

    static func formula(of choice: Choice) -> String {
        switch choice {
        case .elementWise(.relu): "max(0, x)"
        case .elementWise(.leakyRelu): "x if x > 0, else \(ActivationFunction.leakySlope)·x"
        case .elementWise(.elu): "x if x > 0, else e^x − 1"
        case .elementWise(.gelu): "x·Φ(x), Φ the normal CDF"
        case .elementWise(.sigmoid): "1 / (1 + e^−x)"
        case .elementWise(.tanh): "(e^x − e^−x) / (e^x + e^−x)"
        case .elementWise(.linear): "x"
        case .softmax: "e^z₁ / Σ e^zᵢ, z₂ = \(CompactNumber.format(Double(fixedLogits[0]))), z₃ = \(CompactNumber.format(Double(fixedLogits[1])))"
        }
    }

    /// (x, f(x)) and (x, f'(x)) at `samples` points, from the engine's forward and backward.
    static func curves(of choice: Choice) -> (values: [(x: Double, y: Double)], derivatives: [(x: Double, y: Double)]) {
        let xs = (0..<samples).map { xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Float($0) / Float(samples - 1) }
        let (values, derivatives): ([Float], [Float])
        switch choice {
        case .elementWise(let function): (values, derivatives) = elementWise(function, xs)
        case .softmax: (values, derivatives) = softmaxFirstComponent(xs)
        }
        return (zip(xs, values).map { (Double($0), Double($1)) }, zip(xs, derivatives).map { (Double($0), Double($1)) })
    }

    /// f by `apply`, f' by `backward` with an output gradient of ones.
    private static func elementWise(_ function: ActivationFunction, _ xs: [Float]) -> ([Float], [Float]) {
        var values = [Float](repeating: 0, count: xs.count)
        var derivatives = values
        let ones = [Float](repeating: 1, count: xs.count)
        xs.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { y in
                function.apply(x.baseAddress!, y.baseAddress!, count: xs.count)
                ones.withUnsafeBufferPointer { dy in
                    derivatives.withUnsafeMutableBufferPointer { dx in
                        function.backward(input: x.baseAddress!, output: UnsafePointer(y.baseAddress!), outputGradient: dy.baseAddress!,
                                          inputGradient: dx.baseAddress!, count: xs.count)
                    }
                }
            }
        }
        return (values, derivatives)
    }

    /// The engine's Softmax layer on rows (x, z₂, z₃): the first output, and the Jacobian's
    /// diagonal entry ∂s₁/∂z₁ from a backward pass with the output gradient (1, 0, 0).
    private static func softmaxFirstComponent(_ xs: [Float]) -> ([Float], [Float]) {
        let layer = Softmax()
        let width = 1 + fixedLogits.count
        guard (try? layer.prepare(maxBatch: xs.count, inputShape: [width])) != nil else { return ([], []) }
        let logits = Tensor(shape: [xs.count, width], values: xs.flatMap { [$0] + fixedLogits })
        let output = layer.forward(logits, training: false)
        let values = (0..<xs.count).map { output[$0, 0] }
        let firstOnly = Tensor(shape: [xs.count, width], values: xs.flatMap { _ in [1] + fixedLogits.map { _ in 0 } })
        guard let gradient = layer.backward(firstOnly, needsInputGradient: true) else { return (values, []) }
        return (values, (0..<xs.count).map { gradient[$0, 0] })
    }
}
