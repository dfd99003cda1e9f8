/// A block of `Float`s with a row-major shape, allocated once and reused for every batch.
///
/// The first dimension is the batch. A tensor is allocated for the largest batch it will
/// hold; `rows` can shrink it (the last, partial batch of an epoch) without reallocating.
public final class Tensor: @unchecked Sendable {
    /// Storage for `capacity` floats, zero-filled when allocated.
    public let data: UnsafeMutablePointer<Float>
    public let capacity: Int
    /// Shape of one sample (everything after the batch dimension).
    public let sampleShape: [Int]
    /// Number of floats in one sample.
    public let sampleSize: Int
    /// Rows (samples) currently in use; at most `maxRows`.
    public private(set) var rows: Int
    public let maxRows: Int

    public init(rows: Int, sampleShape: [Int]) {
        precondition(rows >= 0 && sampleShape.allSatisfy { $0 > 0 }, "bad tensor shape \(rows)x\(sampleShape)")
        self.sampleShape = sampleShape
        self.sampleSize = sampleShape.reduce(1, *)
        self.maxRows = rows
        self.rows = rows
        self.capacity = max(1, rows * sampleSize)
        data = .allocate(capacity: capacity)
        data.initialize(repeating: 0, count: capacity)
        AllocationMeter.record(capacity)
    }

    public convenience init(rows: Int, columns: Int) {
        self.init(rows: rows, sampleShape: [columns])
    }

    /// A tensor holding a copy of `values` in the given shape (first dimension = rows).
    public convenience init(shape: [Int], values: [Float]) {
        precondition(!shape.isEmpty && shape.reduce(1, *) == values.count, "values do not fill shape \(shape)")
        self.init(rows: shape[0], sampleShape: shape.count == 1 ? [1] : Array(shape.dropFirst()))
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }

    deinit { data.deallocate() }

    /// Shape including the batch dimension, as PyTorch would report it.
    public var shape: [Int] { [rows] + sampleShape }
    /// Floats in use: `rows * sampleSize`.
    public var count: Int { rows * sampleSize }
    /// Columns when the tensor is viewed as a matrix `[rows, sampleSize]`.
    public var columns: Int { sampleSize }

    /// Use only the first `rows` samples (for a partial batch); never reallocates.
    public func setRows(_ newRows: Int) {
        precondition(newRows >= 0 && newRows <= maxRows, "rows \(newRows) exceed capacity \(maxRows)")
        rows = newRows
    }

    public subscript(index: Int) -> Float {
        get { data[index] }
        set { data[index] = newValue }
    }

    public subscript(row: Int, column: Int) -> Float {
        get { data[row * sampleSize + column] }
        set { data[row * sampleSize + column] = newValue }
    }

    public func fill(_ value: Float) { data.update(repeating: value, count: count) }
    public func zero() { fill(0) }

    /// The floats in use, copied into an array (for snapshots, tests and files).
    public var values: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    public func copy(from values: [Float]) {
        precondition(values.count <= capacity, "copy of \(values.count) floats into capacity \(capacity)")
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }
}
