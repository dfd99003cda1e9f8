import Foundation
import Testing
@testable import BackpropApp

/// Every x86-64 machine with AVX2 trains with OpenBLAS's Haswell kernels, so that a seed is
/// one run everywhere (a lesson's claims depend on it).
@Suite struct PinnedBLASKernelTests {
    @Test func theKernelIsPinnedOnlyWhereItRunsAndNobodyChoseOne() {
        let flags = PinnedBLASKernel.flags(inCPUInfo: "processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma avx512f\nbugs\t: none\nflags\t: other")
        #expect(flags.contains("avx2") && flags.contains("avx512f") && !flags.contains("other"))
        #expect(PinnedBLASKernel.change(environment: [:], cpuFlags: flags)?.value == "Haswell")
        #expect(PinnedBLASKernel.change(environment: ["OPENBLAS_CORETYPE": ""], cpuFlags: flags)?.value == "Haswell")
        #expect(PinnedBLASKernel.change(environment: ["OPENBLAS_CORETYPE": "SkylakeX"], cpuFlags: flags) == nil, "the user's choice stands")
        #expect(PinnedBLASKernel.change(environment: [:], cpuFlags: ["sse2", "avx"]) == nil, "no AVX2: OpenBLAS chooses")
        #expect(PinnedBLASKernel.flags(inCPUInfo: "processor : 0\nFeatures : fp asimd") == [], "no flags line off x86-64")
    }

    /// The program starts itself again with the kernel set, whatever the CPU's own choice.
    @Test func theBinaryTrainsWithTheHaswellKernels() throws {
        let command = CommandLineTests()
        guard command.available else { skip("\(CommandLineTests.binary) missing"); return }
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let result = try command.backprop(["train", "xor", "--epochs", "1", "--json"], environment: ["OPENBLAS_CORETYPE": ""])
        let summary = try JSONSerialization.jsonObject(with: Data((result.output.split(separator: "\n").last ?? "").utf8)) as? [String: Any]
        let expected = PinnedBLASKernel.change(environment: [:], cpuFlags: PinnedBLASKernel.flags(inCPUInfo: cpuinfo)) == nil ? nil : "Haswell"
        if let expected { #expect(summary?["openblas_core"] as? String == expected, "\(result.output)") }
        let chosen = try command.backprop(["train", "xor", "--epochs", "1", "--json"], environment: ["OPENBLAS_CORETYPE": "Prescott"])
        #expect(chosen.output.contains("\"openblas_core\":\"Prescott\""), "\(chosen.output)")
    }
}
