{{ config(tags=['broken']) }}
select no_such_column from {{ ref('stg_orders') }}
