import BackpropEngine

/// The recurrent lesson's views: which a configuration can show, and their controls' meaning.
extension LabView {
    /// The views for a recurrent model: gates need a gated cell, generated words a word model.
    static func recurrentViews(for configuration: RunConfiguration) -> [String] {
        var views = [LabView.unrolled, .stepGradients, .gates]
        if configuration.dataset == .words { views.append(.samples) }
        return views.map(\.rawValue)
    }

    /// Where the view's control starts: a temperature of 1 for sampling, else the range's start.
    var initialControlValue: Int {
        self == .samples ? 10 : controlRange?.lowerBound ?? 0
    }

    /// The sampling temperature a position of the samples view's control stands for (tenths).
    static func temperature(control: Int) -> Float { Float(control) / 10 }
}
