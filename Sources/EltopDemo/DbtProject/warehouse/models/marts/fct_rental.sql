-- Grain: one row per rental. Payments are summed per rental before the join, so a rental with several
-- payments is not repeated; the film comes through the rented inventory item (not the rental id).
with payments as (
    select rental_id, sum(amount) as amount_paid, count(*) as payment_count, max(payment_date) as last_payment_date
    from {{ ref('stg_payment') }}
    group by rental_id
)
select
    {{ surrogate_key(['r.rental_id']) }} as rental_key,
    r.rental_id,
    {{ surrogate_key(['r.customer_id']) }} as customer_key,
    {{ surrogate_key(['i.film_id']) }} as film_key,
    {{ surrogate_key(['r.staff_id']) }} as staff_key,
    to_char(r.rental_date, 'YYYYMMDD')::int as rental_date_key,
    i.store_id,
    r.rental_date,
    r.return_date,
    extract(epoch from (r.return_date - r.rental_date)) / 86400.0 as rental_days,
    coalesce(p.amount_paid, 0) as amount_paid,
    coalesce(p.payment_count, 0) as payment_count,
    p.last_payment_date
from {{ ref('stg_rental') }} r
join {{ ref('stg_inventory') }} i on i.inventory_id = r.inventory_id
left join payments p on p.rental_id = r.rental_id
