-- The composite keys of the bridge tables stay unique after the CDC dedupe. Returns duplicated keys.
select 'film_actor' as model, actor_id as first_key, film_id as second_key
from {{ ref('stg_film_actor') }} group by actor_id, film_id having count(*) > 1
union all
select 'film_category', film_id, category_id
from {{ ref('stg_film_category') }} group by film_id, category_id having count(*) > 1
