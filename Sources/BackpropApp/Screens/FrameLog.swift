import BackpropEngine
import Foundation

/// Frame timings for measuring the UI (`BACKPROP_FRAME_LOG=FILE backprop`): one line per
/// drawn frame with the milliseconds spent rendering widgets and sending cells to curses,
/// and the seconds since the process started (the first line gives start-to-first-frame).
/// Without the variable every call is a no-op.
final class FrameLog {
    private let file: FileHandle?
    private var frame = 0

    init(path: String?) {
        guard let path, FileManager.default.createFile(atPath: path, contents: nil) else {
            file = nil
            return
        }
        file = FileHandle(forWritingAtPath: path)
        file?.write(Data("frame screen size render_ms draw_ms changed_cells since_start_s\n".utf8))
    }

    func now() -> Double { file == nil ? 0 : monotonicSeconds() }

    func record(screen: String, width: Int, height: Int, started: Double, rendered: Double, changedCells: Int) {
        guard let file else { return }
        let finished = monotonicSeconds()
        frame += 1
        let line = String(format: "%d %@ %dx%d %.3f %.3f %d %.3f\n", frame, screen, width, height,
                          (rendered - started) * 1000, (finished - rendered) * 1000, changedCells, Self.secondsSinceProcessStart())
        file.write(Data(line.utf8))
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
