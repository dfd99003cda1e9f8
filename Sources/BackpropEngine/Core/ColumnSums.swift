/// Sums down the columns of a row-major matrix: a bias's gradient is the sum of the output
/// gradient's rows.
///
/// Written as `result[j] += row[j]` for each row, a narrow matrix (the Playground's 8-wide
/// layers over 500 points) made each addition wait for the store of the one before it, and
/// the bias gradients took an eighth of a Playground step (`perf` on `playground-2-8-8-1`).
/// Widths of 8, 16, 24 and 32 are therefore summed in vector registers, a separate chain
/// per block of eight, and a single column in a register; other widths keep the row loop,
/// which the compiler vectorizes across a wide row. All three add each column's rows in
/// order, as the loop always did, so no result changes: a GAN or a plain RNN trained a few
/// ulps differently ends somewhere else, and the lessons' claims about those runs were
/// checked with these sums.
enum ColumnSums {
    /// result[j] = Σ_r matrix[r·width + j] for j in 0..<width, each column's rows added in order.
    static func sum(_ matrix: UnsafePointer<Float>, rows: Int, width: Int, into result: UnsafeMutablePointer<Float>) {
        if width == 1 {
            var total: Float = 0
            for r in 0..<rows { total += matrix[r] }
            result[0] = total
        } else if width % 8 == 0 && width <= 32 {
            sumInRegisters(matrix, rows: rows, blocks: width / 8, into: result)
        } else {
            result.update(repeating: 0, count: width)
            for r in 0..<rows {
                let row = matrix + r * width
                for j in 0..<width { result[j] += row[j] }
            }
        }
    }

    /// `blocks` (1 to 4) blocks of eight columns; the unused blocks add zeros in registers.
    @inline(__always)
    private static func sumInRegisters(_ matrix: UnsafePointer<Float>, rows: Int, blocks: Int, into result: UnsafeMutablePointer<Float>) {
        let width = 8 * blocks
        var sums = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        for r in 0..<rows {
            let row = matrix + r * width
            sums.0 += SIMD8(load: row)
            if blocks > 1 { sums.1 += SIMD8(load: row + 8) }
            if blocks > 2 { sums.2 += SIMD8(load: row + 16) }
            if blocks > 3 { sums.3 += SIMD8(load: row + 24) }
        }
        sums.0.store(to: result)
        if blocks > 1 { sums.1.store(to: result + 8) }
        if blocks > 2 { sums.2.store(to: result + 16) }
        if blocks > 3 { sums.3.store(to: result + 24) }
    }
}
