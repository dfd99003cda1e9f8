import BackpropData
import BackpropEngine
import Foundation

/// Computes the recurrent lesson's views on the trainer thread: a validation sample traced
/// through the first recurrent layer, words sampled every few seconds, and the per-step
/// gradient norms the layers record while that view is offered, shown or not. One per
/// model: a rebuilt model gets a new one.
final class RecurrentViewCapture {
    /// Seconds between two samplings of generated words (sooner when the temperature moves).
    static let samplingInterval = 3.0
    static let wordsPerSampling = 8
    /// Longest word drawn: a model that has not learnt to end words must not fill the pane.
    static let maximumWordLength = 24
    /// Samples the unrolled and gate views' controls choose from.
    static let choosableSamples = 200

    /// The validation words as token ids (word models), read once per trainer.
    private var validationWords: [[Int]] = []
    private var lastSampling = -Double.infinity
    private var random = RandomGenerator(seed: 0x5A_3F1E)

    /// When the unrolled and gate views trace their samples again.
    private var traceSchedule = CaptureSchedule(interval: 0.25)

    /// `resample` (Enter on the samples view) draws new words at once. While `training`,
    /// the traces follow new weights a few times a second (`CaptureSchedule`).
    func capture(_ trainer: Trainer, configuration: RunConfiguration, views: SessionViews, controls: [String: Int],
                 resample: Bool = false, training: Bool = false, now: Double = monotonicSeconds(),
                 into snapshot: inout RecurrentSnapshot) {
        // Words come from any character model, recurrent or transformer.
        if views.contains(.generatedWords), configuration.dataset == .words {
            if resample { lastSampling = -.infinity }
            // Not training (paused, finished), the words come from the weights there are now:
            // the last sampling may be from seconds before the run stopped.
            if !training && snapshot.samplingStep != trainer.step { lastSampling = -.infinity }
            sampleWords(trainer, configuration: configuration,
                        temperature: LabView.temperature(control: controls[LabView.samples.rawValue] ?? LabView.samples.initialControlValue),
                        into: &snapshot)
        }
        guard let first = trainer.network.layers.lazy.compactMap({ $0 as? Recurrent }).first else { return }
        let recordsNorms = views.contains(.stepGradients)
        if trainer.recordsStepGradientNorms != recordsNorms { trainer.recordsStepGradientNorms = recordsNorms }
        if recordsNorms, trainer.step > 0 {
            // The whole last batch's norms, combined from its parts when it was split.
            let norms = trainer.stepGradientNorms
            if !norms.isEmpty {
                snapshot.stepGradientNorms = norms
                snapshot.gradientStep = trainer.step
            }
        }
        let traced = views.intersection([.unrolledTrace, .gateTrace])
        guard !traced.isEmpty else { return }
        let unrolled = controls[LabView.unrolled.rawValue] ?? 0, gates = controls[LabView.gates.rawValue] ?? 0
        let settings = ["unrolled": unrolled, "gates": gates, "views": Int(traced.rawValue)]
        let missing = (traced.contains(.unrolledTrace) && snapshot.unrolled == nil) || (traced.contains(.gateTrace) && snapshot.gates == nil)
        guard traceSchedule.isDue(step: trainer.step, settings: settings, training: training, now: now, force: missing) else { return }
        if configuration.dataset == .words && validationWords.isEmpty { validationWords = Self.words(in: trainer.data.validation) }
        if traced.contains(.unrolledTrace) { snapshot.unrolled = traceSample(unrolled, trainer, first, configuration) }
        if traced.contains(.gateTrace) { snapshot.gates = traceSample(gates, trainer, first, configuration) }
    }

    private func sampleWords(_ trainer: Trainer, configuration: RunConfiguration, temperature: Float, into snapshot: inout RecurrentSnapshot) {
        let now = monotonicSeconds()
        guard now - lastSampling >= Self.samplingInterval || temperature != snapshot.temperature || snapshot.generated.isEmpty else { return }
        lastSampling = now
        snapshot.temperature = temperature
        snapshot.samplingStep = trainer.step
        snapshot.generated = WordSampler.words(count: Self.wordsPerSampling, trainer: trainer, characters: trainer.data.classNames,
                                               length: configuration.sequence.length, temperature: temperature,
                                               maximumCharacters: Self.maximumWordLength, random: &random)
    }

    /// Splits the validation stream (consecutive windows) into words at the end-of-word id 0:
    /// the first `choosableSamples`, reading windows a batch at a time until it has them.
    static func words(in dataset: any Dataset) -> [[Int]] {
        let size = dataset.inputSize, batch = 64
        var stream: [Float] = []
        var start = 0
        while start < dataset.count && stream.lazy.filter({ $0 == 0 }).count <= choosableSamples {
            let end = min(start + batch, dataset.count)
            var inputs = [Float](repeating: 0, count: (end - start) * size)
            var targets = [Float](repeating: 0, count: (end - start) * dataset.targetWidth)
            dataset.fillBatch(indices: Array(start..<end)[...], inputs: &inputs, targets: &targets)
            stream += inputs
            start = end
        }
        return stream.split(separator: 0).prefix(choosableSamples).map { $0.map { Int($0) } }
    }

    /// The `choice`-th validation sample (wrapped) read through the network.
    private func traceSample(_ choice: Int, _ trainer: Trainer, _ layer: Recurrent, _ configuration: RunConfiguration) -> TracedSample? {
        if configuration.dataset == .words {
            guard !validationWords.isEmpty else { return nil }
            return traceWord(validationWords[choice % validationWords.count], index: choice % validationWords.count, trainer, layer,
                             length: configuration.sequence.length)
        }
        let dataset = trainer.data.validation
        guard dataset.count > 0 else { return nil }
        let index = choice % min(dataset.count, Self.choosableSamples)
        var input = [Float](repeating: 0, count: dataset.inputSize), target = [Float](repeating: 0, count: dataset.targetWidth)
        dataset.fillBatch(indices: [index], inputs: &input, targets: &target)
        let output = trainer.predict(input)
        let steps = configuration.inputShape[0]
        let trace = layer.trace(sample: 0, steps: steps)
        let count = min(dataset.count, Self.choosableSamples)
        switch configuration.dataset {
        case .adding:
            let labels = (0..<steps).map { (input[$0 * 2 + 1] > 0 ? "▶" : "") + String(format: "%.2f", input[$0 * 2]).replacingOccurrences(of: "0.", with: ".") }
            let summary = String(format: "sum %.2f · answer %.2f", target[0], output[0])
            return TracedSample(index: index, count: count, labels: labels, predictions: [],
                                markedSteps: Set((0..<steps).filter { input[$0 * 2 + 1] > 0 }), trace: trace, summary: summary)
        case .copy:
            let task = configuration.sequence.copy, names = task.tokenNames
            let symbolNames = Array(names.dropFirst(CopyTask.firstSymbol))
            let answers = (0..<task.symbols).map { symbol in
                return symbolNames[mostLikely(output[symbol * task.alphabet ..< (symbol + 1) * task.alphabet]).class]
            }
            let labels = input.map { names[min(max(Int($0), 0), names.count - 1)] }
            let predictions = [String](repeating: "", count: steps - task.symbols) + answers
            let shown = target.map { symbolNames[Int($0)] }.joined()
            return TracedSample(index: index, count: count, labels: labels, predictions: predictions, trace: trace,
                                summary: "recall \(shown) · answered \(answers.joined())")
        default:
            return nil
        }
    }

    /// A word read from the end-of-word token on, with the most likely next character at each step.
    private func traceWord(_ word: [Int], index: Int, _ trainer: Trainer, _ layer: Recurrent, length: Int) -> TracedSample {
        let tokens = Array(([0] + word).prefix(length))
        let input = tokens.map(Float.init) + [Float](repeating: 0, count: length - tokens.count)
        let logits = trainer.predict(input)
        let names = trainer.data.classNames, classes = names.count
        let predictions = tokens.indices.map { step in
            names[mostLikely(logits[step * classes ..< (step + 1) * classes]).class]
        }
        return TracedSample(index: index, count: validationWords.count, labels: tokens.map { names[$0] }, predictions: predictions,
                            trace: layer.trace(sample: 0, steps: tokens.count),
                            summary: "\"" + word.map { names[$0] }.joined() + "\"")
    }
}
