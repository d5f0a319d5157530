extension ImageHasher {
    /// Reads a Netpbm file (PBM, PGM, PPM or PAM) and returns the fingerprint of its first
    /// image: ``PixelBuffer/init(contentsOfFile:limits:maxFileBytes:)`` then
    /// ``fingerprint(of:)``.
    ///
    /// ```swift
    /// let f = try DCTHash().fingerprint(ofFile: "photo.ppm")
    /// ```
    ///
    /// - Throws: ``NetpbmError``, as ``PixelBuffer/init(contentsOfFile:limits:maxFileBytes:)``.
    public func fingerprint(
        ofFile path: String, limits: ImageLimits = .default, maxFileBytes: Int = 1 << 30
    ) throws(NetpbmError) -> Fingerprint {
        fingerprint(of: try PixelBuffer(contentsOfFile: path, limits: limits, maxFileBytes: maxFileBytes))
    }

    /// The fingerprints of many images, hashed in parallel: `result[i]` is
    /// `fingerprint(of: images[i])`.
    ///
    /// The images are hashed by child tasks of a task group, at most `maxConcurrentTasks` at
    /// a time (values below 1 count as 1); a new one starts as soon as one finishes. The
    /// default, 8, suits machines with up to 8 cores; pass the number of cores (for example
    /// Foundation's `ProcessInfo.processInfo.activeProcessorCount`) to use all of them, or
    /// fewer to leave room for other work.
    ///
    /// ```swift
    /// let hashes = await DCTHash().fingerprints(of: [imageA, imageB])
    /// print(hashes[0].distance(to: hashes[1]))
    /// ```
    public func fingerprints(of images: [PixelBuffer], maxConcurrentTasks: Int = 8) async -> [Fingerprint] {
        let placeholder = Fingerprint(bitCount: Swift.max(bitCount, 1))
        return await Self.inParallel(count: images.count, width: maxConcurrentTasks, placeholder: placeholder) {
            [self] i in fingerprint(of: images[i])
        }
    }

    /// The fingerprints of many Netpbm files, read and hashed in parallel: `result[i]` is
    /// the result of `fingerprint(ofFile: paths[i], limits: limits, maxFileBytes: maxFileBytes)`,
    /// its fingerprint or the ``NetpbmError`` that stopped it; one bad file does not stop the
    /// others.
    ///
    /// At most `maxConcurrentTasks` files (values below 1 count as 1) are in flight at a
    /// time, as in ``fingerprints(of:maxConcurrentTasks:)``. Each file in flight holds its
    /// bytes and its decoded pixels until it is hashed, so memory peaks at about
    /// `maxConcurrentTasks` times the largest file's size plus its pixels.
    ///
    /// ```swift
    /// for result in await DCTHash().fingerprints(ofFiles: ["a.ppm", "b.ppm"]) {
    ///     switch result {
    ///     case .success(let f): print(f)
    ///     case .failure(let error): print(error)
    ///     }
    /// }
    /// ```
    public func fingerprints(
        ofFiles paths: [String], limits: ImageLimits = .default, maxFileBytes: Int = 1 << 30,
        maxConcurrentTasks: Int = 8
    ) async -> [Result<Fingerprint, NetpbmError>] {
        await Self.inParallel(count: paths.count, width: maxConcurrentTasks, placeholder: .failure(.emptyInput)) {
            [self] i in
            Result { () throws(NetpbmError) -> Fingerprint in
                try fingerprint(ofFile: paths[i], limits: limits, maxFileBytes: maxFileBytes)
            }
        }
    }

    /// `[work(0), work(1), ..., work(count - 1)]`, computed by a task group with at most
    /// `width` child tasks running at once.
    static func inParallel<T: Sendable>(
        count: Int, width: Int, placeholder: T, _ work: @escaping @Sendable (Int) -> T
    ) async -> [T] {
        guard count > 0 else { return [] }
        return await withTaskGroup(of: (Int, T).self) { group in
            var out = [T](repeating: placeholder, count: count)
            var next = 0
            while next < Swift.min(Swift.max(width, 1), count) {
                let i = next
                group.addTask { (i, work(i)) }
                next += 1
            }
            while let (i, value) = await group.next() {
                out[i] = value
                if next < count {
                    let j = next
                    group.addTask { (j, work(j)) }
                    next += 1
                }
            }
            return out
        }
    }
}
