import Testing
@testable import PerceptualHash

/// `nearDuplicateGroups(_:threshold:)` against a brute-force reference.
@Suite struct NearDuplicateGroupsTests {
    /// All pairs compared, components by depth-first search, sorted as documented.
    static func reference(_ f: [Fingerprint], threshold: Int) -> [DuplicateGroup] {
        let n = f.count
        var pairs: [DuplicatePair] = []
        var adjacent = [[Int]](repeating: [], count: n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let d = f[i].distance(to: f[j])
                if d <= threshold {
                    pairs.append(DuplicatePair(first: i, second: j, distance: d))
                    adjacent[i].append(j)
                    adjacent[j].append(i)
                }
            }
        }
        var component = [Int](repeating: -1, count: n)
        var groups: [[Int]] = []
        for start in 0..<n where component[start] < 0 {
            var stack = [start], members: [Int] = []
            component[start] = groups.count
            while let x = stack.popLast() {
                members.append(x)
                for y in adjacent[x] where component[y] < 0 {
                    component[y] = groups.count
                    stack.append(y)
                }
            }
            groups.append(members.sorted())
        }
        return groups.enumerated()
            .filter { $0.element.count > 1 }
            .map { g in DuplicateGroup(members: g.element, pairs: pairs.filter { component[$0.first] == g.offset }) }
            .sorted { a, b in
                a.members.count != b.members.count ? a.members.count > b.members.count : a.members[0] < b.members[0]
            }
    }

    /// `clusters` random centres, each with a few copies a few bits away, plus singletons,
    /// shuffled.
    static func clustered(bitCount: Int, clusters: Int, singles: Int, seed: UInt64) -> [Fingerprint] {
        var rng = SplitMix64(seed: seed)
        func random() -> Fingerprint { Fingerprint(bits: (0..<bitCount).map { _ in Bool.random(using: &rng) }) }
        var out: [Fingerprint] = []
        for _ in 0..<clusters {
            let centre = random()
            out.append(centre)
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                var copy = centre
                for _ in 0..<Int.random(in: 0...8, using: &rng) {
                    let b = Int.random(in: 0..<bitCount, using: &rng)
                    copy[bit: b].toggle()
                }
                out.append(copy)
            }
        }
        for _ in 0..<singles { out.append(random()) }
        out.shuffle(using: &rng)
        return out
    }

    @Test(arguments: [(64, 0), (64, 4), (64, 10), (256, 8), (40, 6)])
    func matchesBruteForceOnClusteredData(bitCount: Int, threshold: Int) async throws {
        for seed in 1...4 as ClosedRange<UInt64> {
            let f = Self.clustered(bitCount: bitCount, clusters: 60, singles: 300, seed: seed &* 31 &+ UInt64(bitCount))
            let groups = try await nearDuplicateGroups(f, threshold: threshold)
            let expected = Self.reference(f, threshold: threshold)
            #expect(groups == expected, "bits \(bitCount) threshold \(threshold) seed \(seed)")
            #expect(!groups.isEmpty)
        }
    }

    @Test func chainsJoinAndOrderFollowsTheCLI() async throws {
        let h = try [
            "0000000000000000", "0000000000000003", "000000000000000f", "ffffffffffffffff",
            "fffffffffffffffe", "00ff00ff00ff00ff",
        ].map { try Fingerprint(hex: $0, bitCount: 64) }
        let groups = try await nearDuplicateGroups(h, threshold: 2)
        // 0-1 (2 bits), 1-2 (2 bits), 0-2 (4 bits, not a direct match): one chain.
        #expect(
            groups == [
                DuplicateGroup(
                    members: [0, 1, 2],
                    pairs: [
                        DuplicatePair(first: 0, second: 1, distance: 2),
                        DuplicatePair(first: 1, second: 2, distance: 2),
                    ]),
                DuplicateGroup(members: [3, 4], pairs: [DuplicatePair(first: 3, second: 4, distance: 1)]),
            ])
        // Equal sizes: ordered by first member.
        let tie = try await nearDuplicateGroups([h[3], h[0], h[4], h[0]], threshold: 1)
        #expect(tie.map(\.members) == [[0, 2], [1, 3]])
    }

    @Test func edgeCases() async throws {
        #expect(try await nearDuplicateGroups([], threshold: 5).isEmpty)
        let one = try Fingerprint(hex: "ff", bitCount: 64)
        #expect(try await nearDuplicateGroups([one], threshold: 5).isEmpty)
        #expect(try await nearDuplicateGroups([one, one], threshold: -1).isEmpty)
        #expect(try await nearDuplicateGroups([one, one], threshold: 0).map(\.members) == [[0, 1]])
        // A threshold past the bit count links everything.
        let all = Self.clustered(bitCount: 64, clusters: 0, singles: 20, seed: 3)
        let groups = try await nearDuplicateGroups(all, threshold: 1000)
        #expect(groups.map(\.members) == [Array(0..<20)])
        #expect(groups[0].pairs.count == 190)
        await #expect(throws: FingerprintError.bitCountMismatch(bitCount: 64, otherBitCount: 40)) {
            try await nearDuplicateGroups([one, one, try Fingerprint(hex: "0123456789")], threshold: 3)
        }
    }
}
