import Foundation
import Testing

/// The built `backprop` executable, run as a user would from a shell.
@Suite("Command line contract")
struct CommandLineTests {
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("backprop").path

    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `backprop` with `arguments` through posix_spawn, stdout and stderr to files.
    func backprop(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let stem = "/tmp/backprop-cli-\(getpid())-\(UUID().uuidString)"
        defer { unlink(stem + ".out"); unlink(stem + ".err") }
        let quoted = ([Self.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let assignments = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let command = "\(assignments) \(quoted.joined(separator: " ")) > \(stem).out 2> \(stem).err < /dev/null"
        return Result(status: try Self.runShell(command),
                      output: (try? String(contentsOfFile: stem + ".out", encoding: .utf8)) ?? "",
                      errors: (try? String(contentsOfFile: stem + ".err", encoding: .utf8)) ?? "")
    }

    /// Runs `command` with `/bin/sh` through posix_spawn and returns its exit status (a
    /// signal as 128 + signal).
    static func runShell(_ command: String) throws -> Int32 {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [String](["/bin/sh", "-c", command]).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    var available: Bool { FileManager.default.isExecutableFile(atPath: Self.binary) }

    @Test(arguments: [
        (["train", "nope"], "unknown preset 'nope'"),
        (["train", "xor", "--set", "lr=abc"], "invalid value 'abc' for key 'lr'"),
        (["train", "xor", "--set", "colour=red"], "unknown key 'colour'"),
        (["train", "xor", "--set", "optimizer=adamax"], "sgd, momentum, nesterov"),
        (["train", "xor", "--epochs", "0"], "--epochs"),
        (["playground", "--theme", "neon"], "unknown theme 'neon'"),
        (["train", "xor", "--seed", "abc"], "--seed"),
        (["train"], "preset"),
        (["train", "xor", "--save", "/nonexistent-folder/w.safetensors"], "--save"),
        (["train", "xor", "--set", "limit=10"], "key 'limit' has no effect"),
        (["train", "fashion-mlp", "--set", "features=x1"], "key 'features' has no effect"),
        (["train", "xor", "--set", "temperature=2"], "key 'temperature' has no effect"),
        (["train", "tiny-gpt", "--set", "hidden=8"], "key 'hidden' has no effect"),
        (["train", "xor", "--epochs", "-3"], "invalid value '-3' for --epochs"),
        (["train", "xor", "--set", "epochs=never"], "a headless run needs a last epoch"),
    ])
    func badInputExitsTwoAndSaysWhy(arguments: [String], message: String) throws {
        guard available else { skip("\(Self.binary) missing"); return }
        let result = try backprop(arguments)
        #expect(result.status == 2, "\(arguments): \(result.errors)")
        #expect(result.errors.contains(message), "\(result.errors)")
    }

    @Test func aFailedWriteToStandardOutputIsNotSuccess() throws {
        guard available else { skip("\(Self.binary) missing"); return }
        // /dev/full is only read here (as the shell's redirection target), never replaced.
        let stem = "/tmp/backprop-full-\(getpid())"
        defer { unlink(stem) }
        let status = system("'\(Self.binary)' train xor --epochs 1 > /dev/full 2> \(stem)")
        #expect(status >> 8 == 1, "exit status \(status >> 8)")
        #expect(((try? String(contentsOfFile: stem, encoding: .utf8)) ?? "").contains("No space left on device"))
    }

    @Test func tooManyThreadsAreRefused() throws {
        guard available else { skip("\(Self.binary) missing"); return }
        let result = try backprop(["train", "xor", "--epochs", "1"], environment: ["BACKPROP_THREADS": "99999"])
        #expect(result.status != 0 && result.errors.contains("from 1 to 256"), "\(result.errors)")
    }

    @Test func unknownLessonExitsTwoNamingTheKnownOnes() throws {
        guard available else { skip("\(Self.binary) missing"); return }
        let result = try backprop(["lesson", "nope"], environment: ["BACKPROP_HOME": "/tmp/backprop-cli-home-\(getpid())"])
        #expect(result.status == 2, "\(result.errors)")
        #expect(result.errors.contains("unknown lesson 'nope'; lessons: neuron"), "\(result.errors)")
    }

    @Test func jsonSummaryIsTheLastLineAndRunsRepeatIdentically() throws {
        guard available else { skip("\(Self.binary) missing"); return }
        func summary() throws -> [String: Any] {
            let result = try backprop(["train", "xor", "--seed", "4", "--epochs", "3", "--json"])
            #expect(result.status == 0)
            let last = try #require(result.output.split(separator: "\n").last)
            return try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        }
        let first = try summary(), second = try summary()
        for key in ["preset", "epochs", "steps", "seed", "parameters", "train_loss", "train_accuracy", "val_loss", "val_accuracy",
                    "samples_per_second", "seconds", "diverged", "batch_parts"] {
            #expect(first[key] != nil, "missing \(key)")
        }
        for key in ["train_loss", "val_loss", "train_accuracy", "val_accuracy", "steps"] {
            #expect("\(first[key]!)" == "\(second[key]!)", "\(key) differs between identical runs")
        }
    }

    @Test func metricsCSVHasTheContractHeader() throws {
        guard available else { skip("\(Self.binary) missing"); return }
        let result = try backprop(["train", "xor", "--epochs", "2", "--metrics", "-"])
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "step,epoch,loss,accuracy,val_loss,val_accuracy,lr,grad_norm,samples_per_second,seconds")
        #expect(lines.filter { $0.first?.isNumber == true }.count == 2, "one row per epoch")
    }

    /// The repro from the hardening issue, on a device node made in a temporary folder.
    @Test func trainingIntoADeviceLeavesTheDevice() throws {
        guard available else { skip("\(Self.binary) missing"); return }
        let folder = NSTemporaryDirectory() + "backprop-device-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let device = folder + "/x"
        guard mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 else { skip("mknod not permitted"); return }
        let result = try backprop(["train", "xor", "--epochs", "1", "--metrics", device, "--save", device])
        #expect(result.status == 0, "\(result.errors)")
        var status = stat()
        #expect(lstat(device, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test(arguments: [["--save", "/"], ["--metrics", ""], ["--metrics", "/nonexistent-folder/m.csv"]])
    func anUnwritableOutputFailsBeforeTraining(arguments: [String]) throws {
        guard available else { skip("\(Self.binary) missing"); return }
        let result = try backprop(["train", "xor", "--epochs", "1"] + arguments)
        #expect(result.status == 2, "\(result.errors)")
        #expect(result.errors.contains("\(arguments[0]): cannot write"), "\(result.errors)")
        #expect(!result.errors.contains("epoch"), "the run started: \(result.errors)")
    }

    /// Images of another size than 28x28 would be read past their ends by every Fashion model.
    @Test(arguments: [(2, 3), (100, 100), (1, 1)])
    func fashionImagesOfAnotherSizeAreRefusedByName(rows: Int, columns: Int) throws {
        guard available else { skip("\(Self.binary) missing"); return }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-idx-size-\(getpid())-\(rows)x\(columns)")
        let folder = root.appendingPathComponent("fashion-mnist")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func bigEndian(_ values: [Int]) -> [UInt8] { values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } } }
        let count = 4
        let images = bigEndian([0x803, count, rows, columns]) + [UInt8](repeating: 7, count: count * rows * columns)
        let labels = bigEndian([0x801, count]) + [UInt8](repeating: 1, count: count)
        for part in ["train", "t10k"] {
            for (name, bytes) in [("\(part)-images-idx3-ubyte", images), ("\(part)-labels-idx1-ubyte", labels)] {
                let raw = folder.appendingPathComponent(name)
                try Data(bytes).write(to: raw)
                let gzip = Process()
                gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
                gzip.arguments = ["-f", raw.path]
                try gzip.run()
                gzip.waitUntilExit()
            }
        }
        let result = try backprop(["train", "fashion-mlp", "--epochs", "1"], environment: ["BACKPROP_DATA": root.path])
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errors.contains(folder.appendingPathComponent("train-images-idx3-ubyte.gz").path)
                && result.errors.contains("the images are \(rows)x\(columns)"), "\(result.errors)")
    }

    @Test func corruptIDXUnderBackpropDataIsNamed() throws {
        guard available else { skip("\(Self.binary) missing"); return }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("backprop-idx-\(getpid())")
        let folder = root.appendingPathComponent("fashion-mnist")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        for name in ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"] {
            try Data("this is not gzip".utf8).write(to: folder.appendingPathComponent(name))
        }
        let result = try backprop(["train", "fashion-mlp", "--epochs", "1"], environment: ["BACKPROP_DATA": root.path])
        #expect(result.status == 1)
        #expect(result.errors.contains(folder.path), "\(result.errors)")
    }
}
