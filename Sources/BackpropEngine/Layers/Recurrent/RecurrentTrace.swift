/// What a recurrent layer computed at each step for one sample of its last forward pass:
/// the hidden state, and for gated cells the gates and the LSTM's cell state. For views
/// that show a sequence being read.
public struct RecurrentTrace: Equatable, Sendable {
    public let cell: RecurrentCell
    /// `hidden[t]` is h_t (hiddenSize values).
    public let hidden: [[Float]]
    /// Gate values per step by name (LSTM: input, forget, output; GRU: reset, update), in
    /// the order `gateNames` lists them.
    public let gates: [String: [[Float]]]
    /// c_t per step (LSTM only, else empty).
    public let cellState: [[Float]]

    public static func gateNames(_ cell: RecurrentCell) -> [String] {
        switch cell {
        case .rnn: []
        case .lstm: ["forget", "input", "output"]
        case .gru: ["reset", "update"]
        }
    }
}

extension Recurrent {
    /// The trace of `sample` in the last forward pass, over its first `steps` steps.
    public func trace(sample: Int, steps count: Int) -> RecurrentTrace {
        let shown = min(count, steps), width = hiddenSize, gateWidth = self.gateWidth
        func rows(_ tensor: Tensor, stride: Int, offset: Int) -> [[Float]] {
            (0..<shown).map { t in
                let start = tensor.data + (sample * steps + t) * stride + offset * width
                return Array(UnsafeBufferPointer(start: start, count: width))
            }
        }
        // Offsets of each gate's block in PyTorch's order (LSTM i, f, g, o; GRU r, z, n).
        let blocks: [String: Int] = switch cell {
        case .rnn: [:]
        case .lstm: ["input": 0, "forget": 1, "output": 3]
        case .gru: ["reset": 0, "update": 1]
        }
        return RecurrentTrace(cell: cell, hidden: rows(outputs, stride: width, offset: 0),
                              gates: blocks.mapValues { rows(gates, stride: gateWidth, offset: $0) },
                              cellState: cell == .lstm ? rows(cells, stride: width, offset: 0) : [])
    }
}
