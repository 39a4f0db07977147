import Foundation
import MPIModel

/// Renders the model as JSON: sorted keys, stable order, no timestamps.
public struct ModelJSONEmitter {
    public init() {}

    public func render(_ api: MPIAPI) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(api)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
