/// One line of the Home screen: something to open, as data, so lessons can be listed
/// beside the Playground without new screen code.
struct HomeEntry: Equatable, Sendable {
    /// Where Enter on the entry leads.
    enum Destination: Equatable, Sendable {
        case playground
        case lesson(id: String)
    }

    var title: String
    var summary: String
    var destination: Destination
    /// Progress shown after the title (`✓` for a finished lesson, `2/6` pages seen); nil for none.
    var mark: String?

    static let playground = HomeEntry(
        title: "Playground",
        summary: "Train a small network live on 2-D data. Pick a dataset, features, hidden layers and "
            + "a learning rate; watch the decision boundary, the losses, the gradients and every neuron change as it learns.",
        destination: .playground)
}
