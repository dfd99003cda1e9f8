import Testing
@testable import BackpropEngine

/// The packed product against the definition, on sizes that leave partial panels (columns
/// not a multiple of 16) and leftover rows (not a multiple of 4), with the operand read
/// as stored or transposed, overwriting or adding to the result.
@Suite("Packed right operand")
struct PackedRightOperandTests {
    @Test(arguments: [(rows: 1, depth: 3, columns: 1), (rows: 4, depth: 8, columns: 16), (rows: 7, depth: 5, columns: 33),
                      (rows: 16, depth: 12, columns: 40), (rows: 6, depth: 1, columns: 17)])
    func matchesTheDefinition(rows: Int, depth: Int, columns: Int) {
        var random = RandomGenerator(seed: UInt64(rows * 1000 + depth * 10 + columns))
        func randomValues(_ count: Int) -> [Float] { (0..<count).map { _ in Float(random.uniform(-1, 1)) } }
        let leftLeading = depth + 2  // rows further apart than their length, as a recurrent step's are
        let left = randomValues(rows * leftLeading)
        let stored = randomValues(depth * columns)  // B as stored, depth x columns
        var transposedCopy = [Float](repeating: 0, count: columns * depth)  // Bᵀ, columns x depth
        for p in 0..<depth { for j in 0..<columns { transposedCopy[j * depth + p] = stored[p * columns + j] } }
        let resultLeading = columns + 3
        let start = randomValues(rows * resultLeading)

        var expected = start
        for i in 0..<rows {
            for j in 0..<columns {
                var sum: Double = 0
                for p in 0..<depth { sum += Double(left[i * leftLeading + p]) * Double(stored[p * columns + j]) }
                expected[i * resultLeading + j] = Float(sum)
            }
        }
        let operand = PackedRightOperand(depth: depth, columns: columns)
        for transposed in [false, true] {
            for accumulate in [false, true] {
                if transposed {
                    operand.pack(transposedCopy, depth: depth, columns: columns, leading: depth, transposed: true)
                } else {
                    operand.pack(stored, depth: depth, columns: columns, leading: columns, transposed: false)
                }
                var result = start
                operand.multiply(rows: rows, a: left, lda: leftLeading, accumulate: accumulate, c: &result, ldc: resultLeading)
                for i in 0..<rows {
                    for j in 0..<resultLeading {
                        let index = i * resultLeading + j
                        // Past the columns, the result row is left alone.
                        let want = j < columns ? expected[index] + (accumulate ? start[index] : 0) : start[index]
                        #expect(abs(result[index] - want) <= 1e-5, "row \(i) column \(j) transposed \(transposed) accumulate \(accumulate)")
                    }
                }
            }
        }
    }
}

/// Column sums in registers add each column's rows in the same order as the plain loop, so
/// they give its results bit for bit (the lessons' chaotic runs depend on it).
@Suite("Column sums")
struct ColumnSumsTests {
    @Test(arguments: [1, 3, 8, 16, 24, 32, 40])
    func matchTheRowLoopBitForBit(width: Int) {
        var random = RandomGenerator(seed: UInt64(width))
        let rows = 37
        let matrix = (0..<rows * width).map { _ in Float(random.uniform(-1, 1)) * Float(random.uniform(0, 1000)) }
        var expected = [Float](repeating: 0, count: width)
        for r in 0..<rows { for j in 0..<width { expected[j] += matrix[r * width + j] } }
        var result = [Float](repeating: .nan, count: width + 1)
        ColumnSums.sum(matrix, rows: rows, width: width, into: &result)
        #expect(Array(result.prefix(width)) == expected)
        #expect(result[width].isNaN, "nothing written past the width")
    }
}
