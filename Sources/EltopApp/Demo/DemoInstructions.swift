import EltopConfig
import EltopDemo
import Foundation

/// What `eltop demo --headless` prints: how to reach every part of the running stack.
enum DemoInstructions {
    static func text(_ endpoints: DemoEndpoints, directory: DemoDirectory, config: Config, traffic: Int, schedule: String) -> String {
        """
        eltop demo is up (data in \(directory.path))
          source (eltop's role, pg_monitor):  \(endpoints.sourceURL)
          source (owner, for writes):         \(endpoints.sourceAdminURL)
          warehouse (dbt's profile):          \(endpoints.warehouseURL)
          warehouse (read-only):              \(endpoints.warehouseReaderURL)
          slot / publication:                 \(DVDRentalSetup.slot) / \(DVDRentalSetup.publication)
          dbt project:                        \(config.dbt.projectDir ?? "-") (profiles in \(config.dbt.profilesDir ?? "-"))
          local Airbyte:                      \(config.airbyte.server ?? "not running") (Basic auth \(DemoAirbyte.username) / \(DemoAirbyte.password), the demo's own)
          Airbyte connection:                 \(config.airbyte.connectionIDs.first ?? "-") (\(schedule))
          traffic:                            \(traffic > 0 ? "\(traffic) transactions/s" : "off (--traffic N)")
        raw fills with the connection's first sync, e.g.:
          curl -u \(DemoAirbyte.username):\(DemoAirbyte.password) -H 'Content-Type: application/json' \\
            -d '{"connectionId": "\(config.airbyte.connectionIDs.first ?? "-")", "jobType": "sync"}' \(config.airbyte.server ?? "-")/api/public/v1/jobs
        Ctrl-C stops eltop and its Airbyte; the clusters keep running until `eltop demo --down`.
        """
    }
}
