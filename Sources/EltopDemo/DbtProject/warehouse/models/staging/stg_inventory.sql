-- The current inventory rows from raw: latest change per key, deletes dropped.
{{ cdc_current_rows('inventory', ['inventory_id'], ['inventory_id', 'film_id', 'store_id', 'last_update']) }}
