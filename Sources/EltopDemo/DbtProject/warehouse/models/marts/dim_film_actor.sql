-- The film–actor bridge: one row per actor in a film, with the actor's name.
select
    {{ surrogate_key(['fa.film_id', 'fa.actor_id']) }} as film_actor_key,
    {{ surrogate_key(['fa.film_id']) }} as film_key,
    fa.film_id,
    fa.actor_id,
    a.first_name || ' ' || a.last_name as actor_name
from {{ ref('stg_film_actor') }} fa
join {{ ref('stg_actor') }} a on a.actor_id = fa.actor_id
