// swift-tools-version:5.4
// Keep below 5.5: from 5.5 SwiftPM renames an executable's entry point to <Module>_main and
// links with --defsym main=<Module>_main, which replaces libFuzzer's main and leaves a fuzzer
// binary that silently does nothing (Documentation/Security.md, "Fuzzing").
//
// Build the fuzzers one product at a time (Scripts/fuzz.sh):
//   swift build -c release --product FuzzNetpbm \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Regenerate the seed corpus (plain build, no sanitizer):
//   swift run -c release -Xswiftc -parse-as-library FuzzSeeds
import PackageDescription

let package = Package(
    name: "Fuzz",
    dependencies: [.package(name: "PerceptualHash", path: "..")],
    targets: [
        // The entry points every harness calls; Tests/PerceptualHashTests/Fuzz replays the
        // corpus through the same file (a symlink), so the checks exist once.
        .target(
            name: "FuzzEntries",
            dependencies: [
                .product(name: "PerceptualHash", package: "PerceptualHash"),
                .product(name: "PerceptualHashDecoders", package: "PerceptualHash"),
            ]),
        .executableTarget(name: "FuzzNetpbm", dependencies: ["FuzzEntries"]),
        .executableTarget(name: "FuzzRawPixels", dependencies: ["FuzzEntries"]),
        .executableTarget(name: "FuzzFingerprintHex", dependencies: ["FuzzEntries"]),
        .executableTarget(name: "FuzzHashes", dependencies: ["FuzzEntries"]),
        .executableTarget(name: "FuzzIndexFile", dependencies: ["FuzzEntries"]),
        .executableTarget(name: "FuzzPNG", dependencies: ["FuzzEntries"]),
        .executableTarget(name: "FuzzJPEG", dependencies: ["FuzzEntries"]),
        .executableTarget(
            name: "FuzzSeeds",
            dependencies: [
                "FuzzEntries", .product(name: "PerceptualHash", package: "PerceptualHash"),
                .product(name: "PerceptualHashTestSupport", package: "PerceptualHash"),
            ]),
    ]
)
