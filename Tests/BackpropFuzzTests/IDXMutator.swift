/// IDX files for the fuzzer: a small valid image or label file, then edits of its magic
/// number, its sizes (zero, one, 2^31, 2^32 - 1) and its length, gzipped; now and then the
/// compressed bytes are mutated as well, or the file is not gzipped at all.
enum IDXMutator {
    static let imagesMagic: UInt32 = 0x0000_0803
    static let labelsMagic: UInt32 = 0x0000_0801

    static let interestingSizes: [UInt32] = [0, 1, 2, 3, 28, 255, 256, 60_000, 65_536, 1 << 24, 1 << 31, .max - 1, .max]

    static func makeInput(using random: inout FuzzRandom) -> [UInt8] {
        var raw = validFile(using: &random)
        for _ in 0..<Int.random(in: 0...3, using: &random) { edit(&raw, using: &random) }
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return raw
        case 1..<4: return ByteMutator.mutate(GzipCompression.compress(raw), others: [], maximumSteps: 2, using: &random)
        case 4: return GzipCompression.compress(raw) + GzipCompression.compress(validFile(using: &random))
        default: return GzipCompression.compress(raw)
        }
    }

    /// An uncompressed IDX file: a few 1x1 to 5x5 images, or their labels (some past 9).
    static func validFile(using random: inout FuzzRandom) -> [UInt8] {
        let count = Int.random(in: 0...6, using: &random)
        if random.chance(0.5) {
            return header(labelsMagic, [UInt32(count)]) + (0..<count).map { _ in UInt8.random(in: 0...11, using: &random) }
        }
        let rows = Int.random(in: 1...5, using: &random), columns = Int.random(in: 1...5, using: &random)
        return header(imagesMagic, [UInt32(count), UInt32(rows), UInt32(columns)])
            + (0..<(count * rows * columns)).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    static func header(_ magic: UInt32, _ sizes: [UInt32]) -> [UInt8] { bigEndian([magic] + sizes) }

    static func bigEndian(_ values: [UInt32]) -> [UInt8] {
        values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32($0))) } }
    }

    private static func edit(_ raw: inout [UInt8], using random: inout FuzzRandom) {
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            let magics: [UInt32] = [imagesMagic, labelsMagic, 0x0802, 0x0804, 0x08FF, 0x0800, 0x0C03, 0x0903, 0x0803_0000]
            overwrite(&raw, at: 0, with: magics.randomElement(using: &random)!)
        case 1, 2:
            let dimension = Int.random(in: 0...2, using: &random)
            let size = random.chance(0.7) ? interestingSizes.randomElement(using: &random)! : UInt32.random(in: 0...UInt32.max, using: &random)
            overwrite(&raw, at: 4 + 4 * dimension, with: size)
        case 3:
            raw.removeLast(min(raw.count, random.smallCount(upTo: raw.count)))
        case 4:
            raw += (0..<random.smallCount(upTo: 64)).map { _ in UInt8.random(in: 0...255, using: &random) }
        default:
            raw = ByteMutator.mutate(raw, others: [], maximumSteps: 2, using: &random)
        }
    }

    private static func overwrite(_ raw: inout [UInt8], at offset: Int, with value: UInt32) {
        for (index, byte) in bigEndian([value]).enumerated() {
            if offset + index < raw.count { raw[offset + index] = byte } else { raw.append(byte) }
        }
    }
}
