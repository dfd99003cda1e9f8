import BackpropEngine
import Foundation

/// `backprop export FILE --pytorch OUT.py`: a readable PyTorch script that rebuilds a saved
/// model from stock `torch.nn` modules, loads its weights strictly, prepares the same data as
/// the engine and evaluates it (or trains it further first, with the same optimizer and
/// schedule). The parts live beside this file: the model, the data, and loss and training.
enum PyTorchExport {
    /// The whole script for `model` as `plan` describes it; `scriptName` is how its usage
    /// lines call it. Pure: the same arguments always give the same text.
    static func script(for model: ModelFile, plan: PyTorchExportPlan, scriptName: String = "model.py") -> String {
        let sections = [header(model, plan, scriptName: scriptName), imports(plan), constants(model, plan),
                        safetensorsReader, modelSection(plan), dataSection(plan), lossSection(plan),
                        trainingSection(plan), mainSection(model, plan)]
        // Two blank lines between top-level definitions, as PEP 8 has them.
        return sections.joined(separator: "\n\n\n") + "\n"
    }

    /// The command that trained the model, as the file records it.
    static func trainingCommand(_ model: ModelFile) -> String {
        (["backprop train", model.preset] + model.settings.map { "--set " + $0 } + ["--seed \(model.seed)"]).joined(separator: " ")
    }

    private static func header(_ model: ModelFile, _ plan: PyTorchExportPlan, scriptName: String) -> String {
        let name = docstringText(scriptName)
        let saved = model.metrics.keys.sorted().map { "\($0) \(model.metrics[$0]!)" }.joined(separator: ", ")
        return #"""
        #!/usr/bin/env python3
        """A Backprop model rebuilt in PyTorch: \#(docstringText(model.preset)), from \#(docstringText((plan.weightsPath as NSString).lastPathComponent)).

        Backprop's run, which the file may have been saved partway through (a lab's `e` or `w`):
            \#(docstringText(trainingCommand(model)))
        Its validation metrics when it was saved: \#(saved.isEmpty ? "none recorded" : saved).

            python3 \#(name)             evaluate it on the validation set
            python3 \#(name) --json      the same, as one JSON object (the names `backprop eval --json` uses)
            python3 \#(name) --train N   first train it N more epochs, as `backprop train --load` would

        The model is an nn.Sequential of stock modules (and small subclasses where a stock one
        returns more than the next layer takes), so its state_dict names are those of the
        weights file and it loads with strict=True.

        \#(dataDocumentation(plan.data, companion: plan.companionName).joined(separator: "\n"))

        Needs PyTorch only (1.13 or later): the weights are read by the small safetensors reader
        below, so the `safetensors` package is not needed. Made by `backprop export --pytorch`.
        """
        """#
    }

    private static func imports(_ plan: PyTorchExportPlan) -> String {
        var lines = ["import argparse"]
        if case .words = plan.data { lines.append("import collections") }
        if case .fashionMNIST = plan.data { lines.append("import gzip") }
        if case .fashionAutoencoder = plan.data { lines.append("import gzip") }
        if case .digits = plan.data { lines.append("import gzip") }
        lines += ["import json", "import math", "import struct", "from pathlib import Path", "",
                  "import torch", "import torch.nn.functional as F", "from torch import nn"]
        return lines.joined(separator: "\n")
    }

    private static func constants(_ model: ModelFile, _ plan: PyTorchExportPlan) -> String {
        var lines = ["WEIGHTS = Path(\(pythonString(plan.weightsPath)))"]
        if let companion = plan.companionName {
            lines.append("# Written beside this script by `backprop export`: what Python cannot rebuild without Backprop's random numbers.")
            lines.append("COMPANION = Path(__file__).resolve().with_name(\(pythonString(companion)))")
        }
        lines += dataConstants(plan.data)
        lines += ["SEED = \(model.seed)  # the run's seed; it also seeds torch for --train",
                  "EVALUATION_BATCH = 256  # as Backprop evaluates"]
        return lines.joined(separator: "\n")
    }

    private static let safetensorsReader = #"""
    def read_safetensors(path):
        """{name: tensor} from a safetensors file: an 8-byte little-endian header length, a JSON
        header naming each tensor's dtype, shape and byte range, then the raw little-endian data."""
        blob = Path(path).read_bytes()
        (header_length,) = struct.unpack("<Q", blob[:8])
        header = json.loads(blob[8:8 + header_length])
        header.pop("__metadata__", None)
        data = blob[8 + header_length:]
        dtypes = {"F32": torch.float32, "I64": torch.int64}
        tensors = {}
        for name, entry in header.items():
            begin, end = entry["data_offsets"]
            dtype = dtypes[entry["dtype"]]
            flat = torch.frombuffer(bytearray(data[begin:end]), dtype=dtype) if end > begin else torch.zeros(0, dtype=dtype)
            tensors[name] = flat.reshape(entry["shape"])
        return tensors
    """#

    private static func mainSection(_ model: ModelFile, _ plan: PyTorchExportPlan) -> String {
        let saved = "{" + model.metrics.keys.sorted().map { "\(pythonString($0)): \(pythonNumber(model.metrics[$0]!))" }
            .joined(separator: ", ") + "}"
        return #"""
        # Backprop's validation metrics when it saved the model.
        SAVED_METRICS = \#(saved)


        def describe(metrics):
            return ", ".join(f"{name} {value:.6f}" for name, value in sorted(metrics.items()))


        def main():
            parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
            parser.add_argument("--train", type=int, default=0, metavar="EPOCHS",
                                help="train this many epochs before evaluating (a fresh optimizer and schedule)")
            parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
            parser.add_argument("--weights", type=Path, default=WEIGHTS, help="the safetensors file to load")
            args = parser.parse_args()

            torch.manual_seed(SEED)
            model = Model()
            model.load_state_dict(read_safetensors(args.weights), strict=True)
            train_set, validation_set = load_data()
            if args.train > 0:
                train(model, train_set, validation_set, args.train)
            metrics = evaluate(model, validation_set)
            if args.json:
                print(json.dumps(metrics, sort_keys=True))
                return
            print(f"validation: {describe(metrics)}")
            if args.train == 0:
                print(f"Backprop saved: {describe(SAVED_METRICS)}")


        if __name__ == "__main__":
            main()
        """#
    }

    // MARK: Python text

    /// A Python string literal for any text: quotes, backslashes and control characters escaped.
    static func pythonString(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case "\n": literal += "\\n"
            case "\t": literal += "\\t"
            case "\r": literal += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.properties.generalCategory == .lineSeparator
                    || scalar.properties.generalCategory == .paragraphSeparator {
                    literal += String(format: "\\u%04x", scalar.value)
                } else {
                    literal.unicodeScalars.append(scalar)
                }
            }
        }
        return literal + "\""
    }

    /// Text from the model file placed in the docstring: one printable line, with nothing
    /// that could end the docstring or start an escape.
    static func docstringText(_ text: String) -> String {
        let printable = text.unicodeScalars.map { scalar -> String in
            if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator {
                return "?"
            }
            return scalar == "\\" ? "/" : String(scalar)
        }.joined()
        return printable.replacingOccurrences(of: "\"", with: "'")
    }

    /// A number as Python reads it back exactly (float32 values print their shortest form).
    static func pythonNumber(_ value: Float) -> String { value.isFinite ? "\(value)" : "float(\"\(value)\")" }
    static func pythonNumber(_ value: Double) -> String { value.isFinite ? "\(value)" : "float(\"\(value)\")" }
}
