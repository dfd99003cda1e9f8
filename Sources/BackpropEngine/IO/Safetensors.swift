import Foundation

/// A named float32 tensor as stored in a safetensors file.
public struct NamedTensor: Equatable, Sendable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }
}

/// Problems reading or writing a safetensors file; the message names the file.
public struct SafetensorsError: Error, CustomStringConvertible {
    public let description: String
}

/// The safetensors format (8-byte little-endian header length, a JSON header with
/// `dtype`, `shape` and `data_offsets` per tensor, then raw little-endian data), for
/// float32 tensors: what PyTorch's `safetensors.torch.save_file(state_dict)` writes.
public enum Safetensors {
    public static func encode(_ tensors: [String: NamedTensor], metadata: [String: String] = [:]) -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            let bytes = tensor.values.count * (isCounter(name) ? 8 : 4)
            header[name] = ["dtype": isCounter(name) ? "I64" : "F32", "shape": tensor.shape, "data_offsets": [offset, offset + bytes]]
            offset += bytes
        }
        var headerData = (try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])) ?? Data("{}".utf8)
        // Pad the header with spaces so the data starts 8-byte aligned.
        while headerData.count % 8 != 0 { headerData.append(0x20) }
        var data = Data()
        var length = UInt64(headerData.count).littleEndian
        withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
        data.append(headerData)
        for name in names {
            if isCounter(name) {
                for value in tensors[name]!.values {
                    // Clamped: a count loaded from a hostile file may be huge, and Int64(_:) traps on it.
                    var counter = Int64(value.isFinite ? min(max(value, -9.2e18), 9.2e18) : 0).littleEndian
                    withUnsafeBytes(of: &counter) { data.append(contentsOf: $0) }
                }
                continue
            }
            tensors[name]!.values.withUnsafeBufferPointer { data.append(UnsafeBufferPointer(start: UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: UInt8.self), count: $0.count * 4)) }
        }
        return data
    }

    /// Batch norm's step counter, an int64 in PyTorch's state dict: written as I64 so that
    /// a file loads into `nn.BatchNorm` with the dtype PyTorch itself saves.
    static func isCounter(_ name: String) -> Bool { name.hasSuffix("num_batches_tracked") }

    public static func write(_ tensors: [String: NamedTensor], to path: String, metadata: [String: String] = [:]) throws {
        do {
            try encode(tensors, metadata: metadata).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SafetensorsError(description: "\(path): cannot write: \(error.localizedDescription)")
        }
    }

    /// Larger than any model a lab or preset trains; a bigger file is refused unread.
    static let maximumFileBytes = 1 << 30

    public static func read(from path: String) throws -> [String: NamedTensor] {
        try decode(fileData(at: path), source: path)
    }

    /// The bytes of the file at `path`, refused unread when larger than any model.
    private static func fileData(at path: String) throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > maximumFileBytes {
            throw SafetensorsError(description: "\(path): the file is \(size) bytes; a model file is at most \(maximumFileBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SafetensorsError(description: "\(path): cannot read the file (missing or unreadable)")
        }
        return data
    }

    /// The file's `__metadata__` (string to string, as the format defines it), read with the
    /// same checks as its tensors; empty when the file has none.
    public static func readMetadata(from path: String) throws -> [String: String] {
        try metadata(of: fileData(at: path), source: path)
    }

    /// `readMetadata` for a file already read into `data`.
    public static func metadata(of data: Data, source: String) throws -> [String: String] {
        // The tensors are checked too: a file whose data does not match its header is refused
        // before anything trusts its description.
        _ = try decode(data, source: source)
        guard let metadata = try header(of: data, source: source).header["__metadata__"] else { return [:] }
        guard let strings = metadata as? [String: String] else {
            throw SafetensorsError(description: "\(source): __metadata__ must map strings to strings")
        }
        return strings
    }

    /// The JSON header and the offset where the tensor data starts, checked against the file's size.
    private static func header(of data: Data, source: String) throws -> (header: [String: Any], end: Int) {
        func fail(_ message: String) -> SafetensorsError { SafetensorsError(description: "\(source): \(message)") }
        guard data.count >= 8 else { throw fail("too short for a safetensors header (\(data.count) bytes)") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8), headerLength < 100_000_000 else {
            throw fail("header length \(headerLength) exceeds the file size \(data.count)")
        }
        let headerEnd = 8 + Int(headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: data[8..<headerEnd]) as? [String: Any] else {
            throw fail("the header is not a JSON object")
        }
        return (header, headerEnd)
    }

    public static func decode(_ data: Data, source: String) throws -> [String: NamedTensor] {
        func fail(_ message: String) -> SafetensorsError { SafetensorsError(description: "\(source): \(message)") }
        let (header, headerEnd) = try header(of: data, source: source)
        var tensors: [String: NamedTensor] = [:]
        for (name, entry) in header where name != "__metadata__" {
            guard let entry = entry as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw fail("tensor \"\(name)\" has a malformed header entry")
            }
            // F32 tensors, and I64 counters (BatchNorm's num_batches_tracked) read as floats.
            guard let width = ["F32": 4, "I64": 8][dtype] else { throw fail("tensor \"\(name)\" is \(dtype); only F32 and I64 are supported") }
            guard let count = elementCount(shape) else {
                throw fail("tensor \"\(name)\" has shape \(shape): every dimension must be 0 or more, and their product must fit in memory")
            }
            guard let range = byteRange(offsets: offsets, count: count, width: width, dataStart: headerEnd, fileSize: data.count) else {
                throw fail("tensor \"\(name)\" has data offsets \(offsets) that do not match its shape \(shape) or the file size")
            }
            let bytes = data[range]
            let values: [Float] = bytes.withUnsafeBytes { raw in
                (0..<count).map { index in
                    width == 4 ? Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)))
                               : Float(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * index, as: Int64.self)))
                }
            }
            tensors[name] = NamedTensor(shape: shape, values: values)
        }
        return tensors
    }
}

extension Safetensors {
    // Sizes read from an untrusted header. This module is compiled -Ounchecked, where `*` and
    // `+` wrap silently on overflow; the ReportingOverflow operations below say so instead,
    // in any build, so a crafted shape or offset is refused rather than read past the data.

    /// The number of elements of `shape`, or nil when a dimension is negative or the product overflows.
    static func elementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// The file bytes of a tensor at `offsets` (relative to `dataStart`) holding `count`
    /// elements of `width` bytes, or nil when they are inconsistent or outside the file.
    static func byteRange(offsets: [Int], count: Int, width: Int, dataStart: Int, fileSize: Int) -> Range<Int>? {
        guard offsets.count == 2, offsets[0] >= 0, offsets[1] >= offsets[0] else { return nil }
        let (bytes, bytesOverflow) = count.multipliedReportingOverflow(by: width)
        let (start, startOverflow) = dataStart.addingReportingOverflow(offsets[0])
        let (end, endOverflow) = dataStart.addingReportingOverflow(offsets[1])
        guard !bytesOverflow, !startOverflow, !endOverflow, offsets[1] - offsets[0] == bytes, end <= fileSize else { return nil }
        return start..<end
    }
}

extension Network {
    /// The parameters as PyTorch's `state_dict` of the equivalent `nn.Sequential`.
    public var stateDict: [String: NamedTensor] {
        Dictionary(uniqueKeysWithValues: savedTensors.map { ($0.name, NamedTensor(shape: $0.shape, values: $0.value.values)) })
    }

    /// Parameters and state buffers, in layer order: what a `state_dict` and a
    /// `TrainerCheckpoint` hold.
    var savedTensors: [Parameter] { layers.flatMap { $0.parameters + $0.stateBuffers } }

    /// Loads a `state_dict`; every parameter must be present with its exact shape.
    public func load(stateDict saved: [String: NamedTensor], source: String) throws {
        try load(savedTensors, from: saved, source: source)
    }

    /// Keeps the body and replaces the head: loads the tensors of the layers before
    /// `headStart` from `saved` (each present, with its exact shape), and leaves the layers
    /// from `headStart` on as they are, whatever `saved` holds for them (another task's head).
    public func loadBody(stateDict saved: [String: NamedTensor], headStart: Int, source: String) throws {
        let body = layers[..<headStart].flatMap { $0.parameters + $0.stateBuffers }
        let head = Set(layers[headStart...].flatMap { $0.parameters + $0.stateBuffers }.map(\.name))
        try load(body, from: saved.filter { !head.contains($0.key) }, source: source)
    }

    private func load(_ tensors: [Parameter], from saved: [String: NamedTensor], source: String) throws {
        let stateDict = Self.withCurrentNames(saved, needed: Set(tensors.map(\.name)))
        for parameter in tensors {
            guard let tensor = stateDict[parameter.name] else {
                throw SafetensorsError(description: "\(source): no tensor \"\(parameter.name)\" (this model needs \(tensors.map(\.name).joined(separator: ", ")))")
            }
            guard tensor.shape == parameter.shape else {
                throw SafetensorsError(description: "\(source): tensor \"\(parameter.name)\" has shape \(tensor.shape), this model needs \(parameter.shape)")
            }
            if let index = tensor.values.firstIndex(where: { !$0.isFinite }) {
                throw SafetensorsError(description: "\(source): tensor \"\(parameter.name)\" holds \(tensor.values[index]) at index \(index); weights must be finite")
            }
            parameter.value.copy(from: tensor.values)
        }
        let unknown = Set(stateDict.keys).subtracting(tensors.map(\.name))
        if let name = unknown.sorted().first {
            throw SafetensorsError(description: "\(source): unexpected tensor \"\(name)\" for this model")
        }
    }

    /// Files saved before transformer blocks took PyTorch's names call their `self_attn`
    /// `attention` ("1.attention.in_proj_weight"): such a tensor is read under the new name
    /// when the model needs that name and the file does not have it.
    static func withCurrentNames(_ stateDict: [String: NamedTensor], needed: Set<String>) -> [String: NamedTensor] {
        var renamed = stateDict
        for (name, tensor) in stateDict {
            var parts = name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count > 2, parts[1] == "attention" else { continue }
            parts[1] = "self_attn"
            let current = parts.joined(separator: ".")
            guard needed.contains(current), stateDict[current] == nil else { continue }
            renamed[current] = tensor
            renamed[name] = nil
        }
        return renamed
    }
}
