/// A setting the learner can change: a number, a choice among options or a
/// toggle. All changes are pure: each returns the knob as it is afterwards, and a
/// locked knob never changes.
public struct Knob: Sendable, Equatable {
    /// What kind of setting the knob holds and its current value.
    public enum Setting: Sendable, Equatable {
        case number(value: Double, range: ClosedRange<Double>, steps: NumericSteps, format: NumberFormat)
        case choice(options: [String], selected: Int)
        case toggle(isOn: Bool)
    }

    /// A stable name for the setting (for example `learning_rate`).
    public let id: String
    /// What the panel shows (for example `Learning rate`).
    public var label: String
    /// What the panel shows when the label does not fit beside the value (`Init.` for
    /// `Initialization`); the label cut with `…` when nil.
    public var shortLabel: String?
    public var setting: Setting
    /// Locked by a lesson: shown, but not changeable.
    public var isLocked: Bool

    public init(id: String, label: String, shortLabel: String? = nil, setting: Setting, isLocked: Bool = false) {
        self.id = id
        self.label = label
        self.shortLabel = shortLabel
        self.setting = setting
        self.isLocked = isLocked
    }

    /// One step up: the next larger number, the next option (wrapping, except on a scale of
    /// numbers, which stops at its end), or the toggle flipped.
    public func increased() -> Knob { stepped(upward: true) }

    /// One step down: the next smaller number, the previous option (wrapping, except on a
    /// scale of numbers), or the toggle flipped.
    public func decreased() -> Knob { stepped(upward: false) }

    /// The toggle flipped; other kinds of knob step up.
    public func toggled() -> Knob { stepped(upward: true) }

    /// The value as the panel shows it.
    public var displayValue: String {
        switch setting {
        case .number(let value, _, _, let format): format.string(for: value)
        case .choice(let options, let selected): options.indices.contains(selected) ? options[selected] : ""
        case .toggle(let isOn): isOn ? "on" : "off"
        }
    }

    /// The widest value the knob can show: a choice's longest option, else its current value.
    /// The panel picks the label's form by it, so the label does not jump between its long
    /// and short forms as the value changes.
    public var widestDisplayValue: String {
        switch setting {
        case .choice(let options, _): options.max { $0.count < $1.count } ?? displayValue
        case .toggle: "off"
        case .number: displayValue
        }
    }

    /// The number, for a numeric knob.
    public var numericValue: Double? {
        if case .number(let value, _, _, _) = setting { return value }
        return nil
    }

    /// The selected option, for a choice knob.
    public var selectedOption: String? {
        if case .choice(let options, let selected) = setting, options.indices.contains(selected) { return options[selected] }
        return nil
    }

    /// Whether a toggle knob is on.
    public var isOn: Bool? {
        if case .toggle(let isOn) = setting { return isOn }
        return nil
    }

    /// Whether every option is a number and they increase: a batch size, a delay, a rate.
    public static func isScale(_ options: [String]) -> Bool {
        let numbers = options.compactMap(Double.init)
        return numbers.count == options.count && numbers.count > 1 && zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 }
    }

    private func stepped(upward: Bool) -> Knob {
        guard !isLocked else { return self }
        var knob = self
        switch setting {
        case .number(let value, let range, let steps, let format):
            let next = steps.next(after: value, upward: upward)
            knob.setting = .number(value: min(range.upperBound, max(range.lowerBound, next)), range: range, steps: steps, format: format)
        case .choice(let options, let selected):
            guard !options.isEmpty else { return self }
            if Self.isScale(options) {
                // Numbers in increasing order are a scale: it stops at its ends, as a number knob does.
                knob.setting = .choice(options: options, selected: min(max(selected + (upward ? 1 : -1), 0), options.count - 1))
            } else {
                let offset = upward ? 1 : options.count - 1
                knob.setting = .choice(options: options, selected: (selected + offset) % options.count)
            }
        case .toggle(let isOn):
            knob.setting = .toggle(isOn: !isOn)
        }
        return knob
    }
}
