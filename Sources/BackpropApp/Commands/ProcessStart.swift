import BackpropData
import Foundation

/// Settings a process can only take as it starts (read by the Swift runtime or by OpenBLAS
/// before `main`): when any is missing, the program sets them and starts itself again,
/// once, with the same arguments.
public enum ProcessStart {
    /// Re-executes this program with the settings it lacks; returns when nothing needs doing
    /// (or exec failed: then it runs on as it is).
    public static func ensure(arguments: [String] = CommandLine.arguments) {
        let environment = ProcessInfo.processInfo.environment
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let changes = [NonInteractiveBacktrace.change(arguments: arguments, environment: environment),
                       PinnedBLASKernel.change(environment: environment, cpuFlags: PinnedBLASKernel.flags(inCPUInfo: cpuinfo))].compactMap { $0 }
        guard !changes.isEmpty else { return }
        for change in changes { setenv(change.variable, change.value, 1) }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        // The program's own path rather than /proc/self/exe: the kernel names a process after
        // the file it executes, and `pkill backprop` must still find it.
        if let path = ProgramLocation.file { execv(path, argv) }
        execv("/proc/self/exe", argv)
        argv.forEach { free($0) }
    }
}
