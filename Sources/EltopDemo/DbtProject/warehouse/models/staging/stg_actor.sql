-- The current actor rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('actor', ['actor_id'], ['actor_id', 'first_name', 'last_name', 'last_update']) }}
