@testable import BackpropEngine
import Foundation
import Testing

/// Every crafted safetensors file in Tests/hostile/safetensors (each once crashed `--load`)
/// is refused with a message that names it, in the -Ounchecked release build too.
@Suite struct HostileSafetensorsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("hostile/safetensors").path

    static func files() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".safetensors") }.sorted()
    }

    @Test func theCorpusIsThere() { #expect(Self.files().count >= 6) }

    @Test(arguments: files())
    func aCraftedFileIsRefusedByName(_ name: String) {
        let path = Self.folder + "/" + name
        #expect {
            _ = try Safetensors.read(from: path)
        } throws: { error in
            "\(error)".hasPrefix(path + ": ")
        }
    }

    @Test func sizesThatOverflowAreRefused() {
        #expect(Safetensors.elementCount([-1]) == nil)
        #expect(Safetensors.elementCount([1 << 62, 4]) == nil)
        #expect(Safetensors.elementCount([3, 0, 5]) == 0)
        #expect(Safetensors.byteRange(offsets: [.max, .max], count: 1, width: 4, dataStart: 100, fileSize: 200) == nil)
        #expect(Safetensors.byteRange(offsets: [10, 6], count: 1, width: 4, dataStart: 8, fileSize: 200) == nil)
        #expect(Safetensors.byteRange(offsets: [0, 8], count: 2, width: 4, dataStart: 8, fileSize: 16) == 8..<16)
    }
}
