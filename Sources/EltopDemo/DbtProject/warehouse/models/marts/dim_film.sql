-- One row per film with its language and category (the sample gives each film one category).
with film_category as (
    select film_id, min(category_id) as category_id
    from {{ ref('stg_film_category') }}
    group by film_id
)
select
    {{ surrogate_key(['f.film_id']) }} as film_key,
    f.film_id,
    f.title,
    f.description,
    f.release_year,
    f.rental_duration,
    f.rental_rate,
    f.length,
    f.replacement_cost,
    f.rating,
    f.special_features,
    trim(l.name) as language,
    cat.name as category
from {{ ref('stg_film') }} f
left join {{ ref('stg_language') }} l on l.language_id = f.language_id
left join film_category fc on fc.film_id = f.film_id
left join {{ ref('stg_category') }} cat on cat.category_id = fc.category_id
