import BackpropData
import BackpropEngine
import BackpropWidgets

/// The views of a live run, each drawn from a snapshot into a panel: the decision boundary,
/// the loss curves, the network, gradients per layer and the confusion matrix. The
/// Playground and a lesson's lab draw the same views with them.
enum RunViews {
    /// Which data points the boundary view draws over the map: on a dense set the points
    /// can hide the boundary, so the learner can thin them out (`m`).
    enum DataPoints: CaseIterable, Sendable {
        case all, test, none

        var next: DataPoints { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }

        var titleNote: String {
            switch self {
            case .all: ""
            case .test: " · val points"
            case .none: " · no points"
            }
        }
    }

    /// The decision boundary; with `beside`, a kept run's boundary in the right half of the
    /// pane, titled with its letter and what differs from the live run.
    static func boundary(_ snapshot: SessionSnapshot, points shown: DataPoints = .all, beside reference: RunReference? = nil, suffix: String = "",
                         in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        // Side by side where the pane is wide enough, else one above the other.
        let direction: Axis? = area.width >= 2 * minimumBesideWidth ? .horizontal
            : area.height >= 2 * minimumBesideHeight ? .vertical : nil
        if let reference, let picture = reference.boundary, let direction {
            let halves = area.split(direction, [.fill(1), .fill(1)])
            let liveTitle = TextFit.first(of: ["Output · now" + shown.titleNote + suffix, "Output · now" + suffix, "now" + suffix], width: halves[0].width - 4)
            let inside = Panel(title: liveTitle).render(in: halves[0], buffer: &buffer, theme: theme)
            BoundaryPicture(snapshot)?.render(points: shown, in: inside, buffer: &buffer, theme: theme)
            let differences = SettingDifferences.summary(kept: reference.configuration, live: snapshot.configuration, limit: 1)
            let keptTitle = TextFit.first(of: ["\(reference.letter) · kept · " + differences, "\(reference.letter) · " + differences, "kept run \(reference.letter)",
                                               String(reference.letter)], width: halves[1].width - 4)
            let keptInside = Panel(title: keptTitle).render(in: halves[1], buffer: &buffer, theme: theme)
            picture.render(points: shown, in: keptInside, buffer: &buffer, theme: theme)
            return
        }
        // A kept boundary asked for (`b`) in a pane too narrow for two says where it went.
        let narrowNote = reference.map { " · \($0.letter) needs a larger pane" } ?? ""
        let title = TextFit.first(of: ["Output · \(snapshot.configuration.dataset.name)" + shown.titleNote + narrowNote + suffix,
                                       "Output · \(snapshot.configuration.dataset.name)" + shown.titleNote + suffix], width: area.width - 4)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        BoundaryPicture(snapshot)?.render(points: shown, in: inside, buffer: &buffer, theme: theme)
    }

    /// The smallest half a boundary is drawn in beside (or above) a kept run's; a smaller pane
    /// shows the live boundary alone.
    static let minimumBesideWidth = 16
    static let minimumBesideHeight = 6

    /// One hidden neuron's output over the input plane, as large as the pane, with the data
    /// points over it: what the network diagram shows in a few cells.
    /// `keys` says how to get back (`o: output`); `suffix` ends the title (`· v 1/3`).
    static func neuron(_ snapshot: SessionSnapshot, at position: NeuronPosition, points shown: DataPoints = .all, keys: String, suffix: String = "",
                       in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let size = snapshot.layerSizes.indices.contains(position.layer) ? snapshot.layerSizes[position.layer] : 0
        let name = "Neuron \(position.neuron + 1)/\(size) of " + (position.layer == 0 ? "the inputs" : "layer \(position.layer)")
        let title = TextFit.first(of: [name + " · " + keys + shown.titleNote + suffix, name + shown.titleNote + suffix, name + suffix, name,
                                       "L\(position.layer) neuron \(position.neuron + 1)/\(size)"], width: area.width - 4)
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        let outputs = snapshot.neuronOutputs
        guard outputs.indices.contains(position.layer), outputs[position.layer].indices.contains(position.neuron) else {
            buffer.writeWrapped("the neuron's map appears with the next snapshot", in: inside, style: theme.dimText)
            return
        }
        let points = heatmapPoints(snapshot).filter { shown == .all || (shown == .test && $0.isTest) }
        Heatmap(grid: outputs[position.layer][position.neuron], points: points).render(in: inside, buffer: &buffer, theme: theme)
    }

    /// The loss curves; each kept run in `references` adds its curve, dimmed, named by its
    /// letter and by what differs from the live run.
    static func loss(_ snapshot: SessionSnapshot, references: [RunReference] = [], suffix: String = "", in area: Rect, buffer: inout CellBuffer,
                     theme: Theme) {
        let inside = Panel(title: Panel.fittedTitle(lossTitles(snapshot), suffix: suffix, in: area)).render(in: area, buffer: &buffer, theme: theme)
        // The steps' batch losses go underneath: their spread is the gradient's noise.
        let series = [
            ChartSeries(name: "step", history: snapshot.stepLossHistory, role: .backdrop),
            ChartSeries(name: "train", points: snapshot.trainLossHistory.map { SeriesPoint(step: $0.step, value: $0.value) }, role: .train),
            ChartSeries(name: "val", points: snapshot.testLossHistory.map { SeriesPoint(step: $0.step, value: $0.value) }, role: .test),
        ] + references.map { reference in
            // The legend entry ("A┅ " and its text) has the plot's width beside the axis labels:
            // a shorter form before a cut one, which could turn 0.03 into 0.0.
            let room = inside.width - 8 - 3
            let differences = SettingDifferences.summary(kept: reference.configuration, live: snapshot.configuration, limit: 1)
            let name = TextFit.first(of: [reference.legend(live: snapshot.configuration, accuracy: true), reference.legend(live: snapshot.configuration),
                                          differences, "kept run"], width: room)
            return ChartSeries(name: name, points: reference.chartedLoss.points, role: .reference(reference.letter))
        }
        var chart = LineChart(series: series, scale: .logarithmic, xLabel: "step", referenceLine: snapshot.baselineValidationLoss)
        chart.referenceName = "bigram"
        chart.markedStep = snapshot.rewoundStep.map { ($0, "rewound to step \($0)") } ?? snapshot.bestEpoch.map { ($0.step, "best epoch \($0.epoch)") }
        // A diverging run ends in losses like 1e33: the axis stops at a thousand times the
        // starting loss, and the blow-up is drawn at the top edge.
        chart.ceiling = series.compactMap { $0.points.first?.value }.filter { $0.isFinite && $0 > 0 }.max().map { $0 * 1000 }
        chart.render(in: inside, buffer: &buffer, theme: theme)
    }

    /// The network diagram; `selected` marks a hidden layer (the Playground's layer keys).
    static func network(_ snapshot: SessionSnapshot, title: String, selected: NeuronPosition?, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        var inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        if let line = singleNeuronLine(snapshot), inside.height >= 4 {
            // One neuron's whole model is three numbers and the line they draw: write them out.
            let lines = WordWrap.lines(of: line, width: max(inside.width - 2, 10))
            for (row, text) in lines.enumerated() {
                buffer.write(text, x: inside.x + 1, y: inside.maxY - lines.count + row, style: theme.text, clip: inside)
            }
            inside.height -= lines.count
        }
        networkDiagram(snapshot, selected: selected).render(in: inside, buffer: &buffer, theme: theme)
    }

    /// "w1 0.3058 · w2 −0.5211 · b 0.1000 · line 0.3058·x1 − 0.5211·x2 + 0.1000 = 0" for a
    /// network that is one neuron on x1 and x2 (no hidden layer, one output); nil otherwise.
    static func singleNeuronLine(_ snapshot: SessionSnapshot) -> String? {
        guard snapshot.layerSizes == [2, 1], snapshot.configuration.features.map(\.rawValue) == ["x1", "x2"],
              let weights = snapshot.weights.first?.first, weights.count == 2, let bias = snapshot.biases.first?.first else { return nil }
        // The same minus sign as the equation's.
        func number(_ value: Float) -> String { (value < 0 ? "−" : "") + String(format: "%.4f", abs(value)) }
        func term(_ value: Float, _ name: String, first: Bool) -> String {
            let magnitude = String(format: "%.4f", abs(value)) + "·" + name
            return first ? (value < 0 ? "−" : "") + magnitude : (value < 0 ? " − " : " + ") + magnitude
        }
        let equation = term(weights[0], "x1", first: true) + term(weights[1], "x2", first: false)
            + (bias < 0 ? " − " : " + ") + String(format: "%.4f", abs(bias)) + " = 0"
        return "w1 \(number(weights[0])) · w2 \(number(weights[1])) · b \(number(bias)) · line: \(equation)"
    }

    static func gradients(_ snapshot: SessionSnapshot, title: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        let entries = snapshot.probes.map { probe in
            let histogram = probe.gradientHistogram
            return HistogramList.Entry(
                title: probe.name, note: "grad:data " + CompactNumber.format(Double(probe.gradientToDataRatio)),
                counts: histogram.counts.map(Double.init), range: Double(histogram.lower)...Double(max(histogram.upper, histogram.lower)))
        }
        HistogramList(entries: entries, placeholder: "gradients appear after a step (s)")
            .render(in: inside, buffer: &buffer, theme: theme)
    }

    /// Training health per Dense layer: activations and saturation, gradients, grad:data, and
    /// log10 update:data over steps against the −3 rule of thumb.
    static func health(_ snapshot: SessionSnapshot, title: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        HealthPanel(layers: healthLayers(snapshot), placeholder: "health appears after a step (s)")
            .render(in: inside, buffer: &buffer, theme: theme)
    }

    static func healthLayers(_ snapshot: SessionSnapshot) -> [HealthPanel.Layer] {
        snapshot.probes.enumerated().map { index, probe in
            let history = snapshot.updateRatioHistory.indices.contains(index) ? snapshot.updateRatioHistory[index].points : []
            return HealthPanel.Layer(
                name: shortName(probe.name), activation: probe.activationHistogram.map { activationCounts($0, snapshot.configuration.activation) } ?? [],
                saturation: probe.saturation.map(Double.init), gradient: probe.gradientHistogram.counts.map(Double.init),
                gradientToData: Double(probe.gradientToDataRatio),
                // All-zero weights have no size to compare an update with, and a zero gradient
                // (dead units) makes no update at all: "–" there, where "lost" would say an
                // update was made and rounded away.
                log10UpdateToData: probe.weight.norm > 0 && probe.gradientToDataRatio > 0 ? probe.log10UpdateToDataRatio.map(Double.init) : nil,
                updateHistory: history)
        }
    }

    /// A bounded activation's histogram over its whole output range (−1…1 for tanh, 0…1 for
    /// sigmoid), so a signal that vanishes shows as one spike in the middle and saturation as
    /// piles at the ends; the probe's bins span only the values seen, which hides both.
    static func activationCounts(_ histogram: BackpropEngine.Histogram, _ function: ActivationFunction) -> [Double] {
        let counts = histogram.counts.map(Double.init)
        let range: ClosedRange<Double>
        switch function {
        case .tanh: range = -1...1
        case .sigmoid: range = 0...1
        default: return counts
        }
        let lower = Double(histogram.lower), width = Double(histogram.upper - histogram.lower) / Double(max(counts.count, 1))
        var fixed = [Double](repeating: 0, count: counts.count)
        for (index, count) in counts.enumerated() where count > 0 {
            let center = lower + (Double(index) + 0.5) * width
            let position = (center - range.lowerBound) / (range.upperBound - range.lowerBound)
            fixed[min(max(Int(position * Double(fixed.count)), 0), fixed.count - 1)] += count
        }
        return fixed
    }

    /// "0 Linear(2→8) Tanh" as "2→8 tanh".
    private static func shortName(_ name: String) -> String {
        guard let open = name.firstIndex(of: "("), let close = name.firstIndex(of: ")"), open < close else { return name }
        return String(name[name.index(after: open)..<close]) + name[name.index(after: close)...].lowercased()
    }

    static func confusion(_ snapshot: SessionSnapshot, title: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let inside = Panel(title: title).render(in: area, buffer: &buffer, theme: theme)
        // Rounded, but never up to 100% (249 of 250 is 99%, with its mistake in the matrix) nor down to 0%.
        func percent(_ value: Float?) -> String {
            value.map { value in
                let rounded = value >= 1 ? 100 : value <= 0 ? 0 : min(max(Int((value * 100).rounded()), 1), 99)
                return "\(rounded)%"
            } ?? "–"
        }
        // The matrix's own share right first: it is counted afresh while an epoch runs, and the
        // epoch's accuracies (or those before training) would disagree with it until the epoch ends.
        let total = snapshot.confusion.joined().reduce(0, +)
        let right = snapshot.confusion.indices.reduce(0) { $0 + (snapshot.confusion[$1].indices.contains($1) ? snapshot.confusion[$1][$1] : 0) }
        let matrix = total > 0 ? "these \(total): \(percent(Float(right) / Float(total))) right" : ""
        let when = snapshot.measuredStep == 0 ? "before training" : snapshot.measuredStep == snapshot.step ? "now" : "at step \(snapshot.measuredStep)"
        let epoch = "\(when): train \(percent(snapshot.trainAccuracy)) · val \(percent(snapshot.testAccuracy))"
        let line = TextFit.first(of: [matrix.isEmpty ? epoch : matrix + " · " + epoch, matrix.isEmpty ? epoch : matrix], width: inside.width)
        buffer.writeFitted(line, x: inside.x, y: inside.y, style: theme.accent, clip: inside)
        let matrixArea = Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 2)
        if snapshot.confusion.isEmpty {
            buffer.writeFitted("no classes: this dataset is a regression", x: matrixArea.x, y: matrixArea.y, style: theme.dimText, clip: matrixArea)
        } else {
            ConfusionMatrix(classNames: snapshot.classNames, counts: snapshot.confusion).render(in: matrixArea, buffer: &buffer, theme: theme)
        }
    }

    /// A box over `area` when the run diverged or could not start, saying what to do: the
    /// status line alone would cut a long reason off at 80 columns.
    static func divergedAlert(_ snapshot: SessionSnapshot, over area: Rect, buffer: inout CellBuffer, theme: Theme) {
        switch snapshot.state {
        case .diverged(let why):
            AlertBox(title: "Training diverged: paused", message: why,
                     hint: "Lower the learning rate (← on it), then r to reset.").render(in: area, buffer: &buffer, theme: theme)
        case .failed(let why):
            AlertBox(title: "This run cannot start", message: why,
                     hint: "Install what is missing (scripts/run does), or change the settings.").render(in: area, buffer: &buffer, theme: theme)
        default:
            break
        }
    }

    /// "epoch 3 · step 150 · lr 0.03 · training", plus `notice` (or the snapshot's message).
    /// `showsStep`: false where the status must leave room for the key hints (80 columns).
    /// The run's status as ranked parts: a narrow status bar drops the learning rate, then
    /// the page and step, before it cuts the notice the learner just caused.
    static func statusParts(_ snapshot: SessionSnapshot, notice: String, showsSpeed: Bool, showsStep: Bool = true) -> [StatusBar.Part] {
        let state: String
        switch snapshot.state {
        case .preparing:
            // A message while preparing is the first pretraining's progress (transfer labs).
            return [StatusBar.Part(snapshot.message.isEmpty ? "loading the data and building the model…" : snapshot.message, rank: StatusRank.state)]
        // A race runs beside a paused lab: the status says so, not "paused".
        case .paused: state = snapshot.experiments.activity.map { $0 + " · lab paused" } ?? "paused"
        case .running:
            let cores = snapshot.batchParts > 1 ? " on \(snapshot.batchParts) cores" : ""
            let speed = snapshot.samplesPerSecond > 0 ? " \(CompactNumber.format(snapshot.samplesPerSecond)) samples/s" + cores : ""
            state = "training" + (showsSpeed ? speed : "")
        case .finished: state = "done · r restarts"
        case .diverged: state = "DIVERGED, paused"
        case .failed(let why): state = "ERROR: " + why
        }
        // Under a schedule the rate shown is this step's, not the knob's base rate: "now" says so.
        let rate = (snapshot.configuration.schedule == .constant ? "lr " : "lr now ") + CompactNumber.format(Double(snapshot.learningRate))
        var parts = [StatusBar.Part("epoch \(snapshot.epoch)", rank: StatusRank.epoch)]
        if showsStep { parts.append(StatusBar.Part("step \(snapshot.step)", rank: StatusRank.step)) }
        parts += [StatusBar.Part(rate, rank: StatusRank.learningRate), StatusBar.Part(state, rank: StatusRank.state)]
        // The pace (`f` cycles it) as one word, "watch".
        if snapshot.state == .running || snapshot.state == .paused {
            parts.append(StatusBar.Part(snapshot.pace == .full ? "full speed" : snapshot.pace.rawValue, rank: StatusRank.pace))
        }
        let message = notice.isEmpty ? snapshot.message : notice
        parts.append(StatusBar.Part(message, rank: StatusRank.notice))
        return parts.filter { !$0.text.isEmpty }
    }

    /// Which status parts stay longest on a narrow line, highest last.
    enum StatusRank {
        static let learningRate = 1
        static let page = 2
        static let step = 3
        static let pace = 4
        static let epoch = 5
        static let state = 6
        static let notice = 7
    }

    private static func networkDiagram(_ snapshot: SessionSnapshot, selected: NeuronPosition?) -> NetworkDiagram {
        let outputs = snapshot.neuronOutputs
        let features = snapshot.configuration.features
        let lastLayer = snapshot.layerSizes.count - 1
        let layers = snapshot.layerSizes.enumerated().map { layer, size in
            (0..<size).map { index in
                let grid = outputs.indices.contains(layer) && outputs[layer].indices.contains(index) ? outputs[layer][index] : nil
                var label = ""
                if layer == 0 && index < features.count { label = features[index].displayLabel }
                if layer == lastLayer && layer > 0 {
                    label = size > 1 && index < snapshot.classNames.count ? snapshot.classNames[index] : "out"
                }
                return NetworkDiagram.Neuron(output: grid, label: label)
            }
        }
        return NetworkDiagram(layers: layers, weights: snapshot.weights, selected: selected)
    }

    static func heatmapPoints(_ snapshot: SessionSnapshot) -> [HeatmapPoint] {
        let domain = PlaygroundData.domain
        let width = domain.upperBound - domain.lowerBound
        let isRegression = snapshot.configuration.task == .regression(outputs: 1)
        func point(_ p: PlaygroundPoint, test: Bool) -> HeatmapPoint {
            let classIndex = isRegression ? (p.label > 0 ? 1 : 0) : Int(p.label)
            return HeatmapPoint(x: (p.x1 - domain.lowerBound) / width, y: (p.x2 - domain.lowerBound) / width, classIndex: classIndex, isTest: test)
        }
        return snapshot.trainPoints.map { point($0, test: false) } + snapshot.testPoints.map { point($0, test: true) }
    }

    /// "Loss train 0.31 val 0.35 · val acc 88%" and its shorter forms, longest first. The
    /// held-out points are the validation set, as the goals and `--json` call them.
    static func lossTitles(_ snapshot: SessionSnapshot) -> [String] {
        func format(_ value: Float?) -> String { value.map { CompactNumber.format(Double($0)) } ?? "–" }
        let train = format(snapshot.trainLoss), test = format(snapshot.testLoss)
        let baseline = snapshot.baselineValidationLoss.map { " · ┄ bigram \(CompactNumber.format($0))" } ?? ""
        // Narrower forms drop words, never the train and val labels: "0.51 / 0.60" left the
        // learner guessing which was which. The bigram's line keeps its name while it can.
        let values = "train \(train) val \(test)"
        // Only a pane too narrow for both labels drops them; the legend below names the lines
        // in this order.
        let narrowest = ["Loss \(train) / \(test)", "\(train) / \(test)"]
        // Inside the first epoch the training loss moves while val (and its accuracy) is still
        // the one measured before training: the title says so in every form that shows val,
        // or the two read as if the model had not learned.
        if snapshot.measuredStep == 0 && snapshot.step > 0 {
            return ["Loss " + values + " (before training)" + baseline, "Loss " + values + " (before training)",
                    "Loss train \(train) · val at start \(test)", "train \(train) · val at start \(test)", "train \(train) · start \(test)"]
        }
        // The accuracy is the validation set's, as the goal line says: it is dropped whole,
        // never shortened to an "acc" that could be read as training accuracy.
        let accuracy = snapshot.testAccuracy.map { " · val acc \(Int(($0 * 100).rounded()))%" } ?? ""
        // The word "Loss" names the chart: it outlasts the accuracy, which the goal line shows.
        return ["Loss " + values + accuracy + baseline, "Loss " + values + accuracy, "Loss " + values + baseline,
                "Loss " + values, values] + narrowest
    }
}
