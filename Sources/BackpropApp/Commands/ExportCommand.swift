import ArgumentParser
import BackpropEngine
import Foundation

/// `backprop export FILE --pytorch OUT.py`: writes a runnable PyTorch script that rebuilds the
/// saved model from stock modules, prepares the same data and prints the validation metrics
/// `backprop eval` prints (see `PyTorchExport`). Data only Backprop's random numbers can make
/// goes into a companion file beside the script, `OUT.data.safetensors`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a PyTorch script that rebuilds a saved model, its data and its evaluation.",
        discussion: """
        FILE is a model saved by `backprop train --save`. The script loads FILE's weights into an \
        nn.Sequential of stock modules, reads the same data and prints the validation metrics that \
        `backprop eval FILE` prints; `--train N` in the script trains N epochs first.
        """)

    @Argument(help: "The safetensors file saved by `backprop train --save`.")
    var file: String

    @Option(help: ArgumentHelp("Where to write the script.", valueName: "OUT.py"))
    var pytorch: String

    func run() throws {
        do {
            let written = try Self.export(file, to: pytorch)
            print("backprop: wrote \(pytorch)" + (written.companion.map { " and its data \($0)" } ?? ""))
        } catch {
            // The message quotes the file's own metadata: its control characters are escaped.
            printToStandardError("backprop: " + TerminalText.escaped("\(error)"))
            throw ExitCode(1)
        }
    }

    /// Writes the script for the model in `path` to `output` and, when the data needs one, the
    /// companion file beside it. Returns the companion's path.
    @discardableResult
    static func export(_ path: String, to output: String) throws -> (script: String, companion: String?) {
        _ = try OutputFile(option: "--pytorch", path: output, allowsStandardOutput: false)
        guard let model = try ModelFile.described(by: path) else {
            throw ModelFileError(description: "\(path): the file does not say which model it holds (no backprop_format in its metadata); only files saved by `backprop train --save` can be exported")
        }
        let run = try RunBuilder.prepare(model.configuration(source: path), seed: model.seed)
        try model.check(run, source: path)
        return try write(model, run: run, weights: path, to: output)
    }

    /// Writes the script for `model`, whose run (data loaded) is `run` and whose weights are
    /// in `weights`, to `output`, and the companion beside it when the data needs one. A lab's
    /// `e` key comes here with the run it is training.
    static func write(_ model: ModelFile, run: PreparedRun, weights: String, to output: String) throws -> (script: String, companion: String?) {
        let destination = try OutputFile(option: "--pytorch", path: output, allowsStandardOutput: false)
        let companion = companionPath(for: destination)
        let plan: PyTorchExportPlan
        do {
            plan = try PyTorchExportPlan(run: run, weightsPath: PyTorchExportPlan.absolute(weights),
                                         companionName: (companion as NSString).lastPathComponent)
        } catch let error as PyTorchExportError {
            throw PyTorchExportError(description: "\(weights): \(error)")
        }
        let script = PyTorchExport.script(for: model, plan: plan, scriptName: (output as NSString).lastPathComponent)
        var companionWritten: String?
        if let tensors = try PyTorchExportPlan.companionTensors(of: run, data: plan.data) {
            guard case .file = destination.destination else {
                throw OutputFileError(option: "--pytorch", path: output,
                                      reason: "the script needs a data file beside it, and a device or FIFO has no folder to put it in; give a file name")
            }
            try OutputFile(option: "--pytorch", path: companion, allowsStandardOutput: false).write(Safetensors.encode(tensors))
            companionWritten = companion
        }
        try destination.write(Data(script.utf8))
        return (script, companionWritten)
    }

    /// `OUT.data.safetensors` beside the file the script is written to (a link's target), named
    /// after it without its `.py`.
    static func companionPath(for destination: OutputFile) -> String {
        let target: String
        if case .file(let path, _) = destination.destination { target = path } else { target = destination.path }
        let base = target.hasSuffix(".py") ? String(target.dropLast(3)) : target
        return base + ".data.safetensors"
    }
}
