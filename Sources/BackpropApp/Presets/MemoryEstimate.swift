import BackpropData
import BackpropEngine
import Foundation

/// A run's peak memory, estimated before its data, buffers or optimizer state exist: the
/// network's part is measured from its own layers (`NetworkFootprint`), the data's from
/// the dataset's size. A run over its `MemoryBudget` is refused with this breakdown.
public struct MemoryEstimate: Sendable, CustomStringConvertible {
    /// This process before the check: the runtime, libraries and whatever it already holds
    /// (for a race started from a lab, the lab's run too, whose other parts are then 0).
    public var processBytes: Int
    /// The dataset as the run keeps it in memory.
    public var dataBytes: Int
    /// Parameter values and gradients, and the optimizer's state.
    public var parameterBytes: Int
    /// Layer buffers for the largest batch on every core: activations, attention maps,
    /// recurrent caches, and their gradients.
    public var activationBytes: Int
    /// What the lab's views keep: a copy of one sample's layer buffers for each capture, and
    /// the extra trainers some views run (the optimizer race, the learning-rate range test).
    public var viewBytes: Int
    /// The layer taking the most, e.g. "layer 2 (TransformerEncoderLayer) 61.0 GiB".
    public var largestPart: String?

    public var totalBytes: Int { processBytes + dataBytes + parameterBytes + activationBytes + viewBytes }

    public var description: String {
        let named = [("data", dataBytes), ("parameters and optimizer", parameterBytes), ("activations", activationBytes),
                     ("views", viewBytes)]
        let parts = named.filter { $0.1 > 0 }.map { "\($0.0) \(Self.format($0.1))" } + ["process \(Self.format(processBytes))"]
        return "about \(Self.format(totalBytes)) (" + parts.joined(separator: ", ") + ")"
            + (largestPart.map { "; the largest part is \($0)" } ?? "")
    }

    static func format(_ bytes: Int) -> String {
        let value = Double(bytes)
        if value >= Double(1 << 30) { return String(format: "%.1f GiB", value / Double(1 << 30)) }
        if value >= Double(1 << 20) { return String(format: "%.0f MiB", value / Double(1 << 20)) }
        return String(format: "%.0f KiB", value / 1024)
    }
}

/// How much memory a run may take. By default half of the machine's physical memory, or the
/// container's limit (cgroup v2 `memory.max`) when that is smaller, so one run cannot push a
/// shared machine (a classroom server) into swap or the OOM killer.
public struct MemoryBudget: Sendable, Equatable {
    public var bytes: Int
    /// Where the limit comes from, for the message that quotes it.
    public var origin: String

    /// The environment variable that replaces the default (`BACKPROP_MEMORY_LIMIT_GIB=2`).
    static let variable = "BACKPROP_MEMORY_LIMIT_GIB"

    public static var standard: MemoryBudget {
        standard(environment: ProcessInfo.processInfo.environment, containerLimit: containerLimitBytes())
    }

    static func standard(environment: [String: String], containerLimit: Int?) -> MemoryBudget {
        if let text = environment[variable] { return fromEnvironment(text) }
        let physical = Int(sysconf(Int32(_SC_PHYS_PAGES))) * Int(sysconf(Int32(_SC_PAGESIZE)))
        if let containerLimit, containerLimit < physical / 2 {
            return MemoryBudget(bytes: containerLimit, origin: "this container's limit (cgroup memory.max)")
        }
        return MemoryBudget(bytes: physical / 2, origin: "half of this machine's \(MemoryEstimate.format(physical))")
    }

    /// `--memory-limit GIB` on the command line.
    public static func limit(gibibytes: Double) -> MemoryBudget {
        MemoryBudget(bytes: Int(gibibytes * Double(1 << 30)), origin: "--memory-limit \(gibibytes.asSetting)")
    }

    /// Whether `gibibytes` can be a limit: positive and at most a pebibyte.
    public static func isValid(gibibytes: Double) -> Bool { gibibytes > 0 && gibibytes <= 1_048_576 }

    /// The variable's limit. A value that is not a number of GiB refuses every run with a
    /// message naming it, rather than being ignored while the learner believes it applies.
    private static func fromEnvironment(_ text: String) -> MemoryBudget {
        guard let gibibytes = Double(text.trimmingCharacters(in: .whitespaces)), isValid(gibibytes: gibibytes) else {
            return MemoryBudget(bytes: 0, origin: "\(variable)='\(text)' is not a positive number of GiB")
        }
        return MemoryBudget(bytes: Int(gibibytes * Double(1 << 30)), origin: "\(variable)=\(gibibytes.asSetting)")
    }

    /// The cgroup v2 limit of this process's container, nil without one (`max`, or no file).
    static func containerLimitBytes(path: String = "/sys/fs/cgroup/memory.max") -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// A run refused because its estimate is over the budget.
public struct MemoryLimitExceeded: Error, CustomStringConvertible {
    public let estimate: MemoryEstimate
    public let budget: MemoryBudget

    public var description: String {
        "this run needs \(estimate), over the limit of \(MemoryEstimate.format(budget.bytes)) (\(budget.origin)); "
            + "lower batch, seq_len, context, hidden or d_model, or raise the limit with train --memory-limit"
    }
}

private extension Double {
    /// The number as a setting is written: `4`, not `4.0` (named apart from Foundation's `formatted()`).
    var asSetting: String { self == rounded() ? String(Int(self)) : String(self) }
}
