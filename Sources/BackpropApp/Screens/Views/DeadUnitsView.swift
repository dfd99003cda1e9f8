import BackpropEngine
import BackpropWidgets

/// Per hidden ReLU layer: how many of its units are dead over the whole training set,
/// as the engine counts them, with a bar of the dead share.
enum DeadUnitsView {
    static func render(_ snapshot: SessionSnapshot, suffix: String, in area: Rect, buffer: inout CellBuffer, theme: Theme) {
        let counts = snapshot.experiments.deadUnits
        let dead = counts.reduce(0) { $0 + $1.dead }, units = counts.reduce(0) { $0 + $1.units }
        let title = counts.isEmpty ? ["Dead ReLU units"] : ["Dead ReLU units · \(dead)/\(units) in all", "Dead ReLU · \(dead)/\(units)", "Dead \(dead)/\(units)"]
        let inside = Panel(title: Panel.fittedTitle(title, suffix: suffix, in: area)).render(in: area, buffer: &buffer, theme: theme)
        guard !counts.isEmpty else {
            let message = snapshot.configuration.activation == .relu
                ? "counted over the training set once the network runs"
                : "only ReLU units die: this run uses \(snapshot.configuration.activation.rawValue)"
            buffer.writeFitted(message, x: inside.x, y: inside.y, style: theme.dimText, clip: inside)
            return
        }
        let nameWidth = min(counts.map { shortName($0.name).count }.max() ?? 0, inside.width / 3)
        for (row, count) in counts.prefix(inside.height).enumerated() {
            let y = inside.y + row
            buffer.write(shortName(count.name), x: inside.x, y: y, style: theme.text, clip: Rect(x: inside.x, y: y, width: nameWidth, height: 1))
            let label = " dead: \(count.dead)/\(count.units) "
            let style = count.dead == count.units ? theme.negative : count.dead > 0 ? theme.warning : theme.positive
            let afterLabel = buffer.write(label, x: inside.x + nameWidth, y: y, style: style, clip: inside)
            let barWidth = max(0, inside.maxX - afterLabel)
            let filled = count.units > 0 ? Int((Double(count.dead) / Double(count.units) * Double(barWidth)).rounded()) : 0
            buffer.write(String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled),
                         x: afterLabel, y: y, style: style, clip: inside)
        }
    }

    /// "2 Linear(8→8) ReLU" as "2: 8→8".
    private static func shortName(_ name: String) -> String {
        guard let open = name.firstIndex(of: "("), let close = name.firstIndex(of: ")"), open < close else { return name }
        return (name.split(separator: " ").first ?? "") + ": " + name[name.index(after: open)..<close]
    }
}
