import BackpropEngine

/// The recurrent lesson's views: which a configuration can show, and their controls' meaning.
extension LabView {
    /// The views for a recurrent model (generated words are any word model's: see the catalog).
    static let recurrentViews = [LabView.unrolled, .stepGradients, .gates].map(\.rawValue)

    /// Where the view's control starts: a temperature of 1 for sampling, else the range's start.
    var initialControlValue: Int {
        switch self {
        case .samples: 10
        case .decoder: DecoderGrid.centre
        default: controlRange?.lowerBound ?? 0
        }
    }

    /// The sampling temperature a position of the samples view's control stands for (tenths).
    static func temperature(control: Int) -> Float { Float(control) / 10 }
}
