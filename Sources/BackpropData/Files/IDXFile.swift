/// A gzip-compressed IDX file of unsigned bytes (the MNIST format): a big-endian magic
/// number 0x0000_08NN where NN is the number of dimensions, one 32-bit size per dimension,
/// then the items, one after another.
struct IDXFile {
    /// Magic number of an image file: unsigned bytes, three dimensions (count, rows, columns).
    static let imagesMagic: UInt32 = 0x0000_0803
    /// Magic number of a label file: unsigned bytes, one dimension (count).
    static let labelsMagic: UInt32 = 0x0000_0801

    /// Larger payloads are taken as a corrupt header rather than read.
    static let largestPayload = 1 << 34

    let path: String
    /// All sizes from the header; the first is the number of items in the file.
    let dimensions: [Int]
    /// The first `itemsRead` items.
    let bytes: [UInt8]
    let itemsRead: Int

    var itemCount: Int { dimensions[0] }

    /// Reads and checks the file. With `limit`, only the first `limit` items are read (and
    /// the rest of the file is not checked); without it the file must hold exactly the bytes
    /// its header promises.
    init(path: String, expectedMagic: UInt32, limit: Int? = nil) throws(DatasetError) {
        let reader = try GzipFileReader(path: path)
        let magic = Self.bigEndian(try reader.read(count: 4, totalExpected: 4))
        guard magic == expectedMagic else { throw .badMagic(path: path, found: magic, expected: expectedMagic) }
        let dimensionCount = Int(magic & 0xFF)
        let headerSize = 4 + 4 * dimensionCount
        let header = try reader.read(count: 4 * dimensionCount, totalExpected: headerSize)
        let dimensions = (0..<dimensionCount).map { Int(Self.bigEndian(header[(4 * $0)..<(4 * $0 + 4)])) }
        if let zero = dimensions.dropFirst().firstIndex(of: 0) {
            throw .badHeader(path: path, reason: "dimension \(zero) has size 0")
        }
        let itemSize = Self.cappedProduct(dimensions.dropFirst())
        let payloadSize = Self.cappedProduct(dimensions)
        guard itemSize <= Self.largestPayload, payloadSize <= Self.largestPayload else {
            throw .badHeader(path: path, reason: "sizes \(dimensions) describe more than \(Self.largestPayload) bytes")
        }
        let itemsToRead = min(dimensions[0], max(0, limit ?? dimensions[0]))
        self.bytes = try reader.read(count: itemsToRead * itemSize, totalExpected: headerSize + payloadSize)
        if limit == nil, !(try reader.isAtEnd()) {
            throw .trailingBytes(path: path, expectedBytes: headerSize + payloadSize)
        }
        self.path = path
        self.dimensions = dimensions
        self.itemsRead = itemsToRead
    }

    /// The product of `sizes`, or `largestPayload + 1` if it would be larger (never overflows).
    private static func cappedProduct(_ sizes: some Sequence<Int>) -> Int {
        sizes.reduce(1) { product, size in
            let (next, overflow) = product.multipliedReportingOverflow(by: size)
            return overflow ? largestPayload + 1 : min(next, largestPayload + 1)
        }
    }

    private static func bigEndian<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
