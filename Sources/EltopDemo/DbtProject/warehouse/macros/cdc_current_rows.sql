{#-
  The current version of each row of a raw table written by Airbyte's CDC: the latest change per key
  (highest _ab_cdc_lsn, then the latest extraction), and none for keys whose latest change is a delete
  (_ab_cdc_deleted_at set: a soft-deleted tombstone). Works whether raw keeps one row per key
  (Append + Deduped) or every change (Append).
-#}
{% macro cdc_current_rows(table, key_columns, columns) %}
with ranked as (
    select
        {{ columns | join(', ') }},
        _ab_cdc_deleted_at,
        row_number() over (
            partition by {{ key_columns | join(', ') }}
            order by _ab_cdc_lsn desc nulls last, _airbyte_extracted_at desc
        ) as change_rank
    from {{ source('raw', table) }}
)
select {{ columns | join(', ') }}
from ranked
where change_rank = 1 and _ab_cdc_deleted_at is null
{% endmacro %}
