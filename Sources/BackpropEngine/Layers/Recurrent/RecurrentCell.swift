/// The recurrent cells, with PyTorch's gate order and equations.
public enum RecurrentCell: String, CaseIterable, Sendable {
    /// `nn.RNN` (tanh): h' = tanh(W_ih x + b_ih + W_hh h + b_hh).
    case rnn
    /// `nn.LSTM`, gates i, f, g, o: c' = f⊙c + i⊙g, h' = o⊙tanh(c').
    case lstm
    /// `nn.GRU`, gates r, z, n: n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn)), h' = (1−z)⊙n + z⊙h.
    case gru

    /// Gate blocks stacked in the weights (each `hidden` rows).
    public var gateCount: Int {
        switch self {
        case .rnn: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    public var moduleName: String {
        switch self {
        case .rnn: "RNN"
        case .lstm: "LSTM"
        case .gru: "GRU"
        }
    }
}
