{{ config(tags=['broken']) }}
-- Fails on purpose: every total is below 1000.
select * from {{ ref('fct_orders') }} where total < 1000
