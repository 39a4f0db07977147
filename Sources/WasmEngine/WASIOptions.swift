/// What the guest gets of WASI: its arguments, environment and pre-opened directories.
/// Standard input, output and error are the process's own.
public struct WASIOptions: Sendable, Equatable {
    public var arguments: [String]
    public var environment: [(name: String, value: String)]
    public var preopens: [Preopen]

    public struct Preopen: Sendable, Equatable {
        public var hostPath: String
        public var guestPath: String

        public init(hostPath: String, guestPath: String) {
            self.hostPath = hostPath
            self.guestPath = guestPath
        }

        /// `HOST` or `HOST::GUEST`, as `--dir` takes it (the same syntax as wasmtime's CLI).
        public init(parsing text: String) {
            let characters = Array(text)
            if let index = characters.indices.dropLast().first(where: { characters[$0] == ":" && characters[$0 + 1] == ":" }) {
                self.init(hostPath: String(characters[..<index]), guestPath: String(characters[(index + 2)...]))
            } else {
                self.init(hostPath: text, guestPath: text)
            }
        }
    }

    public init(arguments: [String], environment: [(name: String, value: String)] = [], preopens: [Preopen] = []) {
        self.arguments = arguments
        self.environment = environment
        self.preopens = preopens
    }

    public static func == (a: WASIOptions, b: WASIOptions) -> Bool {
        a.arguments == b.arguments && a.preopens == b.preopens
            && a.environment.map(\.name) == b.environment.map(\.name) && a.environment.map(\.value) == b.environment.map(\.value)
    }
}
