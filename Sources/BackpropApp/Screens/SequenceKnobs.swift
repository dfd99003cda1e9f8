import BackpropData
import BackpropEngine
import BackpropWidgets

/// The knobs of a recurrent model's lab: the cell, its width, how far back it must remember
/// (the delay) or whether it carries state (tbptt), and the training knobs that matter for
/// it (gradient clipping among them). The Playground's plane-only knobs are left out.
enum SequenceKnobs {
    static let widths = ["16", "32", "64", "128", "256"]
    static let delays = ["5", "10", "20", "30", "40", "60", "100"]
    static let clips = ["off", "0.1", "1", "10"]

    static func knobs(for configuration: RunConfiguration) -> [Knob] {
        let hidden = PlaygroundKnobs.hiddenName(configuration.hidden)
        var knobs = [
            choice("dataset", "Dataset", [configuration.dataset.name], configuration.dataset.name),
            choice("cell", "Cell", RecurrentCell.allCases.map(\.rawValue), configuration.sequence.cell.rawValue),
            choice("hidden", "Hidden units", including(hidden, in: widths), hidden),
        ]
        switch configuration.dataset {
        case .adding, .copy:
            let delay = String(configuration.dataset == .copy ? configuration.sequence.copy.delay : configuration.sequence.length)
            knobs.append(choice("delay", "Delay (steps)", including(delay, in: delays), delay))
        case .words:
            knobs.append(choice("tbptt", "Carry state", ["off", "on"], configuration.sequence.truncatedBPTT ? "on" : "off"))
        default:
            break
        }
        let clip = configuration.clipNorm.map(format) ?? "off"
        let rest = PlaygroundKnobs.knobs(for: configuration, includingSequenceKnobs: false).filter { ["lr", "optimizer", "batch", "epochs"].contains($0.id) }
        return knobs + [choice("clip", "Gradient clip", including(clip, in: clips), clip)] + rest
    }

    /// `value` joins `options` when a lab sets one the list lacks, so the knob shows it.
    private static func including(_ value: String, in options: [String]) -> [String] {
        options.contains(value) ? options : options + [value]
    }

    /// 1 as "1", 0.1 as "0.1": as `--set clip=` takes it back.
    private static func format(_ value: Float) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private static func choice(_ id: String, _ label: String, _ options: [String], _ value: String) -> Knob {
        Knob(id: id, label: label, setting: .choice(options: options, selected: options.firstIndex(of: value) ?? 0))
    }
}
