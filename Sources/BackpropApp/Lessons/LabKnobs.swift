import BackpropData
import BackpropEngine
import BackpropWidgets

/// The knobs a lesson's lab offers: the Playground's, less those that change nothing for the
/// lab's run (noise and classes for images), with counts as choices outside the Playground,
/// plus the model's own settings (batch norm, recurrent cell, transformer, convolution…).
/// Each knob's id is its `--set` key, so a lab unlocks it by that name.
enum LabKnobs {
    static func knobs(for configuration: RunConfiguration) -> [Knob] {
        let playground = PlaygroundKnobs.knobs(for: configuration, featureToggles: false).compactMap { knob in
            isRelevant(knob.id, configuration) ? adapted(knob, configuration) : nil
        }
        return playground + modelChoices(configuration).compactMap { choice in
            isRelevant(choice.key.rawValue, configuration) ? choiceKnob(choice) : nil
        }
    }

    private static func isRelevant(_ id: String, _ configuration: RunConfiguration) -> Bool {
        guard let key = SettingKey(rawValue: id) else { return true }
        // The forget bias shows beside Cell even while the cell is not an LSTM, so that the
        // knobs do not move when the learner switches cells; its label says what it is for.
        if key == .forgetBias { return configuration.isRecurrent }
        return key.irrelevance(for: configuration) == nil
    }

    /// Outside the Playground's small sets, batch sizes and epoch counts come in other sizes.
    private static func adapted(_ knob: Knob, _ configuration: RunConfiguration) -> Knob {
        guard !configuration.dataset.isPlayground else { return knob }
        switch knob.id {
        case "batch": return choiceKnob((.batch, "Batch size", ["1", "8", "16", "32", "64", "128", "256"], String(configuration.batchSize)))
        case "epochs": return choiceKnob((.epochs, "Stop after", ["1", "2", "3", "5", "10", "20", "50"], String(configuration.epochs)))
        default: return knob
        }
    }

    private typealias Choice = (key: SettingKey, label: String, options: [String], value: String)

    private static func modelChoices(_ configuration: RunConfiguration) -> [Choice] {
        let onOff = ["off", "on"]
        func flag(_ value: Bool) -> String { value ? "on" : "off" }
        let batchNorm = configuration.convolution?.batchNorm ?? configuration.denseBatchNorm
        var choices: [Choice] = [
            (.batchNorm, "Batch norm", onOff, flag(batchNorm)),
            (.clip, "Clip grad norm", ["off", "0.1", "0.5", "1", "5", "25"], configuration.clipNorm.map { CompactNumber.format(Double($0)) } ?? "off"),
            // Patience in epochs: stop once this many pass without a lower validation loss.
            (.earlyStop, "Early stop", ["off", "2", "3", "5", "10", "20"], configuration.earlyStopPatience.map(String.init) ?? "off"),
            (.augment, "Augment", onOff, flag(configuration.augment)),
            (.schedule, "LR schedule", PlaygroundKnobs.schedules.map(PlaygroundKnobs.scheduleName), PlaygroundKnobs.scheduleName(configuration.schedule)),
            // μ of momentum and Nesterov (and RMSProp's); the optimizer's own default until set.
            (.momentum, "Momentum", ["0", "0.5", "0.8", "0.9", "0.95", "0.99"],
             CompactNumber.format(Double(configuration.momentum ?? configuration.optimizerSettings.momentum))),
        ]
        if offersSkipConnections(configuration) {
            choices += [
                (.residual, "Skip connections", onOff, flag(configuration.residual)),
                (.depth, "Depth", ["2", "4", "8", "12", "16", "20", "24", "28", "32"], String(configuration.hidden.count)),
            ]
        }
        if let transfer = configuration.transfer {
            choices += [
                (.way, "Way", TransferWay.single.map(\.rawValue), transfer.way.rawValue),
                (.labels, "Labels per class", ["10", "30", "100", "300", "1000"], String(transfer.labelsPerClass)),
                (.finetuneLR, "Body lr ×", ["0.01", "0.1", "0.3", "1"], CompactNumber.format(Double(transfer.bodyLearningRateScale))),
            ]
        }
        if let convolution = configuration.convolution {
            choices += [
                (.channels, "Channels", ["4,8", "6,16", "8,16", "16,32", "32,64"], convolution.channels.map(String.init).joined(separator: ",")),
                (.kernel, "Kernel", ["1", "3", "5", "7"], String(convolution.kernel)),
                (.pooling, "Pooling", PoolingKind.allCases.map(\.rawValue), convolution.pooling.rawValue),
            ]
        }
        if configuration.dataset.isSequence {
            choices += [
                (.cell, "Cell", RecurrentCell.allCases.map(\.rawValue), configuration.sequence.cell.rawValue),
                (.temperature, "Temperature", ["0.2", "0.5", "0.8", "1", "1.5", "2", "3"], CompactNumber.format(Double(configuration.sequence.temperature))),
                (.delay, "Delay", ["5", "10", "20", "30", "40", "50", "100", "200"],
                 String(configuration.dataset == .copy ? configuration.sequence.copy.delay : configuration.sequence.length)),
                (.forgetBias, "LSTM forget bias", ["pytorch", "0", "1", "2", "3", "5"],
                 configuration.sequence.forgetBias.map { CompactNumber.format(Double($0)) } ?? "pytorch"),
                (.truncatedBPTT, "Carry state", onOff, flag(configuration.sequence.truncatedBPTT)),
                (.task, "Task", ReversalTask.allCases.map(\.rawValue), configuration.sequence.task.rawValue),
            ]
        }
        if let autoencoder = configuration.autoencoder {
            choices += [
                (.bottleneck, "Bottleneck", ["2", "4", "8", "16", "32", "64"], String(autoencoder.bottleneck)),
                (.holdout, "Holdout", ["none"] + FashionMNIST.classNames.map(SettingKey.className),
                 autoencoder.heldOutClass.map { SettingKey.className(FashionMNIST.classNames[$0]) } ?? "none"),
            ]
        }
        if let transformer = configuration.transformer {
            choices += [
                (.layers, "Blocks", ["1", "2", "3", "4"], String(transformer.layers)),
                (.heads, "Heads", ["1", "2", "4", "8"], String(transformer.heads)),
                (.modelWidth, "d_model", ["16", "32", "64", "128"], String(transformer.modelWidth)),
                (.positional, "Positions", PositionalEncodingKind.allCases.map(\.rawValue), transformer.positional.rawValue),
                (.mask, "Causal mask", onOff, flag(transformer.causal)),
            ]
        }
        return choices
    }

    /// `knobs` with Depth showing the number of `configuration`'s hidden layers, which the
    /// Hidden knob may have changed; the other knobs as they are.
    static func syncingDepth(_ knobs: [Knob], with configuration: RunConfiguration) -> [Knob] {
        guard let fresh = Self.knobs(for: configuration).first(where: { $0.id == SettingKey.depth.rawValue }) else { return knobs }
        return knobs.map { knob in
            guard knob.id == fresh.id else { return knob }
            var synced = fresh
            synced.isLocked = knob.isLocked
            return synced
        }
    }

    /// Skips and depth are knobs of the labs built on a deep stack (the `deep-residual` preset)
    /// and of any MLP with the skips on; on every other MLP they would only add two locked rows.
    private static func offersSkipConnections(_ configuration: RunConfiguration) -> Bool {
        configuration.residual || Preset.named(configuration.preset)?.configuration.residual == true
    }

    /// A choice knob; a current value missing from the options joins them, so it shows: in
    /// its place on a scale of numbers (a delay of 64 between 50 and 100), else at the end.
    private static func choiceKnob(_ choice: Choice) -> Knob {
        var options = choice.options
        if !options.contains(choice.value) {
            let value = Double(choice.value)
            let place = value.flatMap { value in options.firstIndex { Double($0).map { $0 > value } ?? false } }
            if Knob.isScale(options), let value, value.isFinite, let place { options.insert(choice.value, at: place) }
            else { options.append(choice.value) }
        }
        return Knob(id: choice.key.rawValue, label: choice.label, shortLabel: PlaygroundKnobs.shortLabels[choice.label], setting: .choice(options: options, selected: options.firstIndex(of: choice.value) ?? 0))
    }
}
