/// A matrix product whose right operand is packed once and then used for many products:
/// a recurrent layer multiplies by the same W_hh at every time step of a sequence.
///
/// OpenBLAS packs both operands at every call, and with its Haswell kernels (which the
/// product pins, see `PinnedBLASKernel`) that includes the whole 128 x 512 weight matrix at
/// each of an LSTM's steps: `sgemm_itcopy` was a tenth of a `char-lstm-128` step. Packed once
/// per pass, the step's product needs only the kernel below, which reads the left operand's
/// rows where they are. On the LSTM's step (16 rows, 512 columns, depth 128) it ran at
/// 105 GFLOP/s on one core against OpenBLAS's 74 with its packing.
///
/// The packed layout is panels of 16 columns: panel `j` holds columns `16j..<16j+16` of the
/// operand, row after row (`depth` x 16 floats), the last panel padded with zeros. Each
/// result element is one chain of fused multiply-adds in order of depth, so a row's result
/// does not depend on which other rows are multiplied with it (or on how a batch is split).
final class PackedRightOperand {
    static let panelWidth = 16
    private(set) var depth = 0
    private(set) var columns = 0
    /// A tensor, so that `NetworkFootprint` counts it with the layer that prepares it.
    private let buffer: Tensor
    private var storage: UnsafeMutablePointer<Float> { buffer.data }
    private let capacity: Int

    /// Room for an operand of up to `depth` rows and `columns` columns.
    init(depth: Int, columns: Int) {
        let panels = (columns + Self.panelWidth - 1) / Self.panelWidth
        capacity = max(1, depth * panels * Self.panelWidth)
        buffer = Tensor(rows: 1, columns: capacity)
    }

    /// Packs `B` (`depth` x `columns`): read from `matrix` as stored (`leading` floats a row)
    /// when `transposed` is false, or as the transpose of a stored `columns` x `depth` matrix.
    func pack(_ matrix: UnsafePointer<Float>, depth: Int, columns: Int, leading: Int, transposed: Bool) {
        let width = Self.panelWidth
        let panels = (columns + width - 1) / width
        precondition(depth * panels * width <= capacity, "packed operand larger than prepared")
        self.depth = depth
        self.columns = columns
        for panel in 0..<panels {
            let first = panel * width, lanes = min(width, columns - first)
            let destination = storage + panel * depth * width
            if transposed {
                // Column `first + l` of B is row `first + l` of the stored matrix.
                for l in 0..<width {
                    guard l < lanes else {
                        for p in 0..<depth { destination[p * width + l] = 0 }
                        continue
                    }
                    let source = matrix + (first + l) * leading
                    for p in 0..<depth { destination[p * width + l] = source[p] }
                }
            } else {
                for p in 0..<depth {
                    let source = matrix + p * leading + first, row = destination + p * width
                    for l in 0..<lanes { row[l] = source[l] }
                    for l in lanes..<width { row[l] = 0 }
                }
            }
        }
    }

    /// `C = A · B` (β = 0) or `C += A · B` (β = 1) for `rows` rows of `A` (`depth` floats each,
    /// `lda` apart) into `C` (`columns` floats a row, `ldc` apart).
    func multiply(rows: Int, a: UnsafePointer<Float>, lda: Int, accumulate: Bool, c: UnsafeMutablePointer<Float>, ldc: Int) {
        let width = Self.panelWidth
        let panels = (columns + width - 1) / width
        for panel in 0..<panels {
            let b = UnsafePointer(storage + panel * depth * width)
            let first = panel * width, lanes = min(width, columns - first)
            var row = 0
            // Four rows at a time: eight accumulators, two panel loads and four broadcasts
            // per step of depth, which keeps both FMA units busy.
            while row + 4 <= rows {
                fourRows(a + row * lda, lda: lda, b: b, c: c + row * ldc + first, ldc: ldc, lanes: lanes, accumulate: accumulate)
                row += 4
            }
            while row < rows {
                oneRow(a + row * lda, b: b, c: c + row * ldc + first, lanes: lanes, accumulate: accumulate)
                row += 1
            }
        }
    }

    @inline(__always)
    private func fourRows(_ a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int,
                          lanes: Int, accumulate: Bool) {
        let a0 = a, a1 = a + lda, a2 = a1 + lda, a3 = a2 + lda
        var c00 = SIMD8<Float>(), c01 = SIMD8<Float>(), c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
        var c20 = SIMD8<Float>(), c21 = SIMD8<Float>(), c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
        for p in 0..<depth {
            let b0 = SIMD8<Float>(load: b + p * 16), b1 = SIMD8<Float>(load: b + p * 16 + 8)
            let x0 = SIMD8<Float>(repeating: a0[p]), x1 = SIMD8<Float>(repeating: a1[p])
            let x2 = SIMD8<Float>(repeating: a2[p]), x3 = SIMD8<Float>(repeating: a3[p])
            c00.addProduct(x0, b0); c01.addProduct(x0, b1)
            c10.addProduct(x1, b0); c11.addProduct(x1, b1)
            c20.addProduct(x2, b0); c21.addProduct(x2, b1)
            c30.addProduct(x3, b0); c31.addProduct(x3, b1)
        }
        write(c00, c01, to: c, lanes: lanes, accumulate: accumulate)
        write(c10, c11, to: c + ldc, lanes: lanes, accumulate: accumulate)
        write(c20, c21, to: c + 2 * ldc, lanes: lanes, accumulate: accumulate)
        write(c30, c31, to: c + 3 * ldc, lanes: lanes, accumulate: accumulate)
    }

    @inline(__always)
    private func oneRow(_ a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, lanes: Int, accumulate: Bool) {
        var c0 = SIMD8<Float>(), c1 = SIMD8<Float>()
        for p in 0..<depth {
            let x = SIMD8<Float>(repeating: a[p])
            c0.addProduct(x, SIMD8<Float>(load: b + p * 16))
            c1.addProduct(x, SIMD8<Float>(load: b + p * 16 + 8))
        }
        write(c0, c1, to: c, lanes: lanes, accumulate: accumulate)
    }

    /// Stores (or adds) the first `lanes` of sixteen results.
    @inline(__always)
    private func write(_ low: SIMD8<Float>, _ high: SIMD8<Float>, to c: UnsafeMutablePointer<Float>, lanes: Int, accumulate: Bool) {
        if lanes == 16 {
            if accumulate {
                (SIMD8(load: c) + low).store(to: c)
                (SIMD8(load: c + 8) + high).store(to: c + 8)
            } else {
                low.store(to: c)
                high.store(to: c + 8)
            }
            return
        }
        let lowLanes = min(lanes, 8), highLanes = lanes - lowLanes
        if accumulate {
            (SIMD8(load: c, count: lowLanes) + low).store(to: c, count: lowLanes)
            if highLanes > 0 { (SIMD8(load: c + 8, count: highLanes) + high).store(to: c + 8, count: highLanes) }
        } else {
            low.store(to: c, count: lowLanes)
            if highLanes > 0 { high.store(to: c + 8, count: highLanes) }
        }
    }
}
