import ArgumentParser

/// `--lessons DIR`, repeatable: a teacher's folders read after the course's lessons.
struct LessonFolderOptions: ParsableArguments {
    @Option(name: .customLong("lessons"),
            help: ArgumentHelp("Also read the lessons in this folder, after the course (repeatable; $BACKPROP_LESSONS is read before these). A lesson with a course lesson's id replaces it.",
                               valueName: "folder"))
    var paths: [String] = []

    /// The course's folder, then `$BACKPROP_LESSONS`, then these; a missing folder exits 2 naming it.
    func folders() throws -> [LessonFolder] {
        do { return try LessonLocations.folders(options: paths) } catch { throw failUsage(error.description) }
    }
}
