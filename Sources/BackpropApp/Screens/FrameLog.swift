import BackpropEngine
import Foundation

/// Frame timings for measuring the UI (`BACKPROP_FRAME_LOG=FILE backprop`): one line per
/// drawn frame with the milliseconds spent rendering widgets and sending cells to curses,
/// the seconds since the process started (the first line gives start-to-first-frame), and
/// for a frame drawn in answer to a key, the milliseconds from reading the key to the frame
/// sent (key to screen; `-` for frames drawn for a new snapshot alone).
/// Without the variable every call is a no-op.
final class FrameLog {
    private let file: DescriptorWriter?
    private var frame = 0

    /// A path that cannot be written (see `OutputFile`) turns the log off; the UI never stops for it.
    init(path: String?) {
        file = path.flatMap { try? OutputFile(option: "BACKPROP_FRAME_LOG", path: $0, allowsStandardOutput: false).openForStreaming() }
        try? file?.write("frame screen size render_ms draw_ms changed_cells since_start_s key_ms\n")
    }

    func now() -> Double { file == nil ? 0 : monotonicSeconds() }

    func record(screen: String, width: Int, height: Int, started: Double, rendered: Double, changedCells: Int, keyReadAt: Double? = nil) {
        guard let file else { return }
        let finished = monotonicSeconds()
        frame += 1
        let keyToScreen = keyReadAt.map { String(format: "%.3f", (finished - $0) * 1000) } ?? "-"
        let line = String(format: "%d %@ %dx%d %.3f %.3f %d %.3f %@\n", frame, screen, width, height,
                          (rendered - started) * 1000, (finished - rendered) * 1000, changedCells, Self.secondsSinceProcessStart(), keyToScreen)
        try? file.write(line)
    }

    /// From the process's start time in /proc (Linux); -1 where that is not available.
    private static func secondsSinceProcessStart() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let afterName = stat.lastIndex(of: ")") else { return -1 }
        // Fields after the command name start at field 3; the start time is field 22.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]), let now = Double(uptime.split(separator: " ")[0]) else { return -1 }
        return now - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
