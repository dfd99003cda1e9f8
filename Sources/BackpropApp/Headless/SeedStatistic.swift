/// A number measured once per seed, summarized as its mean and spread. The spread is the
/// sample standard deviation (divided by n − 1), so it is nil for a single seed, where
/// nothing says how much another seed would differ.
struct SeedStatistic: Equatable {
    let mean: Double
    let standardDeviation: Double?
    let count: Int

    /// nil when there is nothing to summarize; non-finite measurements are left out.
    init?(_ measurements: [Double]) {
        let values = measurements.filter(\.isFinite)
        guard !values.isEmpty else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        self.mean = mean
        count = values.count
        standardDeviation = count > 1 ? (squares / Double(count - 1)).squareRoot() : nil
    }
}
