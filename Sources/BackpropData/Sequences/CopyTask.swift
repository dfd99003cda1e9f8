import BackpropEngine

/// The copy (recall) task: a few random symbols are shown, then `delay` blank steps, then a
/// recall cue; from the cue on the model must output the symbols in order. Nothing but
/// memory links the answer to the symbols, so the task measures how far back a model can
/// carry information. Guessing scores 1/`alphabet` per symbol.
public struct CopyTask: Equatable, Sendable {
    /// Symbols shown (and recalled) per sequence.
    public var symbols: Int
    /// Distinct symbols they are drawn from.
    public var alphabet: Int
    /// Blank steps between the last symbol and the recall cue.
    public var delay: Int

    /// Input token ids: 0 is a blank step, 1 the recall cue, 2… the symbols.
    public static let blank = 0, cue = 1, firstSymbol = 2

    public init(symbols: Int = 3, alphabet: Int = 4, delay: Int) {
        precondition(symbols >= 1 && alphabet >= 2 && delay >= 0, "a copy task needs symbols, an alphabet of two or more and a delay")
        self.symbols = symbols
        self.alphabet = alphabet
        self.delay = delay
    }

    /// Steps per sequence: the symbols, the blanks, then the cue and the recall steps.
    public var length: Int { 2 * symbols + delay }
    /// Distinct input tokens (blank, cue and the symbols).
    public var tokenCount: Int { alphabet + Self.firstSymbol }

    /// `count` sequences: inputs `[length]` token ids, targets the `symbols` shown (class
    /// ids 0..<alphabet), answered at the last `symbols` steps.
    public func make(count: Int, random: inout RandomGenerator) -> TensorDataset {
        var inputs = [Float](repeating: Float(Self.blank), count: count * length)
        var targets = [Float](repeating: 0, count: count * symbols)
        for sample in 0..<count {
            let base = sample * length
            for position in 0..<symbols {
                let symbol = random.index(below: alphabet)
                inputs[base + position] = Float(Self.firstSymbol + symbol)
                targets[sample * symbols + position] = Float(symbol)
            }
            inputs[base + symbols + delay] = Float(Self.cue)
        }
        return TensorDataset(inputs: inputs, targets: targets, inputShape: [length],
                             task: .classification(classes: alphabet), targetWidth: symbols)
    }

    /// Names of the input tokens, for views that show a sequence being read.
    public var tokenNames: [String] {
        ["·", "?"] + (0..<alphabet).map { String(UnicodeScalar(UInt8(65 + $0 % 26))) }
    }
}
