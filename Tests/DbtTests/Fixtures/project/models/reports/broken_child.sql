{{ config(tags=['broken']) }}
select * from {{ ref('broken_report') }}
