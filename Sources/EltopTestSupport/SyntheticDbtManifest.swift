import Foundation

/// A manifest.json shaped like a large real project's, for reader tests and the load benchmark.
///
/// `Shape.large` is the real 5,000-model project the benchmark is about: 5,000 models over
/// staging/intermediate/marts/reports, 13,833 tests, 250 sources, 306 macros, parent and child maps,
/// each model with ~3 KB of raw and ~4.5 KB of compiled SQL (with the newlines, quotes and tabs real SQL
/// has, so the escapes are exercised) and 12 documented columns: 18,833 nodes, about 100 MB.
/// The schema version is a parameter so that v10–v12 (and versions eltop refuses) can be written.
public enum SyntheticDbtManifest {
    public static let layers = ["staging", "intermediate", "marts", "reports"]
    static let testKinds = ["not_null", "unique", "relationships", "accepted_values"]

    public struct Shape: Sendable {
        public var models: Int
        public var tests: Int
        public var sources: Int
        public var macros: Int
        public var schemaVersion: Int

        public init(models: Int, tests: Int, sources: Int, macros: Int, schemaVersion: Int = 12) {
            self.models = models
            self.tests = tests
            self.sources = sources
            self.macros = macros
            self.schemaVersion = schemaVersion
        }

        /// The measured real project: 18,833 nodes, ~100 MB.
        public static let large = Shape(models: 5_000, tests: 13_833, sources: 250, macros: 306)

        /// The same proportions at `models` models.
        public static func scaled(models: Int, schemaVersion: Int = 12) -> Shape {
            Shape(
                models: models, tests: models * 13_833 / 5_000, sources: max(1, models / 20), macros: max(1, models * 306 / 5_000),
                schemaVersion: schemaVersion)
        }
    }

    /// The layer of model `i`, as its fqn says.
    public static func layer(ofModel i: Int) -> String { layers[i % layers.count] }
    public static func modelName(_ i: Int) -> String { "\(layer(ofModel: i))_model_\(i)" }

    public static func json(models: Int, project: String = "big_project") -> Data {
        json(.scaled(models: models), project: project)
    }

    public static func json(_ shape: Shape, project: String = "big_project") -> Data {
        var out = """
            {"metadata":{"dbt_schema_version":"https://schemas.getdbt.com/dbt/manifest/v\(shape.schemaVersion).json",\
            "dbt_version":"1.11.16","generated_at":"2026-11-25T02:00:00.000000Z","invocation_id":"4b1c6f1e-1b0e-4f51-9d1c-3c2a9f1e0a11",\
            "env":{},"project_name":"\(project)","project_id":"0123456789abcdef","user_id":null,"send_anonymous_usage_stats":false,\
            "adapter_type":"snowflake"},"nodes":{
            """
        out.reserveCapacity(shape.models * 21_000)
        let sql = SQLText()
        for i in 0..<shape.models {
            if i > 0 { out += "," }
            out += model(i, project: project, sql: sql, sourceCount: shape.sources)
        }
        for t in 0..<shape.tests {
            out += ","
            out += test(t, project: project, models: shape.models)
        }
        out += "},\"sources\":{"
        out += (0..<shape.sources).map { source($0, project: project) }.joined(separator: ",")
        out += "},\"macros\":{"
        out += (0..<shape.macros).map { macro($0, sql: sql) }.joined(separator: ",")
        out += "},\"docs\":{},\"exposures\":{},\"metrics\":{},\"groups\":{},\"selectors\":{},\"disabled\":{},\"parent_map\":{"
        out += maps(shape, project: project, parents: true)
        out += "},\"child_map\":{"
        out += maps(shape, project: project, parents: false)
        out += "},\"group_map\":{},\"saved_queries\":{},\"semantic_models\":{},\"unit_tests\":{}}"
        return Data(out.utf8)
    }

    static func modelId(_ i: Int, _ project: String) -> String { "model.\(project).\(modelName(i))" }
    static func testName(_ t: Int, models: Int) -> String {
        "\(testKinds[(t / max(1, models)) % testKinds.count])_\(modelName(t % max(1, models)))_col_\(t / max(1, models))"
    }
    static func testId(_ t: Int, _ project: String, models: Int) -> String { "test.\(project).\(testName(t, models: models)).\(String(t, radix: 16))" }
    static func sourceId(_ s: Int, _ project: String) -> String { "source.\(project).raw.table_\(s)" }

    /// Model `i` reads model `i - 1` (staging models read a source instead).
    static func parents(ofModel i: Int, project: String, sourceCount: Int) -> [String] {
        i % layers.count == 0 || i == 0 ? [sourceId(i % max(1, sourceCount), project)] : [modelId(i - 1, project)]
    }

    private static func model(_ i: Int, project: String, sql: SQLText, sourceCount: Int) -> String {
        let layer = layer(ofModel: i), name = modelName(i), id = modelId(i, project)
        let upper = layer.uppercased()
        let dependsOn = parents(ofModel: i, project: project, sourceCount: sourceCount).map { "\"\($0)\"" }.joined(separator: ",")
        return """
            "\(id)":{"database":"ANALYTICS","schema":"\(upper)","name":"\(name)","resource_type":"model",\
            "package_name":"\(project)","path":"\(layer)/\(name).sql","original_file_path":"models/\(layer)/\(name).sql",\
            "unique_id":"\(id)","fqn":["\(project)","\(layer)","\(name)"],"alias":"\(name)",\
            "checksum":{"name":"sha256","checksum":"\(String(repeating: "ab", count: 32))"},\
            "config":{"enabled":true,"alias":null,"schema":null,"database":null,"tags":["nightly"],"meta":{},\
            "group":null,"materialized":"\(i % 3 == 0 ? "view" : "table")","incremental_strategy":null,"batch_size":null,\
            "lookback":1,"begin":null,"persist_docs":{},"post-hook":[],"pre-hook":[],"quoting":{},\
            "column_types":{},"full_refresh":null,"unique_key":null,"on_schema_change":"ignore","on_configuration_change":"apply",\
            "grants":{},"packages":[],"docs":{"show":true,"node_color":null},"contract":{"enforced":false,"alias_types":true},\
            "event_time":null,"concurrent_batches":null,"access":"protected"},\
            "tags":["nightly"],"description":"Model \(i) of the synthetic project: one row per order line, \\"deduplicated\\".",\
            "columns":{\(columns(i))},"meta":{},"group":null,"docs":{"show":true,"node_color":null},\
            "patch_path":"\(project)://models/\(layer)/schema.yml","build_path":null,"unrendered_config":{"materialized":"table"},\
            "created_at":1790000000.123,"relation_name":"ANALYTICS.\(upper).\(name.uppercased())",\
            "raw_code":"\(sql.raw(i))","doc_blocks":[],"language":"sql",\
            "refs":[{"name":"\(modelName(max(0, i - 1)))","package":null,"version":null}],"sources":[["raw","table_\(i % max(1, sourceCount))"]],\
            "metrics":[],"functions":[],"depends_on":{"macros":["macro.dbt.run_query","macro.\(project).macro_\(i % 306)"],"nodes":[\(dependsOn)]},\
            "compiled_path":"target/compiled/\(project)/models/\(layer)/\(name).sql","compiled":true,\
            "compiled_code":"\(sql.compiled(i))","extra_ctes_injected":true,"extra_ctes":[],\
            "contract":{"enforced":false,"alias_types":true,"checksum":null},\
            "access":"protected","constraints":[],"version":null,"latest_version":null,"deprecation_date":null,"primary_key":["col_0"]}
            """
    }

    private static func test(_ t: Int, project: String, models: Int) -> String {
        let i = t % max(1, models)
        let layer = layer(ofModel: i), name = testName(t, models: models), id = testId(t, project, models: models)
        let kind = testKinds[(t / max(1, models)) % testKinds.count]
        let column = "col_\(t / max(1, models))"
        let model = modelId(i, project)
        return """
            "\(id)":{"database":"ANALYTICS","schema":"\(layer.uppercased())_dbt_test__audit","name":"\(name)",\
            "resource_type":"test","package_name":"\(project)","path":"\(name).sql","original_file_path":"models/\(layer)/schema.yml",\
            "unique_id":"\(id)","fqn":["\(project)","\(layer)","\(name)"],"alias":"\(name)",\
            "checksum":{"name":"none","checksum":""},"config":{"enabled":true,"alias":null,"schema":"dbt_test__audit",\
            "database":null,"tags":[],"meta":{},"group":null,"materialized":"test","severity":"ERROR","store_failures":null,\
            "store_failures_as":null,"where":null,"limit":null,"fail_calc":"count(*)","warn_if":"!= 0","error_if":"!= 0"},\
            "tags":[],"description":"","columns":{},"meta":{},"group":null,"docs":{"show":true,"node_color":null},\
            "patch_path":null,"build_path":null,"unrendered_config":{},"created_at":1790000000.5,"relation_name":null,\
            "raw_code":"{{ test_\(kind)(**_dbt_generic_test_kwargs) }}","doc_blocks":[],"language":"sql",\
            "refs":[{"name":"\(modelName(i))","package":null,"version":null}],"sources":[],"metrics":[],"functions":[],\
            "depends_on":{"macros":["macro.dbt.test_\(kind)","macro.dbt.get_where_subquery"],"nodes":["\(model)"]},\
            "compiled_path":"target/compiled/\(project)/models/\(layer)/schema.yml/\(name).sql","compiled":true,\
            "compiled_code":"\\n    \\n    \\n\\n\\n\\nselect \(column)\\nfrom ANALYTICS.\(layer.uppercased()).\(modelName(i).uppercased())\\nwhere \(column) is null\\n\\n\\n\\n-- \(kind) on \(column): a generic test compiled from the schema file, with the comments, \\"quotes\\" and blank lines dbt leaves in it.\\n-- \(String(repeating: "padding of the compiled test text ", count: 14))\\n",\
            "extra_ctes_injected":true,"extra_ctes":[],"contract":{"enforced":false,"alias_types":true,"checksum":null},\
            "column_name":"\(column)","file_key_name":"models.\(modelName(i))","attached_node":"\(model)",\
            "test_metadata":{"name":"\(kind)","kwargs":{"column_name":"\(column)","model":"{{ get_where_subquery(ref('\(modelName(i))')) }}"},"namespace":null}}
            """
    }

    private static func source(_ s: Int, project: String) -> String {
        let id = sourceId(s, project)
        let columns = (0..<6).map { "\"c\($0)\":{\"name\":\"c\($0)\",\"description\":\"\",\"meta\":{},\"data_type\":null,\"constraints\":[],\"quote\":null,\"tags\":[],\"granularity\":null,\"doc_blocks\":[]}" }.joined(separator: ",")
        return """
            "\(id)":{"database":"RAW","schema":"public","name":"table_\(s)","resource_type":"source","package_name":"\(project)",\
            "path":"models/sources.yml","original_file_path":"models/sources.yml","unique_id":"\(id)",\
            "fqn":["\(project)","raw","table_\(s)"],"source_name":"raw","source_description":"Tables Airbyte loads from Postgres CDC.",\
            "loader":"airbyte","identifier":"table_\(s)","quoting":{"database":null,"schema":null,"identifier":null,"column":null},\
            "loaded_at_field":"_airbyte_extracted_at","freshness":{"warn_after":{"count":12,"period":"hour"},"error_after":{"count":24,"period":"hour"},"filter":null},\
            "external":null,"description":"","columns":{\(columns)},"meta":{},"source_meta":{},"tags":[],\
            "config":{"enabled":true,"event_time":null},"patch_path":null,"unrendered_config":{},"relation_name":"RAW.public.table_\(s)","created_at":1790000000.0}
            """
    }

    private static func macro(_ m: Int, sql: SQLText) -> String {
        """
        "macro.big_project.macro_\(m)":{"name":"macro_\(m)","resource_type":"macro","package_name":"big_project",\
        "path":"macros/macro_\(m).sql","original_file_path":"macros/macro_\(m).sql","unique_id":"macro.big_project.macro_\(m)",\
        "macro_sql":"{% macro macro_\(m)(relation) %}\\n\(sql.macroBody)\\n{% endmacro %}","depends_on":{"macros":["macro.dbt.run_query"]},\
        "description":"","meta":{},"docs":{"show":true,"node_color":null},"patch_path":null,"arguments":[],"created_at":1790000000.0,"supported_languages":null}
        """
    }

    /// parent_map (node → what it reads) or child_map (node → what reads it), over models, tests and sources.
    private static func maps(_ shape: Shape, project: String, parents wantParents: Bool) -> String {
        var children: [[String]] = Array(repeating: [], count: shape.models)
        var sourceChildren: [[String]] = Array(repeating: [], count: shape.sources)
        var entries: [String] = []
        entries.reserveCapacity(shape.models + shape.tests + shape.sources)
        func list(_ ids: [String]) -> String { "[" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        for i in 0..<shape.models {
            let parentIds = parents(ofModel: i, project: project, sourceCount: shape.sources)
            if wantParents { entries.append("\"\(modelId(i, project))\":\(list(parentIds))") }
            if i % layers.count == 0 || i == 0 {
                if shape.sources > 0 { sourceChildren[i % shape.sources].append(modelId(i, project)) }
            } else {
                children[i - 1].append(modelId(i, project))
            }
        }
        for t in 0..<shape.tests {
            let model = t % max(1, shape.models)
            if wantParents { entries.append("\"\(testId(t, project, models: shape.models))\":[\"\(modelId(model, project))\"]") }
            if shape.models > 0 { children[model].append(testId(t, project, models: shape.models)) }
            if !wantParents { entries.append("\"\(testId(t, project, models: shape.models))\":[]") }
        }
        if !wantParents {
            for i in 0..<shape.models { entries.append("\"\(modelId(i, project))\":\(list(children[i]))") }
        }
        for s in 0..<shape.sources {
            entries.append("\"\(sourceId(s, project))\":" + (wantParents ? "[]" : list(sourceChildren[s])))
        }
        return entries.joined(separator: ",")
    }

    private static func columns(_ i: Int) -> String {
        (0..<12).map { c in
            "\"col_\(c)\":{\"name\":\"col_\(c)\",\"description\":\"Column \(c) of model \(i), documented at length for the catalog: where it comes from and what it means.\",\"meta\":{},\"data_type\":\"varchar\",\"constraints\":[],\"quote\":null,\"tags\":[],\"granularity\":null,\"doc_blocks\":[]}"
        }.joined(separator: ",")
    }
}

/// SQL as a JSON string body (already escaped): ~3 KB raw with Jinja, ~4.5 KB compiled.
private struct SQLText {
    let rawBody: String
    let compiledBody: String
    let macroBody: String

    init() {
        let line = "    case when \\\"status\\\" = 'shipped'\\tthen amount_usd * coalesce(fx_rate, 1.0) else 0 end as shipped_amount_usd,\\n"
        rawBody = String(repeating: line, count: 23)
        compiledBody = String(repeating: line, count: 35)
        macroBody = String(repeating: "    {% set q %} select count(*) from {{ relation }} {% endset %}\\n", count: 25)
    }

    func raw(_ i: Int) -> String {
        "with source as (\\n    select * from {{ ref('\(SyntheticDbtManifest.modelName(max(0, i - 1)))') }}\\n),\\nrenamed as (\\n  select\\n\(rawBody)    id\\n  from source\\n)\\nselect * from renamed\\n"
    }

    func compiled(_ i: Int) -> String {
        "with source as (\\n    select * from ANALYTICS.\(SyntheticDbtManifest.layer(ofModel: max(0, i - 1)).uppercased()).\(SyntheticDbtManifest.modelName(max(0, i - 1)).uppercased())\\n),\\nrenamed as (\\n  select\\n\(compiledBody)    id\\n  from source\\n)\\nselect * from renamed\\n"
    }
}
