import BackpropEngine

/// Existence checks that tell a missing folder from a missing file before anything is opened.
enum FileChecks {
    static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// The size of the file `path` names, following symbolic links (FileManager's
    /// attributes describe the link itself); nil when it cannot be read.
    static func size(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }

    /// The folder part of `path` ("." when there is none).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func requireFolder(_ path: String, hint: String = "") throws(DatasetError) {
        guard isDirectory(path) else { throw .missingFolder(path: path, hint: hint) }
    }

    static func requireReadableFile(_ path: String) throws(DatasetError) {
        try requireFolder(folder(of: path))
        var status = stat()
        guard stat(path, &status) == 0 else { throw .missingFile(path: path) }
        guard (status.st_mode & S_IFMT) != S_IFDIR else { throw .unreadable(path: path, reason: "is a folder, not a file") }
        guard access(path, R_OK) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
    }
}
