-- Revenue and rentals per film category.
select
    f.category,
    count(*) as rentals,
    sum(r.amount_paid) as revenue
from {{ ref('fct_rental') }} r
join {{ ref('dim_film') }} f on f.film_key = r.film_key
group by 1
