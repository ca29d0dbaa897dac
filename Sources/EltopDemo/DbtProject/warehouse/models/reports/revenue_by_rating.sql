-- Revenue and rentals per MPAA rating.
select
    f.rating,
    count(*) as rentals,
    sum(r.amount_paid) as revenue
from {{ ref('fct_rental') }} r
join {{ ref('dim_film') }} f on f.film_key = r.film_key
group by 1
