import ArgumentParser
import BackpropEngine
import BackpropLessons
import BackpropTerminal
import BackpropWidgets
import Foundation

/// `backprop class`: follows a class's progress, live on screen or as a report.
struct ClassCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "class", abstract: "Follow a class: every student's progress through the lessons.",
        discussion: """
            A state folder is one student's (it holds progress.json, or is named backprop as \
            $XDG_STATE_HOME/backprop is), or a class folder whose subfolders are the students' \
            state folders, named by user (scripts/classroom-setup makes /var/lib/backprop/class). \
            With no folder, $BACKPROP_CLASS, else /var/lib/backprop/class, is read. Files are only \
            read: a missing, unreadable, corrupt or oversized progress file is listed as such.
            """,
        subcommands: [ClassWatchCommand.self, ClassReportCommand.self],
        defaultSubcommand: ClassWatchCommand.self)
}

/// The arguments both forms share: the state folders and the lessons to grade against.
struct ClassSources: ParsableArguments {
    @Argument(help: ArgumentHelp("Students' state folders, or class folders of them (default: $BACKPROP_CLASS, else /var/lib/backprop/class).",
                                 valueName: "state-folder"))
    var paths: [String] = []

    @OptionGroup var lessonFolders: LessonFolderOptions

    func lessons() throws -> [Lesson] {
        LessonCollection(folders: try lessonFolders.folders()).entries.compactMap(\.report.lesson)
    }

    var folders: [String] { paths.isEmpty ? ClassRoster.defaultPaths() : paths }

    func report(lessons: [Lesson]) -> ClassReport {
        ClassReport(lessons: lessons, students: ClassRoster.students(in: folders))
    }
}

/// `backprop class report [STATE_DIR...] [--json|--csv]`.
struct ClassReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Print the class as a grid of students and lessons, or as CSV or JSON.")

    @OptionGroup var sources: ClassSources

    @Flag(help: "Print one JSON object: every student, lesson, page count and goal time.")
    var json = false

    @Flag(help: "Print CSV with one row per student, for a gradebook.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }

    func run() throws {
        let report = sources.report(lessons: try sources.lessons())
        if json {
            print(report.json)
        } else if csv {
            print(report.csv, terminator: "")
        } else {
            // Student names come from folder names: their control characters are escaped.
            for line in report.textLines { print(TerminalText.escaped(line)) }
        }
        // A folder named on the command line that is not there is likely a typo: the report
        // still lists it (a student's missing folder is never fatal), and says so here too.
        for path in sources.paths where !FileManager.default.fileExists(atPath: path) {
            printToStandardError("backprop: \(TerminalText.escaped(path)): no such folder (listed as an unreadable student)")
        }
        let leftOut = ClassRoster.studentsLeftOut(in: sources.folders)
        if leftOut > 0 { printToStandardError("backprop: \(leftOut) more students were not read (at most \(ClassRoster.maximumStudents) per class folder)") }
    }
}

/// `backprop class [watch]`: the grid on screen, read again every two seconds.
struct ClassWatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Show the class grid on screen, refreshed as students work.")

    @OptionGroup var sources: ClassSources

    @Option(help: "Colour theme: dark, basic, mono or projector (high contrast).")
    var theme: String?

    static let refreshSeconds = 2.0

    func run() throws {
        if let theme, Theme.named(theme) == nil {
            throw failUsage("unknown theme '\(theme)'; themes: \(Theme.all.map(\.name).joined(separator: ", "))")
        }
        let lessons = try sources.lessons()
        guard TerminalEnvironment.canRunFullScreen else {
            printToStandardError("backprop: the class screen needs a terminal; for a report without one: backprop class report")
            throw ExitCode(1)
        }
        let status = Self.watch(lessons: lessons, themeName: theme, sources: sources)
        if status != 0 { throw ExitCode(status) }
    }

    private static func watch(lessons: [Lesson], themeName: String?, sources: ClassSources) -> Int32 {
        let screen = CursesScreen()
        defer { screen.restore() }
        let theme = themeName.flatMap(Theme.named) ?? Theme.standard(for: screen.colorDepth)
        var view = ClassScreenView()
        var readAt = -Double.infinity
        while true {
            if let signal = screen.terminationSignal { return CursesScreen.exitStatus(forSignal: signal) }
            if monotonicSeconds() - readAt >= refreshSeconds {
                let report = sources.report(lessons: lessons)
                // Student names come from folder names: their control characters are escaped.
                view.grid = report.gridLines.map(TerminalText.escaped)
                view.notes = report.noteLines.map(TerminalText.escaped)
                view.frozenColumns = report.nameColumnWidth
                view.title = "Class · \(report.rows.count) student\(report.rows.count == 1 ? "" : "s") · \(lessons.count) lessons"
                // To the second, so a teacher sees that it reads again.
                view.status = "read \(report.generatedAt.dropFirst(11).prefix(8)) UTC · every \(Int(refreshSeconds)) s"
                readAt = monotonicSeconds()
            }
            view.clampScroll(width: screen.width, height: screen.height)
            screen.draw(view.render(width: screen.width, height: screen.height, theme: theme))
            guard let key = screen.readKey(timeoutMilliseconds: 250) else { continue }
            let page = max(1, ClassScreenView.visibleRows(height: screen.height) - 1)
            switch key {
            case .character("q"), .escape, .control("c"): return 0
            case .character("r"): readAt = -.infinity
            case .up, .character("k"): view.scrollRow -= 1
            case .down, .character("j"): view.scrollRow += 1
            case .pageUp: view.scrollRow -= page
            case .pageDown, .character(" "): view.scrollRow += page
            case .home: view.scrollRow = 0; view.scrollColumn = 0
            case .end: view.scrollRow = .max / 2
            case .left, .character("h"): view.scrollColumn -= 8
            case .right, .character("l"): view.scrollColumn += 8
            case .control("l"): screen.forceFullRedraw()
            default: break
            }
        }
    }
}
