-- The ten actors whose films were rented most (ties broken by actor id).
select
    fa.actor_id,
    fa.actor_name,
    count(*) as rentals,
    sum(r.amount_paid) as revenue
from {{ ref('fct_rental') }} r
join {{ ref('dim_film_actor') }} fa on fa.film_key = r.film_key
group by 1, 2
order by rentals desc, fa.actor_id
limit 10
