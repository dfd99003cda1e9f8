import BackpropData
import BackpropEngine
import Foundation

/// Computes the recurrent lesson's views on the trainer thread: a validation sample traced
/// through the first recurrent layer, words sampled every few seconds, and the per-step
/// gradient norms the layers record while that view is shown. One per model: a rebuilt
/// model gets a new one.
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

    /// `resample` (Enter on the samples view) draws new words at once.
    func capture(_ trainer: Trainer, configuration: RunConfiguration, views: SessionViews, controls: [String: Int],
                 resample: Bool = false, into snapshot: inout RecurrentSnapshot) {
        // Words come from any character model, recurrent or transformer.
        if views.contains(.generatedWords), configuration.dataset == .words {
            if resample { lastSampling = -.infinity }
            sampleWords(trainer, configuration: configuration,
                        temperature: LabView.temperature(control: controls[LabView.samples.rawValue] ?? LabView.samples.initialControlValue),
                        into: &snapshot)
        }
        let layers = trainer.network.layers.compactMap { $0 as? Recurrent }
        guard let first = layers.first else { return }
        if configuration.dataset == .words && validationWords.isEmpty { validationWords = Self.words(in: trainer.data.validation) }
        for layer in layers { layer.recordsStepGradientNorms = views.contains(.stepGradients) }
        if views.contains(.stepGradients), first.stepGradientNorms.count > 0, trainer.step > 0 {
            snapshot.stepGradientNorms = first.stepGradientNorms
            snapshot.gradientStep = trainer.step
        }
        if views.contains(.unrolledTrace) {
            snapshot.unrolled = traceSample(controls[LabView.unrolled.rawValue] ?? 0, trainer, first, configuration)
        }
        if views.contains(.gateTrace) {
            snapshot.gates = traceSample(controls[LabView.gates.rawValue] ?? 0, trainer, first, configuration)
        }
    }

    private func sampleWords(_ trainer: Trainer, configuration: RunConfiguration, temperature: Float, into snapshot: inout RecurrentSnapshot) {
        let now = monotonicSeconds()
        guard now - lastSampling >= Self.samplingInterval || temperature != snapshot.temperature || snapshot.generated.isEmpty else { return }
        lastSampling = now
        snapshot.temperature = temperature
        snapshot.samplingStep = trainer.step
        snapshot.generated = (0..<Self.wordsPerSampling).map { _ in
            WordSampler.word(trainer: trainer, characters: trainer.data.classNames, length: configuration.sequence.length,
                             temperature: temperature, maximumCharacters: Self.maximumWordLength, random: &random)
        }
    }

    /// Splits the validation stream (consecutive windows) into words at the end-of-word id 0.
    static func words(in dataset: any Dataset) -> [[Int]] {
        let size = dataset.inputSize
        var inputs = [Float](repeating: 0, count: dataset.count * size)
        var targets = [Float](repeating: 0, count: dataset.count * dataset.targetWidth)
        inputs.withUnsafeMutableBufferPointer { input in
            targets.withUnsafeMutableBufferPointer { target in
                dataset.fillBatch(indices: Array(0..<dataset.count)[...], inputs: input.baseAddress!, targets: target.baseAddress!)
            }
        }
        return inputs.split(separator: 0).prefix(choosableSamples).map { $0.map { Int($0) } }
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
        input.withUnsafeMutableBufferPointer { inputs in
            target.withUnsafeMutableBufferPointer { dataset.fillBatch(indices: [index], inputs: inputs.baseAddress!, targets: $0.baseAddress!) }
        }
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
                let row = output[symbol * task.alphabet ..< (symbol + 1) * task.alphabet]
                return symbolNames[row.indices.max { row[$0] < row[$1] }! - row.startIndex]
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
            let row = logits[step * classes ..< (step + 1) * classes]
            return names[row.indices.max { row[$0] < row[$1] }! - row.startIndex]
        }
        return TracedSample(index: index, count: validationWords.count, labels: tokens.map { names[$0] }, predictions: predictions,
                            trace: layer.trace(sample: 0, steps: tokens.count),
                            summary: "\"" + word.map { names[$0] }.joined() + "\"")
    }
}
