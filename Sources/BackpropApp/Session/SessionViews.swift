/// The costly views a snapshot can carry. The trainer records the series of the views a
/// screen offers whether they are shown or not, and copies the costliest (confusion,
/// neuron maps, convolution views) only for the views on screen.
public struct SessionViews: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Each neuron's output over a coarse grid of the input plane (the network diagram).
    public static let neuronOutputs = SessionViews(rawValue: 1 << 0)
    /// Counts of true against predicted classes on the test points.
    public static let confusion = SessionViews(rawValue: 1 << 1)
    /// Per-layer probes: weight and gradient statistics and histograms.
    public static let probes = SessionViews(rawValue: 1 << 2)

    /// Training health: the probes plus each step's log10 update:data ratio per Dense layer,
    /// kept as a bounded history. Measuring the ratios copies the weights around every
    /// step, so the trainer does it only for a screen that offers this view.
    public static let health = SessionViews(rawValue: 1 << 3)

    // Bits 4–7: the basic lessons' views; 8–11: convolution; 12–15: recurrent;
    // 16–19: attention. Each lives in its own file as an extension.

    /// Every view the Playground draws; `.health` is left out, asked for only by a lab that shows it.
    public static let all: SessionViews = [.neuronOutputs, .confusion, .probes]
}
