import Foundation
import MPIRuntime
import TestSupport
import Testing
import WasmEngine

/// The engine interface on both engines, with real clang-built modules.
@Suite(.serialized) struct EngineTests {
    /// Host functions of `host_calls.c`, checking memory bounds as the bindings will.
    static func hostFunctions(recordBase: @escaping (UnsafeMutableRawPointer?) -> Bool) -> [HostFunction] {
        [
            HostFunction(module: "mpiwasm_test", name: "fill", type: FunctionType([.i32, .i32, .i32], [.i32])) { guest, frame in
                let memory = guest.memory
                let address = Int(frame.u32(0)), count = Int(frame.i32(1)), value = frame.i32(2)
                guard count >= 0, address + 4 * count <= memory.count else { throw HostTrap("fill out of bounds") }
                _ = recordBase(memory.baseAddress)
                for i in 0..<count { memory.storeBytes(of: value, toByteOffset: address + 4 * i, as: Int32.self) }
                frame.setI32(0, Int32(count))
            },
            HostFunction(module: "mpiwasm_test", name: "twice_via_guest", type: FunctionType([.i64], [.i64])) { guest, frame in
                let result = try guest.call("twice", [UInt64(bitPattern: frame.i64(0))], resultCount: 1)
                frame.setI64(0, Int64(bitPattern: result[0]))
            },
            HostFunction(module: "mpiwasm_test", name: "scale", type: FunctionType([.f64, .f32], [.f64])) { _, frame in
                frame.setF64(0, frame.f64(0) * Double(frame.f32(1)))
            },
            HostFunction(module: "mpiwasm_test", name: "base_unchanged", type: FunctionType([], [.i32])) { guest, frame in
                frame.setI32(0, recordBase(guest.memory.baseAddress) ? 1 : 0)
            },
        ]
    }

    @Test(arguments: engines)
    func hostFunctionsReadWriteMemoryAndCallBackIntoTheGuest(engine: EngineChoice) throws {
        let module = try TestModules.build("host_calls")
        var first: UnsafeMutableRawPointer?
        let functions = Self.hostFunctions { base in
            if first == nil { first = base }
            return base == first
        }
        let status = try Launcher(options: .init(module: module.path, engine: engine), hostFunctions: functions).run()
        #expect(status == 0, "host_calls.c failed check \(status) on \(engine)")
    }

    @Test(arguments: engines)
    func aTrapIsReportedWithItsBacktrace(engine: EngineChoice) throws {
        let module = try TestModules.build("trap")
        let error = try #require(throws: EngineError.self) { try Launcher(options: .init(module: module.path, engine: engine)).run() }
        guard case .trap(let message, let backtrace) = error else {
            Issue.record("expected a trap, got \(error)")
            return
        }
        #expect(message.contains("unreachable"), "\(message)")
        #expect(backtrace.contains { $0.contains("explode_here") }, "\(backtrace)")
    }

    @Test(arguments: engines)
    func aHostErrorTrapsTheGuestWithItsMessage(engine: EngineChoice) throws {
        let module = try TestModules.build("host_calls")
        var functions = Self.hostFunctions { _ in true }
        functions[0] = HostFunction(module: "mpiwasm_test", name: "fill", type: FunctionType([.i32, .i32, .i32], [.i32])) { _, _ in
            throw HostTrap("the host refuses")
        }
        let error = try #require(throws: EngineError.self) {
            try Launcher(options: .init(module: module.path, engine: engine), hostFunctions: functions).run()
        }
        #expect("\(error)".contains("the host refuses"), "\(error)")
    }

    @Test func moduleInfoReadsImportSignaturesAndExports() throws {
        let info = try ModuleInfo(bytes: [UInt8](Data(contentsOf: TestModules.build("host_calls"))))
        let fill = try #require(info.imports.first { $0.name == "fill" })
        #expect(fill.module == "mpiwasm_test" && fill.function == FunctionType([.i32, .i32, .i32], [.i32]))
        #expect(info.imports.first { $0.name == "scale" }?.function == FunctionType([.f64, .f32], [.f64]))
        #expect(info.exports.contains("_start") && info.exports.contains("twice") && info.exports.contains("memory"))
    }
}
