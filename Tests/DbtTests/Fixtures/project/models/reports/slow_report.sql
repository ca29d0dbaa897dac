{{ config(tags=['slow'], materialized='table') }}
-- Sleeps a minute so a test can cancel dbt while the query runs.
select 1 as slept from (select pg_sleep(60)) as s
