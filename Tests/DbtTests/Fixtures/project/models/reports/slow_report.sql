{{ config(tags=['slow'], materialized='table') }}
select pg_sleep(60) as slept
