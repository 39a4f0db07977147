import ClangFrontEnd
import Foundation
import MPIModel

/// Maps libclang types to model types, knowing which typedefs are MPI handles,
/// callbacks and scalars.
struct TypeMapper {
    /// MPI typedefs that are plain numbers, not handles.
    static let scalarTypedefs: Set<String> = ["MPI_Aint", "MPI_Offset", "MPI_Count", "MPI_Fint"]

    var handleNames: Set<String>
    var callbackNames: Set<String>

    func map(_ type: CType) -> CTypeRef {
        switch type.kind {
        case .void: return .void
        case .elaborated: return map(type.named)
        case .typedef: return mapNamed(type)
        case .pointer:
            let pointee = type.pointee
            return .pointer(map(pointee), isConst: pointee.isConst)
        case .constantArray:
            return .fixedArray(map(type.elementType), Int(type.arraySize))
        case .incompleteArray:
            let element = type.elementType
            return .array(map(element), isConst: element.isConst)
        case .other:
            // Deduced (`__auto_type`) and unexposed types: by name when it is an MPI type, else canonical.
            let name = stripQualifiers(type.spelling)
            if handleNames.contains(name) || callbackNames.contains(name) || name == "MPI_Status"
                || TypeMapper.scalarTypedefs.contains(name) {
                return mapNamed(type)
            }
            return type.canonical.kind == type.kind ? .unknown(type.spelling) : map(type.canonical)
        default:
            return builtin(type) ?? .unknown(type.spelling)
        }
    }

    private func mapNamed(_ type: CType) -> CTypeRef {
        let name = stripQualifiers(type.typedefName.isEmpty ? type.spelling : type.typedefName)
        if handleNames.contains(name) { return .handle(HandleKind(name)) }
        if name == "MPI_Status" { return .status }
        if callbackNames.contains(name) { return .callback(name) }
        let canonical = type.canonical
        if TypeMapper.scalarTypedefs.contains(name) || canonical.kind == .enumeration { return .scalar(name) }
        if builtin(canonical) != nil {
            // size_t, int64_t, ...: keep the name, it exists on the guest too.
            return .scalar(name)
        }
        return .unknown(type.spelling)
    }

    private func builtin(_ type: CType) -> CTypeRef? {
        switch type.kind {
        case .bool: return .scalar("_Bool")
        case .char: return .scalar("char")
        case .signedChar: return .scalar("signed char")
        case .unsignedChar: return .scalar("unsigned char")
        case .short: return .scalar("short")
        case .unsignedShort: return .scalar("unsigned short")
        case .int: return .scalar("int")
        case .unsignedInt: return .scalar("unsigned int")
        case .long: return .scalar("long")
        case .unsignedLong: return .scalar("unsigned long")
        case .longLong: return .scalar("long long")
        case .unsignedLongLong: return .scalar("unsigned long long")
        case .float: return .scalar("float")
        case .double: return .scalar("double")
        case .longDouble: return .scalar("long double")
        case .enumeration: return .scalar("int")
        default: return nil
        }
    }

    private func stripQualifiers(_ spelling: String) -> String {
        spelling.replacingOccurrences(of: "const ", with: "").replacingOccurrences(of: "volatile ", with: "")
    }
}
