import Foundation

/// The validation-loss curves of a comparison as one standalone SVG: each variant's mean over
/// its seeds as a thick line, each seed's own curve as a thin one in the same colour, epochs
/// across and loss up (on a log scale when the losses span more than 1.5 decades), and a legend
/// beside the plot, where it can never hide a curve. A pure function of its series.
enum LossCurvesSVG {
    /// One variant's curves, epoch 1 first; nil where an epoch has no finite loss.
    struct Series: Equatable {
        let label: String
        let mean: [Double?]
        let seeds: [[Double?]]
    }

    /// Losses whose largest over smallest exceeds this many decades are drawn on a log scale.
    static let logScaleDecades = 1.5

    static func render(title: String, series: [Series]) -> String {
        let layout = Layout(series: series)
        let losses = series.flatMap { [$0.mean] + $0.seeds }.flatMap { $0.compactMap { $0 } }.filter(\.isFinite)
        let epochs = series.flatMap { [$0.mean] + $0.seeds }.map(\.count).max() ?? 0
        var parts = [
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(layout.width)" height="\#(layout.height)" viewBox="0 0 \#(layout.width) \#(layout.height)" font-family="sans-serif" font-size="12">"#,
            #"<rect width="100%" height="100%" fill="white"/>"#,
            #"<text x="\#(layout.width / 2)" y="24" text-anchor="middle" font-size="15">\#(escaped(title))</text>"#,
        ]
        if let lossScale = LossScale(losses), epochs > 0 {
            let plot = Plot(layout: layout, epochs: epochs, loss: lossScale)
            parts += plot.axes()
            parts.append(#"<clipPath id="plot-area"><rect x="\#(layout.left)" y="\#(layout.top)" width="\#(layout.plotWidth)" height="\#(layout.plotHeight)"/></clipPath>"#)
            parts.append(#"<g clip-path="url(#plot-area)" fill="none" stroke-linejoin="round" stroke-linecap="round">"#)
            for (index, variant) in series.enumerated() {
                let style = #"stroke="\#(colour(index))"\#(dashes(index))"#
                if variant.seeds.count > 1 {
                    for seed in variant.seeds { parts.append(#"<path class="seed" d="\#(plot.path(seed))" \#(style) stroke-width="0.8" stroke-opacity="0.35"/>"#) }
                }
                parts.append(#"<path class="mean" d="\#(plot.path(variant.mean))" \#(style) stroke-width="2.2"/>"#)
            }
            parts.append("</g>")
        } else {
            parts.append(#"<text x="\#(layout.left + layout.plotWidth / 2)" y="\#(layout.top + layout.plotHeight / 2)" text-anchor="middle">no epoch finished with a finite validation loss</text>"#)
        }
        parts += legend(series, layout: layout)
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    private static func legend(_ series: [Series], layout: Layout) -> [String] {
        var parts = [#"<g class="legend">"#]
        for (index, variant) in series.enumerated() {
            let y = layout.top + 10 + index * Layout.legendRow
            let x = layout.legendLeft
            parts.append(#"<line x1="\#(x)" y1="\#(y)" x2="\#(x + 24)" y2="\#(y)" stroke="\#(colour(index))"\#(dashes(index)) stroke-width="2.2"/>"#)
            parts.append(#"<text x="\#(x + 32)" y="\#(y + 4)">\#(escaped(variant.label))</text>"#)
        }
        parts.append("</g>")
        return parts
    }

    /// Ten colours told apart by most readers (Tableau 10); past ten they repeat, dashed.
    private static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    private static func colour(_ index: Int) -> String { palette[index % palette.count] }

    private static func dashes(_ index: Int) -> String { index < palette.count ? "" : #" stroke-dasharray="6 3""# }

    /// Text as XML character data or an attribute value.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            // XML 1.0 cannot hold most control characters, even escaped.
            case _ where character.unicodeScalars.contains { $0.value < 0x20 }: result += "?"
            default: result.append(character)
            }
        }
        return result
    }

    /// Where the plot and the legend go, in SVG pixels.
    struct Layout {
        static let legendRow = 20
        let left = 76, top = 44, plotWidth = 560, plotHeight = 320
        let width: Int, height: Int

        init(series: [Series]) {
            // About 7 pixels per character at 12 px: the legend is as wide as its longest label.
            let longest = series.map(\.label.count).max() ?? 0
            width = left + plotWidth + 24 + 32 + 7 * longest + 16
            height = max(top + plotHeight + 52, top + 10 + series.count * Self.legendRow + 16)
        }

        var legendLeft: Int { left + plotWidth + 24 }
    }

    /// The loss axis: linear with round steps, or logarithmic over whole decades.
    struct LossScale {
        let isLogarithmic: Bool
        let lower: Double, upper: Double
        let ticks: [Double]

        init?(_ losses: [Double]) {
            guard let smallest = losses.min(), let largest = losses.max() else { return nil }
            isLogarithmic = smallest > 0 && log10(largest / smallest) > LossCurvesSVG.logScaleDecades
            if isLogarithmic {
                let first = floor(log10(smallest)), last = ceil(log10(largest))
                lower = pow(10, first)
                upper = pow(10, last)
                ticks = stride(from: first, through: last, by: 1).map { pow(10, $0) }
            } else {
                // A flat curve still needs a range to be drawn in: a tenth of its value around it.
                let spread = largest > smallest ? largest - smallest : max(abs(largest) * 0.1, 1e-6)
                let step = niceStep(spread / 5)
                lower = floor((largest > smallest ? smallest : smallest - spread / 2) / step) * step
                upper = ceil((largest > smallest ? largest : largest + spread / 2) / step) * step
                ticks = stride(from: lower, through: upper + step / 2, by: step).map { $0 }
            }
        }

        /// 0 at the bottom of the axis, 1 at its top.
        func fraction(_ loss: Double) -> Double {
            isLogarithmic ? (log10(loss) - log10(lower)) / (log10(upper) - log10(lower)) : (loss - lower) / (upper - lower)
        }

        func label(_ tick: Double) -> String {
            if isLogarithmic { return String(format: "%g", tick) }
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : tick
            let decimals = max(0, Int(-floor(log10(step))))
            return String(format: "%.\(decimals)f", tick)
        }
    }

    /// A step of 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        let power = pow(10, floor(log10(rough)))
        return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough * (1 - 1e-9) } ?? 10 * power
    }

    /// Maps epochs and losses into the plot and draws its axes.
    struct Plot {
        let layout: Layout
        let epochs: Int
        let loss: LossScale

        func x(_ epoch: Int) -> Double {
            // One epoch alone sits in the middle.
            let fraction = epochs > 1 ? Double(epoch - 1) / Double(epochs - 1) : 0.5
            return Double(layout.left) + fraction * Double(layout.plotWidth)
        }

        func y(_ value: Double) -> Double { Double(layout.top + layout.plotHeight) - loss.fraction(value) * Double(layout.plotHeight) }

        /// The curve as path data, broken where an epoch has no finite loss. A lone point is
        /// a zero-length line, which the round line cap draws as a dot.
        func path(_ curve: [Double?]) -> String {
            var commands: [String] = []
            var drawing = false
            for (index, value) in curve.enumerated() {
                guard let value, value.isFinite else { drawing = false; continue }
                let point = String(format: "%.2f %.2f", x(index + 1), y(value))
                commands.append((drawing ? "L" : "M") + point)
                let next = index + 1 < curve.count ? curve[index + 1] : nil
                if !drawing, next.map({ !$0.isFinite }) ?? true { commands.append("l0 0") }
                drawing = true
            }
            return commands.joined(separator: " ")
        }

        func axes() -> [String] {
            let bottom = layout.top + layout.plotHeight, right = layout.left + layout.plotWidth
            var parts = [##"<g class="ticks" fill="#222">"##]
            for epoch in epochTicks() {
                let position = String(format: "%.2f", x(epoch))
                parts.append(##"<line x1="\##(position)" y1="\##(bottom)" x2="\##(position)" y2="\##(bottom + 5)" stroke="#444"/>"##)
                parts.append(#"<text x="\#(position)" y="\#(bottom + 19)" text-anchor="middle">\#(epoch)</text>"#)
            }
            for tick in loss.ticks {
                let position = String(format: "%.2f", y(tick))
                parts.append(##"<line x1="\##(layout.left)" y1="\##(position)" x2="\##(right)" y2="\##(position)" stroke="#ddd"/>"##)
                parts.append(#"<text x="\#(layout.left - 8)" y="\#(position)" dy="4" text-anchor="end">\#(loss.label(tick))</text>"#)
            }
            let middle = layout.top + layout.plotHeight / 2
            parts.append(#"<text x="\#(layout.left + layout.plotWidth / 2)" y="\#(bottom + 40)" text-anchor="middle">epoch</text>"#)
            parts.append(#"<text x="18" y="\#(middle)" text-anchor="middle" transform="rotate(-90 18 \#(middle))">validation loss\#(loss.isLogarithmic ? " (log scale)" : "")</text>"#)
            parts.append("</g>")
            // The frame last, over the grid lines that meet it.
            parts.append(##"<rect class="frame" x="\##(layout.left)" y="\##(layout.top)" width="\##(layout.plotWidth)" height="\##(layout.plotHeight)" fill="none" stroke="#444"/>"##)
            return parts
        }

        /// Epochs 1 and the last, and round steps between, about eight in all.
        func epochTicks() -> [Int] {
            guard epochs > 1 else { return [1] }
            let step = max(1, Int(niceStep(Double(epochs - 1) / 8)))
            let round = stride(from: step, to: epochs, by: step).filter { $0 > 1 && Double(epochs - $0) > Double(step) / 2 }
            return [1] + round + [epochs]
        }
    }
}
