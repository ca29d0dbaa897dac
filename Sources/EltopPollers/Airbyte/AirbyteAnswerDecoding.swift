import Foundation

/// The Airbyte answers a poll decodes, decoded as `AirbyteAPI.call` decodes them, without a server:
/// public so that `eltop-bench` can measure the decoding by itself. Each returns how many entries it
/// found, which is all a measurement needs; the wire types stay internal.
public enum AirbyteAnswerDecoding {
    /// A public API jobs list (`GET /api/public/v1/jobs`): how many jobs.
    public static func jobsList(_ body: Data) throws -> Int {
        try PublicJobs.scan(body: body).data.count
    }

    /// A config API job answer (`POST /api/v1/jobs/get`): how many attempts.
    public static func jobInfo(_ body: Data) throws -> Int {
        try JSONDecoder().decode(JobInfoRead.self, from: body).attempts.count
    }
}
