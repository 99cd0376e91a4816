/// A commit message with trailers, written as git writes them (`git commit --trailer`,
/// `--signoff`): the text, one blank line, then one `Key: value` line per trailer, so that
/// `git interpret-trailers --parse` reads them back.
public enum CommitMessage {
    /// `text` without trailing blank lines or spaces, then the trailers (an exact repeat of a
    /// trailer already listed is left out); `text` alone, with one final newline, when there
    /// are none.
    public static func compose(_ text: String, trailers: [CommitTrailer]) -> String {
        var body = Substring(text)
        while let last = body.last, last.isWhitespace { body.removeLast() }
        var unique: [CommitTrailer] = []
        for trailer in trailers where !unique.contains(trailer) { unique.append(trailer) }
        guard !unique.isEmpty else { return body + "\n" }
        return body + "\n\n" + unique.map { "\($0)\n" }.joined()
    }

    /// The first line of `message`, what `git log --oneline` shows.
    public static func subject(of message: String) -> String {
        String(message.prefix { $0 != "\n" && $0 != "\r" })
    }
}
