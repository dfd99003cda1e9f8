#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropWidgets
import CNCursesW

/// The terminal as a full screen, through ncursesw: the only code that calls curses.
///
/// Owned by one thread (the UI thread). Draw a frame with `draw(_:)`, which sends
/// only the cells that changed since the previous frame; read keys with
/// `readKey(timeoutMilliseconds:)`; check `terminationSignal` once per loop; call
/// `restore()` on the way out (it is also called at exit).
public final class CursesScreen {
    /// The colours this terminal can show (after `NO_COLOR`).
    public let colorDepth: ColorDepth
    /// Columns, updated when `readKey` reports `.resize`.
    public private(set) var width: Int
    /// Rows, updated when `readKey` reports `.resize`.
    public private(set) var height: Int
    private var styles: CursesStyles
    private var previousFrame: CellBuffer?
    private var wideCharacters: [wchar_t] = []
    /// The locale cannot show anything beyond ASCII (`LANG=C`): draw `AsciiGlyphs` instead.
    public let asciiOnly: Bool

    /// Starts curses: locale, cbreak, no echo, keypad, hidden cursor, colours,
    /// signal handlers and the exit hook. Check `TerminalEnvironment.canRunFullScreen` first.
    public init() {
        setlocale(LC_ALL, "")
        asciiOnly = !TerminalEnvironment.localeIsUTF8
        TerminalRestoration.saveTerminalModes()
        initscr()
        TerminalRestoration.isActive.store(true, ordering: .sequentiallyConsistent)
        TerminalRestoration.captureLeaveSequence()
        cbreak()
        noecho()
        nonl()
        keypad(bp_stdscr(), true)
        curs_set(0)
        leaveok(bp_stdscr(), true)
        // Esc alone should be answered at once, not after the default second.
        set_escdelay(25)
        var depth = ColorDepth.monochrome
        if !TerminalEnvironment.prefersNoColor && has_colors() {
            start_color()
            use_default_colors()
            depth = TerminalEnvironment.colorDepth(forColorCount: Int(bp_colors()), hasColors: true)
        }
        colorDepth = depth
        styles = CursesStyles(depth: depth, pairLimit: depth == .monochrome ? 0 : Int(bp_color_pairs()))
        var rows: Int32 = 0, columns: Int32 = 0
        bp_getmaxyx(bp_stdscr(), &rows, &columns)
        (width, height) = (Int(columns), Int(rows))
        TerminalRestoration.install()
    }

    deinit {
        restore()
    }

    /// SIGINT, SIGTERM or SIGHUP if one arrived: the loop should restore the
    /// terminal and exit with `128 + signal` (see `exitStatus(forSignal:)`).
    public var terminationSignal: Int32? {
        let signalNumber = TerminalRestoration.pendingSignal.load(ordering: .sequentiallyConsistent)
        return signalNumber == 0 ? nil : signalNumber
    }

    /// The conventional exit status of a process ended by `signal`.
    public static func exitStatus(forSignal signal: Int32) -> Int32 { 128 + signal }

    /// A frame the size of the screen, every cell set to `cell` (use the theme's
    /// `blankCell` so themes with their own background cover the screen).
    public func blankFrame(filledWith cell: Cell = .blank) -> CellBuffer {
        CellBuffer(width: width, height: height, filledWith: cell)
    }

    /// Waits up to `timeoutMilliseconds` (0: just look; negative: wait for ever)
    /// for a key. Returns nil on timeout or when a signal interrupted the wait.
    /// A `.resize` has already updated `width` and `height`. Keep the timeout
    /// finite: a signal delivered to another thread (the trainer) does not cut the
    /// wait short, so the loop notices it at the next timeout.
    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        wtimeout(bp_stdscr(), timeoutMilliseconds)
        var code: wint_t = 0
        let status = get_wch(&code)
        guard status != bp_err() else { return nil }
        let key = KeyDecoder.key(code: UInt32(code), isKeyCode: status == KEY_CODE_YES)
        if key == .resize { noteResize() }
        if key == .escape { return escapeOrAlt() }
        return key
    }

    /// After Esc: a character already waiting came with it (Alt+key); anything else that
    /// is waiting goes back to be read as its own key.
    private func escapeOrAlt() -> Key {
        wtimeout(bp_stdscr(), 0)
        var code: wint_t = 0
        let status = get_wch(&code)
        guard status != bp_err() else { return .escape }
        let next = KeyDecoder.key(code: UInt32(code), isKeyCode: status == KEY_CODE_YES)
        let key = KeyDecoder.key(escapeFollowedBy: next)
        if key == .escape {
            if status == KEY_CODE_YES { ungetch(Int32(bitPattern: UInt32(code))) } else { unget_wch(wchar_t(code)) }
        }
        return key
    }

    /// Shows `frame`, sending curses only the cells that differ from the previous
    /// frame (everything after a resize or a size change). Returns how many cells it sent.
    @discardableResult
    public func draw(_ frame: CellBuffer) -> Int {
        let previous = previousFrame.flatMap { $0.width == frame.width && $0.height == frame.height ? $0 : nil }
        if previous == nil { werase(bp_stdscr()) }
        let rows = min(frame.height, height), columns = min(frame.width, width)
        var sent = 0
        frame.cells.withUnsafeBufferPointer { cells in
            for row in 0..<rows {
                var column = 0
                while column < columns {
                    let index = row * frame.width + column
                    if let previous, previous.cells[index] == cells[index] {
                        column += 1
                        continue
                    }
                    let end = drawRun(cells, row: row, from: column, limit: columns, frameWidth: frame.width, previous: previous)
                    sent += end - column
                    column = end
                }
            }
        }
        wrefresh(bp_stdscr())
        previousFrame = frame
        return sent
    }

    /// Forgets the previous frame so the next `draw` repaints everything (Ctrl-L).
    public func forceFullRedraw() {
        previousFrame = nil
        clearok(bp_stdscr(), true)
    }

    /// Ends curses and gives the terminal back; safe to call more than once.
    public func restore() {
        TerminalRestoration.restore()
    }

    /// Writes the changed cells from `start` that share its style in one call;
    /// returns the column after them.
    private func drawRun(_ cells: UnsafeBufferPointer<Cell>, row: Int, from start: Int, limit: Int, frameWidth: Int, previous: CellBuffer?) -> Int {
        let rowStart = row * frameWidth
        let style = cells[rowStart + start].style
        wideCharacters.removeAll(keepingCapacity: true)
        var column = start
        while column < limit {
            let cell = cells[rowStart + column]
            guard cell.style == style else { break }
            if let previous, previous.cells[rowStart + column] == cell { break }
            let character = asciiOnly ? AsciiGlyphs.fallback(for: cell.character) : cell.character
            for scalar in character.unicodeScalars { wideCharacters.append(wchar_t(bitPattern: scalar.value)) }
            column += 1
        }
        let attributes = styles.attributes(for: style)
        var extendedPair = attributes.pair
        wattr_set(bp_stdscr(), attributes.attributes, Int16(clamping: attributes.pair), &extendedPair)
        wmove(bp_stdscr(), Int32(row), Int32(start))
        wideCharacters.withUnsafeBufferPointer { text in
            _ = waddnwstr(bp_stdscr(), text.baseAddress, Int32(text.count))
        }
        return column
    }

    private func noteResize() {
        var rows: Int32 = 0, columns: Int32 = 0
        bp_getmaxyx(bp_stdscr(), &rows, &columns)
        (width, height) = (Int(columns), Int(rows))
        forceFullRedraw()
    }
}
