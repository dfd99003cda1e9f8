/// Early stopping on the validation loss, as Keras's `EarlyStopping(patience=N,
/// restore_best_weights=True)` does: the weights of the epoch with the lowest validation
/// loss are kept, training stops once `patience` epochs in a row have not lowered it, and the
/// kept weights come back when the run ends, whether it stopped early or ran out of epochs.
public struct EarlyStopping: Sendable {
    public let patience: Int
    /// The epoch whose validation loss is the lowest so far, and its report.
    public private(set) var best: EpochReport?
    /// Epochs since the best one.
    public private(set) var epochsSinceBest = 0
    /// The best epoch's parameters and state buffers (batch-norm statistics), by name.
    private(set) var bestState: [String: NamedTensor] = [:]

    public init(patience: Int) {
        precondition(patience >= 1, "patience must be at least 1")
        self.patience = patience
    }

    /// Notes an epoch's report, keeping `network`'s weights when its validation loss is the
    /// lowest yet; true when the run should stop here.
    mutating func observe(_ report: EpochReport, network: Network) -> Bool {
        let loss = report.validation.loss
        if loss.isFinite, best.map({ loss < $0.validation.loss }) ?? true {
            best = report
            bestState = network.stateDict
            epochsSinceBest = 0
            return false
        }
        epochsSinceBest += 1
        return epochsSinceBest >= patience
    }

    /// Puts the best epoch's weights back into `network`; false when there is none to restore.
    func restore(into network: Network) -> Bool {
        guard !bestState.isEmpty else { return false }
        return (try? network.load(stateDict: bestState, source: "the best epoch")) != nil
    }
}
