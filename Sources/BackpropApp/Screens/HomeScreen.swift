import BackpropTerminal
import BackpropWidgets

/// What `backprop` opens: the list of things to open (the Playground, then the lessons),
/// with the selected entry's summary. Pure state, like every screen.
struct HomeScreen {
    /// Replaced when progress changes the marks; the list itself stays the same.
    var entries: [HomeEntry]
    private(set) var selected = 0
    private(set) var showsHelp = false
    /// A message above the selected entry's summary until the next key (a progress file set
    /// aside, a broken lesson that cannot open).
    var notice = ""

    init(entries: [HomeEntry] = [.playground]) {
        self.entries = entries
    }

    enum Outcome: Equatable {
        case none
        case open(HomeEntry.Destination)
        case quit
    }

    mutating func handle(_ key: Key) -> Outcome {
        notice = ""
        if showsHelp {
            showsHelp = false
            return .none
        }
        guard !entries.isEmpty else { return key == .character("q") || key == .escape ? .quit : .none }
        switch key {
        case .up, .character("k"): selected = (selected + entries.count - 1) % entries.count
        case .down, .character("j"), .tab: selected = (selected + 1) % entries.count
        case .home: selected = 0
        case .end: selected = entries.count - 1
        case .enter, .right, .character("l"): return .open(entries[selected].destination)
        case .character("?"), .function(1): showsHelp = true
        case .character("q"), .escape: return .quit
        default: break
        }
        return .none
    }

    static let helpSections = [
        HelpOverlay.Section("Home", [KeyHint("↑ ↓ / j k", "choose"), KeyHint("Enter", "open"),
                                     KeyHint("?", "this help"), KeyHint("q / Esc", "quit")]),
    ]

    /// The narrowest column worth showing the entries' first sentences in.
    static let minimumSummaryColumn = 24

    func render(into buffer: inout CellBuffer, theme: Theme) {
        let rows = buffer.bounds.split(.vertical, [.fill(1), .length(1)])
        let inside = Panel(title: "Backprop · learn deep learning on a real training engine", isFocused: true)
            .render(in: rows[0], buffer: &buffer, theme: theme)
        let content = inside.inset(horizontal: 2, vertical: 1)
        let titleWidth = max(12, (entries.map(\.title.count).max() ?? 0) + 2)
        let markWidth = entries.compactMap(\.mark?.count).max() ?? 0
        for (index, entry) in entries.enumerated() {
            let line = content.row(index)
            guard !line.isEmpty else { break }
            let isSelected = index == selected
            let mark = markWidth > 0 ? TextFit.padded(entry.mark ?? "", width: markWidth, alignment: .left) + " " : ""
            let text = (isSelected ? "▸ " : "  ") + TextFit.padded(entry.title, width: titleWidth, alignment: .left) + mark
            let firstSentence = entry.summary.components(separatedBy: ". ").first ?? entry.summary
            let written = buffer.write(text, x: line.x, y: line.y, style: isSelected ? theme.focus : theme.text, clip: line)
            // A column too narrow for a few words would show one word and "…" per row: it
            // stays empty, and the selected entry's whole summary is shown under the list.
            if line.maxX - written >= Self.minimumSummaryColumn {
                buffer.writeFitted(" " + firstSentence, x: written, y: line.y, style: theme.dimText, clip: line)
            }
        }
        let detailTop = content.y + entries.count + 1
        if entries.indices.contains(selected), detailTop < content.maxY {
            let detail = Rect(x: content.x, y: detailTop, width: content.width, height: content.maxY - detailTop)
            // A notice (a progress file set aside, a broken lesson) can be long: it goes above
            // the summary, wrapped, rather than cut off in the status bar.
            let noticeLines = notice.isEmpty ? [] : WordWrap.lines(of: notice, width: detail.width).map { ($0, theme.warning) } + [("", theme.text)]
            let summaryLines = WordWrap.lines(of: entries[selected].summary, width: detail.width).map { ($0, theme.text) }
            for (offset, line) in (noticeLines + summaryLines).enumerated() where offset < detail.height {
                buffer.write(line.0, x: detail.x, y: detail.y + offset, style: line.1, clip: detail)
            }
        }
        StatusBar(hints: [KeyHint("↑↓", "choose"), KeyHint("Enter", "open"), KeyHint("?", "help"), KeyHint("q", "quit")],
                  status: "\(selected + 1) of \(entries.count)").render(in: rows[1], buffer: &buffer, theme: theme)
        if showsHelp {
            HelpOverlay(sections: Self.helpSections).render(in: buffer.bounds, buffer: &buffer, theme: theme)
        }
    }
}
