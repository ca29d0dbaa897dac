-- The ten customers who paid the most (ties broken by customer id, so the list is stable).
select
    c.customer_id,
    c.full_name,
    sum(r.amount_paid) as total_paid,
    count(*) as rentals
from {{ ref('fct_rental') }} r
join {{ ref('dim_customer') }} c on c.customer_key = r.customer_key
group by 1, 2
order by total_paid desc, c.customer_id
limit 10
