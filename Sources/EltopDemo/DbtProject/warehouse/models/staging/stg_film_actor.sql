-- The current film_actor rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('film_actor', ['actor_id', 'film_id'], ['actor_id', 'film_id', 'last_update']) }}
