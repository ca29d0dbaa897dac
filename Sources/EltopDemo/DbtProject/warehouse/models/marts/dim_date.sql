-- A date spine in plain SQL (no dbt_date): every day from the first rental or payment to the later of
-- the last one and today, so live traffic's dates are covered.
with bounds as (
    select
        least((select min(rental_date) from {{ ref('stg_rental') }}), (select min(payment_date) from {{ ref('stg_payment') }}))::date as first_day,
        greatest((select max(rental_date) from {{ ref('stg_rental') }}), (select max(payment_date) from {{ ref('stg_payment') }}), current_date)::date as last_day
),
days as (
    select generate_series(coalesce(first_day, current_date), coalesce(last_day, current_date), interval '1 day')::date as date_day
    from bounds
)
select
    to_char(date_day, 'YYYYMMDD')::int as date_key,
    date_day,
    extract(year from date_day)::int as year,
    extract(quarter from date_day)::int as quarter,
    extract(month from date_day)::int as month,
    to_char(date_day, 'FMMonth') as month_name,
    date_trunc('month', date_day)::date as month_start,
    extract(isodow from date_day)::int as day_of_week,
    extract(isodow from date_day) in (6, 7) as is_weekend
from days
