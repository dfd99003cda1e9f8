import BackpropLessons
import BackpropWidgets

/// Reads a lab goal against a live run's snapshot: the metric from the latest evaluation,
/// the hidden neurons and parameters of the network that produced it, and its epoch.
enum GoalCheck {
    /// Word models: validation loss over the bigram baseline's (below 1 beats the baseline).
    static let baselineMetric = "val_loss_to_baseline"

    /// The goal's metric in `snapshot`, or nil before the first evaluation (or for an
    /// accuracy of a regression).
    static func value(of metric: String, in snapshot: SessionSnapshot) -> Double? {
        RunMetrics(trainLoss: snapshot.trainLoss, trainAccuracy: snapshot.trainAccuracy, validationLoss: snapshot.testLoss,
                   validationAccuracy: snapshot.testAccuracy, sequenceAccuracy: snapshot.testSequenceAccuracy,
                   baselineValidationLoss: snapshot.baselineValidationLoss).value(of: metric)
    }

    /// Whether the run in `snapshot` meets `goal` within its limits.
    static func isMet(_ goal: LabGoal, by snapshot: SessionSnapshot) -> Bool {
        guard snapshot.epoch > 0 else { return false }
        // At the end: on the model the run ends with, once it has ended.
        if goal.limits.atEnd && snapshot.state != .finished { return false }
        if goal.limits.holdEpochs != nil {
            return firstEpochMeeting(goal, in: snapshot.recentEpochs, hiddenNeurons: snapshot.configuration.hidden.reduce(0, +),
                                     parameters: snapshot.parameterCount) != nil
        }
        guard let value = value(of: goal.metric, in: snapshot) else { return false }
        return goal.isMet(metricValue: value, hiddenNeurons: snapshot.configuration.hidden.reduce(0, +),
                          epochs: snapshot.epoch, parameters: snapshot.parameterCount)
    }

    /// The epoch at which this run met a goal with an epoch window (`max_epochs`), once the
    /// window is over: the run met it in time, and the goal stays met however the run goes
    /// on. Nil when it did not, when the goal has no window, or when the recent epochs no
    /// longer reach back to the first.
    static func epochMetInWindow(_ goal: LabGoal, in snapshot: SessionSnapshot) -> Int? {
        guard goal.limits.maxEpochs != nil, snapshot.recentEpochs.first?.epoch == 1 else { return nil }
        return firstEpochMeeting(goal, in: snapshot.recentEpochs, hiddenNeurons: snapshot.configuration.hidden.reduce(0, +),
                                 parameters: snapshot.parameterCount)
    }

    /// The first of `epochs` (in order) at which `goal` is met: its metric passes within the
    /// limits there and, with `hold_epochs`, at as many epochs in a row ending there. The lab's
    /// goal line and `backprop lint --claims` both decide a goal with this.
    static func firstEpochMeeting(_ goal: LabGoal, in epochs: [EpochMetrics], hiddenNeurons: Int, parameters: Int) -> Int? {
        var streak = 0, previous: Int?
        for entry in epochs {
            let passes = entry.metrics.value(of: goal.metric).map {
                goal.isMet(metricValue: $0, hiddenNeurons: hiddenNeurons, epochs: entry.epoch, parameters: parameters)
            } ?? false
            streak = passes ? (previous == entry.epoch - 1 ? streak + 1 : 1) : 0
            previous = entry.epoch
            if streak >= (goal.limits.holdEpochs ?? 1) { return entry.epoch }
        }
        return nil
    }

    /// A goal metric in words, as the charts name it: "val accuracy", not `val_accuracy`.
    static func label(of metric: String) -> String {
        switch metric {
        case "val_accuracy": "val accuracy"
        case "train_accuracy": "train accuracy"
        case "val_loss": "val loss"
        case "train_loss": "train loss"
        case "sequence_accuracy": "whole sequences right"
        case baselineMetric: "val loss ÷ bigram's"
        case "modes_covered": "modes covered"
        case "high_quality": "high-quality points"
        case "generator_loss": "L_G"
        case "discriminator_loss": "L_D"
        default: metric
        }
    }

    /// A value of `metric` as the screen shows it: accuracies as percentages ("90%", as the
    /// chart titles have them), everything else as a compact number.
    static func format(_ value: Double, metric: String) -> String {
        guard metric.hasSuffix("accuracy") || metric == "high_quality" else { return CompactNumber.format(value) }
        let percent = (value * 1000).rounded() / 10
        return percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
    }

    /// The run has passed a goal's epoch limit without meeting it: what to do now.
    static func missedWindow(_ goal: LabGoal, in snapshot: SessionSnapshot, compact: Bool = false) -> String? {
        guard let maximum = goal.limits.maxEpochs, snapshot.epoch > maximum, !isMet(goal, by: snapshot),
              epochMetInWindow(goal, in: snapshot) == nil else { return nil }
        return compact ? "missed, r retries" : "missed: its \(maximum) epochs are over, r starts again"
    }

    /// Why a run whose metric passes still does not meet the goal ("6 hidden neurons, at most
    /// 4 allowed"), or nil when no limit stands in the way.
    static func blockingLimit(_ goal: LabGoal, in snapshot: SessionSnapshot, compact: Bool = false) -> String? {
        guard let value = value(of: goal.metric, in: snapshot), goal.comparison.holds(value, threshold: goal.threshold) else { return nil }
        let limits = goal.limits
        let neurons = snapshot.configuration.hidden.reduce(0, +)
        if let maximum = limits.maxHiddenNeurons, neurons > maximum {
            return compact ? "\(neurons) hidden > \(maximum)" : "\(neurons) hidden neurons, at most \(maximum) allowed"
        }
        if let maximum = limits.maxParameters, snapshot.parameterCount > maximum {
            return compact ? "\(snapshot.parameterCount) params > \(maximum)" : "\(snapshot.parameterCount) parameters, at most \(maximum) allowed"
        }
        if let maximum = limits.maxEpochs, snapshot.epoch > maximum {
            return compact ? "epoch \(snapshot.epoch) > \(maximum)" : "epoch \(snapshot.epoch), past the \(maximum) allowed"
        }
        if let minimum = limits.minEpochs, snapshot.epoch < minimum { return compact ? "from epoch \(minimum)" : "counts from epoch \(minimum) on" }
        if let hold = limits.holdEpochs { return compact ? "\(hold) in a row" : "must hold for \(hold) epochs in a row" }
        if limits.atEnd && snapshot.state != .finished { return compact ? "at the end" : "counts when the run ends" }
        return nil
    }

    /// "val_accuracy ≥ 0.95 · at most 4 hidden neurons · within 200 epochs".
    /// `compact`: the same limits in fewer words, "val_loss ≤ 0.5 · epoch ≥ 200 · 3 in a row",
    /// for a narrow terminal.
    static func statement(_ goal: LabGoal, compact: Bool = false, withLimits: Bool = true) -> String {
        let limits = goal.limits
        let comparison = goal.comparison.rawValue.replacingOccurrences(of: ">=", with: "≥").replacingOccurrences(of: "<=", with: "≤")
        var parts = ["\(label(of: goal.metric)) \(comparison) \(format(goal.threshold, metric: goal.metric))"]
        guard withLimits else { return parts[0] }
        if let neurons = limits.maxHiddenNeurons {
            parts.append(compact ? "≤ \(neurons) hidden" : "at most \(neurons) hidden neuron\(neurons == 1 ? "" : "s")")
        }
        if let parameters = limits.maxParameters { parts.append(compact ? "≤ \(parameters) params" : "at most \(parameters) parameters") }
        if let epochs = limits.maxEpochs { parts.append(compact ? "by epoch \(epochs)" : "within \(epochs) epochs") }
        if let epochs = limits.minEpochs { parts.append(compact ? "epoch ≥ \(epochs)" : "from epoch \(epochs) on") }
        if let epochs = limits.holdEpochs { parts.append(compact ? "\(epochs) in a row" : "for \(epochs) epochs in a row") }
        if limits.atEnd { parts.append(compact ? "at the end" : "when the run ends") }
        return parts.joined(separator: " · ")
    }
}
