extension Rect {
    /// Splits the rectangle into one piece per constraint along `axis`, with
    /// `spacing` cells between pieces.
    ///
    /// Fixed sizes (length, percentage, ratio, min) are served first; when they do
    /// not fit, the last pieces shrink first. Leftover space goes to `fill` pieces
    /// by weight, or to `min` pieces when there are none.
    public func split(_ axis: Axis, _ constraints: [LayoutConstraint], spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let extent = axis == .horizontal ? width : height
        let total = Swift.max(0, extent - spacing * (constraints.count - 1))
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let cells): Swift.max(0, cells)
            case .percentage(let percent): total * Swift.max(0, percent) / 100
            case .ratio(let numerator, let denominator): denominator > 0 ? total * Swift.max(0, numerator) / denominator : 0
            case .min(let cells): Swift.max(0, cells)
            case .fill: 0
            }
        }
        var overflow = sizes.reduce(0, +) - total
        var index = sizes.count - 1
        while overflow > 0 && index >= 0 {
            let cut = Swift.min(sizes[index], overflow)
            sizes[index] -= cut
            overflow -= cut
            index -= 1
        }
        distribute(leftover: -overflow, constraints: constraints, into: &sizes)

        var pieces: [Rect] = []
        pieces.reserveCapacity(sizes.count)
        var offset = 0
        for size in sizes {
            let clamped = Swift.max(0, Swift.min(size, extent - offset))
            switch axis {
            case .horizontal: pieces.append(Rect(x: x + offset, y: y, width: clamped, height: height))
            case .vertical: pieces.append(Rect(x: x, y: y + offset, width: width, height: clamped))
            }
            offset = Swift.min(extent, offset + size + spacing)
        }
        return pieces
    }

    private func distribute(leftover: Int, constraints: [LayoutConstraint], into sizes: inout [Int]) {
        guard leftover > 0 else { return }
        var weights = constraints.map { constraint -> Int in
            if case .fill(let weight) = constraint { return Swift.max(0, weight) }
            return 0
        }
        if weights.allSatisfy({ $0 == 0 }) {
            weights = constraints.map { constraint -> Int in
                if case .min = constraint { return 1 }
                return 0
            }
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return }
        var given = 0
        for index in sizes.indices where weights[index] > 0 {
            let share = leftover * weights[index] / totalWeight
            sizes[index] += share
            given += share
        }
        // Rounding remainders go one cell at a time to the first weighted pieces.
        var remainder = leftover - given
        for index in sizes.indices where weights[index] > 0 && remainder > 0 {
            sizes[index] += 1
            remainder -= 1
        }
    }
}
