/// Format-blind mutations of a byte string, as libFuzzer's default mutators make them:
/// bit flips, random and interesting bytes and integers, insertions, deletions, repeats,
/// splices from another seed, and truncation. A case applies a few of them in a row.
enum ByteMutator {
    /// `input` after one to `maximumSteps` random mutations; `others` feed the splices.
    /// The result is never longer than `maximumLength`.
    static func mutate(_ input: [UInt8], others: [[UInt8]], maximumSteps: Int = 4, maximumLength: Int = 1 << 20,
                       using random: inout FuzzRandom) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...maximumSteps, using: &random) {
            mutateOnce(&bytes, others: others, using: &random)
        }
        return Array(bytes.prefix(maximumLength))
    }

    static func mutateOnce(_ bytes: inout [UInt8], others: [[UInt8]], using random: inout FuzzRandom) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0 where !bytes.isEmpty:
            bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1 where !bytes.isEmpty:
            bytes[position] = [0, 0xFF, 0x7F, 0x80, 0x0A, 0x22, 0x5B, 0x7B, 0x3A, 0x2D].randomElement(using: &random)!
        case 2:
            let count = random.smallCount(upTo: 64)
            bytes.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }, at: position)
        case 3 where !bytes.isEmpty:
            let count = min(random.smallCount(upTo: bytes.count), bytes.count - position)
            bytes.removeSubrange(position..<(position + count))
        case 4 where !bytes.isEmpty:
            let count = min(random.smallCount(upTo: 256), bytes.count - position)
            let repeats = random.smallCount(upTo: 64)
            let piece = Array(bytes[position..<(position + count)])
            for _ in 0..<repeats { bytes.insert(contentsOf: piece, at: position) }
        case 5:
            guard let other = others.randomElement(using: &random), !other.isEmpty else { return }
            let start = Int.random(in: 0..<other.count, using: &random)
            let count = min(random.smallCount(upTo: other.count), other.count - start)
            if random.chance(0.5) {
                bytes.insert(contentsOf: other[start..<(start + count)], at: position)
            } else {
                bytes = Array(bytes.prefix(position)) + other[start...]
            }
        case 6:
            overwriteInteger(&bytes, at: position, using: &random)
        case 7:
            bytes.removeLast(min(bytes.count, random.smallCount(upTo: bytes.count)))
        default:
            if bytes.isEmpty { bytes.append(UInt8.random(in: 0...255, using: &random)) }
            bytes[position] = UInt8.random(in: 0...255, using: &random)
        }
    }

    /// Writes an interesting integer of 1, 2, 4 or 8 bytes, little- or big-endian, at `position`.
    static func overwriteInteger(_ bytes: inout [UInt8], at position: Int, using random: inout FuzzRandom) {
        let width = [1, 2, 4, 8].randomElement(using: &random)!
        let value = UInt64(bitPattern: InterestingValues.integer(using: &random))
        var encoded = (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        if random.chance(0.5) { encoded.reverse() }
        for (offset, byte) in encoded.enumerated() {
            if position + offset < bytes.count { bytes[position + offset] = byte } else { bytes.append(byte) }
        }
    }
}
