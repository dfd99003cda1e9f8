import COpenBLAS

/// Row-major single-precision matrix multiply through OpenBLAS:
/// `C = alpha * op(A) * op(B) + beta * C`, where `op` transposes when asked.
///
/// `A` is `m x k` after `op`, `B` is `k x n` after `op`, `C` is `m x n`. Leading dimensions
/// are those of the matrices as stored (before transposition).
@inline(__always)
func gemm(
    transposeA: Bool = false, transposeB: Bool = false,
    m: Int, n: Int, k: Int,
    alpha: Float = 1,
    a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float = 0,
    c: UnsafeMutablePointer<Float>, ldc: Int
) {
    cblas_sgemm(
        CblasRowMajor,
        transposeA ? CblasTrans : CblasNoTrans,
        transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k),
        alpha, a, Int32(lda), b, Int32(ldb),
        beta, c, Int32(ldc))
}

/// Facts about the BLAS library, shown in diagnostics and benchmark reports.
public enum BLASInfo {
    /// The CPU kernel OpenBLAS chose (e.g. "Haswell", "SkylakeX").
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Runs `body` with OpenBLAS held to one thread, then restores the count: for work that
    /// is already split across threads, whose GEMMs would otherwise queue for OpenBLAS's
    /// one shared pool (LSTM, LeNet and GPT training ran at half speed or less without it).
    /// The count is process-wide: another thread's GEMMs meanwhile run on one thread too,
    /// which can change the last bits of their results. Only `backprop train` and `bench`
    /// split batches, each with one trainer at a time.
    static func withOneThread<Result>(_ body: () -> Result) -> Result {
        let previous = openblas_get_num_threads()
        guard previous > 1 else { return body() }
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(previous) }
        return body()
    }

    /// Makes the calling thread treat denormal floats as zero (see the shim); the trainer
    /// calls it on the thread that trains.
    public static func flushDenormalsToZero() { bp_flush_denormals_to_zero() }
}
