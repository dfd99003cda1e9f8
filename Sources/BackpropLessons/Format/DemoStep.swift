/// One step of a lab's demo: knob changes a presenter makes with one key, and the line that
/// says what to watch for ("now raise the learning rate to 3").
public struct DemoStep: Equatable, Sendable {
    public let caption: String
    /// `--set` assignments made at this step, on top of the earlier steps'; each key is one of
    /// the lab's knobs, so the audience sees the knob change too.
    public let settings: [LabSetting]
    /// The step's line in the lesson file.
    public let line: Int

    public init(caption: String, settings: [LabSetting], line: Int) {
        self.caption = caption
        self.settings = settings
        self.line = line
    }
}
