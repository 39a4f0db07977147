/// A call refused before the host MPI sees it, with the guest-ABI error class to return
/// (through the error handler) and a message for fatal handlers.
public struct TranslationError: Error, CustomStringConvertible, Equatable {
    /// The guest-ABI error class (`MPI_ERR_COMM` = 5, ...).
    public let errorClass: Int32
    public let message: String

    public init(_ errorClass: Int32, _ message: String) {
        self.errorClass = errorClass
        self.message = message
    }

    public var description: String { message }
}

/// Guest-ABI error classes the translation layer raises itself.
public enum GuestErrorClass {
    public static let buffer: Int32 = 1
    public static let count: Int32 = 2
    public static let type: Int32 = 3
    public static let comm: Int32 = 5
    public static let rank: Int32 = 6
    public static let request: Int32 = 7
    public static let group: Int32 = 9
    public static let op: Int32 = 10
    public static let topology: Int32 = 11
    public static let dims: Int32 = 12
    public static let arg: Int32 = 13
    public static let truncate: Int32 = 15
    public static let access: Int32 = 20
    public static let base: Int32 = 24
    public static let badFile: Int32 = 23
    public static let other: Int32 = 16
    public static let intern: Int32 = 17
    public static let file: Int32 = 30
    public static let info: Int32 = 34
    public static let noMem: Int32 = 39
    public static let rmaRange: Int32 = 48
    public static let win: Int32 = 56
    public static let valueTooLarge: Int32 = 59
    public static let session: Int32 = 60
    public static let errhandler: Int32 = 61
    public static let toolNotInitialized: Int32 = 1003
    public static let toolInvalid: Int32 = 1006
    public static let toolIndex: Int32 = 1007
}

/// Guest-ABI rank constants the translation layer compares with.
public enum GuestRank {
    public static let procNull: Int32 = -3
}
