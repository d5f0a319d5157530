// Every file of this test target sees the shared seeded generator (`SplitMix64`) and
// synthetic images (`SyntheticImages`, also reachable as `TestImages`).
@_exported import PerceptualHashTestSupport

typealias TestImages = SyntheticImages
