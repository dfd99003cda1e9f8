import ArgumentParser
import Foundation

/// Options shared by the interactive commands.
struct InteractiveOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Start the Playground (opened from here or from Home) from a changed setting, e.g. --set dataset=spiral; lessons set their own.", valueName: "key=value"))
    var settings: [String] = []

    @Option(help: "Seed for the data and the initial weights.")
    var seed: UInt64 = 1

    @Option(help: "Colour theme: dark, basic, mono or projector (high contrast).")
    var theme: String?

    @OptionGroup var lessonFolders: LessonFolderOptions

    @Flag(help: "Present lessons on a projector: one view fills the screen, the text shows one paragraph, the key number is drawn in large digits, and Enter steps through a lab's demo (P in a lesson does the same).")
    var present = false

    /// Opens the terminal UI at `start`, or exits with its status.
    func launch(at start: TerminalApp.Start) throws {
        try launch(at: start, shelf: shelf())
    }

    /// The lessons of the course and of the folders named, with the learner's progress.
    func shelf() throws -> LessonShelf { LessonShelf.standard(folders: try lessonFolders.folders()) }

    func launch(at start: TerminalApp.Start, shelf: LessonShelf) throws {
        var configuration = try BackpropApp.configuration(preset: "playground", settings: settings)
        if !settings.contains(where: { $0.hasPrefix("epochs=") }) { configuration.epochs = 1000 }
        // As the Playground's knobs do: more than two classes train with softmax cross-entropy.
        if configuration.classes > 2 && !settings.contains(where: { $0.hasPrefix("loss=") }) { configuration.loss = .crossEntropy }
        let status = TerminalApp.run(start: start, configuration: configuration, seed: seed, themeName: theme, shelf: shelf, presenting: present)
        TerminalApp.exitAtOnceIfATrainerIsStillBusy(status: status)
        if status != 0 { throw ExitCode(status) }
    }
}

/// `backprop` with no subcommand: the Home screen.
struct HomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "home", abstract: "Open the Home screen (what plain `backprop` does).")

    @OptionGroup var options: InteractiveOptions

    func run() throws { try options.launch(at: .home) }
}

/// `backprop playground`: straight into the interactive Playground.
struct PlaygroundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "playground", abstract: "Open the interactive Playground.")

    @OptionGroup var options: InteractiveOptions

    func run() throws { try options.launch(at: .playground) }
}
