/// A rectangular grid of values, row by row with the top row first: a neuron's
/// output over the input plane, or a weight matrix.
public struct ValueGrid: Sendable, Equatable {
    public let columns: Int
    public let rows: Int
    public let values: [Float]

    /// `values` must hold `columns * rows` values, top row first.
    public init(columns: Int, rows: Int, values: [Float]) {
        precondition(values.count == columns * rows, "a \(columns)x\(rows) grid needs \(columns * rows) values")
        self.columns = columns
        self.rows = rows
        self.values = values
    }

    public subscript(column: Int, row: Int) -> Float { values[row * columns + column] }

    /// The value nearest to fractional position (x, y) in 0..<1 from the top left.
    func sample(x: Double, y: Double) -> Float {
        let column = min(columns - 1, max(0, Int(x * Double(columns))))
        let row = min(rows - 1, max(0, Int(y * Double(rows))))
        return self[column, row]
    }

    /// The largest absolute finite value (0 when there is none).
    public var largestMagnitude: Float {
        values.reduce(0) { $1.isFinite ? max($0, abs($1)) : $0 }
    }
}
