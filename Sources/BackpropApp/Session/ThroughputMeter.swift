/// How fast a lab trains as the learner sees it: samples trained per second of wall-clock
/// time while the run goes on, over the last second or so.
///
/// Wall-clock on purpose. The trainer's own figure (an epoch's samples over the time spent
/// inside its steps) leaves out what the session does between steps: capturing the views,
/// publishing frames, a pace's waits. This one counts all of it, so at full pace it is the
/// figure to hold against `backprop train`, and at a slower pace it is the pace's.
struct ThroughputMeter {
    /// The shortest span a rate is measured over: one slice at full pace lasts a tenth of a
    /// second, and a rate over a single slice would jump with each one.
    static let window = 1.0

    private var marks: [(samples: Int, seconds: Double)] = []

    /// Samples per second from the oldest mark kept to the newest, or nil before they span
    /// a whole window.
    var samplesPerSecond: Double? {
        guard let first = marks.first, let last = marks.last, last.seconds - first.seconds >= Self.window else { return nil }
        return Double(last.samples - first.samples) / (last.seconds - first.seconds)
    }

    /// Notes the trainer's sample count at `seconds` (a monotonic clock) while running.
    mutating func note(samples: Int, at seconds: Double) {
        // A rebuilt or rewound run counts from fewer samples: measure it afresh.
        if let last = marks.last, samples < last.samples { reset() }
        marks.append((samples, seconds))
        // Keep the oldest mark that still leaves a whole window behind the newest.
        while marks.count > 2, seconds - marks[1].seconds >= Self.window { marks.removeFirst() }
    }

    /// The run paused, restarted or was rewound: the next rate starts from the next mark.
    mutating func reset() { marks.removeAll() }
}
