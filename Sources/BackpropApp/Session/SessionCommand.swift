import BackpropLessons

/// What the UI asks the trainer thread to do; applied between steps.
public enum SessionCommand: Sendable, Equatable {
    case play, pause, togglePlay
    case step
    /// New weights and a new batch order, same data and settings.
    case reset
    /// New noise draw for the data, then a reset.
    case regenerate
    /// A changed configuration: live when only training knobs differ, else a rebuild.
    case configure(RunConfiguration)
    /// Which costly views the screen shows now.
    case show(SessionViews)
    /// Which views the screen offers, shown or not: the trainer records their series while
    /// training, so a view opened later shows the whole run.
    case record(SessionViews)
    /// The next pace (`f`): slow, watch, fast, full, then slow again.
    case cyclePace
    case setPace(Pace)
    /// A lab view's own control moved to `value` (a test image, a temperature step…); the
    /// trainer keeps the latest value per view name for the views it computes.
    case viewControl(view: String, value: Int)
    /// A lab view's action (Enter), such as starting a learning-rate range test.
    case viewAction(view: String)
    /// Write the current model, self-described, into this folder (`w`).
    case save(folder: String)
    /// Save the model there and write the PyTorch script for it beside it (`e`), which the
    /// next snapshot carries for the screen to show.
    case exportPyTorch(folder: String)
    /// Put the model back to the checkpoint kept at this step (`R`, then ← →): every view
    /// shows it as it was then, until training from there branches or `returnToEnd`.
    case rewind(toStep: Int)
    /// Leave the rewound checkpoint for the run as it was before rewinding.
    case returnToEnd
    case quit
}
