import Foundation
import SystemCalls
import Testing

/// A large input's memory is advised for 2 MiB pages, in the heap where its allocations go;
/// a small one's is left alone. What the kernel then hands over depends on its settings
/// (/sys/kernel/mm/transparent_hugepage/enabled), so these check the advice, which the kernel
/// records on the mapping (`hg` among its VmFlags in /proc/self/smaps). (Where the input's
/// buffer then lands depends on what the process allocated before: `ConfigAPIBench startup`
/// shows the effect on a real `set`.) One at a time: `mallopt` is not safe while other threads
/// of the suite change the same settings.
@Suite(.serialized) struct ProcessMemoryTests {
    @Test func aSmallInputIsLeftAlone() {
        #expect(ProcessMemory.prepareForLargeInput(bytes: ProcessMemory.largeInputBytes - 1) == nil)
    }

    /// From the smallest large input up to the largest file config-api reads (16 MiB).
    @Test(arguments: [1 << 20, 4 << 20, 16 << 20])
    func aLargeInputsHeapIsAdvisedForHugePages(bytes: Int) throws {
        let kernelHasThem = FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled")
        let advised = ProcessMemory.prepareForLargeInput(bytes: bytes)
        guard kernelHasThem else {
            #expect(advised == nil, "madvise(MADV_HUGEPAGE) fails on a kernel without transparent huge pages")
            return
        }
        let range = try #require(advised)
        // The input and its tree (about four times the input) fit in whole 2 MiB pages.
        #expect(range.count >= min(4 * bytes, 24 << 20))
        let mapping = try #require(try Self.mapping(containing: range.lowerBound))
        #expect(mapping.range.lowerBound <= range.lowerBound && range.upperBound <= mapping.range.upperBound)
        #expect(mapping.flags.contains("hg"), "the stretch is not advised: VmFlags \(mapping.flags)")
    }

    /// The mapping of this process that holds `address`: its addresses and VmFlags.
    private static func mapping(containing address: UInt) throws -> (range: Range<UInt>, flags: [String])? {
        // Read to the end: procfs files have no size, and a sized read stops after the first page.
        let file = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        let smaps = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
        var current: Range<UInt>?
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let bounds = fields.first?.split(separator: "-"), bounds.count == 2,
                let low = UInt(bounds[0], radix: 16), let high = UInt(bounds[1], radix: 16)
            {
                current = low..<high
            } else if fields.first == "VmFlags:", let range = current, range.contains(address) {
                return (range, fields.dropFirst().map(String.init))
            }
        }
        return nil
    }
}
