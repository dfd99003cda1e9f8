/// Values at the edges where size arithmetic and parsers break: zero, minus one, powers of
/// two and their neighbours, the extremes of each width, and YAML scalars that mean
/// something other than they look (`~`, `.nan`, `0x10`, tags, anchors).
enum InterestingValues {
    static let integers: [Int64] = [
        0, 1, -1, 2, 3, 4, 7, 8, 16, 255, 256, 1023, 1024, 4096, 65_535, 65_536,
        Int64(Int32.max), Int64(Int32.min), Int64(UInt32.max), 1 << 31, 1 << 32, 1 << 34, 1 << 40,
        1 << 62, Int64.max, Int64.min, Int64.max - 7, 100_000_000,
    ]

    static func integer(using random: inout FuzzRandom) -> Int64 {
        random.chance(0.8) ? integers.randomElement(using: &random)! : Int64(bitPattern: random.next())
    }

    /// YAML scalars (as text) for a lab, claim or front-matter value.
    static let yamlScalars: [String] = [
        "0", "-1", "1", "2", "4", "1024", "1025", "100000", "100001", "999", "1000000", "1000001",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616",
        "1e308", "1e309", "-1e309", "5e-324", "0.0", "-0.0", ".nan", ".inf", "-.inf", "nan", "inf", "0x10", "0o17", "1_000",
        "~", "null", "", "\"\"", "''", "true", "no", "[]", "{}", "[1, 2]", "{a: 1}", "[[[[[[[1]]]]]]]",
        "\">=\"", "\"<=\"", "\"==\"", ">=", "|", ">", "!!binary aGk=", "!!python/object:x", "&a x", "*a",
        "\"\\u0000\"", "\"\\x1b[2J\"", "\u{1B}]0;title\u{07}", "a\rb", "a\u{85}b", "a\u{2028}b", "a\u{0B}b", "é", "👩‍👩‍👧", "\u{202E}evil",
        "none", "never", "all", "on", "off", "1,1,1,1,1,1,1,1,1", "1024,1024,1024", "512", "4096", "0.999999",
        String(repeating: "x", count: 700), "../../../etc/passwd", "/dev/zero", "lessons/../x",
    ]
}
