/// Short labels for numbers: `0.0123`, `2.5`, `1234`, `12.3k`, `4.5M`, `1.2e-5`, `4.9e15`.
public enum CompactNumber {
    /// Magnitudes from here on are written in scientific notation: `1000T` would be longer
    /// than `1e15` and no easier to read.
    static let scientificAbove = 1e15

    /// `value` in at most about six characters, with up to three significant digits.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        let exponent = decimalExponent(of: magnitude)
        if magnitude < 0.001 || magnitude >= scientificAbove { return sign + scientific(magnitude) }
        let suffixes: [(threshold: Double, scale: Double, suffix: String)] = [(1e12, 1e12, "T"), (1e9, 1e9, "G"), (1e6, 1e6, "M"), (1e4, 1e3, "k")]
        for (threshold, scale, suffix) in suffixes where magnitude >= threshold {
            let scaled = magnitude / scale
            return sign + fixed(scaled, decimals: max(0, 2 - decimalExponent(of: scaled))) + suffix
        }
        return sign + fixed(magnitude, decimals: max(0, 2 - exponent))
    }

    /// A positive `magnitude` as a mantissa of two significant digits and a power of ten:
    /// `1.2e-5`, `4.9e15`, `1e16` (for 9.96e15, whose mantissa rounds up to 10).
    static func scientific(_ magnitude: Double) -> String {
        var exponent = decimalExponent(of: magnitude)
        var mantissa = magnitude / power(ofTen: exponent)
        if mantissa < 1 { exponent -= 1; mantissa *= 10 }
        if (mantissa * 10).rounded() >= 100 { exponent += 1; mantissa /= 10 }
        return fixed(mantissa, decimals: 1) + "e" + String(exponent)
    }

    /// `value` rounded to `decimals` places, trailing zeros removed.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = power(ofTen: decimals)
        let scaled = (value * scale).rounded()
        guard scaled < 9e15 else { return String(Int(value)) }
        let whole = Int(scaled)
        var digits = String(whole)
        guard decimals > 0 else { return digits }
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        var fraction = String(digits.suffix(decimals))
        let integer = String(digits.dropLast(decimals))
        while fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? integer : integer + "." + fraction
    }

    /// The power of ten of the leading digit: 0 for 5.2, -3 for 0.0012.
    static func decimalExponent(of magnitude: Double) -> Int {
        var exponent = 0
        var scaled = magnitude
        while scaled >= 10 { scaled /= 10; exponent += 1 }
        while scaled < 1 && scaled > 0 { scaled *= 10; exponent -= 1 }
        // Rounding to three digits can carry into the next power (9.996 → 10.0).
        if (scaled * 100).rounded() >= 1000 { exponent += 1 }
        return exponent
    }

    static func power(ofTen exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 {
            for _ in 0..<exponent { result *= 10 }
        } else {
            for _ in 0..<(-exponent) { result /= 10 }
        }
        return result
    }
}
