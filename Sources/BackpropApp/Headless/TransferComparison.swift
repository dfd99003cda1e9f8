import BackpropEngine
import Foundation

/// `backprop train fashion-transfer` with `way=all`: feature extraction, fine-tuning and
/// training from scratch, one after another on the same labels and seed, each on the path a
/// single `--set way=W` run takes. The JSON is the fine-tuning run's summary (the contract's
/// fields), with every way's results beside it under `ways`.
struct TransferComparison {
    let configuration: RunConfiguration
    let seed: UInt64
    var budget: MemoryBudget = .standard

    /// One way's run: its summary and its validation accuracy after each epoch.
    struct WayResult {
        let way: TransferWay
        let summary: RunSummary
        let trainableParameters: Int
        let accuracyByEpoch: [Float]
    }

    func execute() throws -> [WayResult] {
        try TransferWay.single.map { way in
            var single = configuration
            single.transfer?.way = way
            printToStandardError("\(way.title) (way=\(way.rawValue)):")
            let prepared = try RunBuilder.prepare(single, seed: seed, splitsBatches: true, budget: budget, pretraining: .standardError)
            var training = HeadlessTraining(run: prepared)
            var accuracies: [Float] = []
            training.epochObserver = { accuracies.append($0.validation.accuracy ?? .nan) }
            let summary = training.execute()
            let trainable = prepared.trainer.network.trainableParameters.reduce(0) { $0 + $1.count }
            return WayResult(way: way, summary: summary, trainableParameters: trainable, accuracyByEpoch: accuracies)
        }
    }

    /// The fine-tuning summary's JSON with `way`, `labels_per_class`, `ways` (each way's
    /// metrics and accuracy curve) and `transfer_gain`: the better of the two transfer ways'
    /// final validation accuracy minus the scratch run's.
    static func json(_ results: [WayResult], labelsPerClass: Int) -> String {
        guard let finetune = results.first(where: { $0.way == .finetune }),
              let data = finetune.summary.json.data(using: .utf8),
              var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return "{}" }
        func number(_ value: Float?) -> Any { value.map { $0.isFinite ? Double($0) as Any : NSNull() } ?? NSNull() }
        var ways: [String: Any] = [:]
        for result in results {
            ways[result.way.rawValue] = [
                "val_accuracy": number(result.summary.valAccuracy), "val_loss": number(result.summary.valLoss),
                "train_accuracy": number(result.summary.trainAccuracy), "steps": result.summary.steps,
                "seconds": result.summary.seconds, "diverged": result.summary.diverged,
                "trainable_parameters": result.trainableParameters,
                "val_accuracy_by_epoch": result.accuracyByEpoch.map { number($0) },
            ]
        }
        object["way"] = TransferWay.all.rawValue
        object["labels_per_class"] = labelsPerClass
        object["ways"] = ways
        object["transfer_gain"] = NSNull()
        let accuracy = { (way: TransferWay) in results.first { $0.way == way }?.summary.valAccuracy }
        if let extract = accuracy(.extract), let tuned = accuracy(.finetune), let scratch = accuracy(.scratch) {
            object["transfer_gain"] = number(max(extract, tuned) - scratch)
        }
        let encoded = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return encoded.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Three lines, one per way: final accuracy, and the gain over scratch.
    static func humanSummary(_ results: [WayResult], labelsPerClass: Int) -> String {
        let scratch = results.first { $0.way == .scratch }?.summary.valAccuracy
        var lines = ["fashion-transfer, classes 5-9 from \(labelsPerClass) labels each:"]
        for result in results {
            var line = "  " + result.way.title.padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: "val_accuracy %.4f", result.summary.valAccuracy ?? .nan)
            if result.way != .scratch, let scratch, let accuracy = result.summary.valAccuracy {
                line += String(format: "  (%+.1f points over scratch)", (accuracy - scratch) * 100)
            }
            lines.append(line + "  \(result.summary.epochs) epochs, \(result.trainableParameters) trainable parameters")
        }
        return lines.joined(separator: "\n")
    }
}

extension PretrainingListener {
    /// Progress on stderr: a live line on a terminal, else the start and the result.
    static var standardError: PretrainingListener {
        let onTerminal = isatty(STDERR_FILENO) == 1
        return PretrainingListener(
            progress: { progress in
                if progress.accuracy != nil {
                    printToStandardError((onTerminal ? "\r\u{1B}[K" : "") + progress.description)
                } else if onTerminal {
                    printToStandardError("\r\u{1B}[K" + progress.description, newline: false)
                } else if progress.fraction == 0 && progress.epoch == 1 {
                    printToStandardError(progress.description)
                }
            },
            note: { printToStandardError("backprop: " + TerminalText.escaped($0)) })
    }
}
