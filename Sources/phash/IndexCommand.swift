/// `phash index`: the fingerprint database.
enum IndexCommand {
    static let subcommands = ["build", "add", "remove", "search", "info"]
    static func run(_ arguments: [String]) async throws(UsageError) -> ExitStatus {
        throw UsageError(message: "index commands need the search index")
    }
}
