// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "PerceptualHash",
    products: [
        .library(name: "PerceptualHash", targets: ["PerceptualHash"]),
        .library(name: "PerceptualHashDecoders", targets: ["PerceptualHashDecoders"]),
        .executable(name: "phash-bench", targets: ["phash-bench"]),
        .executable(name: "phash-conformance", targets: ["phash-conformance"]),
        .executable(name: "phash", targets: ["phash"]),
        // The seeded generator and synthetic images of this package's tests, benchmark and
        // fuzz seeds (the Fuzz package links it); not part of the library's API.
        .library(name: "PerceptualHashTestSupport", targets: ["PerceptualHashTestSupport"]),
    ],
    targets: [
        .target(
            name: "PerceptualHash",
            path: "Sources/PerceptualHash",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            // squareRoot() in debug builds calls libm's sqrt.
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        .target(
            name: "PerceptualHashDecoders",
            dependencies: ["PerceptualHash"],
            path: "Sources/PerceptualHashDecoders",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .target(
            name: "PerceptualHashTestSupport",
            dependencies: ["PerceptualHash"],
            path: "Sources/TestSupport",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "phash-bench",
            dependencies: ["PerceptualHash", "PerceptualHashDecoders", "PerceptualHashTestSupport"],
            path: "Benchmarks/phash-bench",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "phash-conformance",
            dependencies: ["PerceptualHash", "PerceptualHashDecoders"],
            path: "Sources/phash-conformance",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "phash",
            dependencies: ["PerceptualHash", "PerceptualHashDecoders"],
            path: "Sources/phash",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "PhashCLITests",
            // "phash" makes `swift build --build-tests` / `swift test` build the executable first.
            dependencies: ["phash", "PerceptualHash", "PerceptualHashDecoders", "PerceptualHashTestSupport"],
            path: "Tests/PhashCLITests",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "PhashBenchTests",
            dependencies: ["phash-bench", "PerceptualHash", "PerceptualHashTestSupport"],
            path: "Tests/PhashBenchTests",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "PerceptualHashDecodersTests",
            dependencies: ["PerceptualHashDecoders", "PerceptualHash"],
            path: "Tests/PerceptualHashDecodersTests",
            exclude: ["Fixtures"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "PerceptualHashTests",
            dependencies: ["PerceptualHash", "PerceptualHashDecoders", "PerceptualHashTestSupport"],
            path: "Tests/PerceptualHashTests",
            exclude: ["Fixtures"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
