import EltopConfig
import EltopDemo

/// What `eltop demo --headless` prints: how to reach every part of the running stack.
enum DemoInstructions {
    static func text(_ endpoints: DemoEndpoints, directory: DemoDirectory, config: Config, traffic: Int) -> String {
        """
        eltop demo is up (data in \(directory.path))
          source (eltop's role, pg_monitor):  \(endpoints.sourceURL)
          source (owner, for writes):         \(endpoints.sourceAdminURL)
          warehouse (dbt's profile):          \(endpoints.warehouseURL)
          warehouse (read-only):              \(endpoints.warehouseReaderURL)
          slot / publication:                 \(DVDRentalSetup.slot) / \(DVDRentalSetup.publication)
          dbt project:                        \(config.dbt.projectDir ?? "-") (profiles in \(config.dbt.profilesDir ?? "-"))
          local Airbyte:                      not running yet (raw holds the initial snapshot)
          traffic:                            \(traffic > 0 ? "\(traffic) transactions/s" : "off (--traffic N)")
        Ctrl-C stops eltop; the clusters keep running until `eltop demo --down`.
        """
    }
}
