/// L1 and L2 penalties on weights (not biases), added to the data loss:
/// `l1·Σ|w| + (l2/2)·Σw²`, whose gradients are `l1·sign(w)` and `l2·w`.
///
/// The halved L2 term makes its gradient exactly `l2·w`, as in the Playground and as
/// PyTorch's `weight_decay` for plain SGD.
public struct Penalty: Equatable, Sendable {
    public var l1: Float
    public var l2: Float

    public init(l1: Float = 0, l2: Float = 0) {
        self.l1 = l1
        self.l2 = l2
    }

    public var isActive: Bool { l1 != 0 || l2 != 0 }

    /// Adds the penalty's gradient to each weight's gradient and returns the penalty's value.
    @discardableResult
    public func apply(to parameters: [Parameter]) -> Float {
        guard isActive else { return 0 }
        var total: Double = 0
        for parameter in parameters where parameter.isWeight {
            let w = parameter.value.data, g = parameter.gradient.data
            for i in 0..<parameter.count {
                let value = w[i]
                total += Double(l1 * abs(value) + 0.5 * l2 * value * value)
                let sign: Float = value > 0 ? 1 : (value < 0 ? -1 : 0)
                g[i] += l1 * sign + l2 * value
            }
        }
        return Float(total)
    }

    /// The penalty's value alone (for evaluation, which computes no gradients).
    public func value(of parameters: [Parameter]) -> Float {
        guard isActive else { return 0 }
        var total: Double = 0
        for parameter in parameters where parameter.isWeight {
            let w = parameter.value.data
            for i in 0..<parameter.count { total += Double(l1 * abs(w[i]) + 0.5 * l2 * w[i] * w[i]) }
        }
        return Float(total)
    }
}
