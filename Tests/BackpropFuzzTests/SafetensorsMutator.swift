import BackpropEngine
import Foundation

/// Safetensors files for the fuzzer: small valid files as seeds, then either byte-level
/// mutations or edits of the header's JSON fields (shape, data_offsets, dtype, the length
/// prefix), which byte flips alone rarely reach with the header still valid JSON.
enum SafetensorsMutator {
    static func makeInput(using random: inout FuzzRandom) -> [UInt8] {
        let seed = validFile(using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<3: return ByteMutator.mutate(seed, others: [validFile(using: &random)], using: &random)
        case 3..<9: return editedHeader(of: seed, using: &random)
        default: return seed
        }
    }

    /// One to three float tensors of up to three small dimensions, sometimes with metadata.
    static func validFile(using random: inout FuzzRandom) -> [UInt8] {
        var tensors: [String: NamedTensor] = [:]
        for index in 0..<Int.random(in: 1...3, using: &random) {
            let shape = (0..<Int.random(in: 0...3, using: &random)).map { _ in Int.random(in: 0...4, using: &random) }
            let count = shape.reduce(1, *)
            tensors["layer\(index).weight"] = NamedTensor(shape: shape, values: (0..<count).map { _ in Float.random(in: -1...1, using: &random) })
        }
        let metadata = random.chance(0.3) ? ["format": "backprop", "preset": "xor"] : [:]
        return [UInt8](Safetensors.encode(tensors, metadata: metadata))
    }

    /// `file` with one to three edits of its header, re-encoded with a fitting length prefix
    /// (or, now and then, a wrong one).
    static func editedHeader(of file: [UInt8], using random: inout FuzzRandom) -> [UInt8] {
        let headerLength = Int(file.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        let data = Array(file.dropFirst(8 + headerLength))
        guard var header = (try? JSONSerialization.jsonObject(with: Data(file[8..<(8 + headerLength)]))) as? [String: Any] else { return file }
        for _ in 0..<Int.random(in: 1...3, using: &random) { edit(&header, using: &random) }
        var headerBytes = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])).map { [UInt8]($0) } ?? Array("{}".utf8)
        if random.chance(0.1) { headerBytes = Array(String(repeating: "[", count: random.smallCount(upTo: 100_000)).utf8) + headerBytes }
        var length = UInt64(headerBytes.count)
        if random.chance(0.1) { length = UInt64(bitPattern: InterestingValues.integer(using: &random)) }
        var payload = data
        if random.chance(0.2) { payload.removeLast(min(payload.count, random.smallCount(upTo: payload.count))) }
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + headerBytes + payload
    }

    private static func edit(_ header: inout [String: Any], using random: inout FuzzRandom) {
        let names = header.keys.filter { $0 != "__metadata__" }.sorted()
        guard let name = names.randomElement(using: &random), var entry = header[name] as? [String: Any] else {
            header["t\(random.next() % 4)"] = ["dtype": "F32", "shape": [interesting(&random)], "data_offsets": [0, interesting(&random)]]
            return
        }
        switch Int.random(in: 0..<9, using: &random) {
        case 0: entry["shape"] = (0..<random.smallCount(upTo: 8)).map { _ in interesting(&random) }
        case 1: entry["data_offsets"] = [interesting(&random), interesting(&random)]
        case 2:
            let offsets = entry["data_offsets"] as? [Int] ?? [0, 0]
            entry["data_offsets"] = offsets.map { $0 &+ Int.random(in: -8...8, using: &random) }.shuffled(using: &random)
        case 3: entry["dtype"] = ["F32", "I64", "F16", "BF16", "U8", "F64", "", "f32"].randomElement(using: &random)!
        case 4: entry.removeValue(forKey: ["dtype", "shape", "data_offsets"].randomElement(using: &random)!)
        case 5: entry[["dtype", "shape", "data_offsets"].randomElement(using: &random)!] = oddJSONValue(using: &random)
        case 6: header["__metadata__"] = oddJSONValue(using: &random)
        case 7:
            header[name] = oddJSONValue(using: &random)
            return
        default:
            header[name + "-copy\(random.next() % 3)"] = entry
        }
        header[name] = entry
    }

    private static func interesting(_ random: inout FuzzRandom) -> Int {
        random.chance(0.5) ? Int(InterestingValues.integer(using: &random)) : Int.random(in: -2...64, using: &random)
    }

    /// A JSON value of an unexpected kind or size.
    private static func oddJSONValue(using random: inout FuzzRandom) -> Any {
        [NSNull(), "F32", 1.5, -1, Int.max, 1e300, true, [Any](), [String: Any](), [[1, 2], [3]], ["a": ["b": []]],
         [1.5, 2.5], ["1", "2"], String(repeating: "é", count: 1000)].randomElement(using: &random)!
    }
}
