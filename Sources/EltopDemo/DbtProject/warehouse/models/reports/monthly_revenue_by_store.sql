-- Revenue per store and month, from payments (by payment date) through the rented item's store.
select
    i.store_id,
    date_trunc('month', p.payment_date)::date as month_start,
    count(*) as payments,
    sum(p.amount) as revenue
from {{ ref('stg_payment') }} p
join {{ ref('stg_rental') }} r on r.rental_id = p.rental_id
join {{ ref('stg_inventory') }} i on i.inventory_id = r.inventory_id
group by 1, 2
