import CMalloc
import EltopCore
#if canImport(Glibc)
import Glibc
#endif

/// glibc's malloc set for a program that loads something big now and then and idles in between.
///
/// Why (docs/benchmarks.md, "Scale"): glibc gives each thread that allocates an arena of its own, up to
/// eight per core, and an arena keeps the pages it has grown to; memory freed after a load stays with
/// malloc until something calls `malloc_trim`. Watching 5,000 dbt models and 1,000 tables, eltop had
/// seven arenas, one of them grown to 15.7 MiB by the manifest load, and was 67 MiB resident a minute
/// after loading against a target of 40. eltop's threads seldom allocate at the same moment (the main
/// actor, the pollers' waits, one dbt queue), so sharing arenas costs no waiting that shows.
public enum MallocTuning {
    /// The arenas eltop allows: the main thread's and one that the other threads share.
    static let arenas: Int32 = 2

    /// Limits the arenas; `eltop`'s `main` calls it first, before any thread but the main one exists.
    /// A `MALLOC_ARENA_MAX` in the environment wins: whoever set it is measuring or tuning.
    public static func atStartUp() {
        #if os(Linux)
        guard getenv("MALLOC_ARENA_MAX") == nil else { return }
        _ = eltop_malloc_limit_arenas(arenas)
        #endif
    }

    /// Gives malloc's free pages back to the kernel, in every arena: what a big load allocated and
    /// freed again (the file's bytes, the decoder's temporaries, the state it replaced). Costs a walk
    /// of the free lists, so only after such a load (`replacedBigData`), never on a timer.
    static func releaseFreePages() {
        #if os(Linux)
        _ = eltop_malloc_trim()
        #endif
    }

    /// Whether `event` replaced one of the state's two big parts: the dbt nodes (a manifest of 5,000
    /// models is 18,833 of them) or the warehouse's tables. A poll that brought the same data again
    /// (the dbt reader serves its cached reading while the files are unchanged) replaced nothing.
    static func replacedBigData(_ event: Event, old: DashboardState, new: DashboardState) -> Bool {
        switch event {
        case .pollSucceeded(.dbt, _): return old.dbt.reading != new.dbt.reading
        case .pollSucceeded(.warehouse, _): return old.warehouse.reading?.tables != new.warehouse.reading?.tables
        default: return false
        }
    }
}
