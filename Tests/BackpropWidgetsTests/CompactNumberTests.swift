import Testing
@testable import BackpropWidgets

@Suite struct CompactNumberTests {
    @Test(arguments: [
        (0.0, "0"), (2.0, "2"), (2.5, "2.5"), (12.345, "12.3"), (1234, "1234"), (12_345, "12.3k"),
        (4_500_000, "4.5M"), (0.5, "0.5"), (0.0123, "0.0123"), (0.001, "0.001"), (0.0000123, "1.2e-5"),
        (-0.25, "-0.25"), (9.996, "10"), (Double.nan, "NaN"),
        (999e12, "999T"), (4.9e15, "4.9e15"), (4_942_776_740_351_577e12, "4.9e27"), (-9.96e15, "-1e16"), (0.000_099_96, "1e-4"),
    ])
    func formats(value: Double, expected: String) {
        #expect(CompactNumber.format(value) == expected)
    }
}
