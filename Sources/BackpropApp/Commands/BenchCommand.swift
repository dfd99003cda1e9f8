import ArgumentParser
import BackpropEngine
import BackpropLessons
import Foundation

/// `backprop bench`: times our engine on fixed workloads (the same shapes as
/// bench/pytorch_reference.py), median of several repetitions after a warm-up.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure training throughput on fixed workloads.")

    @Flag(help: "Print one JSON object instead of a table.") var json = false
    @Option(help: "Run only this workload.") var only: String?
    @Option(help: "Repetitions per workload (the median is reported).") var repetitions = 5
    @Flag(help: "List the workloads' names and exit.") var list = false
    @Flag(help: "Time every lesson lab through the app's session at its own pace: seconds from Space to its goal, and to most of its loss's fall.")
    var labs = false
    @Flag(help: "Steps per second of each lab through the app's session (pace full, every view recording, drawn at 200x50) against its model trained directly.")
    var uiRatio = false
    @Option(help: "With --labs or --ui-ratio: only the labs whose name (lesson file and page, as printed) contains this.")
    var lab: String?
    @Option(help: "With --labs: this pace (slow, watch, fast, full) instead of each lab's own.")
    var pace: String?
    @Option(help: "With --labs: the most seconds a lab runs; with --ui-ratio: the seconds each side trains.")
    var seconds: Double?
    @Flag(help: "With --ui-ratio: observe the session's snapshots without drawing them (the trainer's share of the cost alone).")
    var noDraw = false
    @Flag(help: "Time rewinding each lab (after --seconds at pace full, 20 by default) to every checkpoint kept: milliseconds from the key's command to the rewound frame drawn at 200x50, and the checkpoints' memory.")
    var rewind = false

    func run() throws {
        if labs || uiRatio || rewind {
            try runLabs()
            return
        }
        if list {
            print(BenchWorkload.all.map(\.name).joined(separator: "\n"))
            return
        }
        let selected = BenchWorkload.all.filter { only == nil || $0.name == only }
        guard !selected.isEmpty else {
            throw failUsage("unknown workload '\(only ?? "")'; workloads: \(BenchWorkload.all.map(\.name).joined(separator: ", "))")
        }
        var results: [[String: Any]] = []
        for workload in selected {
            let value = try workload.measure(repetitions: max(1, repetitions))
            results.append(["workload": workload.name, "unit": workload.unit, "value": value])
            if !json { print(String(format: "%-24@ %12.0f %@", workload.name as NSString, value, workload.unit as NSString)) }
        }
        if json {
            let object: [String: Any] = ["engine": "backprop", "openblas_core": BLASInfo.coreName,
                                         "openblas_threads": BLASInfo.threadCount, "results": results]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print("OpenBLAS core \(BLASInfo.coreName), \(BLASInfo.threadCount) threads")
        }
    }
}

/// One timed workload: a model, its data and how throughput is counted.
struct BenchWorkload: Sendable {
    let name: String
    let unit: String
    /// Builds the workload's data once and returns a function that runs one timed repetition.
    let prepare: @Sendable () throws -> () throws -> Double

    func measure(repetitions: Int) throws -> Double {
        let runOnce = try prepare()
        _ = try runOnce()  // warm-up: caches, page faults, BLAS thread start
        let values = try (0..<repetitions).map { _ in try runOnce() }.sorted()
        return values[values.count / 2]
    }

    static let all = [mlp, playground, lenet, cnnBatchNorm, charLSTM, tinyGPT]

    /// MLP 784-128-64-10 ReLU, batch 64, SGD 0.01, one epoch of 60,000 random samples.
    static let mlp = BenchWorkload(name: "mlp-784-128-64-10", unit: "samples/s") {
        var random = RandomGenerator(seed: 1)
        let count = 60_000
        let inputs = (0..<count * 784).map { _ in Float(random.uniform()) }
        let labels = (0..<count).map { _ in Float(random.index(below: 10)) }
        let train = TensorDataset(inputs: inputs, targets: labels, inputShape: [784], task: .classification(classes: 10))
        let validation = train.subset(Array(0..<64))
        let data = DataSplit(train: train, validation: validation)
        return {
            let trainer = try makeTrainer(MLPSpec(inputSize: 784, hidden: [128, 64], outputSize: 10, activation: .relu),
                                          data: data, loss: SoftmaxCrossEntropy(), batch: 64)
            return trainer.trainEpoch()?.samplesPerSecond ?? 0
        }
    }

    /// The Playground-sized 2-8-8-1 tanh net, full batch of 500 points, MSE, SGD: steps/s.
    static let playground = BenchWorkload(name: "playground-2-8-8-1", unit: "steps/s") {
        var random = RandomGenerator(seed: 2)
        let inputs = (0..<1000).map { _ in Float(random.uniform(-6, 6)) }
        let targets = (0..<500).map { _ in Float(random.uniform(-1, 1)) }
        let train = TensorDataset(inputs: inputs, targets: targets, inputShape: [2], task: .regression(outputs: 1))
        let data = DataSplit(train: train, validation: train.subset(Array(0..<10)))
        return {
            let trainer = try makeTrainer(MLPSpec(inputSize: 2, hidden: [8, 8], outputSize: 1, activation: .tanh),
                                          data: data, loss: MeanSquaredError(task: .regression(outputs: 1)), batch: 500)
            let steps = 4000
            let started = monotonicSeconds()
            for _ in 0..<steps { trainer.trainStep() }
            return Double(steps) / (monotonicSeconds() - started)
        }
    }

    /// LeNet-5 on 28x28 (conv 6@5x5 pad 2, pool, conv 16@5x5, pool, 120, 84, 10), batch 64,
    /// SGD 0.01, 6,400 random images: samples/s.
    static let lenet = BenchWorkload(name: "lenet5-28x28", unit: "samples/s") {
        let data = randomImages(seed: 5)
        return {
            let spec = CNNSpec(inputShape: [1, 28, 28], channels: [6, 16], kernel: 5, padding: [2, 0],
                               hidden: [120, 84], outputSize: 10)
            let trainer = try makeTrainer(layers: { try spec.makeLayers(seed: 1) }, inputShape: [1, 28, 28], data: data,
                                          loss: SoftmaxCrossEntropy(), batch: 64)
            return trainer.trainEpoch()?.samplesPerSecond ?? 0
        }
    }

    /// `fashion-cnn-bn`'s model on 28x28 (conv 16@3x3 pad 1 without bias, batch norm, ReLU,
    /// pool; the same with 32; 128 with dropout 0.2; 10), batch 64, Adam 0.003, 6,400 random
    /// images: samples/s. Split across the cores with the batch norms' statistics combined.
    static let cnnBatchNorm = BenchWorkload(name: "cnn-bn-28x28", unit: "samples/s") {
        let data = randomImages(seed: 6)
        return {
            let spec = CNNSpec(inputShape: [1, 28, 28], channels: [16, 32], kernel: 3, batchNorm: true,
                               hidden: [128], outputSize: 10, dropout: 0.2)
            let settings = TrainingSettings(batchSize: 64, optimizer: OptimizerSettings(kind: .adam, learningRate: 0.003), epochs: 1)
            let trainer = try makeTrainer(layers: { try spec.makeLayers(seed: 1) }, inputShape: [1, 28, 28], data: data,
                                          loss: SoftmaxCrossEntropy(), settings: settings)
            return trainer.trainEpoch()?.samplesPerSecond ?? 0
        }
    }

    /// Tiny GPT (vocabulary 65, 2 blocks, 4 heads, d 64, context 64, batch 32), AdamW, clip 1,
    /// 20 batches of random tokens: tokens/s.
    static let tinyGPT = BenchWorkload(name: "tiny-gpt-64", unit: "tokens/s") {
        let data = randomTokens(batches: 20, seed: 7)
        return {
            let transformer = TransformerSettings(layers: 2, heads: 4, modelWidth: 64, positional: .learned, causal: true)
            return try tokensPerSecond(layers: { try transformer.makeLayers(vocabulary: tokenVocabulary, steps: tokenSteps) },
                                       data: data, optimizer: .adamw)
        }
    }

    /// Character LSTM (vocabulary 65, embedding 32, hidden 128, 64 steps, batch 32), per-step
    /// cross-entropy, Adam, clip 1, 40 batches of random tokens: tokens/s.
    static let charLSTM = BenchWorkload(name: "char-lstm-128", unit: "tokens/s") {
        let data = randomTokens(batches: 40, seed: 6)
        return {
            return try tokensPerSecond(layers: {
                [Embedding(vocabularySize: tokenVocabulary, dimension: 32),
                 Recurrent(cell: .lstm, inputSize: 32, hiddenSize: 128),
                 Dense(inputSize: 128, outputSize: tokenVocabulary)]
            }, data: data, optimizer: .adam)
        }
    }

    /// The sequence workloads' shape: 65 symbols, 64 steps, batches of 32.
    private static let tokenVocabulary = 65, tokenSteps = 64, tokenBatch = 32

    /// `batches` batches of random next-token sequences.
    private static func randomTokens(batches: Int, seed: UInt64) -> DataSplit {
        var random = RandomGenerator(seed: seed)
        let count = batches * tokenBatch * tokenSteps
        let inputs = (0..<count).map { _ in Float(random.index(below: tokenVocabulary)) }
        let targets = (0..<count).map { _ in Float(random.index(below: tokenVocabulary)) }
        let train = TensorDataset(inputs: inputs, targets: targets, inputShape: [tokenSteps],
                                  task: .classification(classes: tokenVocabulary), targetWidth: tokenSteps)
        return DataSplit(train: train, validation: train.subset(Array(0..<tokenBatch)))
    }

    /// One epoch of per-step cross-entropy with lr 0.003 and clipping at 1, in tokens/s.
    private static func tokensPerSecond(layers: () throws -> [any Layer], data: DataSplit, optimizer: OptimizerKind) throws -> Double {
        let settings = TrainingSettings(batchSize: tokenBatch, optimizer: OptimizerSettings(kind: optimizer, learningRate: 0.003),
                                        clipNorm: 1, epochs: 1)
        let trainer = try makeTrainer(layers: layers, inputShape: [tokenSteps], data: data, loss: SoftmaxCrossEntropy(),
                                      settings: settings)
        return (trainer.trainEpoch()?.samplesPerSecond ?? 0) * Double(tokenSteps)
    }

    /// 6,400 random 28x28 images in [0, 1) with random labels of ten classes: a CNN's work per
    /// sample is that of Fashion-MNIST's, and the benchmark measures speed, not accuracy.
    private static func randomImages(seed: UInt64) -> DataSplit {
        var random = RandomGenerator(seed: seed)
        let count = 6_400
        let inputs = (0..<count * 784).map { _ in Float(random.uniform()) }
        let labels = (0..<count).map { _ in Float(random.index(below: 10)) }
        let train = TensorDataset(inputs: inputs, targets: labels, inputShape: [1, 28, 28], task: .classification(classes: 10))
        return DataSplit(train: train, validation: train.subset(Array(0..<64)))
    }

    private static func makeTrainer(_ spec: MLPSpec, data: DataSplit, loss: any Loss, batch: Int) throws -> Trainer {
        try makeTrainer(layers: { spec.makeLayers(seed: 1) }, inputShape: [spec.inputSize], data: data, loss: loss, batch: batch)
    }

    private static func makeTrainer(layers: () throws -> [any Layer], inputShape: [Int], data: DataSplit, loss: any Loss,
                                    batch: Int) throws -> Trainer {
        let settings = TrainingSettings(batchSize: batch, optimizer: OptimizerSettings(kind: .sgd, learningRate: 0.01), epochs: 1)
        return try makeTrainer(layers: layers, inputShape: inputShape, data: data, loss: loss, settings: settings)
    }

    /// A trainer as `backprop train` builds one: batches split across the cores when that pays
    /// off (`BACKPROP_THREADS=1` keeps them whole, to measure the difference).
    private static func makeTrainer(layers: () throws -> [any Layer], inputShape: [Int], data: DataSplit, loss: any Loss,
                                    settings: TrainingSettings) throws -> Trainer {
        let network = try Network(layers: layers(), inputShape: inputShape, loss: loss)
        var random = RandomGenerator(seed: 3)
        network.initialize(.pytorch, random: &random)
        let trainer = try Trainer(network: network, data: data, settings: settings, seed: 4)
        try BatchSplitting.split(trainer) { _ in try Network(layers: layers(), inputShape: inputShape, loss: loss) }
        return trainer
    }
}

extension BenchCommand {
    /// `--ui-ratio` alternates direct and session runs this many times per lab.
    static let ratioRounds = 6

    /// `--labs` and `--ui-ratio`: the shipped lessons' labs, each run through `LabTrial`.
    private func runLabs() throws {
        let folder = LessonLocations.defaultFolder
        let lessons = LessonLocations.library(for: [folder]).read(paths: [folder]).compactMap(\.lesson).sorted { $0.file < $1.file }
        let trials = LabTrial.all(in: lessons, width: 200, height: 50).filter { lab == nil || $0.name.contains(lab!) }
        guard !trials.isEmpty else { throw failUsage("no lab matches '\(lab ?? "")' in \(folder)") }
        var chosenPace: Pace?
        if let pace {
            guard let known = Pace(rawValue: pace) else {
                throw failUsage("unknown pace '\(pace)'; paces: \(Pace.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            chosenPace = known
        }
        print("OpenBLAS core \(BLASInfo.coreName), \(BLASInfo.threadCount) threads")
        func format(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "–" }
        // Foundation's %-26@ does not pad on Linux: pad in Swift.
        func column(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        if rewind {
            print("lab                        preset             steps  checkpoints  memory   median ms   max ms")
            for trial in trials.map(\.withoutStop) {
                let (times, bytes, steps) = trial.rewindTimes(trainingSeconds: seconds ?? 20)
                let sorted = times.sorted()
                print(column(trial.name, 26) + " " + column(trial.configuration.preset, 18)
                      + String(format: " %6d %12d %8@ %10.1f %8.1f", steps, times.count, MemoryEstimate.format(bytes) as NSString,
                               1000 * (sorted.isEmpty ? .nan : sorted[sorted.count / 2]), 1000 * (sorted.last ?? .nan)))
                fflush(nil)
            }
            return
        }
        if uiRatio {
            let seconds = seconds ?? 20
            print("lab                        preset             headless steps/s  session steps/s  ratio")
            for trial in trials.map(\.withoutStop) {
                // Rounds that alternate the two, so a load that comes and goes on a shared
                // machine weighs on both alike.
                var headlessSteps = 0.0, sessionSteps = 0.0, sessionSeconds = 0.0
                for _ in 0..<Self.ratioRounds {
                    headlessSteps += try trial.headlessStepsPerSecond(seconds: seconds / Double(Self.ratioRounds))
                    let outcome = trial.run(pace: .full, limit: seconds / Double(Self.ratioRounds), stopsAtGoal: false, draws: !noDraw)
                    sessionSteps += Double(outcome.steps)
                    sessionSeconds += outcome.seconds
                }
                let headless = headlessSteps / Double(Self.ratioRounds)
                let session = sessionSteps / max(sessionSeconds, 1e-9)
                print(column(trial.name, 26) + " " + column(trial.configuration.preset, 18)
                      + String(format: " %16.1f %16.1f %6.3f", headless, session, session / headless))
                fflush(nil)
            }
            return
        }
        print("lab                        preset             pace   goal s (step)    fall s (step)       steps  seconds  run ended")
        for trial in trials {
            let outcome = trial.run(pace: chosenPace, limit: seconds ?? 120, stopsAtGoal: false)
            func step(_ value: Int?) -> String { value.map { "(\($0))" } ?? "" }
            print(column(trial.name, 26) + " " + column(trial.configuration.preset, 18) + " " + column(outcome.pace.rawValue, 6)
                  + " " + column(format(outcome.secondsToGoal), 6) + " " + column(step(outcome.stepsToGoal), 8)
                  + " " + column(format(outcome.secondsToLossFall), 6) + " " + column(step(outcome.stepsToLossFall), 8)
                  + String(format: " %7d %8.1f  ", outcome.steps, outcome.seconds) + (outcome.finished ? "yes" : "no (time limit)"))
            fflush(nil)
        }
    }
}
