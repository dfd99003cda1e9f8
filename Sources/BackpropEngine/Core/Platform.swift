// libm and libc for every file of the engine (and its clients), on Linux and macOS alike.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#endif
