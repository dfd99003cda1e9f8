@testable import BackpropApp
import BackpropLessons
import Foundation
import Testing

/// The classroom set-up end to end, on Debian's OpenSSH: `scripts/classroom-setup` writes
/// the login program and the sshd drop-in (into a temporary folder, for the group `root`,
/// so no account or system file is touched), a private sshd serves them on a loopback
/// port with a throwaway host key, and `ssh -tt` under tmux is the student. Skips with a
/// line saying why only where sshd cannot start (not root, no openssh-server).
@Suite(.serialized) struct ClassroomSSHTests {
    static let repository = QuitAnywhereTests.repository
    static let binary = QuitAnywhereTests.binary
    static let sshd = "/usr/sbin/sshd"

    /// A running private sshd and the files a client needs to reach it.
    final class Classroom {
        let folder: String
        let port: Int
        var pid: pid_t = 0
        var classFolder: String { folder + "/class" }

        init() throws {
            folder = try Self.temporaryFolder()
            port = Self.freePort()
        }

        static func temporaryFolder() throws -> String {
            var template = Array("/tmp/backprop-ssh-XXXXXX".utf8CString)
            guard mkdtemp(&template) != nil else { throw POSIXError(.EIO) }
            return String(cString: template)
        }

        /// A loopback port nothing listens on now (the kernel's choice for port 0).
        static func freePort() -> Int {
            let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socketDescriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, length) } }
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) } }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        /// Keys, the class set-up and sshd; nil with the reason when sshd cannot start here.
        func start() -> String? {
            guard getuid() == 0 else { return "sshd needs root to serve logins" }
            guard FileManager.default.isExecutableFile(atPath: sshd) else { return "\(sshd) is missing (Debian's openssh-server; scripts/test installs it)" }
            guard shell("ssh-keygen -q -t ed25519 -N '' -f \(folder)/host_key && ssh-keygen -q -t ed25519 -N '' -f \(folder)/client_key"
                        + " && cp \(folder)/client_key.pub \(folder)/authorized_keys") == 0 else { return "ssh-keygen failed" }
            let setup = "bash \(repository)/scripts/classroom-setup --binary \(binary) --group root --class-dir \(classFolder)"
                + " --login \(folder)/class-login --sshd-config \(folder)/class.conf --no-packages --no-reload"
            guard shell(setup) == 0 else { return "scripts/classroom-setup failed" }
            let configuration = """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(folder)/host_key
                PidFile \(folder)/sshd.pid
                AuthorizedKeysFile \(folder)/authorized_keys
                PermitRootLogin prohibit-password
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                UsePAM no
                StrictModes no
                Include \(folder)/class.conf

                """
            FileManager.default.createFile(atPath: folder + "/sshd_config", contents: Data(configuration.utf8))
            // sshd's privilege-separation folder, which Debian's service creates at boot.
            try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
            guard shell("\(sshd) -f \(folder)/sshd_config -E \(folder)/sshd.log") == 0 else {
                return "sshd did not start: " + ((try? String(contentsOfFile: folder + "/sshd.log", encoding: .utf8)) ?? "")
            }
            for _ in 0..<100 {
                if let text = try? String(contentsOfFile: folder + "/sshd.pid", encoding: .utf8), let number = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    pid = number
                    return nil
                }
                usleep(50_000)
            }
            return "sshd wrote no pid file"
        }

        /// The client command a tmux pane runs: the student logging in, then a marker with ssh's status.
        var client: String {
            "ssh -tt -i \(folder)/client_key -p \(port) -o StrictHostKeyChecking=no -o UserKnownHostsFile=\(folder)/known_hosts"
                + " -o LogLevel=ERROR root@127.0.0.1 anything-the-student-types; echo SSH-EXIT $?; sleep 60"
        }

        /// Processes started through this classroom's login (they carry its state folder).
        func studentProcesses() -> [pid_t] {
            let marker = "BACKPROP_HOME=\(classFolder)/root"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return names.compactMap(pid_t.init).filter { pid in
                guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return false }
                return data.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == marker }
            }
        }

        func stop() {
            if pid > 0 { kill(pid, SIGTERM) }
            for process in studentProcesses() { kill(process, SIGKILL) }
            try? FileManager.default.removeItem(atPath: folder)
        }

        @discardableResult
        func shell(_ command: String) -> Int32 {
            var spawned: pid_t = 0
            let argv: [UnsafeMutablePointer<CChar>?] = [String](["/bin/sh", "-c", command + " >/dev/null 2>&1 </dev/null"]).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            guard posix_spawn(&spawned, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
            var status: Int32 = 0
            waitpid(spawned, &status, 0)
            return (status >> 8) & 0xff
        }
    }

    /// Starts a classroom and a tmux server, or says why the test cannot run.
    static func open(_ purpose: String) throws -> (Classroom, TmuxServer)? {
        guard TmuxServer.tmuxPath != nil, FileManager.default.isExecutableFile(atPath: binary) else {
            skip("needs tmux and the built binary at \(binary)")
            return nil
        }
        let classroom = try Classroom()
        if let reason = classroom.start() {
            classroom.stop()
            skip("sshd cannot start here: \(reason)")
            return nil
        }
        return (classroom, TmuxServer(purpose: purpose))
    }

    static func shippedLessons() -> [Lesson] {
        let folder = repository + "/lessons"
        return LessonLocations.library(for: [folder]).read(paths: [folder]).compactMap(\.lesson)
    }

    static func isHome(_ text: String) -> Bool { text.contains("Playground") && text.contains("The neuron") && text.contains("q quit") }

    @Test func aStudentWalksHomeToALessonAndQuitsAndTheirProgressIsWritten() throws {
        guard let (classroom, tmux) = try Self.open("ssh-walk") else { return }
        defer { tmux.stop(); classroom.stop() }
        tmux.run(["new-session", "-d", "-s", "student", "-x", "80", "-y", "24", classroom.client])
        let home = tmux.waitFor("student", seconds: 20, Self.isHome)
        try #require(Self.isHome(home), "Home never appeared over SSH:\n\(home)")
        #expect(home.contains("╭"), "the login's UTF-8 locale gives box drawing, not ASCII:\n\(home)")
        tmux.run(["send-keys", "-t", "student", "Down", "Enter"])
        let lesson = tmux.waitFor("student") { $0.contains("The neuron · 1/6") }
        #expect(lesson.contains("The neuron · 1/6"), "the lesson did not open:\n\(lesson)")

        // A resize reaches the app through sshd as it does locally.
        tmux.run(["resize-window", "-t", "student", "-x", "120", "-y", "40"])
        let wide = tmux.waitFor("student") { $0.split(separator: "\n").contains { $0.count > 100 && $0.contains("The neuron") } }
        #expect(wide.split(separator: "\n").contains { $0.count > 100 }, "the lesson was not redrawn at 120 columns:\n\(wide)")

        tmux.run(["send-keys", "-t", "student", "q"])
        _ = tmux.waitFor("student", Self.isHome)
        tmux.run(["send-keys", "-t", "student", "q"])
        let after = tmux.waitFor("student") { $0.contains("SSH-EXIT") }
        #expect(after.contains("SSH-EXIT 0"), "ssh did not end with status 0:\n\(after)")
        // The terminal is given back: no alternate screen, the cursor shown.
        #expect(tmux.run(["display-message", "-p", "-t", "student", "#{alternate_on} #{cursor_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0 1")

        let store = ProgressStore(folder: classroom.classFolder + "/root")
        let progress = try #require(FileManager.default.contents(atPath: store.path).flatMap { try? JSONDecoder().decode(LessonProgress.self, from: $0) },
                                    "no progress at \(store.path)")
        #expect(progress.record(for: "neuron").pagesSeen.contains(0))
        #expect(progress.record(for: "neuron").lastSeenAt != nil)

        // The teacher's report reads it (and writes nothing).
        let before = try FileManager.default.attributesOfItem(atPath: store.path)[.modificationDate] as? Date
        let students = ClassRoster.students(in: [classroom.classFolder])
        #expect(students.map(\.student) == ["root"])
        let report = ClassReport(lessons: Self.shippedLessons(), students: students)
        let neuron = try #require(report.columns.firstIndex { $0.id == "neuron" })
        #expect(report.rows.first?.cells[neuron].pagesSeen == 1)
        #expect(try FileManager.default.attributesOfItem(atPath: store.path)[.modificationDate] as? Date == before)
    }

    @Test func ctrlCAndADroppedConnectionLeaveNoProcessTraining() throws {
        guard let (classroom, tmux) = try Self.open("ssh-drop") else { return }
        defer { tmux.stop(); classroom.stop() }

        // Ctrl-C in a training lab: the app ends as it does locally and ssh reports its status.
        tmux.run(["new-session", "-d", "-s", "interrupt", "-x", "80", "-y", "24", classroom.client])
        try #require(Self.isHome(tmux.waitFor("interrupt", seconds: 20, Self.isHome)))
        tmux.run(["send-keys", "-t", "interrupt", "Down", "Enter", "n", "n", "Space"])
        _ = tmux.waitFor("interrupt") { $0.contains("training") }
        tmux.run(["send-keys", "-t", "interrupt", "C-c"])
        let interrupted = tmux.waitFor("interrupt") { $0.contains("SSH-EXIT") }
        #expect(interrupted.contains("SSH-EXIT 130"), "Ctrl-C over SSH should end the app with 128+SIGINT:\n\(interrupted)")

        // A dropped connection: the client is killed while a lab trains.
        tmux.run(["new-session", "-d", "-s", "drop", "-x", "80", "-y", "24", classroom.client])
        try #require(Self.isHome(tmux.waitFor("drop", seconds: 20, Self.isHome)))
        tmux.run(["send-keys", "-t", "drop", "Down", "Enter", "n", "n", "Space"])
        let training = tmux.waitFor("drop") { $0.contains("training") }
        try #require(training.contains("training"), "the lab did not start training:\n\(training)")
        #expect(!classroom.studentProcesses().isEmpty, "the student's backprop should be running now")
        let clientPID = tmux.run(["display-message", "-p", "-t", "drop", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The pane runs `sh -c "ssh …; echo …"`: its child is the ssh client.
        classroom.shell("pkill -KILL -P \(clientPID) -x ssh")
        let deadline = Date().addingTimeInterval(5)
        while !classroom.studentProcesses().isEmpty && Date() < deadline { usleep(100_000) }
        #expect(classroom.studentProcesses().isEmpty, "a backprop process kept running after its connection dropped")
    }
}
