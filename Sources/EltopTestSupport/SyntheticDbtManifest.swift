import Foundation

/// A manifest.json shaped like a large real project's (schema v12), for parser tests and the load
/// benchmark: `models` models spread over staging/marts/reports, two tests per model, each node padded
/// with the columns, code and config a real manifest carries: 5,000 models make 15,000 nodes and
/// about 65 MB, the scale of the 100 MB manifest measured in PLATFORM.md.
public enum SyntheticDbtManifest {
    public static let layers = ["staging", "intermediate", "marts", "reports"]

    public static func json(models: Int, project: String = "big_project") -> Data {
        var out = """
            {"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/manifest/v12.json","dbt_version":"1.11.16",\
            "generated_at":"2026-11-25T02:00:00.000000Z","project_name":"\(project)","adapter_type":"snowflake"},"nodes":{
            """
        out.reserveCapacity(models * 16_000)
        let padding = String(repeating: "-- transformation notes and lineage comments. ", count: 120)
        for i in 0..<models {
            let layer = layers[i % layers.count]
            let name = "\(layer)_model_\(i)"
            let id = "model.\(project).\(name)"
            if i > 0 { out += "," }
            out += """
                "\(id)":{"database":"ANALYTICS","schema":"\(layer.uppercased())","name":"\(name)","resource_type":"model",\
                "package_name":"\(project)","path":"\(layer)/\(name).sql","original_file_path":"models/\(layer)/\(name).sql",\
                "unique_id":"\(id)","fqn":["\(project)","\(layer)","\(name)"],"alias":"\(name)",\
                "checksum":{"name":"sha256","checksum":"\(String(repeating: "ab", count: 32))"},\
                "config":{"enabled":true,"alias":null,"schema":null,"database":null,"tags":["nightly"],"meta":{},\
                "materialized":"\(i % 3 == 0 ? "view" : "table")","incremental_strategy":null,"persist_docs":{},"quoting":{},\
                "column_types":{},"full_refresh":null,"unique_key":null,"on_schema_change":"ignore","grants":{},"packages":[],\
                "docs":{"show":true,"node_color":null},"contract":{"enforced":false,"alias_types":true},"access":"protected"},\
                "tags":["nightly"],"description":"Model \(i) of the synthetic project.",\
                "columns":{\(columns(i))},"meta":{},"group":null,"docs":{"show":true,"node_color":null},\
                "build_path":null,"deferred":false,"unrendered_config":{"materialized":"table"},"created_at":1790000000.0,\
                "relation_name":"ANALYTICS.\(layer.uppercased()).\(name.uppercased())",\
                "raw_code":"select * from {{ ref('model_\(max(0, i - 1))') }} \(padding)","language":"sql",\
                "refs":[{"name":"model_\(max(0, i - 1))","package":null,"version":null}],"sources":[],"metrics":[],\
                "depends_on":{"macros":["macro.dbt.run_query"],"nodes":["model.\(project).model_\(max(0, i - 1))"]},\
                "compiled_path":"target/compiled/\(project)/models/\(layer)/\(name).sql","contract":{"enforced":false,"checksum":null},\
                "access":"protected","constraints":[],"version":null,"latest_version":null,"deprecation_date":null}
                """
            for test in ["not_null", "unique"] {
                let testName = "\(test)_\(name)_id"
                out += """
                    ,"test.\(project).\(testName).0123456789":{"database":"ANALYTICS","schema":"\(layer.uppercased())_dbt_test__audit",\
                    "name":"\(testName)","resource_type":"test","package_name":"\(project)","path":"\(testName).sql",\
                    "original_file_path":"models/\(layer)/schema.yml","unique_id":"test.\(project).\(testName).0123456789",\
                    "fqn":["\(project)","\(layer)","\(testName)"],"config":{"enabled":true,"materialized":"test","severity":"ERROR",\
                    "store_failures":null,"where":null,"limit":null,"fail_calc":"count(*)","warn_if":"!= 0","error_if":"!= 0"},\
                    "raw_code":"{{ test_\(test)(**_dbt_generic_test_kwargs) }}","column_name":"id",\
                    "depends_on":{"macros":["macro.dbt.test_\(test)"],"nodes":["\(id)"]},"attached_node":"\(id)"}
                    """
            }
        }
        out += "},\"sources\":{},\"macros\":{},\"parent_map\":{},\"child_map\":{}}"
        return Data(out.utf8)
    }

    private static func columns(_ i: Int) -> String {
        (0..<24).map { c in
            "\"col_\(c)\":{\"name\":\"col_\(c)\",\"description\":\"Column \(c) of model \(i), documented at length for the catalog.\",\"meta\":{},\"data_type\":\"varchar\",\"constraints\":[],\"quote\":null,\"tags\":[]}"
        }.joined(separator: ",")
    }
}
