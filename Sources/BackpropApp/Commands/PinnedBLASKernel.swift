/// OpenBLAS picks its kernels by CPU, and kernels sum in different orders: the same seed
/// trained with AVX-512 kernels ends a few ulps away after one step, and a chaotic run
/// (a plain RNN at a delay of 50) ends somewhere else entirely. A lesson's claims, and every
/// learner's "seed 1", must mean one run, so every x86-64 machine with AVX2 and FMA trains
/// with OpenBLAS's Haswell kernels (what it picks by itself on AMD Zen and Intel from Haswell
/// to before AVX-512). OpenBLAS reads `OPENBLAS_CORETYPE` as it loads, before `main`, so the
/// program starts itself again with it set. A value already set is the user's choice.
enum PinnedBLASKernel {
    static let variable = "OPENBLAS_CORETYPE"
    static let kernel = "Haswell"

    /// The setting to start again with, or nil when it is set already (to anything but
    /// nothing) or the CPU cannot run the kernels (`cpuFlags`: the `flags` line of
    /// /proc/cpuinfo; empty off x86-64).
    static func change(environment: [String: String], cpuFlags: Set<Substring>) -> (variable: String, value: String)? {
        guard environment[variable] ?? "" == "", cpuFlags.contains("avx2"), cpuFlags.contains("fma") else { return nil }
        return (variable, kernel)
    }

    /// The first `flags` line of `cpuinfo` (/proc/cpuinfo's text), as a set of flags.
    static func flags(inCPUInfo cpuinfo: String) -> Set<Substring> {
        guard let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " "))
    }
}
