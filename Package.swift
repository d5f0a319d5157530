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
    ],
    targets: [
        .target(
            name: "PerceptualHash",
            path: "Sources/PerceptualHash",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")],
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]  // squareRoot() in debug builds calls libm's sqrt
        ),
        .target(
            name: "PerceptualHashDecoders",
            dependencies: ["PerceptualHash"],
            path: "Sources/PerceptualHashDecoders",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .executableTarget(
            name: "phash-bench",
            dependencies: ["PerceptualHash", "PerceptualHashDecoders"],
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
            dependencies: ["phash", "PerceptualHash", "PerceptualHashDecoders"],  // "phash" makes `swift build --build-tests` / `swift test` build the executable first
            path: "Tests/PhashCLITests",
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "PhashBenchTests",
            dependencies: ["phash-bench", "PerceptualHash"],
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
            dependencies: ["PerceptualHash", "PerceptualHashDecoders"],
            path: "Tests/PerceptualHashTests",
            exclude: ["Fixtures"],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
