/// The runs kept for comparison on one screen, at most four, oldest first. Keys: `c` keeps
/// the run on screen, `C` clears them all, `b` draws one beside the live boundary. A lesson
/// keeps its shelf across page turns; each reference shows where its losses compare.
struct ReferenceShelf: Sendable {
    static let capacity = 4

    private(set) var references: [RunReference] = []
    /// The reference whose boundary is drawn beside the live run's (`b`), by letter.
    private(set) var besideLetter: Character?
    /// Letters go A, B, C… in the order runs are kept, so that a letter on screen never
    /// changes meaning while the learner compares; after Z they start again.
    private var keptCount = 0

    /// Keeps the run in `snapshot`; returns what the status line says.
    mutating func keep(_ snapshot: SessionSnapshot) -> String {
        if let last = references.last, last.configuration == snapshot.configuration, last.step == snapshot.step {
            return "already kept as \(last.letter)"
        }
        let letter = Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(keptCount % 26)))
        guard let reference = RunReference(snapshot, letter: letter) else { return "nothing to keep yet: train first (Space or s)" }
        keptCount += 1
        references.append(reference)
        var notice = "kept as \(letter): its loss stays on the chart; C clears"
        if references.count > Self.capacity {
            let dropped = references.removeFirst()
            if besideLetter == dropped.letter { besideLetter = nil }
            notice = "kept as \(letter); \(dropped.letter) let go (at most \(Self.capacity))"
        }
        return notice
    }

    /// What the status line says after a timeline key; before a branch, the run as it stood
    /// when the timeline opened is kept, so both curves show from the branch point on.
    mutating func notice(after result: RewindControl.Result, of rewind: RewindControl) -> String {
        guard result.keepsReference, let original = rewind.runBeforeRewind else { return result.notice }
        return keep(original)
    }

    mutating func clear() -> String {
        guard !references.isEmpty else { return "no kept runs to clear (c keeps one)" }
        references = []
        besideLetter = nil
        return "kept runs cleared"
    }

    /// The kept runs whose losses compare with a run of `live`'s settings.
    func comparable(with live: RunConfiguration) -> [RunReference] {
        references.filter { $0.isComparable(with: live) }
    }

    /// `b`: the next comparable reference with a boundary goes beside the live one, then none.
    mutating func cycleBeside(live: RunConfiguration) -> String {
        let candidates = comparable(with: live).filter { $0.boundary != nil }
        guard !candidates.isEmpty else {
            besideLetter = nil
            return references.isEmpty ? "no kept run to show beside: c keeps this one" : "no kept run of this data has a boundary to show"
        }
        let position = besideLetter.flatMap { letter in candidates.firstIndex { $0.letter == letter } }
        let next = position.map { $0 + 1 } ?? 0
        besideLetter = next < candidates.count ? candidates[next].letter : nil
        return besideLetter.map { "\($0) beside the live boundary; b for the next" } ?? "the live boundary alone"
    }

    /// The reference drawn beside the live boundary, while it still compares.
    func beside(live: RunConfiguration) -> RunReference? {
        comparable(with: live).first { $0.letter == besideLetter && $0.boundary != nil }
    }
}
