import Dispatch

/// Data-parallel training on several cores. A batch is cut into contiguous parts; each part
/// runs forward and backward on its own replica of the network, on its own thread, and the
/// parts' gradients are summed into the main network's, each weighted by its share of the
/// batch: the mean over the whole batch, as one pass would compute it (up to the order of
/// float sums).
///
/// Replicas share the main network's parameter values (the same tensors), so the optimizer
/// steps the main network alone. The first part runs on the main network itself.
///
/// Batch normalization normalizes with the whole batch's statistics, as PyTorch's
/// `SyncBatchNorm` does: the parts stop at each such layer to combine their sums
/// (`BatchShards+BatchNorm.swift`), so a split run trains like the whole batch.
///
/// Small GEMMs (a recurrent step's 32 rows, a convolution's 6 filters) leave OpenBLAS's
/// second thread idle; whole samples on separate cores do not. OpenBLAS is held to one
/// thread while the parts run, since its own pool would be fought over.
final class BatchShards {
    /// The main network first, then its replicas.
    let networks: [Network]
    let inputs: [Tensor]
    let targets: [Tensor]
    /// Where the parts meet: the positions of the top-level batch-normalization layers,
    /// and those layers in each network (outer index: the network).
    let batchNormPositions: [Int]
    let batchNorms: [[BatchNorm]]
    /// Each part's share of the last training batch (one entry per part that ran).
    private(set) var lastShares: [Float] = [1]
    /// Each network's dropout layers, in the order data meets them.
    private let dropouts: [[Dropout]]

    /// Fewer rows than this per part cost more in coordination than they gain.
    static let minimumRowsPerPart = 8

    /// `replicas` are built like `main` (their dropout seeds should differ) and are prepared
    /// here for their share of `maxBatch`.
    init(main: Network, replicas: [Network], maxBatch: Int, sampleShape: [Int], targetWidth: Int) throws(ModelError) {
        networks = [main] + replicas
        let partRows = (maxBatch + networks.count - 1) / networks.count
        for replica in replicas {
            try replica.shareParameterValues(with: main)
            try replica.prepare(maxBatch: partRows)
        }
        inputs = networks.map { _ in Tensor(rows: partRows, sampleShape: sampleShape) }
        targets = networks.map { _ in Tensor(rows: partRows, columns: targetWidth) }
        batchNormPositions = main.layers.indices.filter { main.layers[$0] is BatchNorm }
        batchNorms = networks.map { network in network.layers.compactMap { $0 as? BatchNorm } }
        dropouts = networks.map { network in network.leafLayers.compactMap { $0 as? Dropout } }
        for dropout in dropouts[0] { dropout.prepareWholeBatchMasks(maxBatch: maxBatch) }
    }

    /// Whether splitting pays off. The network must reuse its weights within a sample
    /// (convolutions, recurrence, attention), and keep no state but batch normalization's: OpenBLAS already spreads a dense layer's one
    /// large GEMM over the cores, and for an MLP, summing the parts' gradients cost more
    /// than it saved (161k against 210k samples/s on 784-128-64-10). And a step must hold
    /// enough arithmetic to outweigh waking a thread.
    static func isWorthwhile(_ network: Network, batchSize: Int) -> Bool {
        isWorthwhile(reusesWeightsWithinSample: network.layers.contains(where: \.reusesWeightsWithinSample),
                     hasStateOutsideBatchNorm: network.hasStateOutsideBatchNorm,
                     parameterCount: network.parameterCount, batchSize: batchSize)
    }

    /// `isWorthwhile` from a network's facts, for a network not built yet (`NetworkFootprint`).
    static func isWorthwhile(reusesWeightsWithinSample: Bool, hasStateOutsideBatchNorm: Bool, parameterCount: Int, batchSize: Int) -> Bool {
        reusesWeightsWithinSample && !hasStateOutsideBatchNorm
            && parameterCount * batchSize >= 500_000 && batchSize >= 2 * minimumRowsPerPart
    }

    /// Cores to use: those online, at most four (beyond that, summing gradients dominates).
    static var availableParts: Int { min(max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1), 4) }

    /// Forward and backward over `indices` of `dataset`, split across the replicas; leaves
    /// the batch-mean gradient in the main network's parameters. Returns the batch's mean
    /// data loss (no penalty) and, for classification, how many predictions were right.
    func computeGradients(indices: ArraySlice<Int>, from dataset: any Dataset, countsCorrect: Bool) -> (loss: Float, correct: Int) {
        let parts = load(indices, from: dataset)
        drawDropoutMasks(rows: parts)
        defer { for layer in dropouts.joined() { layer.stopUsingMasksAhead() } }
        var losses = [Float](repeating: 0, count: parts.count)
        var correct = [Int](repeating: 0, count: parts.count)
        losses.withUnsafeMutableBufferPointer { lossOut in
            correct.withUnsafeMutableBufferPointer { correctOut in
                if batchNormPositions.isEmpty || parts.count == 1 {
                    runParts(parts.count) { part in
                        let (outputs, loss) = networks[part].computeDataGradients(inputs: inputs[part], targets: targets[part])
                        lossOut[part] = loss
                        if countsCorrect { correctOut[part] = countCorrect(outputs: outputs, targets: targets[part]) }
                    }
                } else {
                    computeGradientsMeetingAtBatchNorms(rows: parts, countsCorrect: countsCorrect,
                                                        losses: lossOut, correct: correctOut)
                }
            }
        }
        let total = Float(indices.count)
        let weights = parts.map { Float($0) / total }
        lastShares = weights
        sumGradients(weights: weights)
        let loss = zip(losses, weights).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        return (loss, correct.reduce(0, +))
    }

    /// Evaluation-mode forward over `indices`, split across the replicas: the sum of the
    /// samples' losses, right predictions, and wholly right sequences.
    func evaluate(indices: ArraySlice<Int>, from dataset: any Dataset, countsCorrect: Bool,
                  scoresSequences: Bool) -> (lossSum: Double, correct: Int, correctSequences: Int) {
        let parts = load(indices, from: dataset)
        var results = [(Double, Int, Int)](repeating: (0, 0, 0), count: parts.count)
        results.withUnsafeMutableBufferPointer { resultOut in
            runParts(parts.count) { part in
                resultOut[part] = networks[part].evaluateBatch(inputs: inputs[part], targets: targets[part],
                                                               countsCorrect: countsCorrect, scoresSequences: scoresSequences)
            }
        }
        return results.reduce((0, 0, 0)) { ($0.0 + $1.0, $0.1 + $1.1, $0.2 + $1.2) }
    }

    /// Fills each part's input and target tensors with its run of `indices` (on this thread:
    /// datasets that augment draw from one generator). Returns the parts' row counts.
    private func load(_ indices: ArraySlice<Int>, from dataset: any Dataset) -> [Int] {
        let count = max(1, min(networks.count, indices.count / Self.minimumRowsPerPart))
        var sizes: [Int] = []
        var start = indices.startIndex
        for part in 0..<count {
            let rows = (indices.count - (start - indices.startIndex)) / (count - part)
            let slice = indices[start ..< start + rows]
            inputs[part].setRows(rows)
            targets[part].setRows(rows)
            dataset.fillBatch(indices: slice, inputs: inputs[part].data, targets: targets[part].data)
            sizes.append(rows)
            start += rows
        }
        return sizes
    }

    /// Dropout as one pass over the whole batch would draw it: the main network's layers draw
    /// the whole batch's masks and each part takes its rows, so a split changes no mask.
    private func drawDropoutMasks(rows: [Int]) {
        guard rows.count > 1 else { return }
        for (index, main) in dropouts[0].enumerated() {
            main.drawWholeBatchMasks(rows: rows.reduce(0, +))
            var firstRow = 0
            for (part, count) in rows.enumerated() {
                dropouts[part][index].useMasks(of: main, firstRow: firstRow)
                firstRow += count
            }
        }
    }

    /// Runs `body(part)` for every part at once and returns when all are done.
    func runParts(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else { return body(0) }
        withoutActuallyEscaping(body) { body in
            // Each part touches only its own network, tensors and result slot.
            let work = UncheckedSendable(body)
            BLASInfo.withOneThread {
                DispatchQueue.concurrentPerform(iterations: count) { part in
                    // Worker threads start with the default floating-point mode.
                    BLASInfo.flushDenormalsToZero()
                    work.value(part)
                }
            }
        }
    }

    /// main.gradient = Σ weightₚ · gradientₚ over the parts that ran.
    private func sumGradients(weights: [Float]) {
        guard weights.count > 1 else { return }
        let main = networks[0].parameters
        for (index, parameter) in main.enumerated() {
            let sum = parameter.gradient.data, count = parameter.count
            // The first pass scales the main part's gradient as it adds the second's.
            for part in 1..<weights.count {
                let gradient = networks[part].parameters[index].gradient.data, weight = weights[part]
                let scale: Float = part == 1 ? weights[0] : 1
                for i in 0..<count { sum[i] = scale * sum[i] + weight * gradient[i] }
            }
        }
    }
}

/// A value handed to other threads whose safety the caller vouches for.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
