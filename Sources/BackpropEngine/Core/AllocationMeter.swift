/// Counts the floats tensors allocate on the calling thread while a closure runs, so a
/// model's memory can be read off its own allocation code instead of a second copy of
/// every layer's buffer sizes (see `NetworkFootprint`).
///
/// Per thread, because a trainer may be allocating on another thread at the same time.
public enum AllocationMeter {
    /// Floats allocated by `Tensor`s created on this thread during `body`.
    public static func floats<Result>(allocatedBy body: () throws -> Result) rethrows -> (result: Result, floats: Int) {
        let counter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        counter.initialize(to: 0)
        let outer = pthread_getspecific(key)
        pthread_setspecific(key, counter)
        defer {
            pthread_setspecific(key, outer)
            counter.deallocate()
        }
        let result = try body()
        // A meter inside another one counts toward both.
        if let outer { outer.assumingMemoryBound(to: Int.self).pointee += counter.pointee }
        return (result, counter.pointee)
    }

    /// Called by `Tensor.init`: one thread-local read when nothing is being measured.
    static func record(_ floats: Int) {
        guard let counter = pthread_getspecific(key) else { return }
        counter.assumingMemoryBound(to: Int.self).pointee += floats
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}
